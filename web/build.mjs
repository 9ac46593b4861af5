// Bundles the page into web/dist/ with esbuild: one self-contained ES module per page — the app
// (src/main.js → app.js), the embeddable figure element (src/embed/figure.js → figure.js), the iframe
// route (src/embed/frame.js → embed.js) and the melody page (src/melody/main.js → melody.js) — plus
// engine-start.js (src/engine/start.js), a classic script every page runs first to compile engine.wasm
// while the rest arrives; then copies the static files, the examples and the engine's .wasm beside them, and
// prints the sizes.
//
//   node web/build.mjs        (ALGORHYTHM_WASM_DIR=... to bundle another engine build,
//                              ALGORHYTHM_WEB_DIST=... to write somewhere other than web/dist)
//
// No code splitting: a page loads only one entry, and shared chunks are imports the browser finds
// only after parsing the entry, a second round of requests before anything can run (issue 7).
// d3 goes through build-pure-d3.mjs, so that the parts of it the pages never use are left out, and
// the stylesheets are minified, both the copies in dist/ and the text the embeddable figure carries.
// The engine's glue finds its binary with `new URL("engine.wasm", import.meta.url)`, which esbuild
// leaves as it is: so every bundle stays in dist/ itself, next to engine.wasm.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pureD3Initialisers } from './build-pure-d3.mjs';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(webDir);
const distDir = path.resolve(process.env.ALGORHYTHM_WEB_DIST ?? path.join(webDir, 'dist')); // ALGORHYTHM_WEB_DIST: build elsewhere
const wasmDir = path.resolve(process.env.ALGORHYTHM_WASM_DIR ?? path.join(repoDir, 'build-wasm', 'wasm'));
const engineGlue = path.join(wasmDir, 'engine.mjs');
const engineBinary = path.join(wasmDir, 'engine.wasm');

const entryPoints = [
  { out: 'app', in: path.join(webDir, 'src', 'main.js') },
  { out: 'figure', in: path.join(webDir, 'src', 'embed', 'figure.js') },
  { out: 'embed', in: path.join(webDir, 'src', 'embed', 'frame.js') },
  { out: 'melody', in: path.join(webDir, 'src', 'melody', 'main.js') },
].filter((entry) => {
  if (existsSync(entry.in)) return true;
  console.warn(`[web] warning: ${path.relative(repoDir, entry.in)} does not exist yet: no ${entry.out}.js`);
  return false;
});

// `import createEngineModule from 'engine-wasm'` → the Emscripten glue from the wasm build.
const engineWasmAlias = {
  name: 'engine-wasm',
  setup(build) {
    build.onResolve({ filter: /^engine-wasm$/ }, () => {
      if (!existsSync(engineGlue)) {
        return { errors: [{ text: `${engineGlue} is missing: build the WebAssembly module first (scripts/build)` }] };
      }
      return { path: engineGlue };
    });
  },
};

// Whitespace and comments only: full minification would also rewrite values (rgba(0, 0, 0, 0.12) as
// #0000001f, a slightly different alpha) to save a further 25 bytes gzipped.
const minifyCss = async (text) => (await esbuild.transform(text, { loader: 'css', minifyWhitespace: true })).code;

// `import css from '…/app.css'` (web/src/embed/styles.js): the stylesheet's minified text.
const minifiedCssText = {
  name: 'minified-css-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => ({ contents: await minifyCss(readFileSync(args.path, 'utf8')), loader: 'text' }));
  },
};

rmSync(distDir, { recursive: true, force: true });
mkdirSync(distDir, { recursive: true });

if (entryPoints.length > 0) {
  try {
    await esbuild.build({
      entryPoints,
      outdir: distDir,
      entryNames: '[name]',
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: 'linked',
      plugins: [engineWasmAlias, pureD3Initialisers, minifiedCssText], // CSS: the embed's styles (src/embed/styles.js)
      logLevel: 'warning',
    });
    // A classic script, not a module: the pages run it before their stylesheets, so it starts at once.
    await esbuild.build({
      entryPoints: [{ out: 'engine-start', in: path.join(webDir, 'src', 'engine', 'start.js') }],
      outdir: distDir,
      bundle: true,
      format: 'iife',
      target: 'es2022',
      minify: true,
      logLevel: 'warning',
    });
  } catch {
    // esbuild has already printed the errors.
    console.error('[web] bundling failed');
    process.exit(1);
  }
} else {
  console.warn('[web] warning: no entry points: the bundle is empty');
}

const staticDir = path.join(webDir, 'static');
if (existsSync(staticDir)) cpSync(staticDir, distDir, { recursive: true });
for (const name of readdirSync(distDir).filter((file) => file.endsWith('.css'))) {
  const file = path.join(distDir, name);
  writeFileSync(file, await minifyCss(readFileSync(file, 'utf8')));
}
const examplesDir = path.join(webDir, 'examples');
if (existsSync(examplesDir)) cpSync(examplesDir, path.join(distDir, 'examples'), { recursive: true });
if (existsSync(engineBinary)) {
  cpSync(engineBinary, path.join(distDir, 'engine.wasm'));
} else {
  console.warn(`[web] warning: ${engineBinary} is missing: the page cannot start the engine`);
}

// Sizes of what a browser downloads (source maps left out).
const rows = [];
(function collect(folder) {
  for (const name of readdirSync(folder).sort()) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) collect(file);
    else if (!name.endsWith('.map')) {
      const bytes = readFileSync(file);
      rows.push([path.relative(distDir, file), bytes.length, gzipSync(bytes, { level: 9 }).length]);
    }
  }
})(distDir);
const width = Math.max(...rows.map(([name]) => name.length), 5);
console.log(`[web] ${distDir.startsWith(repoDir) ? path.relative(repoDir, distDir) : distDir}/:\n  ${'file'.padEnd(width)}  ${'bytes'.padStart(9)}  ${'gzip'.padStart(9)}`);
for (const [name, raw, gzip] of rows) {
  console.log(`  ${name.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gzip).padStart(9)}`);
}
const total = (column) => rows.reduce((sum, row) => sum + row[column], 0);
console.log(`  ${'total'.padEnd(width)}  ${String(total(1)).padStart(9)}  ${String(total(2)).padStart(9)}`);
