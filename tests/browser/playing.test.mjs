// What playing spares, and that nothing is left stale: while the network plays, a view off screen
// sits out the frames and catches up when the reader scrolls to it, and the numbers on the views
// change together a few times a second; when the run pauses, every view shows the engine's current numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, W3_LINK as W3, withApp } from './harness.mjs';
import { PACE_MS } from '../../web/src/views/writes.js';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });


/**
 * body(page) on the W3 page in a reader's window, every panel drawn (harness withApp).
 * 1280 px wide shows the heat map beside the network; 960 px puts it under the network, off screen.
 */
const withW3Page = (body, viewport = { width: 1280, height: 900 }) => withApp(browser, W3, { viewport, reducedMotion: 'reduce' }, async ({ page }) => {
  assert.equal(await page.evaluate(() => window.__algorhythm.shape().inputs), 7, 'the link sets up W3, all seven input features');
  assert.equal(await page.locator('.figure-notice:not([hidden])').count(), 0, 'the page took every setting of the link');
  await body(page);
}, { complete: true });

/** Plays `frames` frames of one epoch each, as the page's clock draws them (the benchmark's path). */
const playFrames = (page, frames) => page.evaluate((count) => {
  const { controller, store } = window.__algorhythm;
  store.set({ speed: 1 });
  controller.play();
  for (let i = 0; i < count; i += 1) controller.playFrame(1);
}, frames);

const contour = (page) => page.getAttribute('.boundary-heatmap__contour', 'data-path');
const afterFrames = (page, count = 2) => page.evaluate((n) => new Promise((resolve) => {
  const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
  next(n);
}), count);

test('a view off screen sits out playing frames and catches up when scrolled to', async () => {
  await withW3Page(async (page) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await afterFrames(page);
    const boundaryTop = await page.evaluate(() => document.querySelector('.panel-boundary').getBoundingClientRect().top);
    assert.ok(boundaryTop > 900 + 200, `the heat map starts below the window (at ${boundaryTop} px)`);
    const before = await contour(page);
    const networkBefore = await page.textContent('.network-nodes g.neuron .value');
    await playFrames(page, 30);
    // Numbers change once per PACE_MS while playing: one more frame after that, so they have had a turn.
    await page.waitForTimeout(PACE_MS);
    await playFrames(page, 1);
    await afterFrames(page);
    assert.equal(await contour(page), before, 'the heat map, off screen, was not redrawn');
    assert.notEqual(await page.textContent('.network-nodes g.neuron .value'), networkBefore, 'the network, on screen, was');
    // Scrolled to, it catches up with the run at once (still playing).
    await page.evaluate(() => document.querySelector('.panel-boundary').scrollIntoView());
    await page.waitForFunction((old) => document.querySelector('.boundary-heatmap__contour').dataset.path !== old, before);
    const caughtUp = await contour(page);
    // Pausing draws every view from the same state: the line does not move again.
    await page.evaluate(() => window.__algorhythm.controller.pause());
    assert.equal(await contour(page), caughtUp, 'the caught-up line is the current one');
  }, { width: 960, height: 900 });
});

test('while playing, panels off screen skip their rendering; paused, every panel renders', async () => {
  await withW3Page(async (page) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const rendering = () => page.evaluate(() => ({
      playing: document.querySelector('.algorhythm').classList.contains('is-playing'),
      ...Object.fromEntries(['network', 'table'].map((name) => [name, getComputedStyle(document.querySelector(`.panel-${name}`)).contentVisibility])),
      height: document.querySelector('.panel-table').getBoundingClientRect().height,
    }));
    const paused = await rendering();
    assert.deepEqual({ ...paused, height: 0 }, { playing: false, network: 'visible', table: 'visible', height: 0 });
    await playFrames(page, 5);
    await afterFrames(page);
    const playing = await rendering();
    assert.deepEqual({ ...playing, height: 0 }, { playing: true, network: 'visible', table: 'auto', height: 0 },
      'playing: the browser may skip what is off screen, and only that');
    assert.equal(playing.height, paused.height, 'a skipped panel keeps its place (its last size)');
    // The data table below the window is skipped while playing (checkVisibility reports what the browser skips).
    const tableShown = () => page.evaluate(() => document.querySelector('.panel-table table').checkVisibility({ contentVisibilityAuto: true }));
    assert.equal(await tableShown(), false);
    await page.evaluate(() => window.__algorhythm.controller.pause());
    assert.deepEqual({ ...(await rendering()), height: 0 }, { playing: false, network: 'visible', table: 'visible', height: 0 });
    assert.equal(await tableShown(), true);
  }, { width: 1280, height: 440 }); // Chromium skips only what lies over 1.5 window heights below the window: a short window (the table starts ~1,210 px down)
});

test('while playing, the network\'s numbers, its links and the table\'s predictions change all in one frame, a few times a second', async () => {
  await withW3Page(async (page) => {
    // Frame by frame, as the page's clock plays (every view on screen): for the network's numbers and
    // the table's predictions, how many each frame changed and how many then differ from the engine's
    // (to the decimals shown); for the links, how many changed width or colour.
    const frames = await page.evaluate(() => new Promise((resolve) => {
      const { controller, store } = window.__algorhythm;
      store.set({ speed: 1 });
      controller.play();
      const read = () => {
        const { activations, rowOutputs } = window.__algorhythm.snapshot();
        const neurons = [...document.querySelectorAll('.network-nodes g.neuron')].map((node) => {
          const text = node.querySelector('.value').textContent;
          const activation = activations[Number(node.dataset.node.slice('n-'.length))];
          return { text, current: Math.abs(Number(text.replace('\u2212', '-')) - activation) <= 0.0005 + 1e-9 };
        });
        const predictions = [...document.querySelectorAll('.data-table tbody tr')].map((row) => {
          const text = row.querySelector('.prediction-value').textContent;
          return { text, current: text === rowOutputs[Number(row.dataset.row)].toFixed(2) };
        });
        const links = [...document.querySelectorAll('.network-links .weight-link')]
          .map((link) => ({ text: `${link.getAttribute('class')} ${link.getAttribute('stroke-width')}`, current: true }));
        return { neurons, predictions, links };
      };
      const compare = (now, last) => ({
        changed: now.filter((value, i) => value.text !== last[i].text).length,
        stale: now.filter((value) => !value.current).length,
      });
      const records = [];
      let last = read();
      const record = (drawnBy) => {
        const now = read();
        records.push({ drawnBy, at: performance.now(), ...Object.fromEntries(Object.keys(now).map((kind) => [kind, compare(now[kind], last[kind])])) });
        last = now;
      };
      const frame = () => {
        record('clock'); // what the page's own clock drew since (it plays too, a step a second)
        controller.playFrame(1);
        record('frame');
        if (records.length < 180) requestAnimationFrame(frame);
        else { controller.pause(); resolve(records); }
      };
      requestAnimationFrame(frame);
    }));
    const played = frames.filter((frame) => frame.drawnBy === 'frame');
    // At most one change per PACE_MS slot, however fast or slow the frames came.
    const slots = Math.ceil((frames.at(-1).at - frames[0].at) / PACE_MS) + 1;
    for (const kind of ['neurons', 'predictions', 'links']) {
      const changing = frames.filter((frame) => frame[kind].changed > 0);
      const playedChanging = played.filter((frame) => frame[kind].changed > 0);
      assert.ok(playedChanging.length >= 2, `${kind} changed in ${playedChanging.length} of ${played.length} frames`);
      assert.ok(playedChanging.length <= slots, `${kind}: once a slot at most (${playedChanging.length} of ${played.length} frames changed some, in ${slots} slots)`);
      for (const frame of changing) {
        assert.equal(frame[kind].stale, 0, `a frame that changed ${frame[kind].changed} ${kind} left ${frame[kind].stale} stale`);
      }
    }
  }, { width: 1280, height: 2400 });
});

test('while playing, a prediction\'s bar shows the number beside it; paused, every number is the engine\'s', async () => {
  await withW3Page(async (page) => {
    await playFrames(page, 3);
    // Each neuron's number against the engine's, to the three decimals shown.
    const agreement = () => page.evaluate(() => {
      const { activations } = window.__algorhythm.snapshot();
      return [...document.querySelectorAll('.network-nodes g.neuron')].map((node) => {
        const unit = Number(node.dataset.node.slice('n-'.length));
        const shown = Number(node.querySelector('.value').textContent.replace('\u2212', '-'));
        return Math.abs(shown - activations[unit]) <= 0.0005 + 1e-9;
      });
    });
    // Each row of the data table: its prediction's bar and the number beside it.
    const rows = () => page.evaluate(() => [...document.querySelectorAll('.data-table tbody tr')].map((row) => {
      const shown = Number(row.querySelector('.prediction-value').textContent.replace('\u2212', '-'));
      const bar = row.querySelector('.prediction-bar');
      // The bar's filled share, as the browser computes its background's size.
      const width = parseFloat(getComputedStyle(bar).backgroundSize.split(',')[0]);
      return { shown, width, positive: bar.classList.contains('positive'), row: Number(row.dataset.row) };
    }));
    await playFrames(page, 7);
    for (const row of await rows()) {
      assert.equal(row.width, Math.round(row.shown * 100), `playing, row ${row.row}'s bar shows the number beside it`);
      // The bar's colour is the class of the unrounded prediction: a shown 0.50 may be either.
      if (row.shown !== 0.5) assert.equal(row.positive, row.shown > 0.5, `playing, row ${row.row}'s bar is the colour of ${row.shown}`);
    }
    await page.evaluate(() => window.__algorhythm.controller.pause());
    // The loss chart's readout names the run's latest step (while playing, it too is written only once per PACE_MS).
    const updates = await page.evaluate(() => window.__algorhythm.snapshot().updates.toLocaleString('en-US'));
    assert.match(await page.textContent('.loss-chart__readout'), new RegExp(`^Latest, after ${updates} updates:`), 'paused, the loss chart\'s readout is current');
    const paused = await agreement();
    assert.ok(paused.every(Boolean), `paused, every number is current (${paused.filter((ok) => !ok).length} stale)`);
    const outputs = await page.evaluate(() => Array.from(window.__algorhythm.snapshot().rowOutputs));
    for (const row of await rows()) {
      assert.equal(row.shown.toFixed(2), outputs[row.row].toFixed(2), `paused, row ${row.row}'s prediction is current`);
      assert.equal(row.width, Math.round(outputs[row.row] * 100), `paused, row ${row.row}'s bar too`);
    }
  });
});
