// Loads the WebAssembly engine once per page, however many figures ask for it.
import createEngineModule from 'engine-wasm';
import { wrapModule } from './run.js';
import { wrapMelodyModule } from './melody-run.js';

let enginePromise = null;

/**
 * @returns {Promise<{createRun: () => import('./run.js').Run, heapBytes: () => number,
 *   melodies: ReturnType<typeof wrapMelodyModule>}>}
 */
export function loadEngine() {
  enginePromise ??= createEngineModule().then((module) => ({ ...wrapModule(module), melodies: wrapMelodyModule(module) }));
  return enginePromise;
}
