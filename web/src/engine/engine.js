// Loads the WebAssembly engine once per page, however many figures ask for it.
import createEngineModule from 'engine-wasm';
import { wrapModule } from './run.js';

let enginePromise = null;

/** @returns {Promise<{createRun: () => import('./run.js').Run, heapBytes: () => number}>} */
export function loadEngine() {
  enginePromise ??= createEngineModule().then(wrapModule);
  return enginePromise;
}
