// Loads the WebAssembly engine once per page, however many figures ask for it: the compiled module
// comes from compile.js (usually already under way, started by the page's engine-start.js), and the
// Emscripten glue only instantiates it.
import createEngineModule from 'engine-wasm';
import { compileEngine } from './compile.js';
import { wrapModule } from './run.js';
import { wrapMelodyModule } from './melody-run.js';

let enginePromise = null;

/** The Emscripten module around an instance of the compiled engine.wasm. */
async function instantiateEngine() {
  const wasmModule = await compileEngine(new URL('engine.wasm', import.meta.url));
  return new Promise((resolve, reject) => {
    createEngineModule({
      // Emscripten's hook: hand it an instance of our module instead of letting it fetch the file.
      // Instantiated synchronously: the module is compiled already, so this costs what
      // WebAssembly.instantiate would, but the page's start stays in one task, and the browser does not
      // stop to paint a half-built page (20-50 ms) before the first figure is drawn (issue 7).
      instantiateWasm(imports, receiveInstance) {
        try {
          receiveInstance(new WebAssembly.Instance(wasmModule, imports), wasmModule);
        } catch (error) {
          reject(error);
        }
        return {}; // the exports went to receiveInstance
      },
    }).then(resolve, reject);
  });
}

/**
 * @returns {Promise<{createRun: () => import('./run.js').Run, heapBytes: () => number,
 *   melodies: ReturnType<typeof wrapMelodyModule>}>}
 */
export function loadEngine() {
  enginePromise ??= instantiateEngine().then((module) => {
    performance.mark('engine:ready');
    return { ...wrapModule(module), melodies: wrapMelodyModule(module) };
  });
  return enginePromise;
}
