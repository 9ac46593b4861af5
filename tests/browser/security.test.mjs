// Security and robustness: the example post runs under a strict Content-Security-Policy with no
// violation and no console error, and markup in data labels, column names, URL values and figure
// options shows as text: nothing executes and no element is created from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withPage, artifactPath } from './harness.mjs';
import { encodeDataset } from '../../web/src/share.js';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const CSV_PAYLOAD = '<img src=x onerror=window.__pwned=1>'; // no quotes, so it is one plain CSV field

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

async function assertNothingRan(page, where) {
  await page.waitForTimeout(300); // an onerror handler would have fired by now
  const result = await page.evaluate(() => ({
    pwned: window.__pwned,
    images: document.querySelectorAll('img').length,
    framesImages: [...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument?.querySelectorAll('img').length ?? 0),
  }));
  assert.equal(result.pwned, undefined, `${where}: the payload ran`);
  assert.equal(result.images, 0, `${where}: an <img> was created`);
  assert.ok(result.framesImages.every((count) => count === 0), `${where}: an <img> was created in a frame`);
}

test('the example post runs under a strict CSP with no violations and no console errors', async () => {
  for (const width of [1400, 360]) {
    await withPage(browser, '/examples/index.html', { csp: STRICT_CSP, viewport: { width, height: 900 } }, async ({ page, cspViolations, failedRequests, responses }) => {
      const count = await page.locator('nn-figure').count();
      assert.ok(count >= 5, `the post has ${count} figures`);
      await page.waitForFunction((n) => document.querySelectorAll('nn-figure[data-state="ready"]').length === n, count, { timeout: 30_000 });
      // Work every figure once, so stepping and drawing also run under the policy.
      await page.evaluate(() => { for (const figure of document.querySelectorAll('nn-figure')) figure.controller.step(); });
      await page.waitForTimeout(800);
      await page.screenshot({ path: artifactPath(`example-post-${width}.png`), fullPage: true });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `sideways scrolling at ${width} px`);
      assert.deepEqual(cspViolations, [], 'CSP violations');
      assert.deepEqual(failedRequests, [], 'failed requests');
      const wasm = responses.filter(({ url }) => url.endsWith('.wasm'));
      assert.equal(wasm.length, 1, 'one .wasm fetch for every figure');
    });
  }
});

test('markup in URL values shows as text and never runs', async () => {
  const hash = new URLSearchParams({ data: PAYLOAD, seed: PAYLOAD, [PAYLOAD]: '1', ticks: PAYLOAD }).toString();
  await withPage(browser, `/#${hash}`, {}, async ({ page, cspViolations }) => {
    await page.waitForFunction(() => window.__algorhythm?.snapshot());
    const notice = page.locator('.figure-notice');
    await notice.waitFor({ state: 'visible' });
    assert.match(await notice.textContent(), /<img src=x/, 'the notice quotes the bad value as text');
    assert.equal(await page.evaluate(() => window.__algorhythm.store.get().data), 'songs4', 'defaults apply');
    await assertNothingRan(page, 'URL values');
    assert.deepEqual(cspViolations, []);
  });
});

test('markup in data labels and column names (from a link and from a CSV file) shows as text', async () => {
  const dataset = {
    name: PAYLOAD,
    task: 'binary',
    featureNames: [PAYLOAD, 'sad', 'piano'],
    classNames: ['dislikes', PAYLOAD],
    rowNames: [PAYLOAD, 'Two', 'Three', 'Four'],
    features: Float32Array.from([1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1]),
    targets: Float32Array.from([1, 0, 1, 0]),
    isTest: Uint8Array.from([0, 0, 0, 0]),
    planar: false,
    domain: [0, 1],
  };
  await withPage(browser, `/#views=explanation,graph,table&rows=${encodeDataset(dataset)}`, {}, async ({ page, cspViolations }) => {
    await page.waitForFunction(() => window.__algorhythm?.snapshot());
    assert.equal(await page.evaluate(() => window.__algorhythm.data().rowNames[0]), PAYLOAD, 'the link’s rows were used');
    await page.evaluate(() => window.__algorhythm.controller.step(6));
    const tableText = await page.textContent('.panel-table');
    assert.ok(tableText.includes(PAYLOAD), 'the table shows the row name as text');
    const graphText = await page.textContent('.panel-graph');
    assert.ok(graphText.includes(PAYLOAD), 'the graph shows the feature name as text');
    await assertNothingRan(page, 'labels from a link');

    const csv = `name,${CSV_PAYLOAD},sad,label\n${CSV_PAYLOAD},1,0,${CSV_PAYLOAD}\nB,0,1,plain\nC,1,1,plain\n`;
    await page.setInputFiles('.panel-export [data-export="import"]', { name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => /Imported the data/.test(document.querySelector('.panel-export .export-message').textContent));
    assert.ok((await page.textContent('.panel-table')).includes(CSV_PAYLOAD), 'CSV column names show as text');
    await assertNothingRan(page, 'labels from a CSV file');
    assert.deepEqual(cspViolations, []);
  });
});

test('markup in the iframe route’s options shows as text and never runs', async () => {
  const query = new URLSearchParams({ view: 'graph', data: PAYLOAD, onload: PAYLOAD, hidden: PAYLOAD, 'hidden-layers': PAYLOAD }).toString();
  await withPage(browser, `/embed.html?${query}`, { csp: STRICT_CSP }, async ({ page, cspViolations }) => {
    await page.waitForSelector('nn-figure[data-state="ready"]');
    const notice = page.locator('.figure-notice');
    await notice.waitFor({ state: 'visible' });
    assert.match(await notice.textContent(), /<img src=x/);
    assert.equal(await page.evaluate(() => document.querySelector('nn-figure').hasAttribute('onload')), false,
      'an option that is not one of the figure’s is not copied');
    await assertNothingRan(page, 'iframe options');
    assert.deepEqual(cspViolations, []);
  });
});
