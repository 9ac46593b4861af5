// The heat map with a row to itself (the app at 768 px, an embedded figure in a 700 px column):
// its plot, colour scale and keys (22rem at most) stand centred in the card as one column, as the cube
// does, not at the left with the card's right half empty. On a phone (375 px) and beside the network
// (the app at 1280 px) the card is narrower than the plot's cap, and the plot fills it. Screenshots go to
// tests/browser/artifacts/heatmap-centre-*.png.
//
//   node --test tests/browser/heatmap-centre.test.mjs      (after scripts/build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, openBrowser, waitForStart, withApp, withHostPage } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/** The boxes of a heat map's card content, its plot frame, colour scale and keys (left and right edges). */
function heatmapBoxes(page, root) {
  return page.evaluate((root) => {
    const heatmap = document.querySelector(`${root} .boundary-heatmap`);
    const box = (selector) => {
      const { left, right } = heatmap.querySelector(selector).getBoundingClientRect();
      return { left, right };
    };
    const { left, right } = heatmap.getBoundingClientRect();
    return { card: { left, right }, frame: box('.boundary-heatmap__frame'), scale: box('.boundary-legend'), keys: box('.boundary-legend__keys') };
  }, root);
}

/** The plot column is centred in the card, and the scale and keys start where the plot's frame starts. */
function assertCentred({ card, frame, scale, keys }, where) {
  const cardCentre = (card.left + card.right) / 2;
  const frameCentre = (frame.left + frame.right) / 2;
  assert.ok(card.right - card.left > frame.right - frame.left + 40, `${where}: the card (${card.right - card.left} px) is wider than the plot`);
  assert.ok(Math.abs(frameCentre - cardCentre) < 2, `${where}: the plot is centred (its centre at ${frameCentre} px, the card's at ${cardCentre} px)`);
  assert.ok(Math.abs(scale.left - frame.left) < 1 && Math.abs(keys.left - frame.left) < 1, `${where}: the colour scale and the keys line up under the plot`);
}

test('the app at 768 px: the heat map, on a row of its own, is centred in its card', async () => {
  await withApp(browser, '/#data=planar-xor&hidden=4', { viewport: { width: 768, height: 1000 } }, async ({ page }) => {
    assertCentred(await heatmapBoxes(page, '.panel-boundary'), '768 px');
    await page.locator('.panel-boundary').screenshot({ path: artifactPath('heatmap-centre-app-768.png') });
  });
});

/** A card no wider than the plot's cap: the plot fills it, edge to edge. */
function assertFills({ card, frame }, where) {
  assert.ok(Math.abs(frame.left - card.left) < 1 && Math.abs(frame.right - card.right) < 1,
    `${where}: the plot (${frame.left}–${frame.right} px) fills the card (${card.left}–${card.right} px)`);
}

// On a phone the card is narrower than the plot's cap, and beside the network (1280 px) too.
for (const width of [375, 1280]) {
  test(`the app at ${width} px: the heat map fills its card, no wider than the plot`, async () => {
    await withApp(browser, '/#data=planar-xor&hidden=4', { viewport: { width, height: 900 } }, async ({ page }) => {
      assertFills(await heatmapBoxes(page, '.panel-boundary'), `${width} px`);
      await page.locator('.panel-boundary').screenshot({ path: artifactPath(`heatmap-centre-app-${width}.png`) });
    });
  });
}

const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A post</title><script type="module" src="/figure.js"></script>
<style>body { margin: 24px; font: 18px/1.6 Georgia, serif; } main { max-width: 700px; margin: auto; }</style></head>
<body><main><p>Some prose.</p>
<nn-figure id="heatmap" view="boundary" data="planar-xor" hidden-layers="4" step="epoch" controls="play,step"></nn-figure>
</main></body></html>`;

test('an embedded heat map in a 700 px column is centred in its card', async () => {
  await withHostPage(browser, HOST, { viewport: { width: 1280, height: 1000 } }, async (view) => {
    await waitForStart(view, () => document.querySelector('#heatmap')?.dataset.state === 'ready', { what: 'the embedded figure' });
    assertCentred(await heatmapBoxes(view.page, '#heatmap'), 'embedded, 700 px');
    await view.page.locator('#heatmap').screenshot({ path: artifactPath('heatmap-centre-embed-700.png') });
  });
});
