// The same seed and settings give the same run natively and in WebAssembly, bit for bit:
// build/engine_trace (native) prints the parameters after N updates and every channel of a grid
// evaluated then, and the wasm run must match both.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nativeTrace = path.join(process.env.ALGORHYTHM_NATIVE_DIR ?? path.join(repoDir, 'build'), 'engine_trace');
const FEATURES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];

let engine;
before(async () => { engine = wrapModule(await loadModule()); });

function bitsOf(values) {
  const words = new Uint32Array(Float32Array.from(values).buffer);
  return Array.from(words, (w) => w.toString(16).padStart(8, '0'));
}

// Odd sizes, so the grid ends with a partial block of points (network_points.cpp).
const GRID = { columns: 37, rows: 23 };

// engine_trace's output: "parameters P" then P lines, "grid CHANNELS ROWS COLUMNS" then the values.
function sectionsOf(lines) {
  const sections = {};
  for (let i = 0; i < lines.length;) {
    const [name, count, ...size] = lines[i].split(' ');
    const length = name === 'grid' ? Number(count) * size[0] * size[1] : Number(count);
    sections[name] = lines.slice(i + 1, i + 1 + length);
    i += 1 + length;
  }
  return sections;
}

// "k of n values differ (the first: ...)", or '' when all bits agree. `where` names an index.
function differences(wasm, native, what, where = (i) => `index ${i}`) {
  assert.equal(wasm.length, native.length, `${what}: lengths differ`);
  const differing = wasm.flatMap((bits, i) => (bits === native[i] ? [] : [i]));
  if (differing.length === 0) return '';
  const i = differing[0];
  return `${differing.length} of ${wasm.length} ${what} differ (the first: ${where(i)}, wasm ${wasm[i]}, native ${native[i]})`;
}

const cases = [
  { shape: 'spiral', hidden: [8, 8], activation: 'tanh', optimizer: 'adam', rate: 0.03, batch: 10, mask: 0b1111111 },
  { shape: 'spiral', hidden: [8, 8, 8, 8, 8, 8], activation: 'tanh', optimizer: 'sgd', rate: 0.03, batch: 10, mask: 0b1111111 },
  { shape: 'circle', hidden: [4, 2], activation: 'sigmoid', optimizer: 'momentum', rate: 0.1, batch: 1, mask: 0b11 },
  { shape: 'bump', hidden: [6], activation: 'relu', optimizer: 'sgd', rate: 0.01, batch: 5, mask: 0b1100011 },
  { shape: 'songs8', hidden: [], activation: 'tanh', optimizer: 'sgd', rate: 0.5, batch: 1, mask: 0b11 },
];

for (const c of cases) {
  test(`${c.shape}, ${c.hidden.join('×') || 'no hidden layer'}, ${c.optimizer}: native and wasm agree after 1,000 updates, parameters and grid`, () => {
    const native = sectionsOf(execFileSync(nativeTrace, [c.shape, c.hidden.join(',') || '-', c.activation, c.optimizer,
      String(c.rate), String(c.batch), String(c.mask), '42', '1000', `${GRID.columns}x${GRID.rows}`],
    { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n'));

    const run = engine.createRun();
    try {
      const planar = !['songs8', 'xor'].includes(c.shape);
      run.reset({
        data: planar ? { kind: 'planar', shape: c.shape, points: 200, noise: 0.1, seed: 7 } : { kind: c.shape },
        network: { hidden: c.hidden.map((size) => ({ size, activation: c.activation })) },
        hyper: { optimizer: c.optimizer, learningRate: c.rate, batchSize: c.batch,
          loss: ['plane', 'bump'].includes(c.shape) ? 'squared-error' : 'cross-entropy' },
        features: FEATURES.filter((_, k) => c.mask & (1 << k)),
        seed: 42,
      });
      for (let u = 0; u < 1000; u += 1) run.step('batch');
      assert.equal(run.snapshot().updates, 1000);
      assert.equal(differences(bitsOf(run.snapshot().parameters), native.parameters, 'parameters'), '');
      const shape = run.shape();
      const grid = run.gridView({ xFeature: 0, yFeature: 1, xMin: -6, xMax: 6, yMin: -6, yMax: 6, ...GRID });
      assert.equal(grid.length, (shape.inputs + shape.neuronCount) * GRID.columns * GRID.rows);
      const samples = GRID.columns * GRID.rows;
      assert.equal(differences(bitsOf(grid), native.grid, 'grid values',
        (i) => `channel ${Math.floor(i / samples)}, sample ${i % samples}`), '');
    } finally {
      run.delete();
    }
  });
}
