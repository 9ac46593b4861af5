// Idiomatic JavaScript over the raw embind MelodyTrainer: plain options in, plain objects out
// (see bindings/README.md, "Melodies"). A MelodyRun owns wasm memory: call run.delete() when done.

import { RunBase, checkEngineError, trainer, checked, cached } from './run-base.js';

export const MELODY_GRANULARITIES = ['phase', 'window', 'epoch'];
export const CELLS = ['elman', 'lstm'];

/**
 * A run of the melody engine. The timeline (reset, step, seek, tick...) is RunBase's:
 * reset({ melody: 'C4/4 ...' | tune: 'twinkle', cell, hidden, truncation, gradientClip, hyper, seed })
 * throws an Error naming the bad note or value; setHyperparameters takes any hyper field, and gradientClip.
 */
export class MelodyRun extends RunBase {
  constructor(module) {
    super(module, new module.MelodyTrainer());
  }

  /** Everything about the current tick; typed arrays are copies (safe to keep). */
  snapshot() { return this[checked](this[trainer].snapshot()); }
  shape() { return this[cached]('shape', () => this[trainer].shape()); }
  vocabulary() { return this[cached]('vocabulary', () => this[trainer].vocabulary()); }
  melody() { return this[cached]('melody', () => this[trainer].melody()); }
  settings() { return this[cached]('settings', () => this[trainer].settings()); }

  /** A new melody: { start: token or 'C4/4', length: 32, temperature: 1, seed: 1 }. */
  sample(options = {}) { return this[checked](this[trainer].sample(options)); }
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
