// Reads tests/bench/workloads.json (the one definition of the benchmark workloads) and turns a
// workload into what each harness needs: engine settings for run.reset (bindings/README.md),
// flags for the native build/engine_bench, and the page's URL hash (web/src/store.js).
import { readFileSync } from 'node:fs';

/** The parsed workloads.json. */
export const benchmark = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));

// The planar input features in the order of the engine's feature mask bits (core/include/algorhythm/features.hpp).
const FEATURE_BITS = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];

/** The workload called `name`; throws naming the known ones otherwise. */
export function workloadNamed(name) {
  const found = benchmark.workloads.find((workload) => workload.name === name);
  if (!found) throw new Error(`unknown workload ${name} (known: ${benchmark.workloads.map((w) => w.name).join(', ')})`);
  return found;
}

/** The iteration counts for a full run or a smoke run ('full' | 'smoke'). */
export function runOptions(mode) {
  const options = benchmark.runs[mode];
  if (!options) throw new Error(`unknown run mode ${mode} (full or smoke)`);
  return options;
}

/** run.reset(...) settings for a workload. */
export function engineSettings(workload) {
  const { data, outputActivation, hyper, seed } = benchmark.common;
  return {
    data: { ...data, shape: workload.shape },
    network: {
      hidden: workload.hidden.map((size) => ({ size, activation: workload.activation })),
      outputActivation,
    },
    hyper: { ...hyper },
    features: [...workload.features],
    seed,
  };
}

/** The grid of the frame: every neuron over the data's domain, as run.grid(spec) takes it. */
export function frameGridSpec(domain) {
  const [low, high] = domain;
  const { columns, rows } = benchmark.frame.grid;
  return { xFeature: 0, yFeature: 1, xMin: low, xMax: high, yMin: low, yMax: high, columns, rows, fixed: [] };
}

/** Flags for build/engine_bench (see tests/bench/bench.cpp). */
export function nativeFlags(workload, mode) {
  const { data, outputActivation, hyper, seed } = benchmark.common;
  const run = runOptions(mode);
  const mask = workload.features.reduce((bits, name) => {
    const bit = FEATURE_BITS.indexOf(name);
    if (bit < 0) throw new Error(`${workload.name}: unknown feature ${name}`);
    return bits | (1 << bit);
  }, 0);
  return [
    `--name=${workload.name}`, `--shape=${workload.shape}`, `--feature-mask=${mask}`,
    `--hidden=${workload.hidden.join(',')}`, `--activation=${workload.activation}`,
    `--output-activation=${outputActivation}`, `--points=${data.points}`, `--test-fraction=${data.testFraction}`,
    `--noise=${data.noise}`, `--data-seed=${data.seed}`, `--learning-rate=${hyper.learningRate}`,
    `--batch-size=${hyper.batchSize}`, `--seed=${seed}`, `--columns=${benchmark.frame.grid.columns}`,
    `--rows=${benchmark.frame.grid.rows}`, `--lut-size=${benchmark.frame.colourTableSize}`,
    `--thumbnail-side=${benchmark.frame.thumbnailSide}`,
    `--repeats=${run.repeats}`, `--train-seconds=${run.trainSeconds}`,
  ];
}

/**
 * The page's URL hash for a workload, stepping one epoch at a time (the store's schema:
 * web/src/store.js). Values equal to the store's defaults may be left in: the store accepts them.
 */
export function pageHash(workload) {
  const { data, hyper, seed } = benchmark.common;
  const params = new URLSearchParams({
    data: `planar-${workload.shape}`,
    points: String(data.points),
    noise: String(data.noise),
    testFraction: String(data.testFraction),
    features: workload.features.join(','),
    hidden: workload.hidden.join(','),
    activation: workload.activation,
    learningRate: String(hyper.learningRate),
    optimizer: hyper.optimizer,
    loss: hyper.loss,
    batchSize: String(hyper.batchSize),
    seed: String(seed),
    step: 'epoch',
  });
  return `#${params.toString().replace(/%2C/g, ',')}`;
}

/** Median and quartiles of a list of numbers. */
export function spreadOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
  return { median: at(0.5), p25: at(0.25), p75: at(0.75) };
}
