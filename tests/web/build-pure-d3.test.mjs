// web/build-pure-d3.mjs: d3's top-level initialisers are marked pure, so a bundle keeps only those it
// uses, each still run in its place and order; every other statement, side effects included, is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markInitialisersPure, pureD3Initialisers } from '../../web/build-pure-d3.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const esbuild = createRequire(path.join(webDir, 'package.json'))('esbuild');

test('initialisers that call something are wrapped in a pure arrow; the others are left as they are', () => {
  const source = [
    'var used = make(1), plain = 2;',
    'const table = {a: [1, 2].map(f)};',
    'export var shown = new Thing();',
    'var later = function() { return make(3); };',
    'define(Color, color, {});',
  ].join('\n');
  const marked = markInitialisersPure(source);
  assert.equal(marked, [
    'var used = /* @__PURE__ */ (() => (make(1)))(), plain = 2;',
    'const table = /* @__PURE__ */ (() => ({a: [1, 2].map(f)}))();',
    'export var shown = /* @__PURE__ */ (() => (new Thing()))();',
    'var later = function() { return make(3); };',
    'define(Color, color, {});',
  ].join('\n'));
});

test('a bundle drops the unused initialisers and runs the used ones in order, with the other side effects', async () => {
  // A d3 package's prebuilt file, where the plugin looks for it.
  const folder = mkdtempSync(path.join(tmpdir(), 'pure-d3-'));
  const file = path.join(folder, 'node_modules', 'd3-fake', 'dist', 'd3-fake.mjs');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, [
    'export const log = [];',
    "var unused = (log.push('unused'), 1);",
    "var first = (log.push('first'), 2);",
    'export var used = first + 1;',
    "log.push('statement');",
  ].join('\n'));
  try {
    const result = await esbuild.build({
      stdin: { contents: `import { used, log } from ${JSON.stringify(file)}; globalThis.seen = [used, ...log];`, resolveDir: folder },
      bundle: true,
      write: false,
      format: 'esm',
      plugins: [pureD3Initialisers],
    });
    const code = result.outputFiles[0].text;
    assert.doesNotMatch(code, /unused/);
    await import(`data:text/javascript,${encodeURIComponent(code)}`);
    assert.deepEqual(globalThis.seen, [3, 'first', 'statement']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
