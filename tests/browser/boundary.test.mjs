// The decision-boundary views in Chromium (issue 4): the 2-D heat map, the feature cube, the loss chart
// and the 2-D controls, driven by the real engine, store and controller.
//
// The views are mounted on a small page of their own, bundled here from web/src (esbuild) with a strip
// of neuron thumbnails drawn by heatmap.js's drawThumbnailAt (as the network view draws them), so these
// tests exercise exactly the view contract and do not depend on the rest of the page's layout. The page
// runs under the site's CSP and exposes window.__boundary = { controller, store, run, lossHistory } for
// the checks.
//
//   node --test tests/browser/boundary.test.mjs      (after scripts/build; ALGORHYTHM_WASM_DIR to override)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, withPage, waitForStart, artifactPath } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(here, '..', '..');
const webDir = path.join(repoDir, 'web');
const wasmDir = path.resolve(process.env.ALGORHYTHM_WASM_DIR ?? path.join(repoDir, 'build-wasm', 'wasm'));
const esbuild = createRequire(path.join(webDir, 'package.json'))('esbuild');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// The page's script: every boundary view around one controller, plus a thumbnail per hidden neuron
// (what the network view shows) that focuses the neuron on hover or focus.
const FIXTURE_SCRIPT = `
import { loadEngine } from './engine/engine.js';
import { createStore, bindStoreToHash } from './store.js';
import { createController } from './controller.js';
import { createLossHistory } from './loss-history.js';
import { createHeatmapView, drawThumbnailAt, boundaryGridSpec, channelColoring } from './views/heatmap.js';
import { createCubeView } from './views/cube.js';
import { createLossChartView } from './views/loss-chart.js';
import { createBoundaryControls } from './views/boundary-controls.js';

const THUMBNAIL_SIDE = 50; // samples along a thumbnail's side, as the network view draws at most

function createThumbnailStrip(container) {
  const list = document.createElement('ol');
  list.className = 'fixture-thumbnails';
  list.setAttribute('aria-label', 'Hidden neurons');
  container.append(list);
  let frame = null;
  return {
    update(next) {
      frame = next;
      const { shape, data } = frame;
      const hidden = shape.layers.slice(0, -1).flatMap((layer, l) =>
        Array.from({ length: layer.neurons }, (_, o) => ({ neuron: layer.neuronOffset + o, layer: l })));
      while (list.children.length > hidden.length) list.lastChild.remove();
      while (list.children.length < hidden.length) {
        const item = document.createElement('li');
        const canvas = document.createElement('canvas');
        canvas.tabIndex = 0;
        item.append(canvas);
        list.append(item);
        const index = list.children.length - 1;
        const focusIt = () => frame.actions.focusNeuron(Number(canvas.dataset.neuron));
        canvas.addEventListener('pointerenter', focusIt);
        canvas.addEventListener('focus', focusIt);
        canvas.addEventListener('pointerleave', () => frame.actions.focusNeuron(null));
        canvas.addEventListener('blur', () => frame.actions.focusNeuron(null));
      }
      if (data.featureNames.length !== 2) return;
      const side = THUMBNAIL_SIDE;
      const values = frame.grid(boundaryGridSpec(data, side));
      hidden.forEach(({ neuron, layer }, i) => {
        const canvas = list.children[i].firstChild;
        canvas.dataset.neuron = String(neuron);
        canvas.setAttribute('aria-label', 'Neuron ' + (neuron + 1) + ', layer ' + (layer + 1));
        canvas.classList.toggle('is-focused', frame.focus.neuron === neuron);
        const channel = shape.inputs + neuron;
        if (canvas.width !== side) canvas.width = side;
        if (canvas.height !== side) canvas.height = side;
        drawThumbnailAt(canvas, 0, 0, values, channel * side * side, side, channelColoring(shape, channel));
      });
    },
    destroy() { list.remove(); },
  };
}

const byId = (id) => document.getElementById(id);
const engine = await loadEngine();
const run = engine.createRun();
const store = createStore();
bindStoreToHash(store);
const lossHistory = createLossHistory(400);
const views = [
  createBoundaryControls(byId('controls')),
  createThumbnailStrip(byId('thumbnails')),
  createHeatmapView(byId('heatmap')),
  createCubeView(byId('cube')),
  createLossChartView(byId('loss')),
];
const controller = createController({ run, store, views, lossHistory });
controller.start();
window.__boundary = { controller, store, run, lossHistory, engine, views };
document.body.dataset.ready = 'true';
`;

const FIXTURE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${CSP}">
  <title>Boundary views</title>
  <link rel="stylesheet" href="./boundary.css">
  <link rel="stylesheet" href="./fixture.css">
  <script type="module" src="./fixture.js"></script>
</head>
<body>
  <main class="fixture">
    <div id="controls" class="fixture-controls"></div>
    <div class="fixture-plane"><div id="thumbnails"></div><div id="heatmap"></div></div>
    <div id="cube" class="fixture-cube"></div>
    <div id="loss" class="fixture-loss"></div>
  </main>
</body>
</html>`;

const FIXTURE_CSS = `
body { margin: 0; font-family: system-ui, sans-serif; background: #fff; color: #1d2127; }
@media (prefers-color-scheme: dark) { body { background: #16181c; color: #eef0f3; } }
.fixture { display: grid; grid-template-columns: 20rem 24rem 1fr; gap: 1.5rem; padding: 1rem; align-items: start; }
.fixture-loss { grid-column: 1 / -1; }
.fixture-thumbnails { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0 0 0.6rem; padding: 0; }
.fixture-thumbnails canvas { width: 44px; height: 44px; border: 1px solid #d5d8dd; border-radius: 3px; display: block; }
.fixture-thumbnails canvas.is-focused { outline: 2px solid #1f6fbf; outline-offset: 1px; }
`;

let fixtureDir;
let browser;

before(async () => {
  for (const file of ['engine.mjs', 'engine.wasm']) {
    assert.ok(existsSync(path.join(wasmDir, file)), `${path.join(wasmDir, file)} is missing: run scripts/build first`);
  }
  fixtureDir = mkdtempSync(path.join(os.tmpdir(), 'boundary-fixture-'));
  await esbuild.build({
    stdin: { contents: FIXTURE_SCRIPT, resolveDir: path.join(webDir, 'src'), sourcefile: 'fixture.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(fixtureDir, 'fixture.js'),
    logLevel: 'error',
    plugins: [{
      name: 'engine-wasm',
      setup(build) {
        build.onResolve({ filter: /^engine-wasm$/ }, () => ({ path: path.join(wasmDir, 'engine.mjs') }));
      },
    }],
  });
  copyFileSync(path.join(wasmDir, 'engine.wasm'), path.join(fixtureDir, 'engine.wasm'));
  copyFileSync(path.join(webDir, 'static', 'boundary.css'), path.join(fixtureDir, 'boundary.css'));
  writeFileSync(path.join(fixtureDir, 'index.html'), FIXTURE_HTML);
  writeFileSync(path.join(fixtureDir, 'fixture.css'), FIXTURE_CSS);
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

/**
 * body(view) on the fixture with settings in the hash, once its first frame is drawn (served from
 * fixtureDir under the site's CSP); afterwards, no console or page error (withPage), no failed request
 * and no CSP violation. `options` (openPage's) may be left out.
 */
function withFixture(hash, options, body) {
  if (body === undefined) return withFixture(hash, {}, options);
  const pageOptions = { root: fixtureDir, csp: CSP, viewport: { width: 1360, height: 960 }, ...options };
  return withPage(browser, `/index.html${hash}`, pageOptions, async (view) => {
    await waitForStart(view, () => document.body?.dataset.ready === 'true', { what: 'the fixture page', timeout: 20000 });
    await body(view);
    assert.deepEqual(view.failedRequests, [], 'failed requests');
    assert.deepEqual(view.cspViolations, [], 'CSP violations');
  });
}

/** Steps the controller (the store's step size) in chunks; returns the last snapshot's accuracies. */
function train(page, steps, chunk = steps) {
  return page.evaluate(({ steps, chunk }) => {
    const { controller } = window.__boundary;
    for (let done = 0; done < steps; done += chunk) controller.step(Math.min(chunk, steps - done));
    const snapshot = controller.snapshot();
    return { trainAccuracy: snapshot.trainAccuracy, testAccuracy: snapshot.testAccuracy, updates: snapshot.updates };
  }, { steps, chunk });
}

/** The heat map's boundary as polylines of [x, y] in the overlay's user units (0 … 300): the path its canvas drew. */
async function contourLines(page) {
  const d = await page.getAttribute('.boundary-heatmap__contour', 'data-path');
  if (!d) return [];
  return d.split('M').filter(Boolean).map((part) => part.split('L').map((pair) => pair.split(',').map(Number)));
}

/** Largest distance of the points from their best-fitting straight line (total least squares). */
function distanceFromLine(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0; let syy = 0; let sxy = 0;
  for (const [x, y] of points) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy); // direction of the line
  const normal = [-Math.sin(angle), Math.cos(angle)];
  return Math.max(...points.map(([x, y]) => Math.abs((x - mx) * normal[0] + (y - my) * normal[1])));
}

/** RGBA of heat-map canvas pixels at fractions of its width and height. */
function heatmapPixels(page, fractions) {
  return page.evaluate((fractions) => {
    const canvas = document.querySelector('.boundary-heatmap__canvas');
    const context = canvas.getContext('2d');
    return fractions.map(([fx, fy]) => Array.from(context.getImageData(Math.floor(fx * canvas.width), Math.floor(fy * canvas.height), 1, 1).data));
  }, fractions);
}

function heatmapChecksum(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('.boundary-heatmap__canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 1) sum = (sum * 31 + data[i]) % 1000000007;
    return sum;
  });
}

test('XOR without hidden layers: the boundary stays one straight line and accuracy stays ≤ 75%', async () => {
  await withFixture('#data=planar-xor&hidden=&step=epoch&learningRate=0.03', async ({ page }) => {
    assert.equal(await page.getAttribute('.boundary-heatmap', 'data-state'), 'ready');
    assert.equal(await page.evaluate(() => document.querySelector('.boundary-heatmap__canvas').width), 100, 'grid at least 100 wide');
    for (const epochs of [10, 40, 150]) {
      const { trainAccuracy, testAccuracy } = await train(page, epochs, 25);
      assert.ok(trainAccuracy <= 0.75 && testAccuracy <= 0.75, `accuracy ${trainAccuracy}/${testAccuracy} after more training`);
      const lines = await contourLines(page);
      assert.ok(lines.length <= 1, `${lines.length} boundary lines`);
      if (lines.length === 1) {
        // Simplified before it is drawn (boundary-lines.js simplifyLine), a straight boundary is one
        // segment from edge to edge (tests/web/boundary-math checks it is straight before that).
        const [line] = lines;
        assert.equal(line.length, 2, `the boundary is drawn with ${line.length} points, not as one straight segment`);
        const onEdge = ([x, y]) => x <= 1 || x >= 299 || y <= 1 || y >= 299;
        assert.ok(line.every(onEdge), `the line (${line.join(' to ')}) does not cross the plane`);
      }
    }
    // Points: every row drawn, training and test rows distinct.
    const counts = await page.evaluate(() => ({
      rows: window.__boundary.run.data().targets.length,
      train: document.querySelectorAll('.boundary-point--train').length,
      test: document.querySelectorAll('.boundary-point--test').length,
    }));
    assert.equal(counts.train + counts.test, counts.rows);
    assert.ok(counts.train > 0 && counts.test > 0);
  });
});

test('XOR with one hidden layer of 4 tanh neurons: 100% and each quadrant shows its class colour', async () => {
  await withFixture('#data=planar-xor&hidden=4&activation=tanh&step=epoch&learningRate=0.03', async ({ page }) => {
    let accuracy = 0;
    for (let round = 0; round < 12 && accuracy < 1; round += 1) ({ trainAccuracy: accuracy } = await train(page, 25));
    assert.equal(accuracy, 1, `training accuracy ${accuracy}`);
    // The class of each quadrant, from the data; the pixel at its centre must be that class's colour
    // (blue for class 1: more blue than red; orange for class 0: more red than blue).
    const quadrants = await page.evaluate(() => {
      const data = window.__boundary.run.data();
      const votes = { '1,1': [0, 0], '-1,1': [0, 0], '-1,-1': [0, 0], '1,-1': [0, 0] };
      for (let r = 0; r < data.targets.length; r += 1) {
        const key = `${Math.sign(data.features[2 * r])},${Math.sign(data.features[2 * r + 1])}`;
        if (votes[key]) votes[key][data.targets[r] >= 0.5 ? 1 : 0] += 1;
      }
      return Object.fromEntries(Object.entries(votes).map(([key, [zero, one]]) => [key, one > zero ? 1 : 0]));
    });
    // Canvas fractions: x from left, y from top (row 0 = the top of the plane).
    const centres = { '1,1': [0.8, 0.2], '-1,1': [0.2, 0.2], '-1,-1': [0.2, 0.8], '1,-1': [0.8, 0.8] };
    const pixels = await heatmapPixels(page, Object.values(centres));
    Object.keys(centres).forEach((key, i) => {
      const [r, , b] = pixels[i];
      if (quadrants[key] === 1) assert.ok(b > r + 40, `quadrant ${key} should be blue, is rgb ${pixels[i]}`);
      else assert.ok(r > b + 40, `quadrant ${key} should be orange, is rgb ${pixels[i]}`);
    });
    assert.notEqual(quadrants['1,1'], quadrants['-1,1'], 'XOR: neighbouring quadrants differ');
    // A curved boundary now: not one straight line.
    const lines = await contourLines(page);
    const inside = lines.flat().filter(([x, y]) => x > 1 && x < 299 && y > 1 && y < 299);
    assert.ok(distanceFromLine(inside) > 10, 'the boundary is not straight');

    // Thumbnails: one per hidden neuron; hovering one shows that neuron in the large view.
    assert.equal(await page.locator('.fixture-thumbnails canvas').count(), 4);
    const before = await heatmapChecksum(page);
    await page.hover('.fixture-thumbnails li:nth-child(2) canvas');
    await page.waitForSelector('.boundary-heatmap[data-showing="neuron"]');
    assert.match(await page.textContent('.boundary-heatmap__title'), /Neuron 2 of hidden layer 1/);
    assert.notEqual(await heatmapChecksum(page), before, 'the large view shows the neuron');
    await page.screenshot({ path: artifactPath('boundary-heatmap-neuron.png') });
    await page.mouse.move(5, 900);
    await page.waitForSelector('.boundary-heatmap[data-showing="output"]');

    await page.locator('.fixture-plane').screenshot({ path: artifactPath('boundary-heatmap.png') });
    // Discretised: only the two class colours are left.
    await page.check('.boundary-heatmap .boundary-toggle input');
    const colours = await page.evaluate(() => {
      const canvas = document.querySelector('.boundary-heatmap__canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    });
    assert.equal(colours, 2);
    await page.locator('.fixture-plane').screenshot({ path: artifactPath('boundary-heatmap-discrete.png') });
  });
});

test('clicking the plane adds a point to the engine\'s data; shift-click removes the nearest', async () => {
  await withFixture('#data=planar-xor&hidden=4&step=epoch&learningRate=0.03', async ({ page }) => {
    await train(page, 50);
    const rowsBefore = await page.evaluate(() => window.__boundary.run.data().targets.length);
    const pixelsBefore = await heatmapChecksum(page);
    // Choose class 0 (the first radio), then click at data (4.5, 4.5): 87.5% across, 12.5% down.
    await page.check('.boundary-heatmap__class:nth-child(2) input');
    const box = await page.locator('.boundary-heatmap__overlay').boundingBox();
    for (const [dx, dy] of [[0, 0], [6, 0], [0, 6], [6, 6]]) {
      await page.mouse.click(box.x + box.width * 0.875 + dx, box.y + box.height * 0.125 + dy);
    }
    const added = await page.evaluate((rowsBefore) => {
      const data = window.__boundary.run.data();
      const rows = [];
      for (let r = rowsBefore; r < data.targets.length; r += 1) {
        rows.push({ x: data.features[2 * r], y: data.features[2 * r + 1], target: data.targets[r], isTest: data.isTest[r] });
      }
      return { count: data.targets.length, rows };
    }, rowsBefore);
    assert.equal(added.count, rowsBefore + 4, 'four rows added');
    assert.ok(Math.abs(added.rows[0].x - 4.5) < 0.1 && Math.abs(added.rows[0].y - 4.5) < 0.1, `first row at ${added.rows[0].x}, ${added.rows[0].y}`);
    for (const row of added.rows) assert.equal(row.target, 0, 'the chosen class');
    assert.equal(await page.locator('.boundary-point').count(), rowsBefore + 4, 'the new points are drawn');

    await train(page, 100);
    assert.notEqual(await heatmapChecksum(page), pixelsBefore, 'the heat map changed after training');

    // Shift-click on the first added point removes that row.
    await page.keyboard.down('Shift');
    await page.mouse.click(box.x + box.width * 0.875, box.y + box.height * 0.125);
    await page.keyboard.up('Shift');
    const after = await page.evaluate(() => {
      const data = window.__boundary.run.data();
      const near = [];
      for (let r = 0; r < data.targets.length; r += 1) {
        if (Math.abs(data.features[2 * r] - 4.5) < 1e-3 && Math.abs(data.features[2 * r + 1] - 4.5) < 1e-3) near.push(r);
      }
      return { count: data.targets.length, near };
    });
    assert.equal(after.count, rowsBefore + 3);
    assert.deepEqual(after.near, [], 'the nearest row, the one at (4.5, 4.5), is gone');

    // The keyboard does the same: focus the plane, Enter adds a point at the cursor.
    await page.focus('.boundary-heatmap__overlay');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.__boundary.run.data().targets.length), rowsBefore + 4);
  });
});

test('the four songs: the cube says no flat plane separates them', async () => {
  await withFixture('#data=songs4&hidden=&step=epoch', async ({ page }) => {
    assert.equal(await page.getAttribute('.cube-view', 'data-state'), 'ready');
    await train(page, 400, 50);
    const cube = page.locator('.cube-view');
    assert.equal(await cube.getAttribute('data-separable'), 'false');
    assert.equal(await cube.getAttribute('data-linearly-separable'), 'false');
    assert.match(await page.textContent('.cube-view__verdict'), /^No flat plane can separate the songs into likes and dislikes/);
    assert.equal(await page.locator('.cube-point').count(), 4);
    assert.equal(await page.locator('.cube-plane').count(), 1);
    // Names show on focus, as text (never as markup).
    await page.focus('.cube-point[data-row="0"]');
    assert.equal(await page.textContent('.cube-tooltip text'), 'Neon Sunrise');
    // Turning: arrow keys on the focused cube change the view angle.
    const yaw = await page.getAttribute('.cube-view__plot', 'data-yaw');
    await page.focus('.cube-view__plot');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.getAttribute('.cube-view__plot', 'data-yaw'), yaw);
    // Dragging turns it too.
    const box = await cube.locator('.cube-view__plot').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press('Home');
    await page.focus('.cube-point[data-row="1"]');
    await cube.screenshot({ path: artifactPath('boundary-cube-songs4.png') });
  });
});

test('the better songs: the plane separates liked from disliked; with a hidden layer, slices show the surface', async () => {
  await withFixture('#data=songs8&hidden=&step=epoch', async ({ page }) => {
    await train(page, 400, 50);
    const cube = page.locator('.cube-view');
    assert.equal(await cube.getAttribute('data-separable'), 'true');
    assert.equal(await cube.getAttribute('data-linearly-separable'), 'true');
    assert.match(await page.textContent('.cube-view__verdict'), /^The plane separates the songs into likes and dislikes/);
    // Every liked song is on the plane's liked side, as the page draws it.
    assert.equal(await page.locator('.cube-point[data-correct="false"]').count(), 0);
    await cube.screenshot({ path: artifactPath('boundary-cube-songs8.png') });

    await page.evaluate(() => window.__boundary.store.set({ hidden: [3] }));
    await train(page, 300, 50);
    assert.equal(await page.locator('.cube-plane[hidden]').count(), 1, 'no flat plane with a hidden layer');
    assert.equal(await page.locator('.cube-slice').count(), 6);
    assert.ok(await page.locator('.cube-slice__region[d]').count() > 0, 'slices show the liked regions');
    await cube.screenshot({ path: artifactPath('boundary-cube-slices.png') });
  });
});

test('the loss chart keeps a bounded number of drawn points over 100,000 steps', async () => {
  // A perceptron keeps each frame cheap: the chart, not the network, is under test here.
  await withFixture('#data=planar-circle&hidden=&features=x2,y2&step=example&learningRate=0.03', async ({ page }) => {
    // Before the first update the x axis counts whole updates (not 0, 200m, 400m…); a test set has its key.
    const ticks = await page.locator('.loss-chart__panel--loss .loss-chart__axis--x .tick text').allTextContents();
    assert.ok(ticks.length >= 2 && ticks.every((tick) => /^\d+$/.test(tick)), `whole-number ticks: ${ticks.join(' ')}`);
    assert.equal(await page.textContent('.loss-chart__panel--loss .loss-chart__axis-label--x'), 'updates');
    assert.equal(await page.locator('.loss-chart__key--test').count(), 1);
    const counts = await page.evaluate(() => {
      const { controller } = window.__boundary;
      const seen = [];
      // 500 frames of 200 steps: 100,000 steps, and more frames than the history keeps points.
      for (let frame = 0; frame < 500; frame += 1) {
        controller.step(200);
        if (frame % 50 === 49) {
          seen.push({
            updates: controller.snapshot().updates,
            points: Number(document.querySelector('.loss-chart__plot').getAttribute('data-points')),
          });
        }
      }
      return seen;
    });
    const last = counts.at(-1);
    assert.ok(last.updates >= 100000, `only ${last.updates} steps`);
    for (const { points } of counts) assert.ok(points <= 400, `${points} points drawn`);
    assert.ok(last.points >= 200, 'the chart still shows the run in detail');
    // A log scale, and hovering reads out the step and values.
    await page.check('.loss-chart__log input');
    assert.ok((await page.locator('.loss-chart__axis--y .tick').count()) > 0);
    const plot = page.locator('.loss-chart__panel--loss .loss-chart__capture');
    const box = await plot.boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    assert.match(await page.textContent('.loss-chart__readout'), /^After [\d,]+ updates?: training loss [\d.]+, test loss [\d.]+, training accuracy [\d.]+%/);
    await page.locator('.loss-chart').screenshot({ path: artifactPath('boundary-loss-chart.png') });
    await page.screenshot({ path: artifactPath('boundary-page.png'), fullPage: true });
  });
});

test('the 2-D controls change settings only through setSettings, and + / − edit the hidden layers', async () => {
  await withFixture('#data=planar-circle&hidden=', async ({ page }) => {
    const settings = () => page.evaluate(() => window.__boundary.store.get());
    await page.click('.boundary-controls button[aria-label="Add a hidden layer"]');
    await page.click('.boundary-controls button[aria-label="Add a hidden layer"]');
    assert.deepEqual((await settings()).hidden, [4, 4]);
    await page.click('.boundary-controls button[aria-label="Add a neuron to layer 2"]');
    await page.click('.boundary-controls button[aria-label="Remove a neuron from layer 1"]');
    assert.deepEqual((await settings()).hidden, [3, 5]);
    assert.equal(await page.evaluate(() => window.__boundary.run.shape().layers.map((l) => l.neurons).join()), '3,5,1');
    await page.click('.boundary-controls button[aria-label="Remove the last hidden layer"]');
    assert.deepEqual((await settings()).hidden, [3]);

    await page.click('.boundary-preset:has-text("Spiral")');
    assert.equal((await settings()).data, 'planar-spiral');
    assert.match(await page.evaluate(() => window.__boundary.run.data().name), /spiral/i);

    await page.check('.boundary-feature:has-text("x²") input');
    await page.check('.boundary-feature:has-text("sin y") input');
    assert.deepEqual((await settings()).features, ['x', 'y', 'x2', 'siny']);
    assert.equal(await page.evaluate(() => window.__boundary.run.shape().inputs), 4);

    const noise = page.locator('.boundary-slider:has-text("Noise") input');
    await noise.fill('0.3');
    await noise.dispatchEvent('change');
    assert.equal((await settings()).noise, 0.3);
    const points = page.locator('.boundary-slider:has-text("Points") input');
    await points.fill('300');
    await points.dispatchEvent('change');
    assert.equal(await page.evaluate(() => window.__boundary.run.data().targets.length), 300);
    const share = page.locator('.boundary-slider:has-text("Training share") input');
    await share.fill('0.8');
    await share.dispatchEvent('change');
    assert.ok(Math.abs((await settings()).testFraction - 0.2) < 1e-9);
    const seed = (await settings()).seed;
    await page.click('.boundary-controls button:has-text("New seed")');
    assert.equal((await settings()).seed, seed + 1);
    await page.locator('.boundary-controls').screenshot({ path: artifactPath('boundary-controls.png') });
  });
});

test('several classes, regression and four features: colours per class, predicted values, axis pickers', async () => {
  await withFixture('#data=planar-circle&hidden=4&step=epoch&learningRate=0.03', async ({ page }) => {
    // Regression: the preset brings the loss it needs; the map shows the predicted value, with its
    // range in the legend and no 0.5 line.
    await page.click('.boundary-preset:has-text("Tilted plane")');
    assert.deepEqual(await page.evaluate(() => [window.__boundary.store.get().data, window.__boundary.store.get().loss]), ['planar-plane', 'squared-error']);
    assert.equal(await page.evaluate(() => window.__boundary.run.data().task), 'regression');
    await train(page, 60, 20);
    assert.equal(await page.textContent('.boundary-heatmap__title'), 'Prediction');
    assert.equal(await page.getAttribute('.boundary-heatmap__overlay', 'data-contour-lines'), '0');
    assert.equal(await page.locator('.boundary-heatmap__value').isVisible(), true, 'a value to add by click');
    await page.locator('.fixture-plane').screenshot({ path: artifactPath('boundary-heatmap-regression.png') });

    // Three classes (names with markup, which must show as text), one colour each.
    await page.evaluate(() => {
      const { run, controller } = window.__boundary;
      const features = [];
      const targets = [];
      const isTest = [];
      for (let i = 0; i < 150; i += 1) {
        const k = i % 3;
        const angle = (k * 2 * Math.PI) / 3;
        features.push(3.5 * Math.cos(angle) + 1.6 * Math.sin(i * 1.3), 3.5 * Math.sin(angle) + 1.6 * Math.cos(i * 0.7));
        targets.push(k);
        isTest.push(i % 4 === 0 ? 1 : 0);
      }
      run.reset({
        data: { kind: 'custom', dataset: { name: 'Three clusters', task: 'multiclass', featureNames: ['x', 'y'], classNames: ['amber', '<b>sky</b>', 'green'], rowNames: [], features: Float32Array.from(features), targets: Float32Array.from(targets), isTest: Uint8Array.from(isTest), planar: true, domain: [-6, 6] } },
        network: { hidden: [{ size: 6, activation: 'tanh' }] },
        hyper: { learningRate: 0.03 },
        features: ['x', 'y'],
      });
      controller.step(80);
    });
    assert.equal(await page.textContent('.boundary-heatmap__detail'), ' — most likely class');
    assert.equal(await page.locator('.boundary-heatmap b').count(), 0, 'class names are text, not markup');
    assert.match(await page.textContent('.boundary-legend__keys'), /<b>sky<\/b>/);
    // The cluster centres take their class's colour (Okabe–Ito amber, sky blue, green), dimmed by confidence.
    const centres = [0, 1, 2].map((k) => {
      const angle = (k * 2 * Math.PI) / 3;
      return [(3.5 * Math.cos(angle) + 6) / 12, (6 - 3.5 * Math.sin(angle)) / 12];
    });
    const [amber, sky, green] = await heatmapPixels(page, centres);
    assert.ok(amber[0] > amber[2] + 40, `amber centre is rgb ${amber}`);
    assert.ok(sky[2] > sky[0] + 40, `sky centre is rgb ${sky}`);
    assert.ok(green[1] > green[0] + 30, `green centre is rgb ${green}`);
    await page.locator('.fixture-plane').screenshot({ path: artifactPath('boundary-heatmap-classes.png') });

    // Four features: the reader picks the cube's three axes; names stay text.
    await page.evaluate(() => {
      const { run, controller } = window.__boundary;
      const rows = [];
      for (let i = 0; i < 16; i += 1) rows.push([(i >> 0) & 1, (i >> 1) & 1, (i >> 2) & 1, (i >> 3) & 1]);
      run.reset({
        data: { kind: 'custom', dataset: { name: 'Sixteen songs', task: 'binary', featureNames: ['modern', '<i>sad</i>', 'piano', 'loud'], classNames: ['dislikes', 'likes'], rowNames: rows.map((r, i) => (i === 0 ? '<img src=x>' : `Song ${i}`)), features: Float32Array.from(rows.flat()), targets: Float32Array.from(rows.map((r) => (r[1] + r[3] >= 1 ? 1 : 0))), isTest: new Uint8Array(16), planar: false, domain: [0, 1] } },
        network: { hidden: [] },
        hyper: { learningRate: 0.3 },
      });
      controller.step(200);
    });
    const cube = page.locator('.cube-view');
    assert.equal(await cube.getAttribute('data-state'), 'ready');
    assert.equal(await page.locator('.cube-view__axes select').count(), 3);
    assert.equal(await page.locator('.cube-view__axes select').first().locator('option').count(), 4);
    assert.match(await page.textContent('.cube-view__detail'), /modern, <i>sad<\/i>, piano; the plane where the prediction is 0\.5; other features at their mean/);
    await page.selectOption('.cube-view__axes label:nth-child(1) select', '3');
    assert.match(await page.textContent('.cube-view__detail'), /^ — loud, <i>sad<\/i>, piano/);
    await page.selectOption('.cube-view__axes label:nth-child(2) select', '3'); // taken: the two swap
    assert.match(await page.textContent('.cube-view__detail'), /^ — <i>sad<\/i>, loud, piano/);
    assert.equal(await cube.getAttribute('data-separable'), 'true');
    await page.focus('.cube-point[data-row="0"]');
    assert.equal(await page.textContent('.cube-tooltip text'), '<img src=x>');
    assert.equal(await page.locator('img, i').count(), 0, 'no markup from the data');
    await cube.screenshot({ path: artifactPath('boundary-cube-four-features.png') });
  });
});

test('dark colour scheme: the views follow it', async () => {
  await withFixture('#data=planar-spiral&hidden=6,6&features=x,y,x2,y2,sinx,siny&step=epoch&learningRate=0.03', { colorScheme: 'dark' }, async ({ page }) => {
    await train(page, 60, 20);
    const [corner] = await heatmapPixels(page, [[0.5, 0.5]]);
    assert.ok(corner[0] + corner[1] + corner[2] < 600, 'the neutral middle is dark, not white');
    await page.screenshot({ path: artifactPath('boundary-page-dark.png'), fullPage: true });
  });
});
