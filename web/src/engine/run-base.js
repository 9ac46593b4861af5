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
/** this[cached](name, read): read()'s result, checked, kept until a reset, a seek or an edit (this[edit]) changes it. */
export const cached = Symbol('cached');
/**
 * this[edit](change, names): makes the mid-run edit change() (one tick), then drops the kept results
 * `names` that it changes, now and whenever a later step forward redoes it.
 */
export const edit = Symbol('edit');

export class RunBase {
  #raw;
  #module;
  #kept = new Map();  // name -> a result that changes only on reset, edits and seeks
  // The mid-run edits a step forward may redo (stepping back over an edit undoes it; forward again
  // redoes it): { tick: the edit's own tick, names: the kept results it changes }, in tick order.
  #edits = [];

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
    this.#edits = [];
  }
  restart() { this.#checked(this.#raw.restart()); this.#kept.clear(); this.#edits = []; }

  /**
   * @returns {boolean} false once training has diverged. A step forward over an edit that a seek
   * undid redoes it: what that edit changes is read again.
   */
  step(granularity = 'phase', count = 1) {
    return this.#crossingEdits(() => this.#checked(this.#raw.step(granularity, count)));
  }
  /** A seek back over an edit undoes it, and forward over one redoes it: what it changes is read again. */
  seek(tick) { this.#crossingEdits(() => this.#checked(this.#raw.seek(tick))); }
  stepBack(ticks = 1) { this.seek(Math.max(this.firstTick, this.tick - ticks)); }

  get tick() { return this.#raw.tick(); }
  get firstTick() { return this.#raw.firstTick(); }
  get diverged() { return this.#raw.diverged(); }
  get message() { return this.#raw.message(); }

  /** Mid-run edits, each one tick (stepping back undoes them). */
  setHyperparameters(hyper) { this[edit](() => this.#raw.setHyperparameters(hyper), ['settings']); }
  setParameter(index, value) { this[edit](() => this.#raw.setParameter(index, value), []); }

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
  [edit](change, names) {
    const before = this.tick;
    this.#checked(change());
    // An edit made in the past replaces the engine's future, and the later edits with it.
    this.#edits = this.#edits.filter(({ tick }) => tick <= before);
    this.#edits.push({ tick: this.tick, names });
    names.forEach((name) => this.#kept.delete(name));
  }

  /**
   * Moves along the timeline with move() and drops the kept results of the edits it undid or redid:
   * only those, so a run's kept results stay the same objects from frame to frame between edits.
   */
  #crossingEdits(move) {
    if (this.#edits.length === 0) return move();
    const from = this.tick;
    try {
      return move();
    } finally {
      const to = this.tick;
      for (const { tick, names } of this.#edits) {
        if (tick > Math.min(from, to) && tick <= Math.max(from, to)) names.forEach((name) => this.#kept.delete(name));
      }
    }
  }

  #checked(result) { return checkEngineError(this.#module, result); }
}
