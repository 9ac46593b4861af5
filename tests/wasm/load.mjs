// Loads the WebAssembly engine in Node for the tests in this folder: the same engine.mjs/engine.wasm
// the page uses (built by scripts/build into build-wasm/wasm/, or $ALGORHYTHM_WASM_DIR).
//
//   import { loadModule } from './load.mjs';
//   const Module = await loadModule();   // the raw embind module
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder holding engine.mjs and engine.wasm. */
export const wasmDir = path.resolve(process.env.ALGORHYTHM_WASM_DIR ?? path.join(repoDir, 'build-wasm', 'wasm'));

/**
 * Instantiates a fresh engine module. The binary is read from disk and passed as wasmBinary, because
 * the web build's glue would otherwise fetch() it, and Node's fetch cannot read files.
 * @param {object} options extra Emscripten module options (print, printErr, ...)
 */
export async function loadModule(options = {}) {
  const gluePath = path.join(wasmDir, 'engine.mjs');
  const { default: createEngineModule } = await import(pathToFileURL(gluePath).href);
  const wasmBinary = await readFile(path.join(wasmDir, 'engine.wasm'));
  return createEngineModule({ wasmBinary, ...options });
}

/** Runs body(run) with a fresh Run of `engine` (web/src/engine/run.js), deleting it afterwards. */
export function withRun(engine, body) {
  const run = engine.createRun();
  try {
    return body(run);
  } finally {
    run.delete();
  }
}
