// The loss chart's axes: side by side, its two plots cover the same steps; its tick labels stay readable
// whatever the run (a tiny loss, a run seen from far along).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, W3_LINK as W3, withApp } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/**
 * Each plot's width and where its latest point sits (px from the plot's left edge: the right edge of
 * what the canvas drew there, less the latest point's dot), and its axes' tick labels.
 */
const plots = (page) => page.evaluate(() => {
  const canvas = document.querySelector('.loss-chart__canvas');
  const canvasBox = canvas.getBoundingClientRect();
  const ratio = canvas.width / canvasBox.width;
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const DOT_RADIUS = 2.5;
  return Object.fromEntries(['loss', 'accuracy'].map((kind) => {
    const panel = document.querySelector(`.loss-chart__panel--${kind}`);
    const plot = panel.querySelector('.loss-chart__capture').getBoundingClientRect();
    const [left, top, bottom] = [plot.left - canvasBox.left, plot.top - canvasBox.top, plot.bottom - canvasBox.top].map((v) => Math.round(v * ratio));
    let right = -1;
    for (let x = Math.min(canvas.width - 1, left + Math.round((plot.width + 10) * ratio)); x >= left && right < 0; x -= 1) {
      for (let y = Math.max(0, top - 5); y < Math.min(canvas.height, bottom + 5); y += 1) {
        if (data[4 * (y * canvas.width + x) + 3] > 128) { right = x; break; }
      }
    }
    return [kind, {
      width: plot.width,
      latest: right < 0 ? NaN : (right + 1) / ratio - (plot.left - canvasBox.left) - DOT_RADIUS,
      xTicks: [...panel.querySelectorAll('.loss-chart__axis--x .tick text')].map((text) => text.textContent),
      yTicks: [...panel.querySelectorAll('.loss-chart__axis--y .tick text')].map((text) => text.textContent),
    }];
  }));
});

/** How many of the loss chart's canvas pixels are the test line's colour (#8c6bb1). */
const testLinePixels = (page) => page.evaluate(() => {
  const canvas = document.querySelector('.loss-chart__canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 100 && Math.abs(data[i] - 0x8c) < 12 && Math.abs(data[i + 1] - 0x6b) < 12 && Math.abs(data[i + 2] - 0xb1) < 12) count += 1;
  }
  return count;
});

test('side by side, the loss and the accuracy plots cover the same steps', async () => {
  await withApp(browser, W3, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    // In one column (a tablet) the chart is wide enough for its plots to stand side by side.
    await page.setViewportSize({ width: 768, height: 900 });
    for (const epochs of [7, 23, 61]) {
      await page.evaluate((n) => { for (let i = 0; i < n; i += 1) window.__algorhythm.controller.step(); }, epochs);
      await page.waitForFunction(() => Number(document.querySelector('.loss-chart__plot').dataset.points) > 1);
      const { loss, accuracy } = await plots(page);
      assert.ok(Math.abs(loss.width - accuracy.width) > 20, 'the plots have different widths');
      // To the pixel: 1.5 px of either plot.
      assert.ok(Math.abs(loss.latest / loss.width - accuracy.latest / accuracy.width) < 1.5 / accuracy.width,
        `the latest step sits as far along both plots (${(loss.latest / loss.width).toFixed(3)} and ${(accuracy.latest / accuracy.width).toFixed(3)})`);
      assert.ok(loss.latest / loss.width > 0.7, `and the run fills most of the plot (${(loss.latest / loss.width).toFixed(3)})`);
    }
  }, { complete: true });
});

test('tick labels stay short and distinct: a run far along with one point, a tiny loss', async () => {
  // One step shown, 333,333 updates into the run: its x ticks keep every digit rather than two "333k".
  await withApp(browser, '/#data=songs8&hidden=4&learningRate=0.1&seed=2&step=example&views=graph,loss&ticks=333333', { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    await page.waitForFunction(() => document.querySelectorAll('.loss-chart__panel--loss .loss-chart__axis--x .tick text').length > 0);
    const { loss } = await plots(page);
    assert.equal(new Set(loss.xTicks).size, loss.xTicks.length, `distinct x ticks: ${loss.xTicks}`);
    // No label spells out three decimals ("333.333k", "0.000020").
    for (const tick of [...loss.xTicks, ...loss.yTicks]) assert.doesNotMatch(tick, /\.\d{3}/, `a short tick label: "${tick}"`);
  }, { complete: true });
});

test('the key names a test line only when the run has test rows', async () => {
  const testKeyShown = (page) => page.evaluate(() => {
    const key = document.querySelector('.loss-chart__key--test');
    return key !== null && key.getClientRects().length > 0;
  });
  // The songs are all training rows: no test line is drawn, so none is named.
  await withApp(browser, '/#data=songs4&step=epoch', { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    await page.evaluate(() => { for (let i = 0; i < 3; i += 1) window.__algorhythm.controller.step(); });
    assert.ok((await plots(page)).loss.latest > 0, 'the training line is drawn');
    assert.equal(await testLinePixels(page), 0, 'no test line for the songs');
    assert.equal(await testKeyShown(page), false, 'the key still names a test line');
  }, { complete: true });
  // W3 holds half its points out for testing: both lines, both keys.
  await withApp(browser, W3, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    await page.evaluate(() => { for (let i = 0; i < 3; i += 1) window.__algorhythm.controller.step(); });
    assert.ok(await testLinePixels(page) > 20, 'a test line is drawn');
    assert.equal(await testKeyShown(page), true, 'the key names the test line');
  }, { complete: true });
});

test('drawn a piece at a time while playing, the lines are the lines drawn whole', async () => {
  await withApp(browser, W3, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    const pixels = () => page.evaluate(() => {
      const canvas = document.querySelector('.loss-chart__canvas');
      return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data);
    });
    // 150 playing frames: the lines grow a point a frame, and most of each is kept drawn (growing-lines.js).
    await page.evaluate(() => {
      const { controller } = window.__algorhythm;
      controller.play();
      for (let i = 0; i < 150; i += 1) controller.playFrame(1);
      controller.pause();
    });
    await page.waitForFunction(() => Number(document.querySelector('.loss-chart__plot').dataset.points) > 150);
    const inPieces = await pixels();
    // The log scale and back: the lines are drawn again from their first point.
    const log = page.locator('.loss-chart__log input');
    await log.check();
    await log.uncheck();
    const whole = await pixels();
    let drawn = 0;
    let differing = 0;
    for (let i = 0; i < whole.length; i += 4) {
      if (whole[i + 3] > 128) drawn += 1;
      const difference = Math.max(...[0, 1, 2, 3].map((c) => Math.abs(whole[i + c] - inPieces[i + c])));
      if (difference > 48) differing += 1;
    }
    assert.ok(drawn > 1000, `the lines cover ${drawn} pixels`);
    // The segments where two pieces meet are drawn twice: their edges a shade darker, nothing more.
    assert.ok(differing < drawn / 100, `${differing} of ${drawn} line pixels differ`);
  }, { complete: true });
});
