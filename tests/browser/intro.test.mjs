// The page's headline follows its data set: the songs story by default, words about points in a plane,
// a surface over it or a logic gate for those, and back to the songs (with index.html's emphasis) when the reader returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, W3_LINK as W3, withApp } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

const intro = (page) => page.evaluate(() => ({
  title: document.querySelector('h1').textContent,
  lede: document.querySelector('.lede').textContent.replace(/\s+/g, ' ').trim(),
  emphasis: document.querySelectorAll('.lede em').length,
}));

test('the headline and lede follow the data set, from the link and from the settings', async () => {
  await withApp(browser, W3, { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    const planar = await intro(page);
    assert.match(planar.title, /points in a plane/);
    assert.match(planar.lede, /heat map/);
    assert.doesNotMatch(planar.lede, /song/);

    // A regression set has values, not classes: no "sort points", no orange or blue.
    await page.evaluate(() => window.__algorhythm.store.set({ data: 'planar-bump', loss: 'squared-error', learningRate: 0.03 }));
    const surface = await intro(page);
    assert.match(surface.title, /surface/);
    assert.doesNotMatch(surface.lede, /class|orange/);

    await page.evaluate(() => window.__algorhythm.store.set({ data: 'xor' }));
    const gate = await intro(page);
    assert.match(gate.title, /logic gate/);

    await page.evaluate(() => window.__algorhythm.store.set({ data: 'songs4' }));
    const songs = await intro(page);
    assert.match(songs.title, /taste in songs/);
    assert.match(songs.lede, /modern/);
    assert.equal(songs.emphasis, 3, 'the songs lede keeps its emphasis on modern, sad and piano');
  });
  await withApp(browser, '/', { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    assert.match((await intro(page)).title, /taste in songs/, 'the default page tells the songs story');
  });
});
