// Fetches and compiles engine.wasm once per page. The page's HTML runs engine-start.js (start.js)
// before the app's own script has even arrived, so the binary downloads and compiles on the
// browser's background threads while the main thread parses the app; loadEngine (engine.js) then
// only instantiates the compiled module. The two are separate bundles (the starter is a classic
// script), so they share the one compilation through a global symbol rather than through a module.
const COMPILATION = Symbol.for('algorhythm.engine-compilation');

async function fetchAndCompile(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url.pathname} could not be fetched (HTTP ${response.status})`);
  // Streaming compilation needs the application/wasm type; a host that sends another one still works.
  if (response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Starts compiling the engine (at most once per page: later calls get the first call's promise) and
 * times it with performance marks 'engine:compile-start' and 'engine:compiled' (tests/bench reports them).
 * @param {URL} url where engine.wasm is: beside the bundles, which web/build.mjs puts all in dist/ itself
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileEngine(url) {
  if (!globalThis[COMPILATION]) {
    performance.mark('engine:compile-start');
    const compilation = fetchAndCompile(url).then((module) => {
      performance.mark('engine:compiled');
      return module;
    });
    // A failure is reported by whoever awaits the engine (loadEngine), not as an unhandled rejection
    // of a promise that only the starter made.
    compilation.catch(() => {});
    globalThis[COMPILATION] = compilation;
  }
  return globalThis[COMPILATION];
}
