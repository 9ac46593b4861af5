// engine-start.js: a tiny classic script at the top of every page's <head> (web/static/*.html). It runs
// before the stylesheets and the app's script have arrived, so compiling the engine overlaps with
// downloading and parsing everything else (issue 7).
import { compileEngine } from './compile.js';

compileEngine(new URL('engine.wasm', document.currentScript.src));
