// The page loads under its CSP: the app bundle and the engine (one .wasm fetch, served as
// application/wasm) start without a console error, page error, failed request or CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withPage, artifactPath } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

test('the page loads cleanly and fetches the engine once', async () => {
  await withPage(browser, '/', {}, async ({ page, cspViolations, failedRequests, responses }) => {
    await page.waitForLoadState('networkidle');

    assert.notEqual((await page.title()).trim(), '', 'document.title is empty');
    assert.equal(await page.locator('#app').count(), 1, 'no #app element');
    const wasmResponses = responses.filter(({ url }) => new URL(url).pathname.endsWith('.wasm'));
    assert.equal(wasmResponses.length, 1, `expected one .wasm fetch, got ${wasmResponses.length}`);
    assert.equal(wasmResponses[0].status, 200);
    assert.equal(wasmResponses[0].contentType, 'application/wasm');
    await page.screenshot({ path: artifactPath('smoke.png'), fullPage: true });
    // Each page's tab icon: served beside it, as an SVG.
    for (const pagePath of ['/', '/melody.html', '/embed.html', '/examples/']) {
      const icon = await page.evaluate(async (where) => {
        const html = await (await fetch(where)).text();
        const link = new DOMParser().parseFromString(html, 'text/html').querySelector('link[rel="icon"]');
        if (!link) return null;
        const response = await fetch(new URL(link.getAttribute('href'), new URL(where, location.href)));
        return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
      }, pagePath);
      assert.ok(icon, `${pagePath} names an icon`);
      assert.equal(icon.status, 200, `${pagePath}'s icon is served`);
      assert.match(icon.type, /^image\/svg\+xml/);
      assert.match(icon.text, /^<svg /);
    }

    assert.deepEqual(failedRequests, [], 'failed requests');
    assert.deepEqual(cspViolations, [], 'CSP violations');
  });
});
