// The network view's thumbnails: each neuron's output over the plane, sampled once per pixel the
// thumbnail shows (web/src/views/index.js drawNeuronThumbnail), from the engine's own grid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, W3_LINK as W3, withPage } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

test('each thumbnail shows its neuron over the plane, one engine sample per pixel, inside a disc', async () => {
  await withPage(browser, W3, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    await page.waitForFunction(() => window.__algorhythm?.snapshot(), null, { timeout: 15000 });
    await page.evaluate(() => { for (let i = 0; i < 30; i += 1) window.__algorhythm.controller.actions.step(1); });
    const checks = await page.evaluate(() => {
      const { run } = window.__algorhythm.controller;
      const data = run.data();
      const shape = run.shape();
      const count = data.featureNames.length;
      const rows = data.features.length / count;
      const means = data.featureNames.map((_, f) => {
        let sum = 0;
        for (let r = 0; r < rows; r += 1) sum += data.features[r * count + f];
        return sum / rows;
      });
      const [low, high] = data.domain;
      return [0, 5, 9, 14, 20].map((unit) => { // tanh neurons of the first three layers: clear shapes by now
        // Every thumbnail is drawn on one atlas canvas over the network, at its (empty) slot's place.
        const atlas = document.querySelector('.network-view .thumbnail-atlas');
        const slot = document.querySelector(`.neuron-thumbnail-slot[data-unit="${unit}"]`).getBoundingClientRect();
        const origin = atlas.getBoundingClientRect();
        const scale = atlas.width / origin.width;
        const side = Math.min(50, Math.max(8, Math.round(slot.width * scale)));
        const spec = { xFeature: 0, yFeature: 1, xMin: low, xMax: high, yMin: low, yMax: high, columns: side, rows: side, fixed: means };
        const values = run.grid(spec).subarray((shape.inputs + unit) * side * side, (shape.inputs + unit + 1) * side * side);
        const pixels = atlas.getContext('2d').getImageData(Math.round((slot.left - origin.left) * scale),
          Math.round((slot.top - origin.top) * scale), side, side).data;
        let agree = 0;
        let decided = 0;
        for (let i = 0; i < side * side; i += 1) {
          const [red, , blue, alpha] = pixels.subarray(4 * i, 4 * i + 4);
          // Only clear values inside the disc: the table runs orange (negative) → neutral → blue.
          if (alpha < 200 || Math.abs(values[i]) < 0.3) continue;
          decided += 1;
          if ((blue > red) === (values[i] > 0)) agree += 1;
        }
        const corner = pixels[3];                      // alpha of the top-left pixel: outside the disc
        const centre = pixels[4 * (Math.floor(side / 2) * side + Math.floor(side / 2)) + 3];
        return { unit, side, shownSide: slot.width, decided, agree, corner, centre };
      });
    });
    for (const check of checks) {
      assert.ok(check.side >= 8 && check.side <= 50, `neuron ${check.unit}: ${check.side} px`);
      assert.ok(Math.abs(check.side - check.shownSide * (await page.evaluate(() => devicePixelRatio))) <= 1,
        `neuron ${check.unit}: as many pixels as it is shown at (${check.side} for ${check.shownSide} CSS px)`);
      assert.equal(check.corner, 0, 'outside the disc, transparent');
      assert.ok(check.centre > 200, 'inside, nearly opaque');
      assert.ok(check.decided > 50, `neuron ${check.unit} has clear values to compare (${check.decided})`);
      assert.equal(check.agree, check.decided, `neuron ${check.unit}: every clear pixel has its sample's sign`);
    }
  });
});
