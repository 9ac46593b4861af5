// Idiomatic JavaScript over the raw embind MelodyTrainer: plain options in, plain objects out
// (see bindings/README.md, "Melodies"). A MelodyRun owns wasm memory: call run.delete() when done.

import { checkEngineError } from './run.js';

export const MELODY_GRANULARITIES = ['phase', 'window', 'epoch'];
export const CELLS = ['elman', 'lstm'];

export class MelodyRun {
  #raw;
  #shape = null;       // cached: changes only on reset
  #vocabulary = null;  // cached: changes only on reset
  #melody = null;      // cached: changes only on reset
  #settings = null;    // cached: changes on reset, edits and seeks (an edit may be undone)
  #module;

  constructor(module) {
    this.#module = module;
    this.#raw = new module.MelodyTrainer();
  }

  /**
   * Starts a new run: { melody: 'C4/4 ...' | tune: 'twinkle', cell, hidden, truncation, gradientClip,
   * hyper, seed }. Throws an Error naming the bad note or value and keeps the previous run.
   */
  reset(options = {}) {
    this.#checked(this.#raw.reset(options));
    this.#forget();
  }
  restart() { this.#checked(this.#raw.restart()); this.#forget(); }

  /** @returns {boolean} false once training has diverged */
  step(granularity = 'phase', count = 1) { return this.#checked(this.#raw.step(granularity, count)); }
  seek(tick) { this.#checked(this.#raw.seek(tick)); this.#settings = null; }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  /** Mid-run edits, each one tick (stepping back undoes them): any hyper field, and gradientClip. */
  setHyperparameters(hyper) { this.#checked(this.#raw.setHyperparameters(hyper)); this.#settings = null; }
  setParameter(index, value) { this.#checked(this.#raw.setParameter(index, value)); }

  /** Everything about the current tick; typed arrays are copies (safe to keep). */
  snapshot() { return this.#checked(this.#raw.snapshot()); }
  shape() { return (this.#shape ??= this.#checked(this.#raw.shape())); }
  vocabulary() { return (this.#vocabulary ??= this.#checked(this.#raw.vocabulary())); }
  melody() { return (this.#melody ??= this.#checked(this.#raw.melody())); }
  settings() { return (this.#settings ??= this.#checked(this.#raw.settings())); }

  /** A new melody: { start: token or 'C4/4', length: 32, temperature: 1, seed: 1 }. */
  sample(options = {}) { return this.#checked(this.#raw.sample(options)); }

  historyBytes() { return this.#raw.historyBytes(); }

  delete() {
    this.#raw.delete();
    this.#raw = null;
  }

  #forget() { this.#shape = null; this.#vocabulary = null; this.#melody = null; this.#settings = null; }
  #checked(result) { return checkEngineError(this.#module, result); }
}

/** Wraps an instantiated Emscripten module (the same one engine.js loads). */
export function wrapMelodyModule(module) {
  return {
    createMelodyRun: () => new MelodyRun(module),
    /** The built-in tunes: [{ name, title, text }]. */
    tunes: () => checkEngineError(module, module.tunes()),
    /** { text, pitches, durations } of a melody's text; throws an Error naming the bad note. */
    parseMelody: (text) => checkEngineError(module, module.parseMelody(text)),
  };
}
