// How the pages load (issue 7): every script and engine.wasm is asked for by the HTML itself, in one
// round (no chunk or .wasm found only after a script has run), engine.wasm is fetched once and
// compiled by engine-start.js before the app's bundle runs, the ready signal means the first figure
// works, the side views and the data follow, and each page transfers at most 250 KB gzipped. Timings
// are left to tests/bench/bench-page.mjs: these tests check the order of things and sizes, which do
// not depend on how busy the machine is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openBrowser, withPage, webDist } from './harness.mjs';

const TRANSFER_BUDGET_GZIP = 250_000; // bytes, issue 7: wasm, JS, CSS and HTML together

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

const PAGES = [
  { path: '/', ready: () => window.__algorhythm !== undefined },
  { path: '/melody.html', ready: () => window.__melody !== undefined },
  { path: '/embed.html?view=graph,table', ready: () => document.querySelector('nn-figure')?.dataset.state === 'ready' },
];

/** The same-origin paths the page's HTML names in src and href attributes. */
const pathsNamedByHtml = (page) => page.evaluate(() => [...document.querySelectorAll('script[src], link[href]')]
  .map((element) => new URL(element.getAttribute('src') ?? element.getAttribute('href'), location.href))
  .filter((url) => url.origin === location.origin)
  .map((url) => url.pathname));

for (const { path, ready } of PAGES) {
  test(`${path}: the HTML names every script and engine.wasm, fetched once each, compiled before the bundle runs`, async () => {
    await withPage(browser, path, {}, async (view) => {
      const { page } = view;
      await page.waitForFunction(ready, null, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const fetched = view.responses.map(({ url }) => new URL(url).pathname).filter((p) => /\.(js|wasm)$/.test(p));
      const named = await pathsNamedByHtml(page);
      const unnamed = fetched.filter((p) => !named.includes(p));
      assert.deepEqual(unnamed, [], 'files found only after a script ran: a second round of requests');
      assert.equal(fetched.filter((p) => p.endsWith('.wasm')).length, 1, 'the preload and engine-start.js share one fetch');
      assert.equal(view.responses.find(({ url }) => url.endsWith('.wasm')).contentType, 'application/wasm');

      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      assert.ok(marks['engine:compile-start'] !== undefined && marks['engine:compiled'] !== undefined, 'the engine was compiled');
      if (marks['app:start'] !== undefined) {
        assert.ok(marks['engine:compile-start'] < marks['app:start'], 'engine-start.js started compiling before the app bundle ran');
      }
      // Everything the page fetched, gzipped as a host would send it, within the budget. Sizes do not
      // depend on the machine, so this is a test and not only a benchmark figure.
      const files = [...new Set(view.responses.map(({ url }) => new URL(url)).filter((url) => url.origin === new URL(view.url).origin)
        .map((url) => decodeURIComponent(url.pathname).replace(/^\//, '').split('?')[0] || 'index.html'))];
      const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(webDist, file)), { level: 9 }).length, 0);
      assert.ok(files.some((file) => file.endsWith('.wasm')) && files.some((file) => file.endsWith('.js')));
      assert.ok(gzipBytes <= TRANSFER_BUDGET_GZIP, `${path} transfers ${gzipBytes} bytes gzipped (${files.join(', ')}), over ${TRANSFER_BUDGET_GZIP}`);
      assert.deepEqual(view.failedRequests, []);
      assert.deepEqual(view.cspViolations, []);
    });
  });
}

test('at the ready signal the first figure is drawn and steps; the side views and the data follow', async () => {
  await withPage(browser, '/embed.css', { reducedMotion: 'reduce' }, async ({ page, url }) => { // any small file: it starts the server
    // What the page looks like at the very moment it signals ready, before anything else can run.
    await page.addInitScript(() => {
      let value;
      Object.defineProperty(window, '__algorhythm', {
        configurable: true,
        get: () => value,
        set: (next) => {
          value = next;
          const step = [...document.querySelectorAll('.panel-transport button')].find((button) => /^step$/i.test(button.textContent.trim()));
          window.__atReady = {
            stepEnabled: Boolean(step && !step.disabled),
            graphDrawn: document.querySelectorAll('.panel-graph g.node').length > 0,
            explanation: document.querySelector('.panel-explanation')?.textContent.trim().length ?? 0,
            busy: document.getElementById('app').hasAttribute('aria-busy'),
            tablePanel: document.querySelectorAll('.panel-table .panel-body *').length,
          };
        },
      });
    });
    await page.goto(new URL('/', url).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__atReady !== undefined, null, { timeout: 30_000 });
    const atReady = await page.evaluate(() => window.__atReady);
    assert.equal(atReady.stepEnabled, true, 'the Step button works');
    assert.equal(atReady.graphDrawn, true, 'the graph is drawn');
    assert.ok(atReady.explanation > 0, 'the explanation is written');
    assert.equal(atReady.tablePanel, 0, 'the table is left for after the first paint');

    const tickBefore = await page.evaluate(() => window.__algorhythm.snapshot().tick);
    await page.getByRole('button', { name: /^step$/i }).click();
    await page.waitForFunction((before) => window.__algorhythm.snapshot().tick > before, tickBefore, { timeout: 5000 });

    await page.evaluate(() => window.__algorhythm.complete);
    for (const name of ['table', 'cube', 'loss', 'export']) {
      const drawn = await page.locator(`.panel-${name} .panel-body *`).count();
      assert.ok(drawn > 0, `the ${name} panel is drawn once the figure is complete`);
    }
    const marks = await page.evaluate(() => ['figure:started', 'figure:drawn', 'figure:complete']
      .map((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime));
    assert.ok(marks[0] <= marks[1] && marks[1] <= marks[2], `marks in order: ${marks}`);
  });
});

test('a host that sends engine.wasm with another MIME type: the page still starts', async () => {
  await withPage(browser, '/embed.css', {}, async ({ page, url }) => {
    await page.route('**/engine.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await page.goto(new URL('/', url).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__algorhythm !== undefined, null, { timeout: 30_000 });
  });
});

test('an engine.wasm that fails to load: the page says so, with no uncaught error', async () => {
  // The only console errors are the browser's note of the failed request and the page's own; no page
  // error: the failed compilation is handled, not an unhandled rejection.
  await withPage(browser, '/embed.css', { expectedConsoleErrors: /404|Failed to load resource|could not start/i }, async ({ page, url }) => {
    await page.route('**/engine.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
    await page.goto(new URL('/', url).href, { waitUntil: 'load' });
    await page.getByText(/engine could not be loaded/i).waitFor({ timeout: 30_000 });
  });
});
