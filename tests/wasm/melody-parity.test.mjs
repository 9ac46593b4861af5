// The same seed and settings give the same melody run natively and in WebAssembly, bit for bit:
// build/melody_trace (native) prints the parameters after N updates and a sampled melody; the wasm run
// must match. Skipped (with a note) when the native trace program has not been built.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from './load.mjs';
import { wrapMelodyModule } from '../../web/src/engine/melody-run.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nativeTrace = path.join(process.env.ALGORHYTHM_NATIVE_DIR ?? path.join(repoDir, 'build'), 'melody_trace');
const missing = existsSync(nativeTrace) ? false : `no native ${nativeTrace} (the melody_trace target of CMakeLists.txt)`;

let melodies;
before(async () => { melodies = wrapMelodyModule(await loadModule()); });

function bitsOf(values) {
  const words = new Uint32Array(Float32Array.from(values).buffer);
  return Array.from(words, (w) => w.toString(16).padStart(8, '0'));
}

const cases = [
  { tune: 'ode-to-joy', cell: 'lstm', hidden: 12, truncation: 10, optimizer: 'adam', rate: 0.02, clip: 5 },
  { tune: 'twinkle', cell: 'elman', hidden: 8, truncation: 16, optimizer: 'momentum', rate: 0.05, clip: 1 },
  { tune: 'frere-jacques', cell: 'lstm', hidden: 5, truncation: 3, optimizer: 'sgd', rate: 0.5, clip: 0 },
];

for (const c of cases) {
  test(`${c.tune}, ${c.cell} ${c.hidden}, ${c.optimizer}: native and wasm agree after 300 updates`, { skip: missing }, () => {
    const lines = execFileSync(nativeTrace, [c.tune, c.cell, String(c.hidden), String(c.truncation), c.optimizer,
      String(c.rate), String(c.clip), '42', '300'], { encoding: 'utf8' }).trim().split('\n');
    const nativeSample = lines.pop().replace('sample: ', '').split(' ').map(Number);

    const run = melodies.createMelodyRun();
    try {
      run.reset({ tune: c.tune, cell: c.cell, hidden: c.hidden, truncation: c.truncation, gradientClip: c.clip,
        hyper: { optimizer: c.optimizer, learningRate: c.rate }, seed: 42 });
      run.step('window', 300);
      assert.equal(run.snapshot().updates, 300);
      const wasm = bitsOf(run.snapshot().parameters);
      assert.equal(wasm.length, lines.length);
      const differing = wasm.filter((bits, i) => bits !== lines[i]).length;
      assert.equal(differing, 0, `${differing} of ${wasm.length} parameters differ`);
      const sample = run.sample({ length: 48, temperature: 1, seed: 5 });
      assert.deepEqual([...sample.tokens], nativeSample);
    } finally {
      run.delete();
    }
  });
}
