// The melody page's controller: the only code that calls the melody engine (a MelodyRun). It follows
// the feed-forward controller (web/src/controller.js) — the same stepping, clock and exact step back
// (playback.js) and transport actions (transport-actions.js), one snapshot per drawn frame, every
// attached view handed the same frozen frame — but speaks the MelodyRun API: windows instead of
// examples, a melody instead of a data set, and a composition. It also relays the reader's sound
// requests to the player (sound/player.js), which owns the audio.
//
// frame = {
//   snapshot, shape, vocabulary, melody,  // run.snapshot(), run.shape(), run.vocabulary(), run.melody()
//   settings, tunes,                      // the store's state; the built-in tunes [{ name, title, text }]
//   previous,                             // the snapshot the views drew last (null after a new run)
//   lossHistory,                          // lossHistory.points(): { step (updates), trainLoss, trainAccuracy, … }
//   composition,                          // null, or run.sample(…) plus { updates, tick, temperature, length, seed }
//   sound,                                // player.state() plus { selected: 'tune' | 'composition' }
//   melodyError,                          // the engine's message about the melody the reader wrote, or null
//   focus: { step },                      // the time step the reader points at (0 … T−1) or null
//   animate, duration, playing, alert: { kind, text } | null,
//   actions: { play, pause, togglePlay, step, stepBack, reset, setSettings, generate, useMelodyText,
//              editMelody, focusStep, toggleSound, playSound, stopSound, selectSound, setVolume }
// }
import { MAX_SEED, followRun } from '../store.js';
import { animationClock, createPlayback, prefersReducedMotion } from '../playback.js';
import { transportActions } from '../transport-actions.js';
import { commonFrame, drawViews } from '../frames.js';
import {
  COMPOSITION_SETTINGS, CUSTOM_TUNE, HYPER_SETTINGS, MELODY_SETTINGS, RESET_SETTINGS, hyperparameters, runSettings,
  sampleSettings,
} from './settings.js';

const MANUAL_DURATION = 500;     // ms an animated step takes when the reader steps by hand

const silentPlayer = {
  state: () => ({ supported: false, playing: false, source: null, noteIndex: -1, volume: 0 }),
  play() {}, stop() {}, setVolume() {}, subscribe: () => () => {},
};

/**
 * @param {{ run: import('../engine/melody-run.js').MelodyRun, melodies: { tunes(), parseMelody(text) },
 *           store: ReturnType<import('../store.js').createStore>, player?: object,
 *           lossHistory?: ReturnType<import('../loss-history.js').createLossHistory>, views?: object[],
 *           reducedMotion?: () => boolean, clock?: {request(fn): any, cancel(handle): void, now(): number} }} options
 */
export function createMelodyController({
  run,
  melodies,
  store,
  player = silentPlayer,
  lossHistory = null,
  views = [],
  reducedMotion = prefersReducedMotion,
  clock = animationClock,
}) {
  const attached = new Set(views);
  const tunes = melodies.tunes();
  let snapshot = null;
  let alert = null;
  let lastError = null;           // the message of the last change the engine refused
  let melodyError = null;
  let composition = null;
  let selectedSound = 'tune';
  let focus = { step: null };
  let appliedSettings = store.get();
  const playback = createPlayback({ run, store, clock, render, report, manualDuration: MANUAL_DURATION });
  const { pause, rememberTick } = playback;
  // Unlike the feed-forward page's, an error stays shown while the reader plays or steps.
  const transport = transportActions({ playback, render, restart, report, clearAlert });

  // ---- engine calls ------------------------------------------------------------------------------

  /** Starts a new run from the settings. Throws (and keeps the old run) when the engine refuses them. */
  function startRun(settings) {
    run.reset(runSettings(settings));
    playback.forgetTicks();
    lossHistory?.clear();
    snapshot = null;
    composition = null;
    if (focus.step !== null && focus.step >= settings.truncation) focus = { step: null };
    player.stop();
  }

  /** A new run from the store's settings (reset). */
  function restart() {
    startRun(store.get());
    appliedSettings = store.get();
  }

  /**
   * A new composition from the current parameters and the composition settings. Throws once training
   * has diverged: weights that are not numbers compose noise, which must never be drawn or played.
   */
  function compose() {
    if (run.diverged) throw new Error('training has stopped (a number grew too large), so the network cannot compose: press Reset');
    const settings = store.get();
    const sample = run.sample(sampleSettings(settings));
    if (player.state().source === 'composition') player.stop();
    composition = Object.freeze({
      ...sample,
      updates: snapshot?.updates ?? 0,
      tick: run.tick,
      temperature: settings.temperature,
      length: settings.length,
      seed: settings.sampleSeed,
    });
  }

  function applySettings(state, changed) {
    const needsReset = changed.some((name) => RESET_SETTINGS.includes(name));
    const needsHyper = changed.some((name) => HYPER_SETTINGS.includes(name));
    const needsComposition = changed.some((name) => COMPOSITION_SETTINGS.includes(name));
    try {
      if (needsReset) {
        pause();
        startRun(state);
      } else if (needsHyper) {
        const before = run.tick;
        run.setHyperparameters(hyperparameters(state));
        rememberTick(before);
      }
      if (needsComposition && composition) compose();
      appliedSettings = state;
      if (changed.some((name) => MELODY_SETTINGS.includes(name))) melodyError = null;
      clearAlert();
    } catch (error) {
      report(error);
      const restore = Object.fromEntries(changed.map((name) => [name, appliedSettings[name]]));
      store.set(restore, 'revert');
    }
  }

  // ---- messages ------------------------------------------------------------------------------------

  function report(error) {
    lastError = error instanceof Error ? error.message : String(error);
    alert = { kind: 'error', text: `That change was not applied: ${lastError}. The previous settings are still running.` };
  }
  function clearAlert() {
    if (alert?.kind === 'error') alert = null;
  }

  // ---- drawing -------------------------------------------------------------------------------------

  function makeFrame({ fresh, animate, duration }) {
    // The loss history records the test loss too: NaN, as a melody run has no test set.
    const common = commonFrame({
      run, last: snapshot, fresh, animate, duration, focus, alert, actions, playback, lossHistory, reducedMotion,
      divergedText: 'Training stopped: a number grew too large. Press Reset.',
    });
    snapshot = common.snapshot;
    return Object.freeze({
      ...common.fields,
      shape: run.shape(),
      vocabulary: run.vocabulary(),
      melody: run.melody(),
      settings: store.get(),
      tunes,
      composition,
      sound: Object.freeze({ ...player.state(), selected: selectedSound }),
      melodyError,
    });
  }

  /** The store follows the run's learning settings across step back and forward (store.js followRun). */
  function followRunSettings() {
    const { hyper, gradientClip } = run.settings();
    const fromRun = { learningRate: hyper.learningRate, optimizer: hyper.optimizer, gradientClip };
    if (followRun(store, fromRun, HYPER_SETTINGS)) appliedSettings = store.get();
  }

  function render({ fresh = true, animate = false, duration = MANUAL_DURATION } = {}) {
    if (fresh) followRunSettings();
    const frame = makeFrame({ fresh, animate, duration });
    drawViews(attached, frame);
    return frame;
  }

  // ---- sound ----------------------------------------------------------------------------------------

  /** The notes of the tune or the composition: { pitches, durations }, or null when there is none. */
  function notesOf(source) {
    if (source === 'composition') return composition ? { pitches: composition.pitches, durations: composition.durations } : null;
    const melody = run.melody();
    return { pitches: melody.pitches, durations: melody.durations };
  }

  // ---- the reader's actions --------------------------------------------------------------------------

  /** Sets melody settings and says whether the engine took them (else melodyError holds why not). */
  function setMelody(partial) {
    const { ignored } = store.set(partial, 'reader');
    const state = store.get();
    const taken = ignored.length === 0 && Object.entries(partial).every(([name, value]) =>
      (Array.isArray(value) ? value.length === state[name].length && value.every((v, i) => v === state[name][i]) : state[name] === value));
    if (!taken) {
      melodyError = ignored.length > 0
        ? ignored.map(({ name, reason }) => `The ${name} ${reason}.`).join(' ')
        : lastError;
      clearAlert(); // the message shows beside the melody editor instead
      render({ fresh: false });
    }
    return taken;
  }

  const actions = Object.freeze({
    ...transport, // play, pause, togglePlay, step, stepBack, reset (the same melody and settings)
    /** Changes settings through the store; values that do not fit are refused with a message. */
    setSettings(partial) {
      const { ignored } = store.set(partial, 'reader');
      if (ignored.length > 0) {
        const label = (name) => store.schema.find((entry) => entry.name === name)?.label ?? name;
        alert = {
          kind: 'error',
          text: ignored.map(({ name, value, reason }) => `The ${label(name)} ${reason} (not “${value}”).`).join(' '),
        };
        render({ fresh: false });
      }
      return ignored;
    },
    /**
     * A new composition. Asked again with nothing changed (same parameters and settings), it draws the
     * next composition seed, so the button always gives a new melody and the URL still reproduces it.
     */
    generate() {
      const settings = store.get();
      const unchanged = composition && composition.tick === run.tick && composition.temperature === settings.temperature &&
        composition.length === settings.length && composition.seed === settings.sampleSeed;
      selectedSound = 'composition';
      try {
        if (unchanged) store.set({ sampleSeed: settings.sampleSeed >= MAX_SEED ? 0 : settings.sampleSeed + 1 }, 'reader');
        else compose();
        clearAlert();
      } catch (error) {
        report(error);
      }
      return render({ fresh: false });
    },
    /** Learns the melody written as text; the engine's parser names any bad note (frame.melodyError). */
    useMelodyText(text) {
      let parsed;
      try {
        parsed = melodies.parseMelody(String(text ?? ''));
      } catch (error) {
        melodyError = error instanceof Error ? error.message : String(error);
        render({ fresh: false });
        return false;
      }
      const taken = setMelody({ tune: CUSTOM_TUNE, notes: Array.from(parsed.pitches), durations: Array.from(parsed.durations) });
      if (taken && melodyError) {
        melodyError = null;
        render({ fresh: false });
      }
      return taken;
    },
    /** Learns a melody edited on the piano roll: { pitches, durations } (arrays of numbers). */
    editMelody({ pitches, durations }) {
      return setMelody({ tune: CUSTOM_TUNE, notes: Array.from(pitches), durations: Array.from(durations) });
    },
    focusStep(step) {
      const next = Number.isInteger(step) ? step : null;
      if (next === focus.step) return;
      focus = { step: next };
      render({ fresh: false });
    },
    selectSound(source) {
      if (source !== 'tune' && source !== 'composition') return;
      selectedSound = source;
      render({ fresh: false });
    },
    /** Plays the tune or the composition (the selected one by default) from its start. */
    playSound(source = selectedSound) {
      const notes = notesOf(source);
      if (!notes) return false;
      selectedSound = source;
      player.play(notes, source);
      render({ fresh: false });
      return true;
    },
    stopSound() {
      player.stop();
    },
    /** Stops the sound if any plays, else plays the selected melody. */
    toggleSound() {
      if (player.state().playing) player.stop();
      else if (!actions.playSound(selectedSound)) actions.playSound('tune');
    },
    setVolume(volume) {
      player.setVolume(volume);
    },
  });

  const unsubscribeStore = store.subscribe((state, changed, source) => {
    if (source === 'revert') return;
    applySettings(state, changed);
    render({ animate: false });
  });
  const unsubscribePlayer = player.subscribe(() => render({ fresh: false }));

  return {
    actions,
    /** Starts the first run from the store's settings and draws; throws if the engine refuses them. */
    start() {
      restart();
      return render();
    },
    step: actions.step,
    stepBack: actions.stepBack,
    play: actions.play,
    pause: actions.pause,
    reset: actions.reset,
    isPlaying: playback.isPlaying,
    snapshot: () => snapshot,
    composition: () => composition,
    run,
    store,
    player,
    attach(view) {
      attached.add(view);
      if (snapshot) view.update(makeFrame({ fresh: false, animate: false, duration: 0 }));
      return () => attached.delete(view);
    },
    redraw: () => render({ fresh: false }),
    destroy() {
      pause();
      player.stop();
      unsubscribeStore();
      unsubscribePlayer();
      attached.clear();
    },
  };
}
