// run.colours (web/src/engine/run.js, core/src/colours.cpp) against the page's own JavaScript
// (web/src/views/heatmap.js paintValues and paintEvery): the engine must paint the same pixels.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, withRun as withRunOf } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';
import { paintEvery, paintValues } from '../../web/src/views/heatmap.js';

let engine;
before(async () => {
  engine = wrapModule(await loadModule());
});
const withRun = (body) => withRunOf(engine, body);

const W3 = {
  data: { kind: 'planar', shape: 'spiral', points: 200, noise: 0, testFraction: 0.5, seed: 1 },
  network: { hidden: [8, 8].map((size) => ({ size, activation: 'tanh' })), outputActivation: 'sigmoid' },
  hyper: { learningRate: 0.03, batchSize: 10 },
  features: ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'],
};

// A table whose entries differ, with the alpha byte set as the page's tables have it.
const table = Uint32Array.from({ length: 256 }, (_, k) => (0xff000000 | (k * 0x010101)) >>> 0);

test('run.colours paints every channel exactly as paintValues and paintEvery do', () => withRun((run) => {
  run.reset(W3);
  run.step('epoch', 3);
  const spec = { xMin: -6, xMax: 6, yMin: -6, yMax: 6, columns: 100, rows: 100 };
  const shape = run.shape();
  const channelCount = shape.inputs + shape.neuronCount;
  const wanted = [];
  for (let channel = 0; channel < channelCount; channel += 1) {
    wanted.push({ channel, low: -1, high: 1, stride: 2 });                     // thumbnails
  }
  wanted.push({ channel: channelCount - 1, low: 0, high: 1, stride: 1 });      // the output heat map
  wanted.push({ channel: 2, low: 0.3, high: 24.7, stride: 3 });                // x², an odd range and stride
  wanted.push({ channel: 0, low: 5, high: -5, stride: 7 });                    // a reversed range
  const { pixels, images } = run.colours(spec, table, wanted);
  const copy = pixels.slice();
  const values = run.grid(spec);
  const count = spec.rows * spec.columns;
  wanted.forEach(({ channel, low, high, stride }, k) => {
    const { offset, width, height } = images[k];
    const expected = new Uint32Array(width * height);
    if (stride === 1) paintValues(expected, values, channel * count, count, table, low, high);
    else paintEvery(stride, expected, values, channel * count, spec.rows, spec.columns, table, low, high);
    assert.deepEqual(copy.subarray(offset, offset + width * height), expected, `channel ${channel}, stride ${stride}`);
  });
  assert.equal(copy.length, images.at(-1).offset + images.at(-1).width * images.at(-1).height);
}));

test('run.colours follows training: a stale grid is evaluated again', () => withRun((run) => {
  run.reset(W3);
  const spec = { columns: 20, rows: 20 };
  const channel = run.shape().inputs + run.shape().neuronCount - 1;
  const before = run.colours(spec, table, [{ channel, low: 0, high: 1 }]).pixels.slice();
  run.step('epoch', 20);
  const after = run.colours(spec, table, [{ channel, low: 0, high: 1 }]).pixels.slice();
  const expected = new Uint32Array(400);
  paintValues(expected, run.grid(spec), channel * 400, 400, table, 0, 1);
  assert.notDeepEqual(after, before);
  assert.deepEqual(after, expected);
}));

test('run.colours refuses bad channels and tables with a message and keeps working', () => withRun((run) => {
  const spec = { columns: 10, rows: 10 };
  assert.throws(() => run.colours(spec, table, [{ channel: 99 }]), /colour channel 0: channel 99 does not exist/);
  assert.throws(() => run.colours(spec, table, [{ channel: 0, stride: 0 }]), /the stride must be a whole number from 1 to 10/);
  assert.throws(() => run.colours(spec, table, [{ channel: 1.5 }]), /the channel must be a whole number/);
  assert.throws(() => run.colours(spec, table, [{ channel: 0, low: NaN }]), /low and high must be finite/);
  assert.throws(() => run.colours(spec, new Uint32Array(0), [{ channel: 0 }]), /a colour table needs 1 to 65536 entries/);
  assert.throws(() => run.colours({ columns: 0 }, table, [{ channel: 0 }]), /rows and columns/);
  assert.equal(run.colours(spec, table, [{ channel: 0 }]).pixels.length, 100);
}));
