// Idiomatic JavaScript over the raw embind Trainer: camelCase options in, plain objects out.
// A Run owns wasm memory: call run.delete() when its figure goes away.

export const GRANULARITIES = ['phase', 'example', 'batch', 'epoch'];

/**
 * Returns `result` of a call into the engine, or throws the Error the engine refused the call with:
 * a refused call returns a default value and leaves its message in module.engineError
 * (bindings/js_values.hpp guarded), which is read and cleared here. Errors are not thrown across
 * embind, because a throw out of WebAssembly would keep the call's arguments' emval handles.
 */
export function checkEngineError(module, result) {
  const message = module.engineError;
  if (message !== undefined) {
    module.engineError = undefined;
    throw new Error(message);
  }
  return result;
}

export class Run {
  #raw;
  #shape = null;   // cached: changes only on reset
  #data = null;    // cached: changes on reset and data edits
  #settings = null;

  #module;

  constructor(module) {
    this.#module = module;
    this.#raw = new module.Trainer();
  }

  /** Starts a new run; throws an Error naming the bad value and keeps the previous run. */
  reset(options = {}) {
    this.#checked(this.#raw.reset(options));
    this.#forget();
  }
  restart() { this.#checked(this.#raw.restart()); this.#forget(); }

  /** @returns {boolean} false once training has diverged */
  step(granularity = 'phase', count = 1) { return this.#checked(this.#raw.step(granularity, count)); }
  seek(tick) { this.#checked(this.#raw.seek(tick)); this.#data = null; this.#settings = null; }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  setHyperparameters(hyper) { this.#checked(this.#raw.setHyperparameters(hyper)); this.#settings = null; }
  setParameter(index, value) { this.#checked(this.#raw.setParameter(index, value)); }
  /** All parameters at once (one edit tick), e.g. from an imported file. */
  setParameters(values) { this.#checked(this.#raw.setParameters(values)); }
  setData(dataset) { this.#checked(this.#raw.setData(dataset)); this.#data = null; }

  /** Everything about the current tick; typed arrays are copies (see bindings/README.md). */
  snapshot() {
    // Read from two views of numbers the engine packed (bindings/convert.cpp pack_snapshot): a handful
    // of calls into the engine rather than one per field.
    const numbers = this.#checked(this.#raw.snapshotNumbers());
    const floats = this.#raw.snapshotFloats();
    const { scalars, arrays, phases } = layoutOf(this.#module);
    const scalar = {};
    scalars.forEach((name, k) => { scalar[name] = numbers[k]; });
    const array = {};
    let offset = 0;
    arrays.forEach((name, k) => {
      const length = numbers[scalars.length + k];
      array[name] = floats.slice(offset, offset + length);
      offset += length;
    });
    // The fields in the order bindings/README.md lists them.
    const snapshot = {
      tick: scalar.tick, firstTick: scalar.firstTick, updates: scalar.updates, epoch: scalar.epoch,
      epochsCompleted: scalar.epochsCompleted, exampleInEpoch: scalar.exampleInEpoch, exampleRow: scalar.exampleRow,
      batchPosition: scalar.batchPosition, phase: phases[scalar.phase], phaseLayer: scalar.phaseLayer,
      diverged: scalar.diverged !== 0, message: scalar.messageLength > 0 ? this.#raw.message() : '',
      inputs: array.inputs, target: array.target, weightedSums: array.weightedSums, activations: array.activations,
      outputGradients: array.outputGradients, deltas: array.deltas, parameters: array.parameters,
      gradients: array.gradients, lastUpdates: array.lastUpdates,
      exampleLoss: scalar.exampleLoss, batchLoss: scalar.batchLoss, trainLoss: scalar.trainLoss,
      testLoss: scalar.testLoss, trainAccuracy: scalar.trainAccuracy, testAccuracy: scalar.testAccuracy,
      rowOutputs: array.rowOutputs,
    };
    return snapshot;
  }
  shape() { return (this.#shape ??= this.#checked(this.#raw.shape())); }
  data() { return (this.#data ??= this.#checked(this.#raw.data())); }
  settings() { return (this.#settings ??= this.#checked(this.#raw.settings())); }

  /** Every input feature and neuron over a grid, as a copy: (channels, rows, columns). */
  grid(spec) { return this.#checked(this.#raw.gridView(spec)).slice(); }
  /** The same without the copy: valid only until the next call into the engine. */
  gridView(spec) { return this.#checked(this.#raw.gridView(spec)); }

  /**
   * Heat-map colours computed by the engine, exactly as web/src/views/heatmap.js paintValues
   * (stride 1) and paintEvery (stride > 1) compute them, for channels of the grid `spec` (evaluated
   * unless nothing changed since the last grid of that spec).
   * @param spec the grid, as for grid(spec)
   * @param table Uint32Array colour table (RGBA as an ImageData's Uint32Array holds it)
   * @param channels [{ channel, low = -1, high = 1, stride = 1 }]: stride s colours every s-th sample
   *   (a ceil(rows / s) × ceil(columns / s) thumbnail)
   * @returns {{ pixels: Uint32Array, images: { offset: number, width: number, height: number }[] }}
   *   pixels is a VIEW into wasm memory, valid only until the next call into the engine: put it into
   *   ImageData (or copy it) at once. Image k is pixels.subarray(offset, offset + width * height).
   */
  colours(spec, table, channels) {
    const packed = new Float64Array(4 * channels.length);
    channels.forEach(({ channel, low = -1, high = 1, stride = 1 }, k) => packed.set([channel, low, high, stride], 4 * k));
    const pixels = this.#checked(this.#raw.colourView(spec, table, packed));
    const rows = spec.rows ?? 100;
    const columns = spec.columns ?? 100;
    let offset = 0;
    const images = channels.map(({ stride = 1 }) => {
      const image = { offset, width: Math.ceil(columns / stride), height: Math.ceil(rows / stride) };
      offset += image.width * image.height;
      return image;
    });
    return { pixels, images };
  }

  predict(rawRows) { return this.#checked(this.#raw.predict(rawRows)); }
  toCsv() { return this.#checked(this.#raw.toCsv()); }
  historyBytes() { return this.#raw.historyBytes(); }

  delete() {
    this.#raw.delete();
    this.#raw = null;
  }

  #forget() { this.#shape = null; this.#data = null; this.#settings = null; }
  #checked(result) { return checkEngineError(this.#module, result); }
}

// The names behind snapshotNumbers (bindings/bindings.cpp snapshot_layout), once per module.
const layouts = new WeakMap();
function layoutOf(module) {
  if (!layouts.has(module)) layouts.set(module, module.snapshotLayout());
  return layouts.get(module);
}

/** Wraps an instantiated Emscripten module. */
export function wrapModule(module) {
  return {
    createRun: () => new Run(module),
    /** Bytes of wasm memory in use (grows, never shrinks). */
    heapBytes: () => module.HEAP8.length,
  };
}
