// Property-based tests (fast-check) for the JS parsers of outside input (issue 8): the settings in
// the URL hash (store.js parseHash), the run state in the URL (share.js: ticks, rows, weights) and an
// imported run file (export/state-file.js parseRunJson). Any input must end in a checked result or a
// plain-language refusal, never in an exception from deep inside.
//
//   node --test tests/web/parsers.property.test.mjs          (fixed seed)
//   FC_SEED=123 FC_RUNS=5000 node --test tests/web/parsers.property.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHash, validateValue, SETTINGS_SCHEMA, RUN_HASH_KEYS, DATA_KINDS, VIEW_NAMES } from '../../web/src/store.js';
import {
  parseRunState, runStateParams, decodeDataset, encodeDataset, decodeWeights, encodeWeights, MAX_REPLAY_TICKS,
} from '../../web/src/share.js';
import { parseRunJson, runToJson } from '../../web/src/export/state-file.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// fast-check is installed in web/node_modules, which imports from tests/ cannot see.
const fc = createRequire(path.join(repoDir, 'web', 'package.json'))('fast-check');

const seed = Number.parseInt(process.env.FC_SEED ?? '20261128', 10);
const numRuns = Number.parseInt(process.env.FC_RUNS ?? '200', 10);
const check = (property, runs = numRuns) => fc.assert(property, { seed, numRuns: runs });

// ---- strings that look a little like what they are fuzzing -------------------------------------

const names = [...SETTINGS_SCHEMA.map((entry) => entry.name), ...RUN_HASH_KEYS, 'x', '', '__proto__', 'constructor'];
const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'NaN', 'Infinity', '-Infinity', '1e400',
  '-1', '0x10', '1e-400', ' 3 ', '4,4,4,4,4,4,4,4,4', ',,', '%', '%zz', '%00', '\u0000', '\ud800', '😀', ...DATA_KINDS, ...VIEW_NAMES];
const valueText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...hostile),
  fc.double().map(String), fc.integer().map(String), fc.array(fc.integer({ min: -3, max: 20 }), { maxLength: 10 }).map((a) => a.join(',')));
const encode = (text) => { try { return encodeURIComponent(text); } catch { return text; } }; // lone surrogates
const hashText = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }),
  fc.array(fc.tuple(fc.constantFrom(...names), valueText), { maxLength: 8 })
    .map((pairs) => `#${pairs.map(([name, value]) => `${name}=${encode(value)}`).join('&')}`),
  fc.array(fc.tuple(fc.constantFrom(...names), valueText), { maxLength: 8 })
    .map((pairs) => `#${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`), // raw, not encoded
);

// ---- parseHash ---------------------------------------------------------------------------------

test('parseHash: any string yields only schema-valid values, and ignored entries are plain text', () => {
  check(fc.property(fc.oneof(hashText, fc.anything()), (hash) => {
    const { values, ignored } = parseHash(hash);
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    for (const [name, value] of Object.entries(values)) {
      const entry = SETTINGS_SCHEMA.find((candidate) => candidate.name === name);
      assert.ok(entry, `only settings come out: ${name}`);
      const again = validateValue(entry, value);
      assert.ok(again.ok, `${name}=${value} is valid`);
      assert.deepEqual(again.value, value);
      if (entry.type === 'int' || entry.type === 'number') assert.ok(Number.isFinite(value));
    }
    assert.ok(Array.isArray(ignored));
    for (const item of ignored) {
      assert.deepEqual(Object.keys(item).sort(), ['name', 'reason', 'value']);
      for (const field of ['name', 'value', 'reason']) assert.equal(typeof item[field], 'string', `ignored ${field} is a string`);
      assert.ok(item.value.length <= 41 && item.name.length <= 41, 'what was ignored is quoted briefly');
    }
  }), numRuns * 3);
});

test('parseHash: a value from the schema survives the hash', () => {
  const entryValue = fc.constantFrom(...SETTINGS_SCHEMA).chain((entry) => {
    switch (entry.type) {
      case 'enum': return fc.constantFrom(...entry.allowed).map((value) => [entry, value]);
      case 'bool': return fc.boolean().map((value) => [entry, value]);
      case 'int': return fc.integer({ min: entry.allowed.min, max: entry.allowed.max }).map((value) => [entry, value]);
      case 'number': return fc.double({ min: entry.allowed.min, max: entry.allowed.max, noNaN: true })
        .filter((value) => !entry.allowed.minExclusive || value > entry.allowed.min).map((value) => [entry, value]);
      case 'list': return fc.uniqueArray(fc.constantFrom(...entry.allowed)).map((value) => [entry, value]);
      default: return fc.array(fc.integer({ min: entry.allowed.min, max: entry.allowed.max }), { maxLength: entry.allowed.maxLength })
        .map((value) => [entry, value]);
    }
  });
  check(fc.property(entryValue, ([entry, value]) => {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const { values, ignored } = parseHash(`#${entry.name}=${encodeURIComponent(text)}`);
    assert.deepEqual(ignored, []);
    assert.deepEqual(values[entry.name], Object.is(value, -0) ? 0 : value);
  }));
});

// ---- share.js: the run in the URL ----------------------------------------------------------------

const base64url = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), { maxLength: 200 }).map((a) => a.join(''));
const bytesText = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64url'));

test('parseRunState: any hash never throws; whatever it keeps is checked, and every refusal has a message', () => {
  const runValue = fc.oneof(valueText, base64url, bytesText);
  const runHash = fc.array(fc.tuple(fc.constantFrom('ticks', 'rows', 'weights', 'data'), runValue), { maxLength: 4 })
    .map((pairs) => `#${pairs.map(([name, value]) => `${name}=${encode(value)}`).join('&')}`);
  check(fc.property(fc.oneof(runHash, hashText, fc.anything()), (hash) => {
    const { state, problems } = parseRunState(hash);
    assert.ok(Array.isArray(problems));
    for (const problem of problems) assert.ok(typeof problem === 'string' && problem.length > 0 && problem.length < 400, problem);
    if (state === null) return;
    assert.ok(Number.isInteger(state.ticks) && state.ticks >= 0 && state.ticks <= MAX_REPLAY_TICKS);
    if (state.parameters) assert.ok(state.parameters.every(Number.isFinite));
    if (state.dataset) {
      assert.ok(state.dataset.features.every(Number.isFinite) && state.dataset.targets.every(Number.isFinite));
      assert.equal(state.dataset.features.length, state.dataset.targets.length * state.dataset.featureNames.length);
    }
  }), numRuns * 3);
});

test('decodeDataset and decodeWeights: malformed text is refused with a message', () => {
  check(fc.property(fc.oneof(fc.string(), base64url, bytesText, fc.anything()), (text) => {
    for (const decode of [decodeDataset, decodeWeights]) {
      try {
        decode(text);
      } catch (error) {
        assert.ok(error instanceof Error, 'refusals are Errors');
        assert.ok(!(error instanceof TypeError || error instanceof RangeError), `not a crash: ${error.stack}`);
        assert.ok(error.message.length > 0);
      }
    }
  }), numRuns * 3);
});

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const name = fc.string({ maxLength: 20 });
const dataset = fc.record({ rows: fc.integer({ min: 1, max: 12 }), width: fc.integer({ min: 1, max: 4 }), named: fc.boolean() })
  .chain(({ rows, width, named }) => fc.record({
    name,
    task: fc.constantFrom('binary', 'multiclass', 'regression'),
    featureNames: fc.array(name, { minLength: width, maxLength: width }),
    classNames: fc.array(name, { maxLength: 8 }),
    rowNames: fc.array(name, { minLength: named ? rows : 0, maxLength: named ? rows : 0 }),
    features: fc.array(float32, { minLength: rows * width, maxLength: rows * width }).map((a) => Float32Array.from(a)),
    targets: fc.array(float32, { minLength: rows, maxLength: rows }).map((a) => Float32Array.from(a)),
    isTest: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }).map((a) => Uint8Array.from(a, Number)),
    planar: fc.boolean(),
    domain: fc.tuple(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 1, max: 100 })),
  }));

test('a valid run state round-trips through the hash', () => {
  const weights = fc.array(float32, { minLength: 1, maxLength: 200 }).map((a) => Float32Array.from(a));
  check(fc.property(fc.integer({ min: 0, max: MAX_REPLAY_TICKS }), fc.option(dataset), fc.option(weights), (ticks, data, parameters) => {
    const hash = `#${runStateParams({ ticks, dataset: data, parameters }).toString()}`;
    const { state, problems } = parseRunState(hash);
    assert.deepEqual(problems, []);
    if (ticks === 0 && !data && !parameters) { assert.equal(state, null); return; }
    assert.equal(state.ticks, ticks);
    if (parameters) assert.deepEqual(state.parameters, parameters); else assert.equal(state.parameters, null);
    if (data) assert.deepEqual(state.dataset, { ...data, domain: [...data.domain] }); else assert.equal(state.dataset, null);
    if (parameters) assert.deepEqual(decodeWeights(encodeWeights(parameters)), parameters);
    if (data) assert.deepEqual(decodeDataset(encodeDataset(data)).features, data.features);
  }));
});

// ---- parseRunJson --------------------------------------------------------------------------------

const REFUSAL = /^This file cannot be imported/;
function importsOrRefuses(text) {
  let result;
  try {
    result = parseRunJson(text);
  } catch (error) {
    assert.ok(error instanceof Error && REFUSAL.test(error.message), `a refusal with a message, not: ${error?.stack ?? error}`);
    return null;
  }
  assert.ok(result.parameters instanceof Float32Array && result.parameters.every(Number.isFinite));
  assert.ok(result.data.features.every(Number.isFinite) && result.data.targets.every(Number.isFinite));
  assert.ok(['binary', 'multiclass', 'regression'].includes(result.data.task));
  assert.ok(Number.isInteger(result.tick) && result.tick >= 0);
  return result;
}

const nanLike = fc.constantFrom('NaN', '-NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400', '"NaN"', '"Infinity"', 'null', '9'.repeat(400), '0x1F', '1_000');
const almostRun = fc.record({
  format: fc.oneof(fc.constant('algorhythm-run'), fc.jsonValue()),
  version: fc.oneof(fc.constant(1), fc.jsonValue()),
  settings: fc.oneof(fc.constant({}), fc.jsonValue()),
  data: fc.oneof(fc.jsonValue(), fc.record({
    name: fc.jsonValue(), task: fc.oneof(fc.constantFrom('binary', 'regression'), fc.jsonValue()),
    featureNames: fc.oneof(fc.constant(['x']), fc.jsonValue()), features: fc.oneof(fc.constant([1]), fc.jsonValue()),
    targets: fc.oneof(fc.constant([0]), fc.jsonValue()), isTest: fc.jsonValue(), domain: fc.jsonValue(),
  }, { requiredKeys: [] })),
  parameters: fc.oneof(fc.constant([0.5]), fc.jsonValue()),
  tick: fc.jsonValue(),
}, { requiredKeys: [] }).map((value) => JSON.stringify(value));

test('parseRunJson: arbitrary JSON and text is imported after checks or refused with a message', () => {
  check(fc.property(fc.oneof(fc.json(), almostRun, fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (text) => { importsOrRefuses(text); }), numRuns * 3);
});

test('parseRunJson: deep nesting, huge numbers and NaN-like values are refused with a message', () => {
  check(fc.property(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
    const close = open === '[' ? ']' : '}';
    importsOrRefuses(open.repeat(depth) + close.repeat(depth));
    importsOrRefuses(`{"format":"algorhythm-run","version":1,"settings":{},"data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  }), 40);
  check(fc.property(nanLike, fc.constantFrom('features', 'targets', 'parameters', 'tick', 'version'), (number, field) => {
    const run = { format: 'algorhythm-run', version: 1, settings: {}, data: { task: 'binary', featureNames: ['x'], features: [1], targets: [0] }, parameters: [0.5], tick: 3 };
    const text = JSON.stringify(run).replace(field === 'tick' ? '"tick":3' : field === 'version' ? '"version":1' : field === 'parameters' ? '"parameters":[0.5]' : `"${field}":[${field === 'features' ? 1 : 0}]`,
      field === 'tick' || field === 'version' ? `"${field}":${number}` : `"${field}":[${number}]`);
    const result = importsOrRefuses(text);
    if (result && field !== 'tick') assert.ok(/^-?\d/.test(number) && Number.isFinite(Number(number)), `${number} in ${field} was accepted`);
  }));
});

test('parseRunJson: values whose String() throws are refused with a message (regression)', () => {
  for (const text of ['{"format":{"toString":1}}', '{"format":"algorhythm-run","version":{"toString":1,"valueOf":1}}', '{"format":[{"toString":1}]}']) {
    assert.throws(() => parseRunJson(text), (error) => REFUSAL.test(error.message), text);
  }
});

test('an exported run round-trips through runToJson and parseRunJson', () => {
  const settings = fc.dictionary(fc.constantFrom(...SETTINGS_SCHEMA.map((entry) => entry.name)), fc.oneof(fc.string(), fc.integer(), fc.boolean()));
  const parameters = fc.array(float32, { maxLength: 100 }).map((a) => Float32Array.from(a));
  const named = dataset.map((data) => ({ ...data, domain: [...data.domain] }));
  check(fc.property(settings, named, parameters, fc.integer({ min: 0, max: 1e9 }), (s, data, p, tick) => {
    const back = parseRunJson(runToJson({ settings: s, data, parameters: p, tick }));
    assert.deepEqual(back.settings, { ...s });
    assert.deepEqual(back.parameters, p);
    assert.equal(back.tick, tick);
    // -0 becomes 0 in JSON; every other float32 comes back bit for bit.
    assert.deepEqual(back.data.features, data.features.map((x) => x + 0));
    assert.deepEqual(back.data.targets, data.targets.map((x) => x + 0));
    assert.deepEqual(back.data.isTest, data.isTest);
    for (const key of ['task', 'featureNames', 'classNames', 'rowNames', 'planar', 'domain']) assert.deepEqual(back.data[key], data[key], key);
  }));
});
