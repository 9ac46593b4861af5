// The reader's transport actions, which both controllers (controller.js, melody/controller.js) give
// their views alike: play, pause, play/pause, one step, step back and reset, over playback.js's clock
// and stack of ticks. Each controller keeps what differs: what a new run is, how an error is told.
//
//   const transport = transportActions({ playback, render, restart, report, clearAlert });
//   const actions = Object.freeze({ ...transport, setSettings() { … }, … });

/**
 * @param {{ playback: ReturnType<import('./playback.js').createPlayback>,
 *           render(options: { fresh?: boolean, animate?: boolean }): object,
 *           restart(): void, report(error: unknown): void, clearAlert(): void, onMove?: () => void }} options
 *   `render` draws a frame and returns it; `restart` starts the run again from the current settings
 *   (throwing when the engine refuses them), `report` shows such an error and `clearAlert` drops an
 *   error shown; `onMove` runs as the reader plays or steps (either way)
 */
export function transportActions({ playback, render, restart, report, clearAlert, onMove = () => {} }) {
  const { advance, pause } = playback;
  const actions = {
    play() {
      if (!playback.play()) return;
      onMove();
      render({ fresh: false });
    },
    pause() {
      if (pause()) render({ fresh: false });
    },
    togglePlay() {
      if (playback.isPlaying()) actions.pause();
      else actions.play();
    },
    /** One step of the current step size (or `count`); pauses first. */
    step(count = 1, { animate = true } = {}) {
      pause();
      onMove();
      const taken = advance(count);
      return render({ animate: animate && taken === 1 });
    },
    /** Back to the state before the last step or edit, exactly. */
    stepBack() {
      onMove();
      return render(playback.stepBack() ? { animate: false } : { fresh: false });
    },
    /** The same settings from the initial weights (restart()). */
    reset() {
      pause();
      try {
        restart();
        clearAlert();
      } catch (error) {
        report(error);
      }
      return render({ animate: false });
    },
  };
  return actions;
}
