// The page's layout at the widths readers use: on a wide screen the boundary, cube and loss chart stand
// beside the network and the data, so what the network has learned is on screen while it learns; on a
// phone every panel is one column, in reading order; no width makes the page or the graph scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, W3_LINK as W3, withApp, withPage } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });


/** body(page) once the page at `pagePath` in a `width` × `height` window has drawn every panel. */
const withDrawnPage = (pagePath, width, height, body) =>
  withApp(browser, pagePath, { viewport: { width, height }, reducedMotion: 'reduce' }, ({ page }) => body(page), { complete: true });

/** Each shown panel's box in the page (px), by view name. */
const panelBoxes = (page) => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.figure-stage .panel')]
  .filter((panel) => !panel.hidden)
  .map((panel) => {
    const box = panel.getBoundingClientRect();
    return [panel.dataset.view, { left: box.left, right: box.right, top: box.top + scrollY, bottom: box.bottom + scrollY }];
  })));

const scrollsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test('wide: the boundary and the loss chart stand beside the network, which shows every number', async () => {
  await withDrawnPage(W3, 1280, 900, async (page) => {
    const { network, boundary, loss, table } = await panelBoxes(page);
    assert.ok(boundary.left >= network.right, `the heat map (from ${boundary.left} px) is right of the network (to ${network.right} px)`);
    assert.ok(Math.abs(boundary.top - network.top) < 1, 'their tops line up');
    assert.ok(loss.top >= boundary.bottom && Math.abs(loss.left - boundary.left) < 1, 'the loss chart is under the heat map');
    assert.ok(table.top >= network.bottom && Math.abs(table.left - network.left) < 1 && Math.abs(table.right - network.right) < 1,
      'the data are under the network, in its column');
    assert.ok(network.bottom - network.top < 900 - 100, 'the whole network fits a reader\'s window under the transport bar');
    assert.equal(await page.locator('.network-hint').textContent().then((text) => text.includes('Too narrow')), false,
      'the network has room for every neuron\'s number');
    assert.equal(await scrollsSideways(page), false);
  });
});

test('wide, with no explanation chosen: the network and the heat map start at the top of the stage', async () => {
  await withDrawnPage(`${W3}&views=network,boundary,loss,table`, 1280, 900, async (page) => {
    const { network, boundary } = await panelBoxes(page);
    const stageTop = await page.evaluate(() => document.querySelector('.figure-stage').getBoundingClientRect().top + scrollY);
    assert.ok(Math.abs(network.top - stageTop) < 1 && Math.abs(boundary.top - stageTop) < 1,
      `the network (${network.top} px) and the heat map (${boundary.top} px) at the stage's top (${stageTop} px)`);
  });
});

test('wide, with no side view chosen: the network takes the whole width', async () => {
  await withDrawnPage(`${W3}&views=explanation,network,table`, 1280, 900, async (page) => {
    const { network } = await panelBoxes(page);
    const stage = await page.evaluate(() => document.querySelector('.figure-stage').getBoundingClientRect().toJSON());
    assert.ok(Math.abs(network.right - stage.right) < 1 && Math.abs(network.left - stage.left) < 1,
      `the network (${network.left}–${network.right} px) spans the stage (${stage.left}–${stage.right} px)`);
  });
});

test('wide, with only side views chosen: they take the whole width, paired up', async () => {
  await withDrawnPage(`${W3}&views=boundary,loss`, 1280, 900, async (page) => {
    const { boundary, loss } = await panelBoxes(page);
    const stage = await page.evaluate(() => document.querySelector('.figure-stage').getBoundingClientRect().toJSON());
    assert.ok(Math.abs(boundary.left - stage.left) < 1, `the heat map starts at the stage's left (${boundary.left} vs ${stage.left} px)`);
    assert.ok(Math.abs(loss.right - stage.right) < 1 && Math.abs(loss.top - boundary.top) < 1, 'the loss chart beside it, to the right edge');
  });
});

/**
 * In the page, from its first frame until its panels are all drawn ('figure:complete'), each frame's
 * width of the network panel and whether the cube panel is shown: window.__layoutFrames.
 */
function recordLayoutFrames() {
  window.__layoutFrames = [];
  const record = () => {
    const network = document.querySelector('.panel-network');
    const cube = document.querySelector('.panel-cube');
    if (network) window.__layoutFrames.push({ network: Math.round(network.getBoundingClientRect().width), cubeShown: cube ? !cube.hidden : null });
    if (performance.getEntriesByName('figure:complete').length === 0) requestAnimationFrame(record);
    else window.__layoutDone = true;
  };
  requestAnimationFrame(record);
}

test('from its first paint the page keeps its layout: the panels drawn a frame later only fill their places', async () => {
  for (const link of [W3, `${W3}&views=explanation,network,table`]) {
    await withPage(browser, link, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', initScript: recordLayoutFrames }, async ({ page }) => {
      await page.waitForFunction(() => window.__layoutDone, null, { timeout: 15000 });
      const frames = await page.evaluate(() => window.__layoutFrames);
      assert.ok(frames.length >= 2, `frames recorded before the last panels were drawn: ${frames.length}`);
      assert.deepEqual(new Set(frames.map((frame) => frame.network)).size, 1, `${link}: the network's width stays put (${frames.map((f) => f.network)})`);
      assert.ok(frames.every((frame) => frame.cubeShown === false), `${link}: the cube, which the spiral has no use for, is never shown`);
    });
  }
});

test('a phone: one column in reading order, nothing wider than the window', async () => {
  await withDrawnPage(W3, 375, 800, async (page) => {
    const boxes = await panelBoxes(page);
    const order = Object.entries(boxes).sort(([, a], [, b]) => a.top - b.top).map(([name]) => name);
    assert.deepEqual(order.slice(0, 5), ['explanation', 'network', 'boundary', 'loss', 'table']);
    for (const [name, box] of Object.entries(boxes)) assert.ok(box.right <= 375, `${name} ends at ${box.right} px`);
    assert.equal(await scrollsSideways(page), false);
    // The network is crowded here; each input's value (e.g. 12.56) still fits inside its square.
    await page.evaluate(() => { for (let i = 0; i < 20; i += 1) window.__algorhythm.controller.actions.step(1); });
    const inputs = await page.evaluate(() => [...document.querySelectorAll('.network-nodes g.input')].map((input) => ({
      text: input.querySelector('.value').textContent,
      width: input.querySelector('.value').getBBox().width,
      box: input.querySelector('rect').getBBox().width,
    })));
    assert.ok(inputs.length === 7 && inputs.every(({ text }) => /\d/.test(text)), 'seven input values shown');
    for (const { text, width, box } of inputs) assert.ok(width <= box, `${text}: ${width.toFixed(1)} px in a ${box} px square`);
  });
});

test('a phone: a notice about a long unreadable value in the link wraps instead of widening the page', async () => {
  await withDrawnPage(`/#features=${'x,'.repeat(60)}nonsense`, 375, 800, async (page) => {
    assert.match(await page.locator('.figure-notice').textContent(), /features/);
    const dismiss = await page.locator('.figure-notice button').boundingBox();
    assert.ok(dismiss.x + dismiss.width <= 375, `the Dismiss button ends at ${dismiss.x + dismiss.width} px`);
    assert.equal(await scrollsSideways(page), false);
  });
});

test('the songs\' graph never scrolls sideways and its numbers fit their boxes, at any width where it sits beside the cube', async () => {
  for (const width of [1000, 1050, 1100, 1180, 1280, 1440]) {
    await withDrawnPage('/', width, 900, async (page) => {
      const { graph, cube } = await panelBoxes(page);
      assert.ok(cube.left >= graph.right, `${width} px: the cube is beside the graph`);
      const scroller = await page.evaluate(() => {
        const element = document.querySelector('.neuron-graph-scroller');
        return { scrollWidth: element.scrollWidth, clientWidth: element.clientWidth };
      });
      assert.ok(scroller.scrollWidth <= scroller.clientWidth, `${width} px: the graph (${scroller.scrollWidth} px) fits its panel (${scroller.clientWidth} px)`);
      assert.equal(await scrollsSideways(page), false, `${width} px: the page does not scroll sideways`);
      // Stepped through one song's four phases to its update, every number fits inside its box
      // (a weight shows "old → new" where there is room).
      await page.evaluate(() => { for (let i = 0; i < 4; i += 1) window.__algorhythm.controller.step(); });
      assert.match(await page.locator('.panel-explanation').textContent(), /^Update/);
      if (width >= 1180) {
        assert.ok(await page.locator('.neuron-graph .value.compact', { hasText: '→' }).count() > 0,
          `${width} px: a weight shows its update as old → new`);
      }
      const overflows = await page.evaluate(() => [...document.querySelectorAll('.neuron-graph g.node')].flatMap((node) => {
        const box = node.querySelector('.node-box').getBBox();
        return [...node.querySelectorAll('text')].filter((text) => text.textContent && text.getBBox().width > box.width - 4)
          .map((text) => `${text.textContent} (${text.getBBox().width.toFixed(0)} px in ${box.width.toFixed(0)})`);
      }));
      assert.deepEqual(overflows, [], `${width} px: texts wider than their boxes`);
    });
  }
});

test('the songs\' table fits its panel at every width: every column in view, none behind a sideways scroll', async () => {
  // The data sit beside the side views on a wide page and in one column on a phone: the table's type
  // follows its own width, so 1280 px (its panel 550 px wide) and 360 px fit as well as 1440 and 320.
  for (const width of [1440, 1280, 1180, 1000, 600, 521, 375, 360, 320]) {
    await withDrawnPage('/#data=songs8', width, 900, async (page) => {
      const { scrollWidth, clientWidth, lastColumn, panelRight } = await page.evaluate(() => {
        const scroller = document.querySelector('.table-scroller');
        const remove = document.querySelector('.data-table tbody tr .remove-row').getBoundingClientRect();
        return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, lastColumn: remove.right, panelRight: scroller.getBoundingClientRect().right };
      });
      assert.ok(scrollWidth <= clientWidth, `${width} px: the table (${scrollWidth} px) fits its panel (${clientWidth} px)`);
      assert.ok(lastColumn <= panelRight + 0.5, `${width} px: the remove buttons (to ${lastColumn} px) are in view (to ${panelRight} px)`);
    });
  }
  // The plane's narrower table keeps its prediction bars in the same 550 px panel.
  await withDrawnPage(W3, 1280, 900, async (page) => {
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('.data-table .prediction-bar')).display), 'none', 'W3 at 1280 px: the bars are shown');
  });
});

test('the network\'s column captions never run into each other; where they are short, the hint names the activation', async () => {
  for (const width of [1440, 1280, 1100, 1000, 900, 768, 375]) {
    await withDrawnPage(W3, width, 900, async (page) => {
      const { boxes, hint } = await page.evaluate(() => ({
        boxes: [...document.querySelectorAll('.network-nodes text.column-caption')].map((text) => {
          const box = text.getBoundingClientRect();
          return { text: text.textContent, left: box.left, right: box.right };
        }),
        hint: document.querySelector('.network-hint').textContent,
      }));
      assert.equal(boxes.length, 8, 'inputs, six hidden layers and the output');
      for (let c = 1; c < boxes.length; c += 1) {
        assert.ok(boxes[c].left >= boxes[c - 1].right + 2,
          `${width} px: "${boxes[c - 1].text}" (to ${boxes[c - 1].right.toFixed(1)}) runs into "${boxes[c].text}" (from ${boxes[c].left.toFixed(1)})`);
      }
      const named = boxes.slice(1, -1).every((box) => box.text.includes('tanh'));
      assert.equal(hint.includes('Hidden layers: tanh.'), !named, `${width} px: the hint names the activation only when the captions do not`);
    });
  }
});

test('scrolled, the sticky settings sit under the transport bar, whether it takes one row or two', async () => {
  for (const width of [1180, 1440]) {
    await withDrawnPage(W3, width, 700, async (page) => {
      await page.evaluate(() => window.scrollTo(0, 700));
      await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
      const { bar, settings } = await page.evaluate(() => ({
        bar: document.querySelector('.figure-top').getBoundingClientRect(),
        settings: document.querySelector('.figure-settings').getBoundingClientRect(),
      }));
      assert.ok(settings.top >= bar.bottom, `${width} px: the settings (from ${settings.top} px) start under the bar (to ${bar.bottom} px)`);
      assert.ok(settings.top - bar.bottom < 24, `${width} px: and just under it (${settings.top - bar.bottom} px apart)`);
      assert.ok(settings.bottom <= 700 + 1, `${width} px: the settings end inside the window (at ${settings.bottom} px)`);
    });
  }
});
