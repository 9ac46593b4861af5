// The explanation against the engine it explains: what it says of the mini-batch (which example of how
// many, when the weights change) follows the engine's own batches, and what it says of a trained
// network's tiny numbers follows the numbers, not their rounding to 0.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, openBrowser, withApp } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/** Steps `count` phases; after each, the phase, the features' values and the explanation's text. */
function stepPhases(page, count) {
  return page.evaluate((count) => {
    const { controller } = window.__algorhythm;
    const seen = [];
    for (let i = 0; i < count; i += 1) {
      controller.step();
      const snapshot = controller.snapshot();
      seen.push({
        phase: snapshot.phase,
        layer: snapshot.phaseLayer,
        epoch: snapshot.epoch,
        inputs: Array.from(snapshot.inputs),
        text: document.querySelector('.explanation-text').textContent,
      });
    }
    return seen;
  }, count);
}

test('"example k of n" follows the engine’s mini-batches, the epoch’s last and shorter one too', async () => {
  // 23 points, half of them held out: 11 training rows, in mini-batches of 5, 5 and 1.
  await withApp(browser, '/#data=planar-circle&points=23&testFraction=0.5&hidden=2&batchSize=5', {}, async ({ page }) => {
    const seen = await stepPhases(page, 11 * 5 + 3 + 1); // five phases an example, an update a batch, one more
    const batches = [];
    let counted = [];
    for (const { phase, text, epoch } of seen) {
      if (epoch > 0) break;
      const position = text.match(/this is example (\d+) of (\d+)/);
      if (position) counted.push([Number(position[1]), Number(position[2])]);
      if (/holds only this example: the weights change right after it/.test(text)) counted.push([1, 1]);
      if (phase === 'update') {
        batches.push(counted);
        counted = [];
      }
    }
    assert.deepEqual(batches, [
      [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]],
      [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]],
      [[1, 1]],
    ], 'each example counted once, and the weights change after the last of each batch');
  });
});

test('a trained perceptron: an input is said to be 0 only when it is, and no chance or loss reads 1.00 or 0.00', async () => {
  await withApp(browser, '/#data=songs8', {}, async ({ page }) => {
    await page.evaluate(() => {
      const { controller, store } = window.__algorhythm;
      store.set({ step: 'epoch' });
      for (let i = 0; i < 300; i += 1) controller.step();
      store.set({ step: 'phase' });
    });
    const seen = await stepPhases(page, 8 * 4); // every song: forward, loss, backward, update
    const features = ['modern', 'sad', 'piano'];
    let checkedBlame = 0;
    for (const { phase, inputs, text } of seen) {
      assert.doesNotMatch(text, /1\.00 chance|loss is (now )?0\.00\b|gradient is −?0\.00\b/, text);
      if (phase !== 'backward') continue;
      const zero = text.match(/Since ([^.]*?) (?:was|were) 0/)?.[1] ?? '';
      features.forEach((feature, i) => {
        assert.equal(zero.includes(feature), inputs[i] === 0, `${feature} = ${inputs[i]}: ${text}`);
      });
      checkedBlame += 1;
    }
    assert.equal(checkedBlame, 8);
  });
});

/** Three clusters of points named amber, sky and green: multi-class data as run.data() gives it. */
const THREE_CLUSTERS = () => {
  const features = [];
  const targets = [];
  for (let i = 0; i < 60; i += 1) {
    const k = i % 3;
    const angle = (k * 2 * Math.PI) / 3;
    features.push(3.5 * Math.cos(angle) + Math.sin(i * 1.3), 3.5 * Math.sin(angle) + Math.cos(i * 0.7));
    targets.push(k);
  }
  return { name: 'Three clusters', task: 'multiclass', featureNames: ['x', 'y'], classNames: ['amber', 'sky', 'green'], rowNames: [], features, targets, isTest: new Array(60).fill(0), planar: true, domain: [-6, 6] };
};

/** Replaces the page's run with one on the three clusters (the page's settings, its hidden layers too). */
function loadClusters(page) {
  return page.evaluate((dataset) => {
    const { controller } = window.__algorhythm;
    controller.actions.restoreRun({
      dataset: { ...dataset, features: Float32Array.from(dataset.features), targets: Float32Array.from(dataset.targets), isTest: Uint8Array.from(dataset.isTest) },
    });
  }, THREE_CLUSTERS());
}

test('multi-class data: the network, its tooltips, the expanded neuron and the explanation name each output by its class', async () => {
  await withApp(browser, '/#data=planar-gauss&hidden=2&step=phase', { viewport: { width: 1400, height: 900 } }, async ({ page }) => {
    await loadClusters(page);
    const outputs = page.locator('.network-view g.neuron.output');
    assert.equal(await outputs.count(), 3);
    const labels = await outputs.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label').split(':')[0]));
    assert.deepEqual(labels, ['the “amber” output', 'the “sky” output', 'the “green” output']);
    // Each output circle says its class beside it, inside the network's drawing.
    const names = await page.$$eval('.network-view text.output-name', (texts) => texts.map((text) => {
      const svg = text.ownerSVGElement.getBoundingClientRect();
      const box = text.getBoundingClientRect();
      return { text: text.textContent, inside: box.right <= svg.right + 0.5 };
    }));
    assert.deepEqual(names.map((name) => name.text), ['amber', 'sky', 'green']);
    assert.ok(names.every((name) => name.inside), `the names fit the drawing: ${JSON.stringify(names)}`);

    // The explanation, through one example: the output's chances, the loss and the gradients, class by class.
    const seen = await stepPhases(page, 4);
    const forward = seen.find(({ phase, layer }) => phase === 'forward' && layer === 1).text;
    assert.match(forward, /chances that add up to 1: [\d.]+ for “amber”, [\d.]+ for “sky” and [\d.]+ for “green”\./);
    const loss = seen.find(({ phase }) => phase === 'loss').text;
    assert.match(loss, /best guess for row \d+ is “(amber|sky|green)”/);
    const backward = seen.find(({ phase }) => phase === 'backward').text;
    assert.match(backward, /the outputs' gradients, −?[\d.]+ for “amber”, −?[\d.]+ for “sky” and −?[\d.]+ for “green”, say/);
    assert.doesNotMatch(seen.map(({ text }) => text).join(' '), /output \d/);

    // A link's tooltip, and the expanded output neuron: its title and its chance's caption.
    const link = page.locator('.network-view path.weight-link').last();
    const box = await link.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    assert.match(await page.textContent('.network-view .tooltip'), /weight from neuron \d of layer 1 to the “green” output/);
    await outputs.nth(1).click();
    assert.equal(await page.textContent('.neuron-expansion h3'), 'Inside the “sky” output');
    const captions = await page.locator('.neuron-expansion .node-caption').allTextContents();
    assert.ok(captions.includes('chance of sky'), `the captions: ${captions.join(', ')}`);
    await assertBadgesReadable(page, '.neuron-expansion');
    await page.locator('.network-view').screenshot({ path: artifactPath('multiclass-network.png') });
  });
});

/**
 * Every operator badge of the computational graph in `root` holds its symbol whole ("softmax" was
 * clipped to "oftma" by a disc) and covers no caption (its own node's "chance of sky" included).
 */
async function assertBadgesReadable(page, root) {
  const badges = await page.$$eval(`${root} g.badge`, (groups, rootSelector) => groups.map((g) => {
    const box = (element) => element.getBoundingClientRect();
    const [shape, text] = [box(g.querySelector('rect')), box(g.querySelector('text'))];
    const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const captions = [...document.querySelectorAll(`${rootSelector} .node-caption`)].filter((caption) => overlaps(shape, box(caption)));
    return {
      symbol: g.textContent,
      fits: text.left >= shape.left - 0.5 && text.right <= shape.right + 0.5,
      covers: captions.map((caption) => caption.textContent),
    };
  }), root);
  assert.ok(badges.some((badge) => badge.symbol === 'softmax'), `a softmax badge in ${root}: ${badges.map((b) => b.symbol)}`);
  for (const badge of badges) {
    assert.ok(badge.fits, `the badge "${badge.symbol}" holds its symbol`);
    assert.deepEqual(badge.covers, [], `the badge "${badge.symbol}" covers no caption`);
  }
}

test('multi-class data in a perceptron: the computational graph names its output and its chance by the class', async () => {
  await withApp(browser, '/#data=planar-gauss&step=phase', { viewport: { width: 1400, height: 900 } }, async ({ page }) => {
    await loadClusters(page);
    await stepPhases(page, 1);
    assert.equal(await page.getAttribute('.graph-view svg.neuron-graph-svg', 'aria-label'), 'Computational graph of the “amber” output');
    const captions = await page.locator('.graph-view .node-caption').allTextContents();
    assert.ok(captions.includes('chance'), `a caption too long for its box with the class's name: ${captions.join(', ')}`);
    await assertBadgesReadable(page, '.graph-view');
    await page.dispatchEvent('.graph-view g[data-node="activation"]', 'pointerenter');
    assert.match(await page.textContent('.graph-view .tooltip'), /^the chance of “amber”: softmax of the outputs' sums/);
    await page.focus('.graph-view [data-node="bias"]');
    assert.match(await page.textContent('.graph-view .tooltip'), /^the bias of the “amber” output/);
    await page.locator('.graph-view').screenshot({ path: artifactPath('multiclass-graph.png') });
  });
});

test('a weight edited in the middle of an example: the explanation and the graph say the values before it stay until the next example', async () => {
  await withApp(browser, '/#data=songs4&step=phase', { viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    const explanation = () => page.textContent('.explanation-text');
    const tag = (id) => page.textContent(`.panel-graph g[data-node="${id}"] text.update`);
    // Untouched, no phase of a few examples speaks of a change.
    const plain = await stepPhases(page, 5 * 4 + 1); // four examples, then the fifth's forward pass
    assert.deepEqual(plain.filter(({ text }) => /your change/.test(text)), []);

    // The reader types a new bias after the forward pass has used the old one.
    await page.click('.panel-graph g[data-node="bias"]');
    const editor = page.locator('.panel-graph .value-editor input');
    await editor.fill('2');
    await editor.press('Enter');
    assert.match(await explanation(), /^You changed the bias in the middle of an example\. The output's values for .+ were computed with the old value, and the network does not compute them again/);

    // The engine goes on from the sum it computed with the old bias: the loss says so, and so do the graph's tags.
    await page.click('button[data-control="step"]');
    const stale = await page.evaluate(() => {
      const s = window.__algorhythm.snapshot();
      const now = s.inputs.reduce((sum, x, i) => sum + x * s.parameters[i], s.parameters[s.inputs.length]);
      return { phase: s.phase, sum: s.weightedSums[0], now };
    });
    assert.equal(stale.phase, 'loss');
    assert.ok(Math.abs(stale.sum - stale.now) > 0.01, `the engine's sum ${stale.sum} is not the inputs times the weights plus the new bias (${stale.now})`);
    assert.match(await explanation(), /The output's values were computed before your change and are not computed again in the middle of an example: this loss is worked out from them; the next example uses your change throughout/);
    assert.equal(await tag('sum'), 'before your change');
    assert.equal(await tag('loss'), 'before your change');
    await page.locator('.panel-graph').screenshot({ path: artifactPath('edit-mid-example-graph.png') });
    await page.locator('.explanation-view').screenshot({ path: artifactPath('edit-mid-example-explanation.png') });

    await page.click('button[data-control="step"]');
    assert.match(await explanation(), /these gradients are worked out from them/);
    // The update, and the next example: computed with the new bias throughout, nothing more to say.
    const after = await stepPhases(page, 2);
    assert.deepEqual(after.map(({ phase }) => phase), ['update', 'forward']);
    assert.deepEqual(after.filter(({ text }) => /your change/.test(text)), []);
    assert.equal(await tag('sum'), '');
  });
});

/** The explanation's sentences and its cycle's stages (their labels, and which one is marked). */
function explanationState(page) {
  return page.evaluate(() => ({
    text: document.querySelector('.explanation-text').textContent,
    stages: [...document.querySelectorAll('.phase-cycle li')].map((li) => li.textContent),
    current: document.querySelector('.phase-cycle li.current')?.dataset.phase ?? null,
    cycleLabel: document.querySelector('.phase-cycle').getAttribute('aria-label'),
  }));
}

test('stepping by epoch or by mini-batch, the explanation says what Step does, and the cycle counts what one Step runs', async () => {
  await withApp(browser, '/#data=songs4&step=epoch&batchSize=1', {}, async ({ page }) => {
    const ready = await explanationState(page);
    assert.match(ready.text, /Press Step to train on all four songs once, updating the weights after each\./);
    assert.doesNotMatch(ready.text, /show it a song/);
    assert.deepEqual(ready.stages, ['Forward ×4', 'Loss ×4', 'Backward ×4', 'Update ×4']);
    assert.match(ready.cycleLabel, /one Step/);
    await page.click('[data-control="step"]');
    await page.waitForFunction(() => document.querySelector('.phase-badge').dataset.phase === 'update');
    const stepped = await explanationState(page);
    assert.equal(stepped.current, 'update', 'an epoch ends with an update');
    assert.match(stepped.text, /This step made 4 updates/);
    assert.equal(await page.evaluate(() => window.__algorhythm.controller.snapshot().updates), 4, 'one Step, an update for each song');
  });
  await withApp(browser, '/#data=songs8&step=batch&batchSize=2', {}, async ({ page }) => {
    const ready = await explanationState(page);
    assert.match(ready.text, /Press Step to show it a mini-batch of two songs and update the weights once\./);
    assert.deepEqual(ready.stages, ['Forward ×2', 'Loss ×2', 'Backward ×2', 'Update']);
  });
  await withApp(browser, '/#data=songs4&step=phase', {}, async ({ page }) => {
    const ready = await explanationState(page);
    assert.match(ready.text, /Press Step to show it a song, one phase at a time\./);
    assert.deepEqual(ready.stages, ['Forward', 'Loss', 'Backward', 'Update'], 'a phase a Step: the cycle as it is');
  });
});
