// Idiomatic JavaScript over the raw embind MelodyTrainer: plain options in, plain objects out
// (see bindings/README.md, "Melodies"). A MelodyRun owns wasm memory: call run.delete() when done.

export const MELODY_GRANULARITIES = ['phase', 'window', 'epoch'];
export const CELLS = ['elman', 'lstm'];

export class MelodyRun {
  #raw;
  #shape = null;       // cached: changes only on reset
  #vocabulary = null;  // cached: changes only on reset
  #melody = null;      // cached: changes only on reset
  #settings = null;    // cached: changes on reset, edits and seeks (an edit may be undone)

  constructor(module) {
    this.#raw = new module.MelodyTrainer();
  }

  /**
   * Starts a new run: { melody: 'C4/4 ...' | tune: 'twinkle', cell, hidden, truncation, gradientClip,
   * hyper, seed }. Throws an Error naming the bad note or value and keeps the previous run.
   */
  reset(options = {}) {
    this.#raw.reset(options);
    this.#forget();
  }
  restart() { this.#raw.restart(); this.#forget(); }

  /** @returns {boolean} false once training has diverged */
  step(granularity = 'phase', count = 1) { return this.#raw.step(granularity, count); }
  seek(tick) { this.#raw.seek(tick); this.#settings = null; }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  /** Mid-run edits, each one tick (stepping back undoes them): any hyper field, and gradientClip. */
  setHyperparameters(hyper) { this.#raw.setHyperparameters(hyper); this.#settings = null; }
  setParameter(index, value) { this.#raw.setParameter(index, value); }

  /** Everything about the current tick; typed arrays are copies (safe to keep). */
  snapshot() { return this.#raw.snapshot(); }
  shape() { return (this.#shape ??= this.#raw.shape()); }
  vocabulary() { return (this.#vocabulary ??= this.#raw.vocabulary()); }
  melody() { return (this.#melody ??= this.#raw.melody()); }
  settings() { return (this.#settings ??= this.#raw.settings()); }

  /** A new melody: { start: token or 'C4/4', length: 32, temperature: 1, seed: 1 }. */
  sample(options = {}) { return this.#raw.sample(options); }

  historyBytes() { return this.#raw.historyBytes(); }

  delete() {
    this.#raw.delete();
    this.#raw = null;
  }

  #forget() { this.#shape = null; this.#vocabulary = null; this.#melody = null; this.#settings = null; }
}

/** Wraps an instantiated Emscripten module (the same one engine.js loads). */
export function wrapMelodyModule(module) {
  return {
    createMelodyRun: () => new MelodyRun(module),
    /** The built-in tunes: [{ name, title, text }]. */
    tunes: () => module.tunes(),
    /** { text, pitches, durations } of a melody's text; throws an Error naming the bad note. */
    parseMelody: (text) => module.parseMelody(text),
  };
}
