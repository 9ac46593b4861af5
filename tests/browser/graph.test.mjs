// The computational graph, the explanation and the data table, driven the way a reader drives them:
// stepping one songs example phase by phase must show the engine's own numbers on the graph (to the
// digits shown) and name the right phase; step back must restore the numbers exactly; editing the
// table and typing a weight must change what the engine trains on; only the weights and the bias are
// Tab stops, and their focus ring is not a border. Screenshots of the forward,
// backward and update phases (1500, 800 and 320 px, light and dark, and a simulated deuteranopia
// view) are saved in tests/browser/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withApp as withAppPage, artifactPath } from './harness.mjs';
import { PALETTE } from '../../web/src/views/colors.js';

const MINUS = '\u2212';

// The page's number format, written out here independently of web/src/format.js: a fixed number of
// decimals (exponent form from a million on), U+2212 for minus, no sign on a value that rounds to
// zero, "—" for NaN.
function shown(value, digits = 3) {
  if (!Number.isFinite(value)) return '\u2014';
  const text = Math.abs(value) >= 1e6 ? value.toExponential(Math.min(digits, 3)) : value.toFixed(digits);
  if (/^-0(\.0+)?$/.test(text)) return text.slice(1);
  return text.replace(/-/g, MINUS);
}
const signed = (value) => {
  const text = shown(value);
  return text.startsWith(MINUS) || Number(text) === 0 ? text : `+${text}`;
};
const data = (value) => (Number.isInteger(value) ? String(value) : shown(value));

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

/**
 * body(view) on the app page at `path` (a wide window with reduced motion, unless `options` say
 * otherwise), once the engine has its first snapshot (harness withApp). `options` may be left out.
 */
function withApp(path, options, body) {
  if (body === undefined) return withApp(path, {}, options);
  return withAppPage(browser, path, { viewport: { width: 1500, height: 900 }, reducedMotion: 'reduce', ...options }, body);
}

/** The engine's snapshot with typed arrays as plain arrays. */
function readSnapshot(page) {
  return page.evaluate(() => {
    const snapshot = window.__algorhythm.snapshot();
    return Object.fromEntries(Object.entries(snapshot).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value) : value]));
  });
}

/** Every number drawn on the graph, by node. */
function readGraph(page) {
  return page.$$eval('.panel-graph g.node', (nodes) => Object.fromEntries(nodes.map((node) => [node.dataset.node, {
    value: node.querySelector('.value').textContent,
    gradient: node.querySelector('.gradient').textContent,
    update: node.querySelector('.update').textContent,
    beforeUpdate: node.classList.contains('before-update'),
    label: node.getAttribute('aria-label'),
  }])));
}

/** A screenshot of the whole page, at its full height (sticky bars stay where they belong). */
async function screenshot(page, name) {
  const { width } = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: artifactPath(name) });
  await page.setViewportSize({ width, height: 900 });
}

const PHASE_WORDS = { forward: /forward/i, loss: /loss/i, backward: /backward/i, update: /update/i };

test('stepping one song phase by phase shows the engine’s numbers and names each phase', async () => {
  await withApp('/#data=songs4', async ({ page, cspViolations }) => {
    let snapshot = await readSnapshot(page);
    assert.equal(snapshot.phase, 'idle');
    assert.equal(await page.locator('.phase-badge').getAttribute('data-phase'), 'idle');
    // Each weight's link is drawn as thick as the view made it (no stylesheet rule overrides it), and
    // the weights of a fresh perceptron differ, so their links do too.
    const links = await page.$$eval('.panel-graph path.weight-link', (paths) => paths.map((p) => ({ set: p.getAttribute('stroke-width'), drawn: getComputedStyle(p).strokeWidth })));
    assert.equal(links.length, 4, 'three weights and the bias');
    for (const link of links) assert.equal(link.drawn, `${link.set}px`);
    assert.ok(new Set(links.map((link) => link.drawn)).size > 1, `weights of different sizes, links of different widths: ${JSON.stringify(links)}`);
    const seen = [];
    let lastTick = snapshot.tick;
    for (let i = 0; i < 12 && snapshot.phase !== 'update'; i += 1) {
      await page.click('button[data-control="step"]');
      snapshot = await readSnapshot(page);
      assert.equal(snapshot.tick, lastTick + 1, 'one phase per step');
      lastTick = snapshot.tick;
      seen.push(snapshot.phase);
      const graph = await readGraph(page);
      const phase = snapshot.phase;

      // The explanation names this phase, and uses this phase's numbers.
      const badge = page.locator('.phase-badge');
      assert.equal(await badge.getAttribute('data-phase'), phase);
      assert.match(await badge.textContent(), PHASE_WORDS[phase]);
      const explanation = (await page.textContent('.explanation-text')).replace(/\u2212/g, '-');
      const prose = (value) => shown(value, 2).replace(MINUS, '-');
      if (phase === 'forward') {
        assert.ok(explanation.includes(prose(snapshot.activations[0])), `forward text names the prediction: ${explanation}`);
        assert.ok(explanation.includes(prose(snapshot.weightedSums[0])), 'and the sum');
      }
      if (phase === 'loss') {
        assert.ok(explanation.includes(`loss is ${prose(snapshot.exampleLoss)}`), `loss text: ${explanation}`);
        assert.match(explanation, snapshot.target[0] === 1 ? /likes it/ : /dislikes it/);
      }
      if (phase === 'backward') assert.ok(explanation.includes(prose(snapshot.deltas[0])), `backward text: ${explanation}`);
      if (phase === 'update') assert.match(explanation, /goes (up|down) by|stays the same/);

      // Inputs and weights are always shown.
      for (let k = 0; k < 3; k += 1) {
        assert.equal(graph[`input-${k}`].value, data(snapshot.inputs[k]), `input ${k}`);
        const weight = snapshot.parameters[k];
        const expected = phase === 'update' ? `${shown(weight - snapshot.lastUpdates[k])} → ${shown(weight)}` : shown(weight);
        assert.equal(graph[`weight-${k}`].value, expected, `weight ${k} in ${phase}`);
      }
      // The forward values appear with the forward phase and stay until the update.
      assert.equal(graph.sum.value, shown(snapshot.weightedSums[0]), `sum in ${phase}`);
      assert.equal(graph.activation.value, shown(snapshot.activations[0]), `prediction in ${phase}`);
      for (let k = 0; k < 3; k += 1) {
        const weightUsed = snapshot.parameters[k] - (phase === 'update' ? snapshot.lastUpdates[k] : 0);
        assert.equal(graph[`product-${k}`].value, shown(snapshot.inputs[k] * weightUsed), `product ${k}`);
      }
      // The loss appears only once computed.
      assert.equal(graph.loss.value, phase === 'forward' ? '·' : shown(snapshot.exampleLoss), `loss node in ${phase}`);
      assert.equal(graph.truth.value, phase === 'forward' ? '·' : data(snapshot.target[0]));
      // Gradients appear on the way back, on every node they belong to.
      if (phase === 'backward') {
        for (let k = 0; k < 3; k += 1) assert.equal(graph[`weight-${k}`].gradient, `∂ ${shown(snapshot.gradients[k])}`);
        assert.equal(graph.bias.gradient, `∂ ${shown(snapshot.gradients[3])}`);
        assert.equal(graph.sum.gradient, `∂ ${shown(snapshot.deltas[0])}`);
        assert.equal(graph.activation.gradient, `∂ ${shown(snapshot.outputGradients[0])}`);
      } else {
        assert.equal(graph.sum.gradient, '', `no gradient shown in ${phase}`);
      }
      // The update shows each parameter's change, labelled Δ, and its name says "change".
      if (phase === 'update') {
        for (let k = 0; k < 4; k += 1) {
          const node = k < 3 ? `weight-${k}` : 'bias';
          assert.equal(graph[node].update, `Δ ${signed(snapshot.lastUpdates[k])}`, `${node} change`);
          assert.ok(graph[node].label.includes(`change ${signed(snapshot.lastUpdates[k])}`), `${node}'s name: ${graph[node].label}`);
        }
        assert.ok(snapshot.lastUpdates.some((delta) => delta !== 0), 'the update changed something');
      }
      // The values of the forward pass and the loss were computed with the weights before the update:
      // in the update (and only then) they are tagged so; the data (inputs, truth) are not.
      for (const node of ['product-0', 'product-1', 'product-2', 'sum', 'activation', 'loss']) {
        const tagged = phase === 'update';
        assert.equal(graph[node].beforeUpdate, tagged, `${node} marked before-update in ${phase}`);
        assert.equal(graph[node].update, tagged ? 'before update' : '', `${node}'s tag in ${phase}`);
        if (tagged) assert.match(graph[node].label, /computed before the update/, `${node}'s name`);
      }
      for (const node of ['input-0', 'truth', 'weight-0', 'bias']) assert.equal(graph[node].beforeUpdate, false, `${node} in ${phase}`);
      if (['forward', 'backward', 'update'].includes(phase)) await screenshot(page, `graph-1500-${phase}.png`);
    }
    assert.deepEqual(seen, ['forward', 'loss', 'backward', 'update'], 'a perceptron example is four phases');
    assert.deepEqual(cspViolations, []);
  });
});

test('step back returns to exactly the previous numbers, at phase and at example granularity', async () => {
  await withApp('/#data=songs8', async ({ page }) => {
    for (const granularity of ['phase', 'example']) {
      await page.click(`.granularity input[value="${granularity}"]`);
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
      const before = await readSnapshot(page);
      const graphBefore = await readGraph(page);
      const tableBefore = await page.textContent('.data-table tbody');
      await page.click('button[data-control="step"]');
      const later = await readSnapshot(page);
      assert.notEqual(later.tick, before.tick, `${granularity}: the step moved on`);
      await page.click('button[data-control="back"]');
      const restored = await readSnapshot(page);
      assert.deepEqual(restored, before, `${granularity}: the snapshot is exactly the one before the step`);
      assert.deepEqual(await readGraph(page), graphBefore, `${granularity}: the graph shows the same numbers`);
      assert.equal(await page.textContent('.data-table tbody'), tableBefore, `${granularity}: the table too`);
    }
  });
});

test('editing the table changes what the engine trains on', async () => {
  await withApp('/#data=songs4', async ({ page }) => {
    const dataBefore = await page.evaluate(() => Array.from(window.__algorhythm.data().features));
    const names = await page.evaluate(() => window.__algorhythm.data().rowNames);
    const sadColumn = 1;
    const cell = page.locator(`.data-table tbody tr[data-row="0"] td[data-column="${sadColumn}"] button`);
    const shownBefore = await cell.textContent();
    assert.equal(shownBefore, String(dataBefore[sadColumn]));
    await cell.click();
    const dataAfter = await page.evaluate(() => Array.from(window.__algorhythm.data().features));
    assert.equal(dataAfter[sadColumn], 1 - dataBefore[sadColumn], `${names[0]}'s sad feature flipped in the engine`);
    assert.equal(await cell.textContent(), String(dataAfter[sadColumn]), 'and on the page');
    assert.deepEqual(dataAfter.filter((_, i) => i !== sadColumn), dataBefore.filter((_, i) => i !== sadColumn), 'nothing else changed');

    // Training uses the edited row: step until the network looks at row 0.
    let snapshot;
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('ArrowRight');
      snapshot = await readSnapshot(page);
      if (snapshot.phase === 'forward' && snapshot.exampleRow === 0) break;
    }
    assert.equal(snapshot.exampleRow, 0);
    assert.equal(snapshot.inputs[sadColumn], dataAfter[sadColumn], 'the snapshot shows the new value as the input');
    assert.equal((await readGraph(page))[`input-${sadColumn}`].value, String(dataAfter[sadColumn]), 'and so does the graph');

    // The label toggles too, and a row can be added and removed.
    const targetsBefore = await page.evaluate(() => Array.from(window.__algorhythm.data().targets));
    await page.click('.data-table tbody tr[data-row="2"] .label-toggle');
    const targetsAfter = await page.evaluate(() => Array.from(window.__algorhythm.data().targets));
    assert.equal(targetsAfter[2], 1 - targetsBefore[2]);
    await page.click('button.add-row');
    assert.equal(await page.evaluate(() => window.__algorhythm.data().targets.length), targetsBefore.length + 1);
    assert.equal(await page.locator('.data-table tbody tr').count(), targetsBefore.length + 1);
    await page.click(`.data-table tbody tr[data-row="${targetsBefore.length}"] .remove-row`);
    assert.equal(await page.evaluate(() => window.__algorhythm.data().targets.length), targetsBefore.length);

    // A new seed starts a new run on the edited rows (they are not lost).
    await page.fill('.settings-view input[id^="setting-seed"]', '7');
    await page.press('.settings-view input[id^="setting-seed"]', 'Enter');
    await page.waitForFunction(() => window.__algorhythm.store.get().seed === 7);
    assert.equal((await readSnapshot(page)).tick, 0, 'a new run');
    assert.deepEqual(await page.evaluate(() => Array.from(window.__algorhythm.data().features)), dataAfter, 'edited rows kept');
  });
});

test('a weight can be typed in, is part of the history, and a refused value says why', async () => {
  await withApp('/#data=songs4', async ({ page }) => {
    await page.keyboard.press('ArrowRight');
    const before = await readSnapshot(page);
    await page.click('.panel-graph g[data-node="weight-2"]');
    const editor = page.locator('.panel-graph .value-editor input');
    await editor.fill('1.5');
    await editor.press('Enter');
    const edited = await readSnapshot(page);
    assert.equal(edited.parameters[2], Math.fround(1.5), 'the engine has the typed weight');
    assert.equal(edited.phase, 'edit');
    assert.equal((await readGraph(page))['weight-2'].value, '1.500');
    assert.equal(await page.locator('.phase-badge').getAttribute('data-phase'), 'edit');

    // The edit is a step in the history.
    await page.click('button[data-control="back"]');
    assert.deepEqual(await readSnapshot(page), before, 'step back undoes the edit exactly');

    // Keyboard: focus the weight, Enter opens the editor; the engine refuses an absurd value.
    await page.focus('.panel-graph g[data-node="weight-0"]');
    await page.keyboard.press('Enter');
    await editor.fill('5000000');
    await editor.press('Enter');
    const alert = page.locator('.figure-alert[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /weight must be a finite number between/);
    const after = await readSnapshot(page);
    assert.deepEqual(after.parameters, before.parameters, 'nothing changed');
    await page.click('button[data-control="step"]');
    assert.equal((await readSnapshot(page)).tick, before.tick + 1, 'and the run goes on');
    assert.equal(await alert.isVisible(), false, 'the message clears once things work again');
  });
});

test('keyboard: the weights and the bias are the graph’s only Tab stops, with a focus ring apart from their border', async () => {
  await withApp('/#data=songs4', async ({ page }) => {
    const stops = await page.$$eval('.panel-graph g.node', (nodes) => nodes.map((node) => ({
      id: node.dataset.node, tabindex: node.getAttribute('tabindex'), tabIndex: node.tabIndex,
    })));
    const editable = (id) => /^weight-|^bias$/.test(id);
    for (const { id, tabindex, tabIndex } of stops) {
      if (editable(id)) assert.equal(tabindex, '0', `${id} is a Tab stop`);
      else assert.deepEqual([tabindex, tabIndex], [null, -1], `${id} (not editable) is not focusable`);
    }
    // Tab goes from weight to weight (the inputs between them are skipped), then to the bias.
    await page.focus('.panel-graph g[data-node="weight-0"]');
    const visited = [];
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement.dataset.node));
    }
    assert.deepEqual(visited, ['weight-1', 'weight-2', 'bias']);

    // The focused box keeps its own border (a weight's colour is its sign); the ring is in the focus
    // colour, outside the box with a gap. Unfocused, no ring.
    const look = (id) => page.$eval(`.panel-graph g[data-node="${id}"]`, (node) => {
      const box = node.querySelector('.node-box');
      const ring = node.querySelector('.node-ring');
      const probe = document.createElement('span');
      probe.style.color = 'var(--focus)';
      node.closest('.panel-graph').append(probe);
      const focus = getComputedStyle(probe).color;
      probe.remove();
      const boxStyle = getComputedStyle(box);
      const ringStyle = getComputedStyle(ring);
      const outerBox = box.getBBox().width + parseFloat(boxStyle.strokeWidth);
      const innerRing = ring.getBBox().width - parseFloat(ringStyle.strokeWidth);
      return {
        boxStroke: boxStyle.stroke, ringShown: ringStyle.opacity !== '0' && ringStyle.display !== 'none',
        ringStroke: ringStyle.stroke, focus, gap: (innerRing - outerBox) / 2,
      };
    });
    const before = await look('weight-0');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.node), 'weight-0');
    const focused = await look('weight-0');
    assert.equal(before.ringShown, false, 'no ring while unfocused');
    assert.equal(focused.ringShown, true, 'a ring on the focused weight');
    assert.equal(focused.ringStroke, focused.focus, 'in the focus colour');
    assert.equal(focused.boxStroke, before.boxStroke, 'the box keeps its border colour');
    assert.ok(focused.gap >= 2, `a gap of ${focused.gap} px between the box and the ring`);
    assert.equal(await page.locator('.panel-graph .tooltip').isVisible(), true, 'focus shows the tooltip');
  });
});

test('animation: pulses travel on a step, and none under reduced motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    await withApp('/#data=songs4', { reducedMotion }, async ({ page }) => {
      await page.click('button[data-control="step"]');
      const pulses = await page.locator('.panel-graph circle.pulse').count();
      if (reducedMotion === 'reduce') assert.equal(pulses, 0, 'no movement under reduced motion');
      else assert.ok(pulses >= 3, `forward pulses travel (${pulses})`);
      const snapshot = await readSnapshot(page);
      assert.equal((await readGraph(page)).sum.value, shown(snapshot.weightedSums[0]), 'numbers are current at once');
      // Backward pulses are drawn as rings in the gradient colour.
      await page.click('button[data-control="step"]');
      await page.click('button[data-control="step"]');
      if (reducedMotion !== 'reduce') {
        assert.ok(await page.locator('.panel-graph circle.pulse.backward').count() > 0, 'backward pulses');
        await page.waitForFunction(() => document.querySelectorAll('.panel-graph circle.pulse').length === 0, null, { timeout: 5000 });
      }
    });
  }
});

test('the network view: links by sign, neurons expand into their own graph and collapse', async () => {
  await withApp('/#data=songs4&hidden=3', async ({ page }) => {
    assert.equal(await page.locator('.panel-graph').isVisible(), false, 'a network with hidden layers shows the network view');
    const shape = await page.evaluate(() => window.__algorhythm.shape());
    assert.equal(await page.locator('.network-svg g.neuron').count(), shape.neuronCount);
    assert.equal(await page.locator('.network-svg path.weight-link').count(), 3 * 3 + 3);
    const snapshot = await readSnapshot(page);
    const signs = await page.$$eval('.network-svg path.weight-link', (links) => links.map((l) => l.classList.contains('negative') ? -1 : 1));
    const expectedSigns = [];
    for (const layer of shape.layers) {
      for (let o = 0; o < layer.neurons; o += 1) {
        for (let i = 0; i < layer.inputs; i += 1) expectedSigns.push(snapshot.parameters[layer.weightOffset + o * layer.inputs + i] < 0 ? -1 : 1);
      }
    }
    assert.deepEqual(signs, expectedSigns, 'links are coloured by the sign of their weight');
    // As thick as their weight's magnitude, as drawn (a stylesheet rule once overrode every width).
    const widths = await page.$$eval('.network-svg path.weight-link', (links) => links.map((l) => parseFloat(getComputedStyle(l).strokeWidth)));
    const magnitudes = [];
    for (const layer of shape.layers) {
      for (let k = 0; k < layer.neurons * layer.inputs; k += 1) magnitudes.push(Math.abs(snapshot.parameters[layer.weightOffset + k]));
    }
    const heaviest = magnitudes.indexOf(Math.max(...magnitudes));
    const lightest = magnitudes.indexOf(Math.min(...magnitudes));
    assert.ok(widths[heaviest] > widths[lightest] + 1, `the heaviest weight's link is drawn thicker: ${widths[heaviest]} vs ${widths[lightest]} px`);
    for (let a = 0; a < widths.length; a += 1) {
      for (let b = 0; b < widths.length; b += 1) {
        if (magnitudes[a] > magnitudes[b]) assert.ok(widths[a] >= widths[b], `link ${a} (|w| ${magnitudes[a]}) is no thinner than link ${b}`);
      }
    }

    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
    const neuron = page.locator('.network-svg g.neuron').nth(1);
    await neuron.focus();
    await page.keyboard.press('Enter');
    assert.equal(await neuron.getAttribute('aria-expanded'), 'true');
    const expansion = page.locator('.neuron-expansion');
    assert.equal(await expansion.isVisible(), true);
    const inner = await expansion.locator('g.node').evaluateAll((nodes) => Object.fromEntries(nodes.map((n) => [n.dataset.node, n.querySelector('.value').textContent])));
    const now = await readSnapshot(page);
    assert.equal(inner.sum, shown(now.weightedSums[1]), 'the expanded neuron shows its own sum');
    assert.equal(inner.activation, shown(now.activations[1]));
    assert.equal(inner['weight-0'], shown(now.parameters[shape.layers[0].weightOffset + 1 * 3 + 0]));
    await screenshot(page, 'network-1500-expanded.png');
    await neuron.click();
    assert.equal(await neuron.getAttribute('aria-expanded'), 'false');
    assert.equal(await expansion.isVisible(), false);
  });
});

test('screenshots of each phase at 800 and 320 px, light and dark; nothing overflows the phone', async () => {
  for (const [width, colorScheme] of [[800, 'light'], [320, 'light'], [1400, 'dark'], [320, 'dark']]) {
    await withApp('/#data=songs4', { viewport: { width, height: 900 }, colorScheme }, async ({ page }) => {
      for (let i = 1; i <= 4; i += 1) {
        await page.keyboard.press('ArrowRight');
        const { phase } = await readSnapshot(page);
        if (phase !== 'loss') await screenshot(page, `graph-${width}-${colorScheme}-${phase}.png`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than ${width}px`);
      const graphBox = await page.locator('.panel-graph svg').boundingBox();
      const panelBox = await page.locator('.panel-graph').boundingBox();
      assert.ok(graphBox.x + graphBox.width <= panelBox.x + panelBox.width + 1, 'the graph fits its panel');
      const tableOverflow = await page.evaluate(() => {
        const scroller = document.querySelector('.table-scroller');
        return scroller.scrollWidth - scroller.clientWidth;
      });
      assert.ok(tableOverflow <= 0, `the songs table is ${tableOverflow}px wider than its panel at ${width}px`);
    });
  }
});

// Deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1), on linear RGB.
const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.011820, 0.042940, 0.968881],
];
const toLinear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toSrgb = (c) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
function rgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255);
}
function simulate(hex) {
  const linear = rgb(hex).map(toLinear);
  return DEUTERANOPIA.map((row) => toSrgb(Math.min(1, Math.max(0, row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]))));
}
function lab([r, g, b]) {
  const [R, G, B] = [r, g, b].map(toLinear);
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (841 / 108) * t + 4 / 29);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const distance = (a, b) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

test('colours stay distinguishable under simulated deuteranopia', async () => {
  for (const scheme of ['light', 'dark']) {
    const colors = PALETTE[scheme];
    const pairs = [['negative', 'positive', 40], ['negative', 'gradient', 25], ['positive', 'gradient', 25], ['gradient', 'forward', 25]];
    for (const [a, b, least] of pairs) {
      const seen = distance(simulate(colors[a]), simulate(colors[b]));
      assert.ok(seen >= least, `${scheme}: ${a} vs ${b} differ by ΔE ${seen.toFixed(1)} under deuteranopia (want ≥ ${least})`);
    }
  }
  // The page's CSS uses the same colours as colors.js, and a screenshot shows the whole page so.
  await withApp('/#data=songs4', async ({ page, cspViolations }) => {
    const css = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries(['negative', 'positive', 'gradient'].map((name) => [name, style.getPropertyValue(`--${name}`).trim()]));
    });
    for (const name of ['negative', 'positive', 'gradient']) assert.equal(css[name].toLowerCase(), PALETTE.light[name], `--${name}`);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    // An SVG colour-matrix filter over the whole page, added through the DOM (the page's CSP refuses inline styles).
    await page.evaluate((matrix) => {
      const ns = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('width', '0');
      svg.setAttribute('height', '0');
      const filter = document.createElementNS(ns, 'filter');
      filter.id = 'deuteranopia';
      filter.setAttribute('color-interpolation-filters', 'linearRGB');
      const colorMatrix = document.createElementNS(ns, 'feColorMatrix');
      colorMatrix.setAttribute('type', 'matrix');
      colorMatrix.setAttribute('values', matrix.map((row) => `${row.join(' ')} 0 0`).join(' ') + ' 0 0 0 1 0');
      filter.append(colorMatrix);
      svg.append(filter);
      document.body.append(svg);
      document.documentElement.style.filter = 'url(#deuteranopia)';
    }, DEUTERANOPIA);
    await screenshot(page, 'graph-1500-deuteranopia-backward.png');
    assert.deepEqual(cspViolations, []);
  });
});

test('a focused weight\'s or the bias\'s tooltip stands beside its box, inside the graph, over no other box or badge', async () => {
  for (const width of [1500, 800, 360]) {
    await withApp('/#data=songs4', { viewport: { width, height: 900 } }, async ({ page }) => {
      // The tooltips at their largest: in the backward pass (a gradient line) and the update (old → new, the change).
      for (const steps of [3, 1]) {
        for (let i = 0; i < steps; i += 1) await page.click('button[data-control="step"]');
        for (const id of ['weight-0', 'weight-1', 'weight-2', 'bias']) {
          await page.focus(`.panel-graph g[data-node="${id}"]`);
          const { tip, own, others, graph } = await page.$eval('.panel-graph .neuron-graph', (root, focused) => {
            const rect = (element) => { const { x, y, width: w, height: h } = element.getBoundingClientRect(); return { x, y, w, h }; };
            const boxes = [...root.querySelectorAll('g.node')].flatMap((node) => [
              { id: node.dataset.node, ...rect(node.querySelector('.node-box')) },
              ...[...node.querySelectorAll('g.badge rect')].map((badge) => ({ id: `${node.dataset.node}'s badge`, ...rect(badge) })),
            ]);
            return {
              tip: rect(root.querySelector('.tooltip')),
              own: boxes.find((box) => box.id === focused),
              others: boxes.filter((box) => box.id !== focused),
              graph: rect(root.querySelector('svg')),
            };
          }, id);
          const where = `${width} px, ${id} after ${steps} steps`;
          const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          const covered = others.filter((box) => overlap(tip, box)).map((box) => box.id);
          assert.deepEqual(covered, [], `${where}: the tooltip (${JSON.stringify(tip)}) covers no other box or badge`);
          assert.ok(tip.x >= graph.x && tip.x + tip.w <= graph.x + graph.w + 0.5, `${where}: inside the graph's width`);
          assert.ok(tip.y >= graph.y && tip.y + tip.h <= graph.y + graph.h + 0.5, `${where}: inside the graph's height`);
          const near = { x: own.x - 12, y: own.y - 12, w: own.w + 24, h: own.h + 24 };
          assert.ok(overlap(tip, near), `${where}: beside its box`);
        }
      }
      await page.focus('.panel-graph g[data-node="weight-0"]');
      await page.locator('.panel-graph .neuron-graph').screenshot({ path: artifactPath(`graph-tooltip-${width}.png`) });
    });
  }
});
