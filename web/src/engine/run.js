// Idiomatic JavaScript over the raw embind Trainer: camelCase options in, plain objects out.
// A Run owns wasm memory: call run.delete() when its figure goes away.

export const GRANULARITIES = ['phase', 'example', 'batch', 'epoch'];

export class Run {
  #raw;
  #shape = null;   // cached: changes only on reset
  #data = null;    // cached: changes on reset and data edits
  #settings = null;

  constructor(module) {
    this.#raw = new module.Trainer();
  }

  /** Starts a new run; throws an Error naming the bad value and keeps the previous run. */
  reset(options = {}) {
    this.#raw.reset(options);
    this.#forget();
  }
  restart() { this.#raw.restart(); this.#forget(); }

  /** @returns {boolean} false once training has diverged */
  step(granularity = 'phase', count = 1) { return this.#raw.step(granularity, count); }
  seek(tick) { this.#raw.seek(tick); this.#data = null; this.#settings = null; }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  setHyperparameters(hyper) { this.#raw.setHyperparameters(hyper); this.#settings = null; }
  setParameter(index, value) { this.#raw.setParameter(index, value); }
  /** All parameters at once (one edit tick), e.g. from an imported file. */
  setParameters(values) { this.#raw.setParameters(values); }
  setData(dataset) { this.#raw.setData(dataset); this.#data = null; }

  /** Everything about the current tick; typed arrays are copies (see bindings/README.md). */
  snapshot() { return this.#raw.snapshot(); }
  shape() { return (this.#shape ??= this.#raw.shape()); }
  data() { return (this.#data ??= this.#raw.data()); }
  settings() { return (this.#settings ??= this.#raw.settings()); }

  /** Every input feature and neuron over a grid, as a copy: (channels, rows, columns). */
  grid(spec) { return this.#raw.gridView(spec).slice(); }
  /** The same without the copy: valid only until the next call into the engine. */
  gridView(spec) { return this.#raw.gridView(spec); }

  predict(rawRows) { return this.#raw.predict(rawRows); }
  toCsv() { return this.#raw.toCsv(); }
  historyBytes() { return this.#raw.historyBytes(); }

  delete() {
    this.#raw.delete();
    this.#raw = null;
  }

  #forget() { this.#shape = null; this.#data = null; this.#settings = null; }
}

/** Wraps an instantiated Emscripten module. */
export function wrapModule(module) {
  return {
    createRun: () => new Run(module),
    /** Bytes of wasm memory in use (grows, never shrinks). */
    heapBytes: () => module.HEAP8.length,
  };
}
