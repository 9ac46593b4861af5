// An esbuild plugin for web/build.mjs: lets esbuild drop the parts of d3 that the pages never use.
//
// Each d3 package ships one prebuilt file (dist/d3-*.mjs). Its top-level `var x = make(…)` statements
// run a function, so esbuild keeps every one of them in case the call has a side effect, although the
// packages declare none ("sideEffects": false in their package.json). d3-scale-chromatic alone built
// all of its colour schemes and ramps as the page started — some 20 ms of the page's start on this
// machine, and 17 kB of the bundle for the one ramp the views use (issue 7). The plugin wraps each such
// initialiser in an arrow function called at once and marked pure:
//
//   var schemeBlues = ramp(scheme$1);   →   var schemeBlues = /* @__PURE__ */ (() => (ramp(scheme$1)))();
//
// which runs exactly when and as the original did if the variable is used, and lets esbuild remove the
// statement if not. Statements that are not declarations (d3-transition adding methods to selections,
// d3-color's define(…) calls) are left alone, so every intended side effect stays.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// acorn parses the files. It comes with Debian's node packages (/usr/share/nodejs, which emcc's
// optimizer needs too: ../shared/TOOLCHAIN.md), found through NODE_PATH or at that path directly.
function loadAcorn() {
  const require = createRequire(import.meta.url);
  for (const name of ['acorn', '/usr/share/nodejs/acorn']) {
    try {
      return require(name);
    } catch {
      // try the next place
    }
  }
  throw new Error('acorn is missing: install Debian\'s node-acorn or set NODE_PATH=/usr/share/nodejs');
}
const acorn = loadAcorn();

/** Whether evaluating `node` calls something (calls inside function bodies it defines do not count). */
function callsSomething(node) {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(callsSomething);
  if (['CallExpression', 'NewExpression', 'TaggedTemplateExpression'].includes(node.type)) return true;
  if (/Function/.test(node.type)) return false;
  return Object.entries(node).some(([key, value]) => key !== 'type' && callsSomething(value));
}

/** The source of a module with each top-level variable initialiser that calls something marked pure. */
export function markInitialisersPure(source) {
  const program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const initialisers = program.body
    .map((statement) => (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement))
    .filter((statement) => statement?.type === 'VariableDeclaration')
    .flatMap((declaration) => declaration.declarations.map((declarator) => declarator.init))
    .filter(callsSomething);
  let result = source;
  for (const { start, end } of initialisers.reverse()) { // from the end, so earlier offsets stay valid
    result = `${result.slice(0, start)}/* @__PURE__ */ (() => (${result.slice(start, end)}))()${result.slice(end)}`;
  }
  return result;
}

export const pureD3Initialisers = {
  name: 'pure-d3-initialisers',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]d3-[a-z-]+[\\/]dist[\\/][^\\/]+\.mjs$/ }, async (args) => ({
      contents: markInitialisersPure(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
