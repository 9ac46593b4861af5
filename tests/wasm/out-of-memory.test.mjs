// When the browser refuses the engine more memory, the call fails with a message that says so, and
// the run keeps its previous state and keeps working once memory is available again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';

let engine;
before(async () => { engine = wrapModule(await loadModule({ printErr: () => {} })); });

test('an out-of-memory failure is reported in words and the run survives it', () => {
  const run = engine.createRun();
  const grow = WebAssembly.Memory.prototype.grow;
  try {
    run.reset({ data: { kind: 'planar', shape: 'spiral' }, network: { hidden: Array(8).fill({ size: 16 }) } });
    run.step('epoch');
    const before = run.snapshot();
    // Refuse every growth of wasm memory, then ask for a grid of every neuron larger than the heap:
    // (2 inputs + 129 neurons) × 400 × 400 floats is 84 MB.
    WebAssembly.Memory.prototype.grow = () => { throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'); };
    assert.ok(engine.heapBytes() < 84e6, 'the heap is still smaller than the grid');
    assert.throws(() => run.grid({ columns: 400, rows: 400 }),
      (error) => error instanceof Error && /^out of memory: the browser refused/.test(error.message));
    WebAssembly.Memory.prototype.grow = grow;
    assert.deepEqual(run.snapshot().parameters, before.parameters);
    assert.equal(run.step('epoch'), true);
  } finally {
    WebAssembly.Memory.prototype.grow = grow;
    run.delete();
  }
});
