// A network that diverges is explained, never drawn from its overflowed numbers: the network view shows
// dashes and plain links and hides its thumbnails, the heat map leaves its plane blank and says why, the
// explanation says what happened; stepping back draws the last good step again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withApp } from './harness.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

// Four wide ReLU layers with momentum and a learning rate of 10: the weights overflow within an epoch.
const DIVERGING = '/#data=planar-circle&hidden=16,16,16,16&activation=relu&learningRate=10&step=epoch&optimizer=momentum';

/** What the network and heat map show now. */
const shown = (page) => page.evaluate(() => {
  const network = document.querySelector('.network-view');
  const heatmap = document.querySelector('.boundary-heatmap');
  const values = [...network.querySelectorAll('.neuron text.value, .loss-node text.value')].map((node) => node.textContent);
  const links = [...network.querySelectorAll('path.weight-link')];
  const painted = (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) count += 1;
    return count;
  };
  return {
    networkDiverged: network.classList.contains('diverged'),
    values,
    gradients: [...network.querySelectorAll('.neuron text.gradient')].map((node) => node.textContent).filter(Boolean),
    linkClasses: [...new Set(links.map((link) => link.getAttribute('class')))],
    linkWidths: [...new Set(links.map((link) => link.getAttribute('stroke-width')))],
    atlasVisible: getComputedStyle(network.querySelector('.thumbnail-atlas')).visibility === 'visible',
    hint: network.querySelector('.network-hint').textContent,
    heatmapDiverged: heatmap.classList.contains('diverged'),
    note: heatmap.querySelector('.boundary-heatmap__diverged').hidden ? null : heatmap.querySelector('.boundary-heatmap__diverged').textContent,
    contour: heatmap.querySelector('.boundary-heatmap__contour').getAttribute('data-path'),
    // The plane's pixels and the boundary line's: all transparent once blanked.
    paintedPixels: painted(heatmap.querySelector('.boundary-heatmap__canvas')),
    contourPixels: painted(heatmap.querySelector('.boundary-heatmap__contour')),
    explanation: document.querySelector('.explanation-text').textContent,
    accuracy: document.querySelector('[data-metric="accuracy"]').textContent,
    readout: document.querySelector('.loss-chart__readout').textContent,
  };
});

test('a diverged run: no overflowed number drawn in the network or the heat map, and why', async () => {
  await withApp(browser, DIVERGING, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' }, async ({ page }) => {
    const before = await shown(page);
    assert.equal(before.networkDiverged, false);
    assert.ok(before.paintedPixels > 0, 'a live run paints its plane');
    assert.equal(before.note, null);
    assert.match(before.accuracy, /^\d+%$/);

    const steps = await page.evaluate(() => {
      const { controller } = window.__algorhythm;
      let steps = 0;
      while (steps < 200 && !controller.snapshot().diverged) { controller.step(); steps += 1; }
      return controller.snapshot().diverged ? steps : -1;
    });
    assert.ok(steps > 0, 'the run diverges');
    await page.waitForFunction(() => document.querySelector('.network-view')?.classList.contains('diverged'));
    const after = await shown(page);

    assert.ok(after.values.length > 0);
    assert.deepEqual([...new Set(after.values)], ['—'], 'every neuron and the loss show a dash');
    assert.deepEqual(after.gradients, [], 'no gradient is shown');
    assert.deepEqual(after.linkClasses, ['link weight-link diverged'], 'every link is drawn alike, with no sign');
    assert.deepEqual(after.linkWidths, ['1'], 'and no thickness');
    assert.equal(after.atlasVisible, false, 'the thumbnails are hidden');
    assert.match(after.hint, /diverged/);
    assert.equal(after.heatmapDiverged, true);
    assert.equal(after.note, 'No prediction: training diverged');
    assert.equal(after.contour, null, 'no boundary line');
    assert.equal(after.paintedPixels, 0, 'the plane is blank');
    assert.equal(after.contourPixels, 0, 'and so is the line\'s canvas');
    assert.match(after.explanation, /overflowed/);
    assert.match(after.explanation, /lower the learning rate/);
    assert.equal(after.accuracy, '—', 'no accuracy for NaN outputs');
    assert.doesNotMatch(after.readout, /accuracy/, 'nor in the loss chart');
    assert.doesNotMatch(after.readout, /\d{8}/, `the readout writes a huge loss short (${after.readout})`);

    // Stepping back returns to a good step, drawn in full again.
    await page.evaluate(() => window.__algorhythm.controller.stepBack());
    await page.waitForFunction(() => !document.querySelector('.network-view')?.classList.contains('diverged'));
    const recovered = await shown(page);
    assert.equal(recovered.heatmapDiverged, false);
    assert.equal(recovered.note, null);
    assert.ok(recovered.paintedPixels > 0, 'the plane is painted again');
    assert.equal(recovered.atlasVisible, true);
    assert.ok(recovered.linkClasses.every((name) => !name.includes('diverged')), 'links have their signs again');
    assert.ok(recovered.values.every((value) => value !== '—'), 'no neuron shows the diverged dash');
  });
});
