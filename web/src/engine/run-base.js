// What a run of either engine shares (Run in run.js, MelodyRun in melody-run.js): the raw embind
// trainer it wraps, the engine's refusals thrown as Errors, the calls that move it along its timeline,
// which both trainers offer under the same names (bindings/trainer_handle.hpp), and the results it
// keeps until a reset, an edit or a seek changes them.

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

// What a subclass uses and a caller does not: keyed by symbols, so they add no name to a run's API.
/** this[trainer]: the raw embind trainer. */
export const trainer = Symbol('trainer');
/** this[engineModule]: the engine's module the trainer came from. */
export const engineModule = Symbol('engineModule');
/** this[checked](result): checkEngineError for this run's module. */
export const checked = Symbol('checked');
/** this[cached](name, read): read()'s result, checked, kept until something changes it (forget). */
export const cached = Symbol('cached');
/** this[forget](name): drops the kept result of that name. */
export const forget = Symbol('forget');

export class RunBase {
  #raw;
  #module;
  #kept = new Map();  // name -> a result that changes only on reset, edits and seeks
  #edited = false;    // a learning setting was changed mid-run: a step may redo that edit

  /** @param raw a new embind trainer, which the run owns from now on */
  constructor(module, raw) {
    this.#module = module;
    this.#raw = raw;
  }

  /**
   * Starts a new run (options: Run, MelodyRun); throws an Error naming the bad value or note and keeps
   * the previous run.
   */
  reset(options = {}) {
    this.#checked(this.#raw.reset(options));
    this.#kept.clear();
    this.#edited = false;
  }
  restart() { this.#checked(this.#raw.restart()); this.#kept.clear(); this.#edited = false; }

  /**
   * @returns {boolean} false once training has diverged. A step forward over a mid-run change of the
   * settings that a seek undid redoes it, so a run with such edits reads its settings again.
   */
  step(granularity = 'phase', count = 1) {
    if (this.#edited) this.#kept.delete('settings');
    return this.#checked(this.#raw.step(granularity, count));
  }
  /** A seek can undo edits: the settings they change are read again (a subclass forgets its own). */
  seek(tick) { this.#checked(this.#raw.seek(tick)); this.#kept.delete('settings'); }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  /** Mid-run edits, each one tick (stepping back undoes them). */
  setHyperparameters(hyper) {
    this.#checked(this.#raw.setHyperparameters(hyper));
    this.#kept.delete('settings');
    this.#edited = true;
  }
  setParameter(index, value) { this.#checked(this.#raw.setParameter(index, value)); }

  historyBytes() { return this.#raw.historyBytes(); }

  delete() {
    this.#raw.delete();
    this.#raw = null;
  }

  get [trainer]() { return this.#raw; }
  get [engineModule]() { return this.#module; }
  [checked](result) { return this.#checked(result); }
  [cached](name, read) {
    if (!this.#kept.has(name)) this.#kept.set(name, this.#checked(read()));
    return this.#kept.get(name);
  }
  [forget](name) { this.#kept.delete(name); }

  #checked(result) { return checkEngineError(this.#module, result); }
}
