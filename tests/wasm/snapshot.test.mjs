// run.snapshot() (web/src/engine/run.js) builds its object from numbers the engine packs
// (snapshotNumbers/snapshotFloats); the raw binding's snapshot() builds the same object field by field
// in C++ (bindings/convert.cpp snapshot_to) and stays as its reference: they must agree at every phase.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';

let Module;
before(async () => {
  Module = await loadModule();
});

function agreeAlong(settings, steps) {
  const run = wrapModule(Module).createRun();
  const raw = new Module.Trainer();
  let last = null;
  try {
    run.reset(settings);
    raw.reset(settings);
    for (const [granularity, count] of steps) {
      run.step(granularity, count);
      raw.step(granularity, count);
      const fast = run.snapshot();
      const reference = raw.snapshot();
      assert.deepEqual(Object.keys(fast), Object.keys(reference));
      assert.deepEqual(fast, reference, `after ${granularity} × ${count}`);
      last = fast;
    }
  } finally {
    run.delete();
    raw.delete();
  }
  return last;
}

test('run.snapshot equals the field-by-field snapshot at every phase', () => {
  agreeAlong({ data: { kind: 'xor' }, network: { hidden: [{ size: 3, activation: 'tanh' }] }, hyper: { batchSize: 2 } },
    Array.from({ length: 30 }, () => ['phase', 1]));
});

test('run.snapshot equals it for multi-class data and after divergence (message, NaN losses)', () => {
  const diverged = agreeAlong({ data: { kind: 'planar', shape: 'plane' }, hyper: { learningRate: 10, loss: 'squared-error' },
    network: { hidden: [8, 8].map((size) => ({ size, activation: 'linear' })) } },
  [['example', 1], ['batch', 3], ['batch', 200]]);
  assert.equal(diverged.diverged, true);
  assert.match(diverged.message, /learning rate/);
  agreeAlong({ data: { kind: 'songs8' } }, [['phase', 3], ['epoch', 1]]);
});
