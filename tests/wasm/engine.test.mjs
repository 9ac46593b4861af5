// The engine through its WebAssembly API: the same calls the page makes, checked in Node.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, withRun as withRunOf } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';

let engine;
let Module;
before(async () => {
  Module = await loadModule();
  engine = wrapModule(Module);
});

const withRun = (body) => withRunOf(engine, body);

test('a new run starts on the four songs with a perceptron', () => withRun((run) => {
  const data = run.data();
  assert.deepEqual(data.featureNames, ['modern', 'sad', 'piano']);
  assert.equal(data.targets.length, 4);
  const shape = run.shape();
  assert.equal(shape.inputs, 3);
  assert.equal(shape.layers.length, 1);
  assert.equal(shape.parameterCount, 4); // three weights and a bias
  const snapshot = run.snapshot();
  assert.equal(snapshot.phase, 'idle');
  assert.ok(snapshot.parameters instanceof Float32Array);
  assert.equal(snapshot.parameters.length, 4);
}));

test('phases follow forward, loss, backward, update for one example', () => withRun((run) => {
  run.reset({ data: { kind: 'songs8' }, network: { hidden: [{ size: 2, activation: 'tanh' }] } });
  const phases = [];
  for (let i = 0; i < 6; i += 1) {
    run.step('phase');
    const s = run.snapshot();
    phases.push(`${s.phase}${s.phaseLayer >= 0 ? s.phaseLayer : ''}`);
  }
  assert.deepEqual(phases, ['forward0', 'forward1', 'loss', 'backward1', 'backward0', 'update']);
}));

test('a step changes the weights by exactly the reported update', () => withRun((run) => {
  run.reset({ data: { kind: 'songs8' }, hyper: { learningRate: 0.5 } });
  const before = run.snapshot().parameters;
  run.step('example');
  const after = run.snapshot();
  assert.equal(after.phase, 'update');
  let changed = 0;
  for (let p = 0; p < before.length; p += 1) {
    assert.equal(Math.fround(before[p] + after.lastUpdates[p]), after.parameters[p]);
    if (after.parameters[p] !== before[p]) changed += 1;
  }
  assert.ok(changed > 0, 'some weight changed');
}));

test('snapshots are copies that survive memory growth', () => withRun((run) => {
  run.reset({ data: { kind: 'planar', shape: 'spiral', points: 400 }, network: { hidden: [{ size: 8 }, { size: 8 }] } });
  const first = run.snapshot().parameters;
  const copy = Float32Array.from(first);
  for (let i = 0; i < 5; i += 1) run.grid({ columns: 300, rows: 300 }); // large buffers may grow the heap
  run.step('epoch');
  assert.deepEqual(first, copy);
}));

test('training the better songs reaches full accuracy; history steps back exactly', () => withRun((run) => {
  run.reset({ data: { kind: 'songs8' }, hyper: { learningRate: 1 } });
  run.step('epoch', 200);
  const trained = run.snapshot();
  assert.equal(trained.trainAccuracy, 1);
  const tick = run.tick;
  run.stepBack(37);
  assert.equal(run.tick, tick - 37);
  run.seek(tick);
  assert.deepEqual(run.snapshot().parameters, trained.parameters);
}));

test('the grid returns every input and neuron over the plane, row 0 at the top', () => withRun((run) => {
  run.reset({ data: { kind: 'planar', shape: 'circle' }, network: { hidden: [{ size: 3 }] }, features: ['x', 'y', 'x2'] });
  const shape = run.shape();
  const values = run.grid({ xMin: -6, xMax: 6, yMin: -6, yMax: 6, columns: 4, rows: 2 });
  assert.equal(values.length, (shape.inputs + shape.neuronCount) * 8);
  // channel 0 is x at the cell centres, channel 1 is y (top row has the larger y), channel 2 is x².
  assert.deepEqual(Array.from(values.subarray(0, 4)), [-4.5, -1.5, 1.5, 4.5]);
  assert.deepEqual(Array.from(values.subarray(8, 10)), [3, 3]);
  assert.equal(values[16], 20.25);
  // The output channel equals predict() at the same point.
  const output = values[(shape.inputs + shape.neuronCount - 1) * 8 + 5]; // row 1, column 1
  const predicted = run.predict([-1.5, -3]);
  assert.ok(Math.abs(output - predicted[0]) < 1e-6);
}));

test('a grid spec reads the same however its fields are given, and names what it refuses', () => withRun((run) => {
  run.reset({ data: { kind: 'planar', shape: 'circle' }, network: { hidden: [{ size: 3 }] } });
  const base = { xMin: -6, xMax: 6, yMin: -5, yMax: 5, columns: 5, rows: 3 };
  const expected = Array.from(run.grid(base));
  // fixed (the other features' values) empty, null or absent; numbers from a typed array; no spec
  // at all gives the defaults, which an empty object gives too.
  for (const spec of [{ ...base, fixed: [] }, { ...base, fixed: null }, { ...base, fixed: undefined }]) {
    assert.deepEqual(Array.from(run.grid(spec)), expected, JSON.stringify(spec));
  }
  assert.deepEqual(Array.from(run.grid({ ...base, fixed: Float32Array.of(0, 0) })), expected, 'fixed as a typed array');
  assert.deepEqual(Array.from(run.grid(undefined)), Array.from(run.grid({})), 'no spec: the defaults');
  assert.throws(() => run.grid({ ...base, columns: '5' }), /grid.columns must be a number, got a string/);
  assert.throws(() => run.grid({ ...base, xMin: [1] }), /grid.xMin must be a number/);
  assert.throws(() => run.grid({ ...base, columns: 2.5 }), /grid.columns must be a whole number/);
  assert.throws(() => run.grid({ ...base, fixed: 'x' }), /grid.fixed must be an array of numbers/);
  assert.throws(() => run.grid({ ...base, fixed: [0, NaN] }), /fixed feature values must be finite/);
  assert.deepEqual(Array.from(run.grid(base)), expected, 'refused specs leave the grid as it was');
}));

const badInputs = [
  ['a NaN learning rate', (run) => run.reset({ hyper: { learningRate: NaN } }), /learning rate must be in \(0, 10\], got NaN/],
  ['a negative learning rate', (run) => run.reset({ hyper: { learningRate: -1 } }), /learning rate .* got -1/],
  ['an absurd learning rate', (run) => run.reset({ hyper: { learningRate: 1e9 } }), /learning rate/],
  ['a layer of zero neurons', (run) => run.reset({ network: { hidden: [{ size: 0 }] } }), /hidden layer 1 has 0 neurons/],
  ['an oversized layer', (run) => run.reset({ network: { hidden: [{ size: 17 }] } }), /1 to 16/],
  ['a fractional layer size', (run) => run.reset({ network: { hidden: [{ size: 2.5 }] } }), /whole number/],
  ['too many layers', (run) => run.reset({ network: { hidden: Array(9).fill({ size: 2 }) } }), /too many hidden layers/],
  ['an unknown activation', (run) => run.reset({ network: { hidden: [{ size: 2, activation: 'swish' }] } }), /unknown value 'swish'/],
  ['a learning rate given as text', (run) => run.reset({ hyper: { learningRate: '0.1' } }), /must be a number, got a string/],
  ['CSV with a single column', (run) => run.reset({ data: { kind: 'csv', text: 'just one line' } }), /header has one column/],
  ['CSV with ragged rows', (run) => run.reset({ data: { kind: 'csv', text: 'a,b,label\n1,2,0\n3,1\n' } }), /line 3 has 2 fields/],
  ['CSV with a NaN feature', (run) => run.reset({ data: { kind: 'csv', text: 'a,b,label\n1,NaN,0\n3,1,1\n' } }), /NaN|not a number/],
  ['a data set with labels that do not fit', (run) => run.setData({ ...run.data(), targets: Float32Array.of(0, 1, 2, 1, 0, 1, 0, 1) }), /label of row 3 is 2/],
  ['an unknown data set', (run) => run.reset({ data: { kind: 'mnist' } }), /unknown data set 'mnist'/],
  ['an unknown step size', (run) => run.step('century'), /unknown step size 'century'/],
  ['a parameter out of range', (run) => run.setParameter(99, 1), /parameter index 99 is out of range/],
  ['a NaN parameter', (run) => run.setParameter(0, NaN), /finite number/],
  ['a bad grid', (run) => run.grid({ columns: 0 }), /1 to 400 rows and columns/],
  ['two billion epochs at once', (run) => run.step('epoch', 2e9), /too much work/],
  ['a tick too far ahead', (run) => run.seek(2 ** 31 - 1), /too far ahead/],
];

for (const [name, attempt, message] of badInputs) {
  test(`${name} is rejected with a message and the run keeps working`, () => withRun((run) => {
    run.reset({ data: { kind: 'songs8' } });
    run.step('example', 3);
    const before = run.snapshot();
    assert.throws(() => attempt(run), (error) => error instanceof Error && message.test(error.message));
    const after = run.snapshot();
    assert.deepEqual(after.parameters, before.parameters);
    assert.equal(run.step('example'), true);
  }));
}

test('a diverging run stops with an explanation and can step back', () => withRun((run) => {
  run.reset({ data: { kind: 'planar', shape: 'plane' }, network: { hidden: [{ size: 8, activation: 'linear' }, { size: 8, activation: 'linear' }] },
    hyper: { learningRate: 10, loss: 'squared-error' } });
  let ok = true;
  for (let i = 0; i < 200 && ok; i += 1) ok = run.step('batch');
  assert.equal(ok, false);
  assert.equal(run.diverged, true);
  assert.match(run.message, /learning rate/);
  run.stepBack(1);
  assert.equal(run.diverged, false);
}));

test('deleted runs free their memory: the heap stops growing', () => {
  const heapAfter = [];
  for (let round = 0; round < 3; round += 1) {
    for (let i = 0; i < 300; i += 1) {
      const run = engine.createRun();
      run.reset({ data: { kind: 'planar', shape: 'spiral', points: 300 }, network: { hidden: [{ size: 8 }] } });
      run.step('epoch');
      run.snapshot();
      run.delete();
    }
    heapAfter.push(engine.heapBytes());
  }
  assert.equal(heapAfter[2], heapAfter[1], `heap grew from ${heapAfter[1]} to ${heapAfter[2]} bytes`);
});
