// Hostile input through the WebAssembly API: every value a page, a URL or a pasted file could hand the
// engine. Each is refused with an Error that carries a message, or accepted and handled correctly —
// never an abort, a hang or a corrupted run — and the run keeps working afterwards. Names with markup
// are kept verbatim as data: showing them as text is the page's job (tests/browser).
// The second half are property-based tests (fast-check) over generated settings, CSV text, parameter
// edits, grids and step/seek sequences. FC_SEED=<n> explores another part of the input space.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, withRun as withRunOf } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';
import { wrapMelodyModule } from '../../web/src/engine/melody-run.js';

// fast-check is a devDependency of web/, which imports from tests/ cannot see directly.
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const fc = createRequire(path.join(webDir, 'package.json'))('fast-check');
const FC_OPTIONS = { seed: Number(process.env.FC_SEED ?? 8), numRuns: 150 };

let Module;
let engine;
before(async () => {
  Module = await loadModule();
  engine = wrapModule(Module);
});

const withRun = (body) => withRunOf(engine, body);

// The run trains, and its parameters are finite numbers.
function assertWorks(run) {
  assert.equal(typeof run.step('example'), 'boolean');
  const snapshot = run.snapshot();
  assert.ok(snapshot.parameters.every(Number.isFinite), 'parameters are finite');
}

// `attempt` is refused with an Error carrying a message (matching `message` if given) and leaves
// the run as it was; returns the message.
function assertRefused(run, attempt, message) {
  const before = run.snapshot();
  let caught = null;
  try {
    attempt();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error, `refused with an Error (got ${caught === null ? 'no error' : String(caught)})`);
  assert.ok(caught.message.length > 0, 'the error has a message');
  if (message) assert.match(caught.message, message);
  const after = run.snapshot();
  assert.equal(after.tick, before.tick);
  assert.deepEqual(after.parameters, before.parameters);
  return caught.message;
}

// ---- one hostile value at a time -------------------------------------------------------------------

const deeplyNested = (depth) => {
  let value = { size: 2 };
  for (let i = 0; i < depth; i += 1) value = { size: value, nested: value };
  return value;
};

const refused = [
  // oversized numbers
  ['a learning rate of 1e308', (run) => run.reset({ hyper: { learningRate: 1e308 } }), /learning rate/],
  ['Number.MAX_VALUE neurons', (run) => run.reset({ network: { hidden: [{ size: Number.MAX_VALUE }] } }), /whole number/],
  ['a batch size of 1e300', (run) => run.reset({ hyper: { batchSize: 1e300 } }), /whole number/],
  ['1e12 planar points', (run) => run.reset({ data: { kind: 'planar', points: 1e12 } }), /points/],
  ['a seed of 2^64', (run) => run.reset({ seed: 2 ** 64 }), /seed/],
  ['a weight of 1e39 (infinite as a float)', (run) => run.setParameter(0, 1e39), /finite/],
  ['a parameter index of 1e20', (run) => run.setParameter(1e20, 1), /parameter index/],
  ['a grid of 1e300 columns', (run) => run.grid({ columns: 1e300 }), /whole number/],
  ['a step count of 1e15', (run) => run.step('epoch', 1e15), /step count/],
  // NaN and Infinity
  ['an infinite learning rate', (run) => run.reset({ hyper: { learningRate: Infinity } }), /learning rate/],
  ['a NaN momentum', (run) => run.setHyperparameters({ momentum: NaN }), /momentum/],
  ['a NaN noise', (run) => run.reset({ data: { kind: 'planar', noise: NaN } }), /noise/],
  ['an infinite test fraction', (run) => run.reset({ data: { kind: 'csv', text: 'a,label\n1,0\n2,1\n', testFraction: Infinity } }), /test_fraction|test fraction/],
  ['a grid from -Infinity', (run) => run.grid({ xMin: -Infinity }), /finite/],
  ['an infinite weight', (run) => run.setParameter(0, Infinity), /finite/],
  ['a NaN parameter index', (run) => run.setParameter(NaN, 1), /parameter index/],
  ['a NaN step count', (run) => run.step('epoch', NaN), /step count/],
  ['an infinite step count', (run) => run.step('epoch', Infinity), /step count/],
  ['a NaN tick', (run) => run.seek(NaN), /tick/],
  ['a data set with an infinite feature', (run) => run.setData({ ...run.data(), features: Float32Array.of(1, 1, 1, 0, Infinity, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0) }), /infinite/],
  ['a data set with a NaN label', (run) => run.setData({ ...run.data(), targets: Float32Array.of(0, NaN, 1, 0, 1, 0, 1, 0) }), /label/],
  // negative and fractional sizes
  ['a layer of -1 neurons', (run) => run.reset({ network: { hidden: [{ size: -1 }] } }), /neurons/],
  ['-5 planar points', (run) => run.reset({ data: { kind: 'planar', points: -5 } }), /points/],
  ['a grid of -1 columns', (run) => run.grid({ columns: -1 }), /rows and columns/],
  ['a batch size of -3', (run) => run.setHyperparameters({ batchSize: -3 }), /batch size/],
  ['a negative step count', (run) => run.step('example', -1), /step count/],
  ['a negative parameter index', (run) => run.setParameter(-1, 0), /parameter index/],
  ['a fractional parameter index', (run) => run.setParameter(2.5, 0), /parameter index/],
  ['no input features', (run) => run.reset({ data: { kind: 'planar' }, features: [] }), /at least one/],
  // huge arrays
  ['a million hidden layers', (run) => run.reset({ network: { hidden: new Array(1e6) } }), /too many hidden layers/],
  ['an array-like with length 1e9 as layers', (run) => run.reset({ network: { hidden: { length: 1e9 } } }), /array/],
  ['a million fixed grid values', (run) => run.grid({ fixed: new Array(1e6).fill(1) }), /one value per feature/],
  ['a million labels', (run) => run.setData({ ...run.data(), targets: new Float32Array(1e6) }), /too many rows/],
  // deeply nested objects
  ['a layer size nested 10,000 deep', (run) => run.reset({ network: { hidden: [deeplyNested(10_000)] } }), /must be a number, got a object/],
  ['a data set nested 10,000 deep', (run) => run.reset({ data: { kind: 'custom', dataset: deeplyNested(10_000) } }), /data set|features/],
  // strings, objects and other types where numbers are expected
  ['a learning rate given as text', (run) => run.reset({ hyper: { learningRate: '0.1' } }), /must be a number, got a string/],
  ['a layer size given as text', (run) => run.reset({ network: { hidden: [{ size: '4' }] } }), /must be a number, got a string/],
  ['points given as text', (run) => run.reset({ data: { kind: 'planar', points: '200' } }), /must be a number, got a string/],
  ['grid columns given as text', (run) => run.grid({ columns: '10' }), /must be a number, got a string/],
  ['a BigInt learning rate', (run) => run.reset({ hyper: { learningRate: 1n } }), /got a bigint/],
  ['a Symbol learning rate', (run) => run.reset({ hyper: { learningRate: Symbol('x') } }), /got a symbol/],
  ['a feature name that is a number', (run) => run.reset({ data: { kind: 'planar' }, features: [1] }), /must be a string/],
  ['features given as one string', (run) => run.reset({ data: { kind: 'planar' }, features: 'x' }), /array of strings/],
  ['rows to predict given as an object', (run) => run.predict({ length: 3 }), /array of numbers/],
  ['a step size given as a number', (run) => run.step(5, 1), /string/],
  ['a step size given as an object', (run) => run.step({ toString: () => 'epoch' }, 1), /string/],
  ['a data set given as null', (run) => run.setData(null), /must be an object/],
  ['CSV text given as a number', (run) => run.reset({ data: { kind: 'csv', text: 42 } }), /must be a string/],
];

for (const [name, attempt, message] of refused) {
  test(`hostile: ${name} is refused with a message and the run keeps working`, () => withRun((run) => {
    run.reset({ data: { kind: 'songs8' }, network: { hidden: [{ size: 2 }] } });
    run.step('example', 3);
    assertRefused(run, () => attempt(run), message);
    assertWorks(run);
  }));
}

test('hostile: null, numbers, strings and arrays as the settings object fall back to the defaults', () => withRun((run) => {
  for (const options of [null, undefined, 5, 'x', [], true]) {
    run.reset(options);
    assert.deepEqual(run.data().featureNames, ['modern', 'sad', 'piano']);
    assertWorks(run);
  }
}));

test('hostile: prototype-pollution keys are plain data, and no prototype changes', () => withRun((run) => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  run.reset(JSON.parse('{"__proto__": {"learningRate": 100}, "hyper": {"__proto__": {"learningRate": 1e9}, "constructor": {"prototype": {"x": 1}}}}'));
  assert.equal(run.settings().hyper.learningRate, Math.fround(0.1), 'keys under __proto__ are not settings');
  run.setHyperparameters(JSON.parse('{"__proto__": {"learningRate": 1e9}}'));
  run.reset({ data: { kind: 'csv', text: '__proto__,constructor,prototype,label\n1,2,3,0\n4,5,6,1\n' } });
  assert.deepEqual(run.data().featureNames, ['__proto__', 'constructor', 'prototype']);
  run.setData({ ...run.data(), name: '__proto__', rowNames: ['__proto__', 'hasOwnProperty'] });
  assert.equal(run.data().name, '__proto__');
  assert.deepEqual(run.data().rowNames, ['__proto__', 'hasOwnProperty']);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
  assert.equal({}.learningRate, undefined);
  assertWorks(run);
}));

const MARKUP = ['<img src=x onerror=alert(1)>', '<script>alert("x")</script>', '"><svg onload=alert(1)>', "javascript:alert('x')", '&lt;b&gt;'];

test('hostile: markup in CSV headers, row names and labels is kept verbatim as data', () => withRun((run) => {
  const quote = (text) => `"${text.replaceAll('"', '""')}"`;
  const csv = [`name,${quote(MARKUP[0])},${quote(MARKUP[2])},${quote(MARKUP[4])}`,
    `${quote(MARKUP[1])},1,2,${quote(MARKUP[3])}`,
    `${quote(MARKUP[2])},3,4,${quote(MARKUP[1])}`,
    `plain,5,6,${quote(MARKUP[3])}`].join('\n');
  run.reset({ data: { kind: 'csv', text: csv } });
  const data = run.data();
  assert.deepEqual(data.featureNames, [MARKUP[0], MARKUP[2]]);
  assert.deepEqual(data.rowNames, [MARKUP[1], MARKUP[2], 'plain']);
  assert.deepEqual(data.classNames, [MARKUP[1], MARKUP[3]].sort());
  assert.deepEqual(run.shape().inputNames, [MARKUP[0], MARKUP[2]]);
  // Written back and read again: the same names.
  run.reset({ data: { kind: 'csv', text: run.toCsv() } });
  assert.deepEqual(run.data().featureNames, data.featureNames);
  assert.deepEqual(run.data().rowNames, data.rowNames);
  assert.deepEqual(run.data().classNames, data.classNames);
  // A message that quotes a bad cell quotes it verbatim too.
  const message = assertRefused(run, () => run.reset({ data: { kind: 'csv', text: `a,label\n${quote(MARKUP[1])},0\n1,1\n` } }));
  assert.ok(message.includes(MARKUP[1].slice(0, 20)), `the message quotes the cell: ${message}`);
  assertWorks(run);
}));

test('hostile: markup in melody text is refused with a message that quotes it verbatim', (t) => {
  if (typeof Module.MelodyTrainer !== 'function') {
    t.skip('this build has no melody engine');
    return;
  }
  const run = wrapMelodyModule(Module).createMelodyRun();
  try {
    for (const markup of MARKUP) {
      assert.throws(() => run.reset({ melody: `C4/4 ${markup} D4` }),
        (error) => error instanceof Error && error.message.includes(markup.split(/\s/)[0]));
    }
    assert.equal(typeof run.step('window', 1), 'boolean');
  } finally {
    run.delete();
  }
});

// ---- the size limits ---------------------------------------------------------------------------------

const csvRows = (rows) => {
  const lines = ['x,y,label'];
  for (let r = 0; r < rows; r += 1) lines.push(`${r % 97},${(r * 7) % 13},${r % 2}`);
  return `${lines.join('\n')}\n`;
};

test('limits: a CSV of 10,000 rows is accepted and trains; one row more is refused', () => withRun((run) => {
  run.reset({ data: { kind: 'csv', text: csvRows(10_000), testFraction: 0.2 } });
  assert.equal(run.data().targets.length, 10_000);
  run.step('batch', 10);
  assertWorks(run);
  assertRefused(run, () => run.reset({ data: { kind: 'csv', text: csvRows(10_001) } }), /too many rows: 10001 \(at most 10000\)/);
  assert.equal(run.data().targets.length, 10_000, 'the previous data is kept');
  assertWorks(run);
}));

test('limits: a CSV of exactly 5 MiB is read; one byte more is refused', () => withRun((run) => {
  const LIMIT = 5 * 1024 * 1024;
  const small = csvRows(2_000);
  // Blanks after the last field are trimmed away, so the text reads as the same 2,000 rows.
  const text = small.slice(0, -1) + ' '.repeat(LIMIT - small.length + 1);
  assert.equal(text.length, LIMIT);
  run.reset({ data: { kind: 'csv', text } });
  assert.equal(run.data().targets.length, 2_000);
  assertWorks(run);
  assertRefused(run, () => run.reset({ data: { kind: 'csv', text: `${text} ` } }), /the CSV is too large/);
  assertRefused(run, () => run.reset({ data: { kind: 'csv', text: 'a,label\n'.padEnd(8 * 1024 * 1024, '1') } }), /the CSV is too large: 8 MB/);
  assertWorks(run);
}));

// ---- property-based: generated input at every entry point -----------------------------------------

// A value for a field: usually a valid one, often a hostile one.
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 2 ** 31, -(2 ** 31) - 1));
const hostileValue = fc.oneof(hostileNumber, fc.string({ maxLength: 12 }), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'size', 'kind'), fc.integer(), { maxKeys: 2 }));
const field = (valid) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
const activation = fc.constantFrom('sigmoid', 'tanh', 'relu', 'linear', 'swish', '');
const settingsArbitrary = fc.record({
  data: fc.oneof(
    fc.record({ kind: fc.constantFrom('songs4', 'songs8', 'and', 'or', 'xor', 'mnist') }),
    fc.record({ kind: fc.constant('planar'), shape: field(fc.constantFrom('gauss', 'circle', 'xor', 'spiral', 'plane', 'bump')),
      points: field(fc.integer({ min: 10, max: 300 })), noise: field(fc.double({ min: 0, max: 1, noNaN: true })),
      testFraction: field(fc.double({ min: 0, max: 0.9, noNaN: true })), seed: field(fc.integer({ min: 0, max: 1000 })) },
    { requiredKeys: ['kind'] })),
  network: fc.record({ hidden: field(fc.array(fc.record({ size: field(fc.integer({ min: 1, max: 16 })), activation: field(activation) },
    { requiredKeys: [] }), { maxLength: 9 })), outputActivation: field(activation) }, { requiredKeys: [] }),
  hyper: fc.record({ learningRate: field(fc.double({ min: 1e-4, max: 10, noNaN: true })), optimizer: field(fc.constantFrom('sgd', 'momentum', 'adam')),
    momentum: field(fc.double({ min: 0, max: 0.99, noNaN: true })), batchSize: field(fc.integer({ min: 1, max: 64 })),
    regularization: field(fc.constantFrom('none', 'l1', 'l2')), regularizationRate: field(fc.double({ min: 0, max: 1, noNaN: true })),
    loss: field(fc.constantFrom('cross-entropy', 'squared-error')) }, { requiredKeys: [] }),
  features: field(fc.uniqueArray(fc.constantFrom('x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'), { minLength: 1 })),
  seed: field(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
}, { requiredKeys: [] });

test('property: any settings object is applied or refused with a message; the run keeps working', () => withRun((run) => {
  fc.assert(fc.property(settingsArbitrary, (settings) => {
    try {
      run.reset(settings);
    } catch (error) {
      assert.ok(error instanceof Error && error.message.length > 0, `refused with a message: ${error}`);
    }
    assertWorks(run);
  }), FC_OPTIONS);
}));

test('property: any JavaScript value as settings or hyper-parameters is applied or refused with a message', () => withRun((run) => {
  fc.assert(fc.property(fc.anything({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }), (settings, hyper) => {
    for (const call of [() => run.reset(settings), () => run.setHyperparameters(hyper), () => run.setData(settings), () => run.grid(settings)]) {
      try {
        call();
      } catch (error) {
        assert.ok(error instanceof Error && error.message.length > 0, `refused with a message: ${error}`);
      }
    }
    assertWorks(run);
  }), FC_OPTIONS);
}));

// CSV text built from cells that stress the reader: numbers, words, quotes, commas, line breaks, markup.
const cell = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('', ' ', 'NaN', 'inf', '1e39', '"', '""', '"a,b"', '"line\nbreak"', 'yes', 'no', '<b>x</b>', '__proto__', '\uFEFF', '\r'),
  fc.string({ maxLength: 6 }),
);
const csvText = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom('\n', '\r\n'))
  .chain(([columns, rows, lineEnd]) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }),
    { minLength: rows + 1, maxLength: rows + 1 }).map((records) => records.map((record) => record.join(',')).join(lineEnd)));

test('property: CSV text is read or refused with a message; what is read is written back as the same rows', () => withRun((run) => {
  fc.assert(fc.property(csvText, fc.constantFrom(0, 0.25, 0.5), (text, testFraction) => {
    try {
      run.reset({ data: { kind: 'csv', text, testFraction } });
    } catch (error) {
      assert.ok(error instanceof Error && error.message.length > 0, `refused with a message: ${error}`);
      assertWorks(run);
      return;
    }
    const data = run.data();
    run.reset({ data: { kind: 'csv', text: run.toCsv() } });
    const back = run.data();
    assert.deepEqual(back.features, data.features);
    assert.deepEqual(back.targets, data.targets);
    assert.deepEqual(back.featureNames, data.featureNames);
    assert.deepEqual(back.rowNames, data.rowNames);
    assert.equal(back.task, data.task);
    assertWorks(run);
  }), FC_OPTIONS);
}));

test('property: a parameter edit sets exactly that float, or is refused with the run unchanged', () => withRun((run) => {
  run.reset({ data: { kind: 'songs8' }, network: { hidden: [{ size: 3 }] } });
  const count = run.shape().parameterCount;
  fc.assert(fc.property(fc.oneof(fc.integer({ min: -2, max: count + 1 }), hostileNumber), hostileNumber, (index, value) => {
    const before = run.snapshot().parameters;
    try {
      run.setParameter(index, value);
    } catch (error) {
      assert.ok(error instanceof Error && error.message.length > 0);
      assert.deepEqual(run.snapshot().parameters, before);
      return;
    }
    assert.ok(Number.isInteger(index) && index >= 0 && index < count, `accepted index ${index}`);
    assert.equal(run.snapshot().parameters[index], Math.fround(value));
  }), FC_OPTIONS);
  assertWorks(run);
}));

test('property: a grid is the documented size or refused with a message', () => withRun((run) => {
  run.reset({ data: { kind: 'planar', shape: 'xor', points: 50 }, features: ['x', 'y', 'xy'], network: { hidden: [{ size: 3 }] } });
  const channels = run.shape().inputs + run.shape().neuronCount;
  const spec = fc.record({ xFeature: field(fc.integer({ min: 0, max: 1 })), yFeature: field(fc.integer({ min: 0, max: 1 })),
    xMin: field(fc.constant(-6)), xMax: field(fc.constant(6)), columns: field(fc.integer({ min: 1, max: 40 })),
    rows: field(fc.integer({ min: 1, max: 40 })), fixed: field(fc.array(fc.double(), { maxLength: 3 })) }, { requiredKeys: [] });
  fc.assert(fc.property(spec, (grid) => {
    let values;
    try {
      values = run.grid(grid);
    } catch (error) {
      assert.ok(error instanceof Error && error.message.length > 0);
      return;
    }
    assert.equal(values.length, channels * (grid.columns ?? 100) * (grid.rows ?? 100));
  }), FC_OPTIONS);
  assertWorks(run);
}));

test('property: any sequence of steps, seeks and edits replays exactly: seeking back to a tick gives its parameters', () => withRun((run) => {
  const action = fc.oneof(
    fc.record({ step: fc.constantFrom('phase', 'example', 'batch', 'epoch'), count: fc.integer({ min: 0, max: 5 }) }),
    fc.record({ back: fc.integer({ min: 0, max: 60 }) }),
    fc.record({ edit: fc.integer({ min: 0, max: 8 }), value: fc.double({ min: -3, max: 3, noNaN: true }) }),
    fc.record({ rate: fc.double({ min: 0.01, max: 2, noNaN: true }) }),
  );
  fc.assert(fc.property(fc.array(action, { maxLength: 25 }), fc.integer({ min: 1, max: 50 }), (actions, seed) => {
    run.reset({ data: { kind: 'xor' }, network: { hidden: [{ size: 2 }] }, hyper: { batchSize: 2 }, seed });
    const seen = new Map(); // tick -> parameters, recorded along the way
    for (const a of actions) {
      if ('step' in a) run.step(a.step, a.count);
      else if ('back' in a) run.stepBack(a.back);
      else {
        try {
          if ('edit' in a) run.setParameter(a.edit, a.value);
          else run.setHyperparameters({ learningRate: a.rate });
        } catch (error) {
          assert.ok(run.diverged, `only a diverged run refuses this edit: ${error}`);
          continue;
        }
        // An edit made after stepping back replaces the future: forget what was recorded after it.
        for (const tick of seen.keys()) if (tick > run.tick) seen.delete(tick);
      }
      seen.set(run.tick, run.snapshot().parameters);
    }
    for (const [tick, parameters] of seen) {
      if (tick < run.firstTick) continue;
      run.seek(tick);
      assert.deepEqual(run.snapshot().parameters, parameters, `parameters at tick ${tick}`);
    }
  }), { ...FC_OPTIONS, numRuns: 100 });
}));
