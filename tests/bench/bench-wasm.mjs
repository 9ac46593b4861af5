// The WebAssembly benchmark under Node: the workloads of tests/bench/workloads.json through the
// same engine.mjs/engine.wasm and JS wrapper (web/src/engine/run.js) the page uses.
//
//   node --no-liftoff tests/bench/bench-wasm.mjs [--smoke] [--json] [--cpu-time] [--workloads=W1,W3]
//                                               [--heap-updates=N]
// (--no-liftoff: V8 compiles the module with its optimizing tier at once, so no run measures the
// baseline tier; tests/bench/bench.mjs passes it.)
//
// Per workload: training examples/s (run.step('epoch', n)), grid evaluation ms (run.gridView, all
// neurons), frame ms (and its parts), and the WebAssembly heap after `heapUpdates` mini-batch updates
// with history on (a fresh module, so nothing else has grown its memory). A frame is the engine work
// of one frame of playing plus the colours (web/src/views/heatmap.js): one epoch, run.snapshot(),
// run.gridView(spec), and the colours of the output heat map (100 × 100) and of every neuron's
// thumbnail (50 × 50) through run.colours. Also timed: run.grid(spec), a copy of the grid (the page's
// controller draws from gridView instead), and the same colours through the page's JS
// paintValues/paintEvery.
import { performance } from 'node:perf_hooks';
import { loadModule } from '../wasm/load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';
import { colorTables, paintEvery, paintValues } from '../../web/src/views/heatmap.js';
import { benchmark, engineSettings, frameGridSpec, runOptions, spreadOf, workloadNamed } from './workloads.mjs';

// The clock in ms: wall time, or with --cpu-time the process's CPU time (µs resolution), which other
// processes on a busy machine disturb less.
let now = () => performance.now();
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `fn` `repeats` times and returns the durations in ms. */
function timeEach(repeats, fn) {
  const durations = [];
  for (let k = 0; k < repeats; k += 1) {
    const start = now();
    fn();
    durations.push(now() - start);
  }
  return durations;
}

/** Measures one workload; `mode` is 'full' or 'smoke'. */
export async function benchWorkload(workload, mode, overrides = {}) {
  const options = { ...runOptions(mode), ...overrides };
  const engine = wrapModule(await loadModule());
  const run = engine.createRun();
  try {
    run.reset(engineSettings(workload));
    const shape = run.shape();
    const data = run.data();
    const trainRows = data.isTest.reduce((count, isTest) => count + (isTest ? 0 : 1), 0);
    const spec = frameGridSpec(data.domain);
    const points = spec.rows * spec.columns;

    // Warm-up: V8 compiles each wasm function on its first call, and the first epochs of a run also
    // touch memory for the first time; none of that belongs in the measurements.
    const warmUntil = performance.now() + options.trainSeconds * 1000;
    do {
      run.step('epoch', 1);
      run.snapshot();
      run.gridView(spec);
    } while (performance.now() < warmUntil);

    // Training: epochs per timed run chosen so that a run lasts about trainSeconds.
    let epochs = 1;
    for (;;) {
      const [ms] = timeEach(1, () => run.step('epoch', epochs));
      if (ms >= (options.trainSeconds * 1000) / 4) break;
      epochs *= 2;
    }
    epochs = Math.min(epochs * 4, 10000);  // the engine refuses single calls of tens of millions of phases
    const rates = timeEach(options.repeats, () => run.step('epoch', epochs)).map((ms) => (epochs * trainRows) / (ms / 1000));

    // The grid alone: the engine's evaluation, no copy.
    const gridMs = timeEach(5 * options.repeats, () => run.gridView(spec));

    // Frames from a fresh run, as the page plays one epoch per frame. The colours are what the page
    // paints, computed by the engine (run.colours): the output heat map at the grid's full resolution
    // and every neuron's thumbnail at 50 × 50 (drawThumbnailAt: every 2nd sample of 100 × 100), as on a
    // screen of 1.5 device pixels a CSS pixel or more; at 1 the page paints 34 × 34 (every 3rd sample).
    run.restart();
    const table = colorTables('light').diverging;
    const outputChannel = shape.inputs + shape.layers.at(-1).neuronOffset;
    const thumbnailStride = Math.max(1, Math.ceil(Math.max(spec.rows, spec.columns) / benchmark.frame.thumbnailSide));
    const colourChannels = [{ channel: outputChannel, low: 0, high: 1, stride: 1 },
      ...Array.from({ length: shape.neuronCount }, (_, n) => ({ channel: shape.inputs + n, low: -1, high: 1, stride: thumbnailStride }))];
    let lossSink = 0;
    let pixelSink = 0;
    const parts = { epochMs: [], snapshotMs: [], gridMs: [], coloursMs: [] };
    const frameMs = timeEach(options.repeats, () => {
      const t0 = now();
      run.step('epoch', 1);
      const t1 = now();
      lossSink += run.snapshot().trainLoss;
      const t2 = now();
      run.gridView(spec);
      const t3 = now();
      pixelSink ^= run.colours(spec, table, colourChannels).pixels[0];
      const t4 = now();
      parts.epochMs.push(t1 - t0);
      parts.snapshotMs.push(t2 - t1);
      parts.gridMs.push(t3 - t2);
      parts.coloursMs.push(t4 - t3);
    });
    // For comparison, the same colours through the page's JS paintValues/paintEvery (heatmap.js).
    const values = run.gridView(spec);
    const heatmap = new Uint32Array(points);
    const thumbnails = colourChannels.slice(1).map(({ stride }) => new Uint32Array(Math.ceil(spec.rows / stride) * Math.ceil(spec.columns / stride)));
    const jsColoursMs = timeEach(options.repeats, () => {
      paintValues(heatmap, values, outputChannel * points, points, table, 0, 1);
      colourChannels.slice(1).forEach(({ channel, stride }, n) =>
        paintEvery(stride, thumbnails[n], values, channel * points, spec.rows, spec.columns, table, -1, 1));
    });
    // What the page's controller adds today: run.grid() copies the whole grid out (a new array).
    const gridCopyMs = timeEach(options.repeats, () => run.grid(spec));
    if (!Number.isFinite(lossSink + pixelSink)) throw new Error(`${workload.name}: the loss is not finite`);
    return {
      name: workload.name,
      parameters: shape.parameterCount,
      neurons: shape.neuronCount,
      examplesPerSecond: spreadOf(rates),
      gridMs: spreadOf(gridMs),
      frameMs: spreadOf(frameMs),
      frameParts: Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, spreadOf(values).median])),
      gridCopyMs: spreadOf(gridCopyMs),
      jsColoursMs: spreadOf(jsColoursMs),
      ...(await heapAfterUpdates(workload, options.heapUpdates)),
    };
  } finally {
    run.delete();
  }
}

const UPDATES_PER_CALL = 10000;

/** WebAssembly memory after `updates` mini-batch updates in a fresh module (history on, as always). */
async function heapAfterUpdates(workload, updates) {
  const engine = wrapModule(await loadModule());
  const run = engine.createRun();
  try {
    run.reset(engineSettings(workload));
    const start = now();
    // In pieces: the engine refuses calls that would run for too long (tens of millions of phases).
    for (let done = 0; done < updates; done += UPDATES_PER_CALL) run.step('batch', Math.min(UPDATES_PER_CALL, updates - done));
    const seconds = (now() - start) / 1000;
    const snapshot = run.snapshot();
    if (snapshot.updates !== updates) throw new Error(`${workload.name}: ${snapshot.updates} updates instead of ${updates}`);
    return { heapUpdates: updates, heapBytes: engine.heapBytes(), historyBytes: run.historyBytes(), heapRunSeconds: seconds };
  } finally {
    run.delete();
  }
}

function parseArguments(argv) {
  const args = { mode: 'full', json: false, workloads: benchmark.workloads.map((w) => w.name), overrides: {} };
  for (const argument of argv) {
    if (argument === '--smoke') args.mode = 'smoke';
    else if (argument === '--json') args.json = true;
    else if (argument === '--cpu-time') now = cpuNow;
    else if (argument.startsWith('--workloads=')) args.workloads = argument.slice('--workloads='.length).split(',');
    else if (argument.startsWith('--heap-updates=')) args.overrides.heapUpdates = Number(argument.split('=')[1]);
    else throw new Error(`unknown argument ${argument} (--smoke, --json, --cpu-time, --workloads=W1,W3, --heap-updates=N)`);
  }
  return args;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const args = parseArguments(process.argv.slice(2));
  const results = [];
  for (const name of args.workloads) results.push(await benchWorkload(workloadNamed(name), args.mode, args.overrides));
  if (args.json) {
    console.log(JSON.stringify({ node: process.version, results }));
  } else {
    for (const r of results) {
      console.log(`${r.name}: ${Math.round(r.examplesPerSecond.median)} examples/s, grid ${r.gridMs.median.toFixed(3)} ms, ` +
        `frame ${r.frameMs.median.toFixed(3)} ms (quartiles ${r.frameMs.p25.toFixed(3)}-${r.frameMs.p75.toFixed(3)}), ` +
        `heap ${(r.heapBytes / 2 ** 20).toFixed(1)} MiB after ${r.heapUpdates} updates`);
    }
  }
}
