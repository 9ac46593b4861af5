// How a controller moves a run through time: stepping, the clock that steps while playing, and the
// stack of ticks that makes step back exact. Both controllers (controller.js, melody/controller.js) use
// it; they keep what differs — the run's API beyond step/seek, the frame, the alerts.
//
// Stepping by hand and playing share one path, advance(): play() only schedules it from the clock
// (requestAnimationFrame). Every tick the reader leaves is pushed on a stack, so stepBack() returns to
// exactly the previous state at whatever step size took the reader there (run.seek is exact).
//
//   const playback = createPlayback({ run, store, render, report, manualDuration: 650 });
//   playback.advance(1); playback.play(); playback.pause(); playback.stepBack();
import { STEPS_PER_SECOND } from './store.js';

/** Above this many steps per second nothing animates: the numbers simply stay current. */
const ANIMATION_LIMIT = 4;
const FRAME_BUDGET = 12;         // ms of engine work per animation frame while playing
const MAX_REMEMBERED_TICKS = 20000;

/** The browser's clock: animation frames, and the time for frame budgets. */
export const animationClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
};

// One MediaQueryList, asked once: matchMedia itself parses the query on every call (about 1 ms a
// frame when every frame asks); .matches stays current as the reader's preference changes.
let reducedMotionQuery;
export const prefersReducedMotion = () => {
  reducedMotionQuery ??= typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  return Boolean(reducedMotionQuery?.matches);
};

/**
 * @param {{ run: { tick: number, firstTick: number, diverged: boolean, step(granularity, count): boolean,
 *           seek(tick): void }, store: { get(): { step: string, speed: number } },
 *           render(options: { fresh?: boolean, animate?: boolean, duration?: number }): unknown,
 *           report(error: unknown): void, manualDuration: number,
 *           clock?: {request(fn): any, cancel(handle): void, now(): number} }} options `render` draws a
 *   frame; `report` shows an error the engine raised; `manualDuration` is the ms an animated step
 *   takes when the reader steps by hand (a played step takes at most that)
 */
export function createPlayback({ run, store, render, report, manualDuration, clock = animationClock }) {
  const visitedTicks = [];       // ticks the reader left, most recent last: stepBack() pops
  let playing = false;
  let clockHandle = null;
  let lastClockTime = null;
  let owedSteps = 0;

  /** Records that the reader left `tick` (a step or an edit), so step back can return to it. */
  function rememberTick(tick) {
    visitedTicks.push(tick);
    if (visitedTicks.length > MAX_REMEMBERED_TICKS) visitedTicks.splice(0, visitedTicks.length / 2);
  }

  /** Runs up to `count` steps of the current step size; stops early at divergence or on time. */
  function advance(count, deadline = Infinity) {
    const granularity = store.get().step;
    let taken = 0;
    while (taken < count) {
      const before = run.tick;
      let running;
      try {
        running = run.step(granularity, 1);
      } catch (error) {
        report(error);
        pause();
        break;
      }
      if (run.tick !== before) rememberTick(before);
      taken += 1;
      if (!running || run.diverged) {
        pause();
        break;
      }
      if (clock.now() > deadline) break;
    }
    return taken;
  }

  const stepsPerSecond = () => STEPS_PER_SECOND[store.get().speed - 1] ?? 2;

  function onClock(time) {
    clockHandle = null;
    if (!playing) return;
    const rate = stepsPerSecond();
    if (lastClockTime !== null) owedSteps += ((time - lastClockTime) / 1000) * rate;
    lastClockTime = time;
    const due = Math.floor(owedSteps);
    if (due > 0) {
      const taken = advance(due, clock.now() + FRAME_BUDGET);
      owedSteps = taken < due ? 0 : owedSteps - due; // fell behind: do not try to catch up
      render({ animate: taken === 1 && rate <= ANIMATION_LIMIT, duration: Math.min(manualDuration, 800 / rate) });
    }
    if (playing) clockHandle = clock.request(onClock);
  }

  /** Starts the clock (the first step at once); false when already playing or diverged. */
  function play() {
    if (playing || run.diverged) return false;
    playing = true;
    lastClockTime = null;
    owedSteps = 1;
    clockHandle = clock.request(onClock);
    return true;
  }

  /** Stops the clock; says whether it was running. */
  function pause() {
    if (clockHandle !== null) clock.cancel(clockHandle);
    clockHandle = null;
    const wasPlaying = playing;
    playing = false;
    return wasPlaying;
  }

  /**
   * Pauses and seeks back to the tick before the last step or edit (or one tick back, for history from
   * before this page); says whether the run moved (an error the engine raises goes to `report`).
   */
  function stepBack() {
    pause();
    let target = visitedTicks.pop();
    if (target === undefined) target = run.tick - 1;
    target = Math.max(run.firstTick, target);
    if (target === run.tick) return false;
    try {
      run.seek(target);
    } catch (error) {
      report(error);
    }
    return true;
  }

  return {
    advance,
    play,
    pause,
    stepBack,
    rememberTick,
    /** Forgets the ticks to step back to (a new run). */
    forgetTicks() {
      visitedTicks.length = 0;
    },
    isPlaying: () => playing,
  };
}
