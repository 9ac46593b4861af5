// Embedding: <nn-figure> on a host page and the iframe route. Figures are independent by default and
// share a run when given the same `run` name; one module load and one .wasm fetch serve them all; they
// fit 320–1400 px, follow light and dark, honour reduced motion, and leave the host page's own
// styles alone. The host pages here are written by the test (served through page.route, on the
// site's origin) so the built site needs no test fixtures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withHostPage, artifactPath } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A host post</title>
<style>body { margin: 24px; font: 19px/1.7 Georgia, serif; background: rgb(250, 240, 230); color: rgb(40, 30, 20); }
h1 { font-size: 40px; } .lede { font-size: 21px; color: rgb(90, 30, 30); } kbd { font-size: 13px; }</style>
<script type="module" src="/figure.js"></script></head>
<body><h1>My post</h1><p class="lede">An intro with a <kbd>key</kbd>.</p><button id="host-button">Host button</button>
<nn-figure id="a" view="graph,table" data="songs4" step="example" controls="step,back,reset"></nn-figure>
<nn-figure id="b" view="graph" data="songs4" step="example" controls="step"></nn-figure>
<nn-figure id="c" run="pair" view="graph" data="songs8" step="example" controls="step,reset"></nn-figure>
<nn-figure id="d" run="pair" view="loss,explanation" controls="step"></nn-figure>
</body></html>`;

const HOST_STYLES = ['body', 'h1', '.lede', 'kbd', '#host-button'];
const measureHost = (page) => page.evaluate((selectors) => {
  const pick = (element) => {
    const style = getComputedStyle(element);
    return [style.fontFamily, style.fontSize, style.color, style.backgroundColor, style.margin, style.boxSizing, style.borderRadius].join(' | ');
  };
  return {
    styles: Object.fromEntries(selectors.map((selector) => [selector, pick(document.querySelector(selector))])),
    rootVariables: ['--bg', '--ink', '--surface', '--boundary-ink'].map((name) => getComputedStyle(document.documentElement).getPropertyValue(name)),
  };
}, HOST_STYLES);

const waitForFigures = (page, count) => page.waitForFunction(
  (n) => document.querySelectorAll('nn-figure[data-state="ready"]').length === n, count, { timeout: 30_000 });
const tickOf = (page, id) => page.evaluate((which) => document.getElementById(which).controller.snapshot().tick, id);

test('independent figures, figures sharing a run, one module and one .wasm fetch', async () => {
  await withHostPage(browser, HOST_PAGE, async ({ page, responses }) => {
    await waitForFigures(page, 4);
    const ticks = async () => Object.fromEntries(await Promise.all(['a', 'b', 'c', 'd'].map(async (id) => [id, await tickOf(page, id)])));
    const start = await ticks();

    await page.click('#a [data-control="step"]');
    let now = await ticks();
    assert.ok(now.a > start.a, 'Step in figure a steps a');
    assert.equal(now.b, start.b, 'figure b is independent');
    assert.equal(now.c, start.c);

    await page.click('#c [data-control="step"]');
    await page.click('#d [data-control="step"]');
    now = await ticks();
    assert.ok(now.c > start.c, 'Step in c steps the shared run');
    assert.equal(now.c, now.d, 'c and d show one run');
    assert.equal(await page.evaluate(() => document.getElementById('c').controller === document.getElementById('d').controller), true);
    assert.equal(await page.evaluate(() => document.getElementById('a').controller === document.getElementById('b').controller), false);
    // The loss chart in d follows steps taken in c.
    const explanationBefore = await page.textContent('#d .panel-explanation');
    await page.click('#c [data-control="step"]');
    assert.notEqual(await page.textContent('#d .panel-explanation'), explanationBefore, 'd redraws when c steps');

    const paths = responses.map(({ url }) => new URL(url).pathname);
    assert.equal(paths.filter((path) => path.endsWith('.wasm')).length, 1, 'one .wasm fetch');
    assert.equal(paths.filter((path) => path === '/figure.js').length, 1, 'one module load');
  });
});

test('the figures leave the host page’s styles alone', async () => {
  const bare = HOST_PAGE.replace('<script type="module" src="/figure.js"></script>', '');
  await withHostPage(browser, bare, async ({ page }) => {
    const before = await measureHost(page);
    await page.addScriptTag({ type: 'module', url: '/figure.js' });
    await waitForFigures(page, 4);
    const after = await measureHost(page);
    assert.deepEqual(after, before);
    assert.deepEqual(after.rootVariables, ['', '', '', ''], 'no custom properties leak onto :root');
    // …while the figures themselves are styled.
    const panel = await page.evaluate(() => getComputedStyle(document.querySelector('#a .panel-graph')).borderRadius);
    assert.equal(panel, '12px');
  });
});

test('figures fit 320 to 1400 px, follow the colour scheme and honour reduced motion', async () => {
  for (const width of [320, 800, 1400]) {
    await withHostPage(browser, HOST_PAGE, { viewport: { width, height: 900 } }, async ({ page }) => {
      await waitForFigures(page, 4);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        figures: [...document.querySelectorAll('nn-figure')].map((figure) => figure.scrollWidth - figure.clientWidth),
      }));
      assert.equal(overflow.page, 0, `the page scrolls sideways at ${width} px`);
      assert.ok(overflow.figures.every((extra) => extra <= 0), `a figure overflows at ${width} px: ${overflow.figures}`);
      if (width === 320) await page.screenshot({ path: artifactPath('embed-host-320.png'), fullPage: true });
    });
  }

  const surfaces = {};
  for (const colorScheme of ['light', 'dark']) {
    await withHostPage(browser, HOST_PAGE, { colorScheme }, async ({ page }) => {
      await waitForFigures(page, 4);
      surfaces[colorScheme] = await page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('#a .panel-graph'));
        return { background: style.backgroundColor, color: style.color };
      });
    });
  }
  assert.notEqual(surfaces.light.background, surfaces.dark.background, 'panels change with the colour scheme');
  assert.notEqual(surfaces.light.color, surfaces.dark.color);

  for (const reducedMotion of ['no-preference', 'reduce']) {
    await withHostPage(browser, HOST_PAGE, { reducedMotion }, async ({ page }) => {
      await waitForFigures(page, 4);
      const animated = await page.evaluate(() => document.getElementById('a').controller.step().animate);
      assert.equal(animated, reducedMotion === 'no-preference', `a step animates: ${animated} with reduced motion ${reducedMotion}`);
    });
  }
});

test('the iframe route renders and reports its height to the parent', async () => {
  const parent = `<!doctype html><html><head><meta charset="utf-8"><title>Parent</title></head><body>
<iframe id="frame" src="/embed.html?view=graph,table&data=songs4&step=phase&controls=step,reset" style="width: 700px; border: 0"></iframe>
<script>
window.heights = [];
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'algorhythm:height') {
    window.heights.push(event.data.height);
    document.getElementById('frame').style.height = event.data.height + 'px';
  }
});
</script></body></html>`;
  await withHostPage(browser, parent, { pagePath: '/parent.html' }, async ({ page, cspViolations }) => {
    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 300, null, { timeout: 30_000 });
    const frame = page.frameLocator('#frame');
    await frame.locator('nn-figure[data-state="ready"]').waitFor();
    assert.ok(await frame.locator('.panel-graph svg').count() > 0, 'the graph renders in the frame');
    assert.ok(await frame.locator('.panel-table table').count() > 0, 'the table renders in the frame');
    const last = await page.evaluate(() => window.heights.at(-1));
    const inner = await page.evaluate(() => document.getElementById('frame').contentDocument.documentElement.scrollHeight);
    assert.ok(Math.abs(last - inner) <= 2, `reported ${last}, the frame's content is ${inner} px tall`);
    await page.screenshot({ path: artifactPath('embed-iframe.png'), fullPage: true });
    assert.deepEqual(cspViolations, []);
  });
});

test('an embedded figure with its settings panel offers no Show list: its author chose the views', async () => {
  const host = HOST_PAGE.replace(/<nn-figure id="a"[^>]*><\/nn-figure>[\s\S]*<\/body>/,
    '<nn-figure id="s" view="network,boundary" data="planar-circle" hidden-layers="4" settings-panel></nn-figure></body>');
  await withHostPage(browser, host, async ({ page }) => {
    await waitForFigures(page, 1);
    assert.ok(await page.locator('#s .settings-view').isVisible(), 'the settings are shown');
    assert.ok(await page.locator('#s .settings-view select').count() > 0, 'with their controls');
    assert.equal(await page.locator('#s .views-group').count(), 0, 'but no list of views to show');
  });
});

test('an embedded figure\'s settings panel lays its groups out by its own width: side by side in a wide figure, one column in a narrow one', async () => {
  const host = (width) => HOST_PAGE.replace(/<nn-figure id="a"[^>]*><\/nn-figure>[\s\S]*<\/body>/,
    `<div style="width: ${width}px"><nn-figure id="s" view="network" data="planar-xor" hidden-layers="4" settings-panel></nn-figure></div></body>`);
  const groups = (page) => page.evaluate(() => [...document.querySelectorAll('#s .settings-group')].map((group) => {
    const box = group.getBoundingClientRect();
    return { left: box.left, top: box.top, width: box.width, rule: getComputedStyle(group).borderBottomStyle };
  }));
  // A wide figure in a wide window: Data, Network and Learning in three columns, not fields a page wide.
  await withHostPage(browser, host(1000), { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    await waitForFigures(page, 1);
    const [data, network, learning] = await groups(page);
    assert.ok(Math.abs(data.top - network.top) < 1 && Math.abs(network.top - learning.top) < 1, 'the three groups start on one line');
    assert.ok(data.left < network.left && network.left < learning.left, 'side by side');
    assert.ok(data.width < 400, `a field is at most a column wide (${data.width} px)`);
  });
  // A narrow figure in a window where the app page would pair its settings up: one column, with rules between the groups.
  await withHostPage(browser, host(400), { viewport: { width: 1000, height: 900 } }, async ({ page }) => {
    await waitForFigures(page, 1);
    const [data, network, learning] = await groups(page);
    assert.ok(network.top > data.top && learning.top > network.top && data.left === network.left, 'one above the other');
    assert.deepEqual([data.rule, network.rule, learning.rule], ['solid', 'solid', 'none'], 'a rule under each group but the last');
    await page.locator('#s').screenshot({ path: artifactPath('embed-settings-400.png') });
  });
});

test('a figure\'s data table fits a narrow column of a wide window: its type follows the table\'s width, not the window\'s', async () => {
  const host = HOST_PAGE.replace(/<nn-figure id="a"[^>]*><\/nn-figure>[\s\S]*<\/body>/,
    '<div style="width: 400px"><nn-figure id="t" view="table" data="songs8"></nn-figure></div></body>');
  await withHostPage(browser, host, { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    await waitForFigures(page, 1);
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const scroller = document.querySelector('#t .table-scroller');
      return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
    });
    assert.ok(scrollWidth <= clientWidth, `the songs' table (${scrollWidth} px) fits its 400 px figure (${clientWidth} px inside the panel)`);
  });
});

test('in a narrow column of a wide window a figure\'s four transport buttons stay on one row, as on a phone', async () => {
  const host = HOST_PAGE.replace(/<nn-figure id="a"[^>]*><\/nn-figure>[\s\S]*<\/body>/,
    '<div style="width: 400px"><nn-figure id="n" view="network" data="planar-xor" hidden-layers="4"></nn-figure></div></body>');
  await withHostPage(browser, host, { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    await waitForFigures(page, 1);
    const buttons = await page.evaluate(() => [...document.querySelectorAll('#n .transport-buttons > button')]
      .map((button) => ({ name: button.dataset.control, top: button.getBoundingClientRect().top })));
    assert.equal(buttons.length, 4);
    assert.ok(buttons.every(({ top }) => Math.abs(top - buttons[0].top) < 1), `one row: ${buttons.map(({ name, top }) => `${name} ${top}`).join(', ')}`);
  });
});
