// Export and share on the app page: the export panel's SVG, PNG, GIF, WebM, JSON and CSV files are
// valid and not empty, the SVG draws the page's CSS decorations (the graph legend's swatches, the
// phase cycle's arrows) beside what they decorate, an exported JSON file imports back to the same
// weights, a bad file changes nothing, and a link (the URL hash) reproduces the same weights after
// the same number of steps, also with an edited data row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { openBrowser, withApp as withAppPage, artifactPath } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/**
 * body(view) on the app page at `hash`, once the engine has its first snapshot; afterwards, no console
 * or page error (withPage) and no CSP violation. Returns what the body returns.
 */
const withApp = (hash, body) => withAppPage(browser, `/${hash}`, { viewport: { width: 1280, height: 900 } }, async (view) => {
  const result = await body(view);
  assert.deepEqual(view.cspViolations, [], 'CSP violations');
  return result;
});

const parameters = (page) => page.evaluate(() => Array.from(window.__algorhythm.snapshot().parameters));
const hashNow = async (page) => {
  await page.waitForTimeout(400); // the address bar follows the run at most four times a second
  return page.evaluate(() => location.hash);
};

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function downloadFrom(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click(`.panel-export [data-export="${name}"]`),
  ]);
  const bytes = await readFile(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

test('SVG and PNG exports are valid pictures of the figure', async () => {
  await withApp('#data=planar-circle&hidden=3', async ({ page }) => {
    await page.evaluate(() => window.__algorhythm.controller.step(5));
    const svg = await downloadFrom(page, 'svg');
    assert.match(svg.name, /\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    assert.ok(svgText.startsWith('<?xml'), 'an XML declaration');
    assert.match(svgText, /<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svgText.length > 5000, `an SVG of ${svgText.length} characters is too small`);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const nodes = doc.querySelector('svg.network-nodes');
      const value = nodes?.querySelector('.neuron text.value');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        elements: doc.querySelectorAll('*').length,
        // The thumbnail atlas is painted over the neurons on the page, so in the file it follows them.
        imagesAfterNeurons: [...doc.querySelectorAll('image')]
          .filter((image) => nodes && (nodes.compareDocumentPosition(image) & Node.DOCUMENT_POSITION_FOLLOWING)).length,
        // A neuron's number keeps its halo under the text.
        valuePaintOrder: value?.getAttribute('paint-order') ?? null,
        // The text the page writes in HTML comes along as SVG text (here the loss chart's title and the
        // data table's heading), but not text only for screen readers.
        texts: [...doc.querySelectorAll('svg > text')].map((text) => text.textContent),
        // ... over the boxes it sits in (panels, badges, buttons), or white text on a dark badge is lost.
        boxes: doc.querySelectorAll('svg > rect:not(:first-of-type)').length,
        hiddenTexts: [...document.querySelectorAll('.visually-hidden')].map((element) => element.textContent.trim())
          .filter((hidden) => hidden && [...doc.querySelectorAll('svg > text')].some((text) => text.textContent === hidden)),
      };
    }, svgText);
    assert.equal(parsed.error, null, 'the SVG parses');
    assert.ok(parsed.elements > 50, `only ${parsed.elements} elements in the SVG`);
    assert.ok(parsed.imagesAfterNeurons >= 1, 'the thumbnails come after (over) the neurons');
    assert.match(parsed.valuePaintOrder ?? '', /^stroke/, 'neuron numbers keep paint-order: stroke');
    assert.ok(parsed.texts.includes('Loss and accuracy'), `the loss chart's HTML title is in the SVG (${parsed.texts.length} texts)`);
    assert.ok(parsed.texts.some((text) => text.toLowerCase() === 'prediction'), 'the data table\'s heading is in the SVG');
    assert.deepEqual(parsed.hiddenTexts, [], 'no text meant for screen readers only');
    assert.ok(parsed.boxes >= 5, `the HTML boxes are drawn (${parsed.boxes} rects besides the background)`);

    const png = await downloadFrom(page, 'png');
    assert.match(png.name, /\.png$/);
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG magic bytes');
    const picture = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return { width: bitmap.width, height: bitmap.height, colours: colours.size };
    }, png.bytes.toString('base64'));
    assert.ok(picture.width > 500 && picture.height > 500, `PNG is ${picture.width}×${picture.height}`);
    assert.ok(picture.colours > 50, `the PNG has only ${picture.colours} distinct colours: blank?`);
  });
});

test('the SVG export draws the CSS decorations: the graph legend\'s swatches and the phase cycle\'s arrows', async () => {
  await withApp('', async ({ page }) => {
    const svg = await downloadFrom(page, 'svg');
    await writeFile(artifactPath('export-songs.svg'), svg.bytes);
    const found = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const texts = [...doc.querySelectorAll('svg > text')].map((node) => ({
        text: node.textContent, x: Number(node.getAttribute('x')), y: Number(node.getAttribute('y')),
        size: parseFloat(node.getAttribute('font-size')),
      }));
      const rects = [...doc.querySelectorAll('svg > rect')].map((node) => ({
        fill: node.getAttribute('fill'), stroke: node.getAttribute('stroke'), rx: Number(node.getAttribute('rx')),
        x: Number(node.getAttribute('x')), y: Number(node.getAttribute('y')),
        width: Number(node.getAttribute('width')), height: Number(node.getAttribute('height')),
      }));
      // The colours of the page's custom properties, as the browser computes them (rgb(...)).
      const colourOf = (property) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${property})`;
        document.querySelector('.graph-legend').append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      };
      // Each legend entry: its label's line in the file, and the swatches just left of it on that line.
      const legend = [['legend-forward', '--ink', 'fill'], ['legend-gradient', '--gradient', 'stroke'],
        ['legend-negative', '--negative', 'fill'], ['legend-positive', '--positive', 'fill']].map(([name, property, paint]) => {
        const label = document.querySelector(`.graph-legend .${name}`).textContent.trim();
        const line = texts.find((candidate) => candidate.text === label);
        const colour = colourOf(property);
        const swatches = line ? rects.filter((rect) => rect[paint] === colour
          && rect.x + rect.width < line.x && rect.x + rect.width > line.x - 12
          && Math.abs(rect.y + rect.height / 2 - (line.y - 0.3 * line.size)) < line.size / 2) : [];
        return { name, label: Boolean(line), colour, swatches: swatches.map(({ width, height, rx }) => ({ width, height, rx })) };
      });
      // The arrows between the phases: one before each phase but the first, between it and the one before.
      const phases = [...document.querySelectorAll('.phase-cycle li')].map((item) => texts.find((candidate) => candidate.text === item.textContent.trim()));
      const arrows = texts.filter((candidate) => candidate.text === '→');
      const arrowsBetween = phases.slice(1).filter((phase, i) => phase && phases[i]
        && arrows.some((arrow) => arrow.x > phases[i].x && arrow.x < phase.x && Math.abs(arrow.y - phase.y) < 3)).length;
      return { legend, phases: phases.length, arrows: arrows.length, arrowsBetween };
    }, svg.bytes.toString('utf8'));
    for (const entry of found.legend) {
      assert.ok(entry.label, `${entry.name}: its label is in the SVG`);
      assert.equal(entry.swatches.length, 1, `${entry.name}: one swatch of ${entry.colour} just left of its label (${JSON.stringify(entry.swatches)})`);
    }
    const [dot, ring, negative, positive] = found.legend.map((entry) => entry.swatches[0]);
    assert.ok(dot.rx >= dot.width / 2 - 0.01 && ring.rx >= ring.width / 2 - 0.01, 'the value dot and the gradient ring are round');
    assert.ok(negative.width > 2 * negative.height && positive.width > 2 * positive.height, 'the weights\' swatches are bars');
    assert.ok(found.phases > 1, 'the explanation shows the phase cycle');
    assert.equal(found.arrows, found.phases - 1, 'an arrow before each phase but the first');
    assert.equal(found.arrowsBetween, found.phases - 1, 'each arrow between two phases, on their line');
  });
});

test('a recording of N steps is an animated GIF, or a WebM video, with a progress indicator', async () => {
  await withApp('#data=songs8&step=example&views=explanation,graph', async ({ page }) => {
    const before = await page.evaluate(() => window.__algorhythm.snapshot().updates);
    await page.fill('.panel-export .export-steps', '3');
    await page.selectOption('.panel-export .export-format', 'gif');
    const progressSeen = page.waitForSelector('.panel-export .export-progress:not([hidden])', { timeout: 30_000 });
    const gifPromise = downloadFrom(page, 'record');
    await progressSeen;
    const gif = await gifPromise;
    assert.match(gif.name, /\.gif$/);
    assert.equal(gif.bytes.subarray(0, 6).toString('latin1'), 'GIF89a', 'GIF magic');
    // One graphic control extension (21 F9 04) per frame: the first picture plus one per step.
    let frames = 0;
    for (let i = 0; i + 2 < gif.bytes.length; i += 1) {
      if (gif.bytes[i] === 0x21 && gif.bytes[i + 1] === 0xf9 && gif.bytes[i + 2] === 0x04) frames += 1;
    }
    assert.ok(frames > 1, `the GIF has ${frames} frame(s)`);
    assert.equal(frames, 4, 'the first picture plus one frame per recorded step');
    const after = await page.evaluate(() => window.__algorhythm.snapshot().updates);
    assert.equal(after - before, 3, 'recording 3 steps of one example each makes 3 updates');
    assert.equal(await page.locator('.panel-export .export-progress').isHidden(), true, 'the progress bar goes away');

    await page.fill('.panel-export .export-steps', '2');
    await page.selectOption('.panel-export .export-format', 'webm');
    const webm = await downloadFrom(page, 'record');
    assert.match(webm.name, /\.webm$/);
    assert.deepEqual([...webm.bytes.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], 'EBML magic');
    assert.ok(webm.bytes.length > 200, `a WebM of ${webm.bytes.length} bytes`);
  });
});

test('the run exports as JSON and CSV, and the JSON imports back to the same weights', async () => {
  await withApp('#data=songs8&hidden=3&step=example', async ({ page }) => {
    await page.evaluate(() => window.__algorhythm.controller.step(11));
    const saved = await parameters(page);
    const json = await downloadFrom(page, 'json');
    assert.match(json.name, /\.json$/);
    const file = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(file.format, 'algorhythm-run');
    assert.equal(file.parameters.length, await page.evaluate(() => window.__algorhythm.shape().parameterCount));
    assert.deepEqual(file.parameters, saved);
    assert.equal(file.data.targets.length, 8);

    const csv = await downloadFrom(page, 'csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'name,modern,sad,piano,label');
    assert.equal(lines.length, 9);

    // Train on, so the weights differ; then import the file.
    await page.evaluate(() => window.__algorhythm.controller.step(9));
    assert.notDeepEqual(await parameters(page), saved);
    await page.setInputFiles('.panel-export [data-export="import"]', {
      name: 'run.json', mimeType: 'application/json', buffer: json.bytes,
    });
    await page.waitForFunction(() => /Imported/.test(document.querySelector('.panel-export .export-message').textContent));
    assert.deepEqual(await parameters(page), saved, 'the imported weights are the exported ones');

    // A broken file: a clear message, and nothing the reader made changes.
    await page.evaluate(() => window.__algorhythm.controller.step(4));
    const mine = await parameters(page);
    const broken = { ...file, parameters: file.parameters.slice(0, 3) };
    await page.setInputFiles('.panel-export [data-export="import"]', {
      name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.waitForFunction(() => document.querySelector('.panel-export .export-message').dataset.kind === 'error');
    const message = await page.textContent('.panel-export .export-message');
    assert.match(message, /broken\.json was not imported/);
    assert.match(message, /parameters/);
    assert.deepEqual(await parameters(page), mine, 'a refused import leaves the weights alone');
    assert.equal(await page.evaluate(() => window.__algorhythm.data().targets.length), 8);

    await page.setInputFiles('.panel-export [data-export="import"]', {
      name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"'),
    });
    await page.waitForFunction(() => /notes\.json was not imported/.test(document.querySelector('.panel-export .export-message').textContent));
    assert.deepEqual(await parameters(page), mine);

    // CSV data imports as the run's data.
    await page.setInputFiles('.panel-export [data-export="import"]', {
      name: 'songs.csv', mimeType: 'text/csv', buffer: Buffer.from('name,loud,fast,label\nA,1,0,likes\nB,0,1,dislikes\nC,1,1,likes\n'),
    });
    await page.waitForFunction(() => /Imported the data/.test(document.querySelector('.panel-export .export-message').textContent));
    assert.deepEqual(await page.evaluate(() => window.__algorhythm.data().featureNames), ['loud', 'fast']);
    await page.locator('.panel-export').screenshot({ path: artifactPath('export-panel.png') });
  });
});

test('the address bar waits while the run plays and catches up when it pauses', async () => {
  await withApp('#data=songs8&hidden=2&step=example&speed=10', async ({ page }) => {
    const before = await hashNow(page);
    await page.evaluate(() => window.__algorhythm.controller.play());
    await page.waitForFunction(() => window.__algorhythm.snapshot().tick > 20);
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => location.hash), before, 'no address-bar writes while playing');
    await page.evaluate(() => window.__algorhythm.controller.pause());
    const ticks = await page.evaluate(() => window.__algorhythm.controller.shareState().ticks);
    assert.ok(ticks > 20);
    assert.match(await hashNow(page), new RegExp(`ticks=${ticks}(&|$)`));
  });
});

test('a link reproduces the same weights after the same number of steps', async () => {
  const { hash, expected } = await withApp('#data=songs8&hidden=2&seed=7&step=example&learningRate=0.5', async ({ page }) => {
    await page.evaluate(() => window.__algorhythm.controller.step(13));
    const weights = await page.evaluate(() => {
      const snapshot = window.__algorhythm.snapshot();
      return { parameters: Array.from(snapshot.parameters), tick: snapshot.tick, updates: snapshot.updates, epoch: snapshot.epoch };
    });
    const link = await hashNow(page);
    assert.match(link, /ticks=\d+/);
    assert.doesNotMatch(link, /weights=/, 'plain training replays: no weights in the link');
    return { hash: link, expected: weights };
  });
  await withApp(hash, async ({ page }) => {
    const got = await page.evaluate(() => {
      const snapshot = window.__algorhythm.snapshot();
      return { parameters: Array.from(snapshot.parameters), tick: snapshot.tick, updates: snapshot.updates, epoch: snapshot.epoch };
    });
    assert.deepEqual(got, expected);
    assert.equal(await page.locator('.figure-notice').isHidden(), true, 'no notice for a good link');
  });
});

test('a link with an edited data row reproduces the data and the weights', async () => {
  const { hash, expected } = await withApp('#data=songs4&step=example', async ({ page }) => {
    await page.evaluate(() => {
      const { controller } = window.__algorhythm;
      const data = controller.run.data();
      const targets = Float32Array.from(data.targets);
      targets[1] = 1 - targets[1];
      controller.actions.editData({ ...data, targets, rowNames: data.rowNames.map((name, i) => (i === 1 ? 'My edited song' : name)) });
      controller.step(6);
    });
    const state = await page.evaluate(() => ({
      parameters: Array.from(window.__algorhythm.snapshot().parameters),
      targets: Array.from(window.__algorhythm.data().targets),
      rowNames: window.__algorhythm.data().rowNames,
    }));
    const link = await hashNow(page);
    assert.match(link, /rows=[\w-]+/);
    return { hash: link, expected: state };
  });
  await withApp(hash, async ({ page }) => {
    const got = await page.evaluate(() => ({
      parameters: Array.from(window.__algorhythm.snapshot().parameters),
      targets: Array.from(window.__algorhythm.data().targets),
      rowNames: window.__algorhythm.data().rowNames,
    }));
    assert.deepEqual(got, expected);
    assert.match(await page.textContent('.panel-table'), /My edited song/);
  });
});

test('a malformed link falls back to defaults with a visible notice', async () => {
  await withApp('#data=songs8&ticks=abc&rows=%%%&weights=AAAA', async ({ page }) => {
    const notice = page.locator('.figure-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.textContent();
    assert.match(text, /step count/);
    assert.match(text, /edited data could not be used/);
    assert.match(text, /could not be restored|weights/);
    const state = await page.evaluate(() => ({ tick: window.__algorhythm.snapshot().tick, rows: window.__algorhythm.data().targets.length }));
    assert.equal(state.rows, 8, 'the settings of the link (eight songs) still apply');
  });
});
