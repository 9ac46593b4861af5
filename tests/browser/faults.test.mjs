// Faults a figure on someone's page must survive (issue 8): twenty figures on one page, a .wasm that
// fails to load, and a network that diverges. Each ends in a clear message inside the figure, the
// host page keeps working, and the reader's edited data survives. The host pages are written by the
// test and served through page.route on the site's origin (harness.mjs withHostPage).
//
//   ALGORHYTHM_WEB_DIST=/tmp/faults-dist node web/build.mjs
//   ALGORHYTHM_WEB_DIST=/tmp/faults-dist node --test tests/browser/faults.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withHostPage } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

const hostPage = (figures) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Faults</title>
<script type="module" src="/figure.js"></script></head>
<body><h1>A post</h1>
<button id="host-button" onclick="this.dataset.clicks = String(Number(this.dataset.clicks || 0) + 1)">Host button</button>
${figures}
</body></html>`;

test('a page with 20 figures: every one reaches ready, with no console errors', async () => {
  const kinds = ['songs4', 'songs8', 'xor', 'planar-circle', 'planar-gauss'];
  const figures = Array.from({ length: 20 }, (_, i) =>
    `<nn-figure id="f${i}" view="${i % 2 ? 'graph' : 'graph,table'}" data="${kinds[i % kinds.length]}" controls="step,reset"></nn-figure>`).join('\n');
  await withHostPage(browser, hostPage(figures), async ({ page, failedRequests, responses }) => {
    await page.waitForFunction(() => document.querySelectorAll('nn-figure[data-state="ready"]').length === 20, null, { timeout: 90_000 });
    // Each one works on its own.
    const ticks = await page.evaluate(() => [...document.querySelectorAll('nn-figure')].map((figure) => {
      const before = figure.controller.snapshot().tick;
      figure.controller.step();
      return figure.controller.snapshot().tick - before;
    }));
    assert.ok(ticks.every((delta) => delta > 0), `every figure steps: ${ticks}`);
    const paths = responses.map(({ url }) => new URL(url).pathname);
    assert.equal(paths.filter((path) => path.endsWith('.wasm')).length, 1, 'one .wasm fetch for 20 figures');
    assert.deepEqual(failedRequests, []);
  });
});

test('a .wasm that fails to load: each figure says so in itself and the host page keeps working', async () => {
  const figures = ['a', 'b', 'c'].map((id) => `<nn-figure id="${id}" view="graph,table" data="songs4"></nn-figure>`).join('\n');
  await withHostPage(browser, hostPage(figures), {
    beforeGoto: (page) => page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' })),
    // The only console errors are the browser's own note of the failed request; no page error (no uncaught error).
    expectedConsoleErrors: /404|Failed to load resource|wasm/i,
  }, async ({ page }) => {
    await page.waitForFunction(() => document.querySelectorAll('nn-figure[data-state="error"]').length === 3, null, { timeout: 30_000 });
    const texts = await page.evaluate(() => [...document.querySelectorAll('nn-figure')].map((figure) => figure.textContent.trim()));
    for (const text of texts) {
      assert.match(text, /could not (start|be loaded)/i, `the figure explains itself: ${text}`);
      assert.ok(text.length < 400, 'the message is short');
    }
    // The rest of the page still works.
    await page.click('#host-button');
    await page.click('#host-button');
    assert.equal(await page.getAttribute('#host-button', 'data-clicks'), '2');
    assert.equal(await page.textContent('h1'), 'A post');
  });
});

test('a diverging network: the engine’s message in the figure, no NaN drawn, the edited data survives', async () => {
  const figure = '<nn-figure id="d" view="graph,table,explanation,loss,boundary" data="planar-plane" hidden-layers="8,8" ' +
    'activation="linear" learning-rate="10" loss="squared-error" step="batch" controls="step,back,reset"></nn-figure>';
  await withHostPage(browser, hostPage(figure), async ({ page }) => {
    await page.waitForFunction(() => document.querySelector('#d')?.dataset.state === 'ready', null, { timeout: 30_000 });
    const rowsBefore = await page.evaluate(() => document.getElementById('d').controller.run.data().targets.length);
    // The reader edits the data in the table: adds a row.
    await page.click('#d .add-row');
    const rowsEdited = await page.evaluate(() => document.getElementById('d').controller.run.data().targets.length);
    assert.equal(rowsEdited, rowsBefore + 1, 'the table edit reached the run');

    const result = await page.evaluate(() => {
      const { controller } = document.getElementById('d');
      for (let i = 0; i < 500 && !controller.snapshot().diverged; i += 1) controller.step();
      const snapshot = controller.snapshot();
      return { diverged: snapshot.diverged, message: snapshot.message };
    });
    assert.equal(result.diverged, true, 'the run diverges');
    assert.match(result.message, /learning rate/);
    await page.waitForFunction((message) => document.getElementById('d').textContent.includes(message), result.message, { timeout: 10_000 });
    await page.waitForTimeout(300); // let any animation finish drawing
    const drawn = await page.evaluate(() => {
      const figure = document.getElementById('d');
      const attributes = [...figure.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((attribute) => /NaN/.test(attribute.value)).map((attribute) => `${element.tagName}[${attribute.name}]`));
      return { text: figure.textContent, attributes };
    });
    assert.ok(!/\bNaN\b/.test(drawn.text), 'no NaN in the figure’s text');
    assert.deepEqual(drawn.attributes, [], 'no NaN in any drawn attribute');

    // The edited data survives the divergence and can still be exported as CSV.
    const exported = await page.evaluate(() => {
      const { controller } = document.getElementById('d');
      const data = controller.run.data();
      const csv = controller.actions.dataCsv();
      return { rows: data.targets.length, finite: Array.from(data.features).every(Number.isFinite), csvLines: csv.trim().split('\n').length, csvNaN: /NaN/.test(csv) };
    });
    assert.equal(exported.rows, rowsEdited, 'the edited rows are still there');
    assert.equal(exported.finite, true);
    assert.equal(exported.csvLines, rowsEdited + 1, 'the CSV export holds a header and every edited row');
    assert.equal(exported.csvNaN, false);
    // Stepping back recovers the run, still with the edited rows.
    const recovered = await page.evaluate(() => {
      const { controller } = document.getElementById('d');
      controller.stepBack();
      return { diverged: controller.snapshot().diverged, rows: controller.run.data().targets.length };
    });
    assert.deepEqual(recovered, { diverged: false, rows: rowsEdited });
  });
});
