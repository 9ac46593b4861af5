// The explanation against the engine it explains: what it says of the mini-batch (which example of how
// many, when the weights change) follows the engine's own batches, and what it says of a trained
// network's tiny numbers follows the numbers, not their rounding to 0.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, withApp } from './harness.mjs';

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
