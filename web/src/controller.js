// The controller: the only code that calls the engine. It owns the clock, turns settings and the
// reader's actions into engine calls, asks for one snapshot per drawn frame and hands every attached
// view the same frozen frame (see the frame contract below). Views never call the engine.
//
// Stepping, the clock and the exact step back are playback.js's, and the transport actions over them
// transport-actions.js's, both shared with the melody controller.
//
// frame = {
//   snapshot, shape, data,          // run.snapshot(), run.shape(), run.data()
//   settings,                       // the store's state
//   previous,                       // the snapshot the views drew last (null after a new run)
//   grid(spec),                     // every channel over the grid (run.gridView(spec)); use it at once:
//                                   // valid until another frame or spec asks for a grid (see gridOf)
//   lossHistory,                    // lossHistory.points()
//   focus: { neuron },              // the neuron the reader points at (global index) or null
//   animate, duration,              // whether to animate the change from `previous`, and how long (ms)
//   playing, alert: { kind, text } | null,
//   actions: { setParameter, editData, addPoint, removePoint, resetData, focusNeuron, setSettings,
//              play, pause, togglePlay, step, stepBack, reset, dataCsv, restoreRun }
// }
import {
  RESET_SETTINGS, HYPER_SETTINGS, dataSpec, followRun, hyperparameters, runSettings,
} from './store.js';
import { MAX_REPLAY_TICKS } from './share.js';
import { datasetWithRows, rowsOf } from './data-rows.js';
import { animationClock, createPlayback, prefersReducedMotion } from './playback.js';
import { transportActions } from './transport-actions.js';
import { commonFrame, drawViews } from './frames.js';

const MANUAL_DURATION = 650;     // ms an animated step takes when the reader steps by hand
const PLANAR_DATA_SETTINGS = ['points', 'noise', 'testFraction', 'features'];
const DATA_SETTINGS = ['data', 'points', 'noise', 'testFraction'];

/**
 * @param {{ run: import('./engine/run.js').Run, store: ReturnType<import('./store.js').createStore>,
 *           views?: {update(frame): void}[], lossHistory?: ReturnType<import('./loss-history.js').createLossHistory>,
 *           reducedMotion?: () => boolean, clock?: {request(fn): any, cancel(handle): void, now(): number} }} options
 */
export function createController({
  run,
  store,
  views = [],
  lossHistory = null,
  reducedMotion = prefersReducedMotion,
  clock = animationClock,
}) {
  const attached = new Set(views);
  let snapshot = null;           // the snapshot the views drew last
  let focus = { neuron: null };
  let alert = null;              // { kind: 'error' | 'notice', text }
  let dataEdited = false;        // the rows differ from the chosen data set: resets keep them
  let editTicks = [];            // the tick each edit (weights, data, hyper-parameters) produced: see shareState()
  let appliedSettings = store.get(); // the settings the run has now
  // The engine's last grid: a view into its memory, rewritten by the next grid evaluation.
  let liveGrid = null;           // { frame token, spec key, values }
  const playback = createPlayback({ run, store, clock, render, report, manualDuration: MANUAL_DURATION });
  const { advance, pause, rememberTick } = playback;
  const transport = transportActions({ playback, render, restart, report, clearAlert, onMove: clearAlert });

  // ---- engine calls ------------------------------------------------------------------------------

  /** Starts a new run from the settings, keeping the reader's edited rows. Throws on bad settings. */
  function startRun(settings, { keepEditedData = true } = {}) {
    const keep = keepEditedData && dataEdited;
    const data = keep ? { kind: 'custom', dataset: run.data() } : dataSpec(settings);
    run.reset({ ...runSettings(settings), data });
    dataEdited = keep;
    playback.forgetTicks();
    editTicks = [];
    lossHistory?.clear();
    snapshot = null;
    if (focus.neuron !== null && focus.neuron >= run.shape().neuronCount) focus = { neuron: null };
  }

  /** A new run from the store's settings, with the edited rows (reset). */
  function restart() {
    startRun(store.get());
    appliedSettings = store.get();
  }

  /** Applies changed settings: hyper-parameters mid-run, everything else with a new run. */
  function applySettings(state, changed) {
    const planar = state.data.startsWith('planar-');
    const relevant = changed.filter((name) => planar || !PLANAR_DATA_SETTINGS.includes(name));
    const needsReset = relevant.some((name) => RESET_SETTINGS.includes(name));
    const needsHyper = relevant.some((name) => HYPER_SETTINGS.includes(name));
    if (!needsReset && !needsHyper) {
      appliedSettings = state;
      return;
    }
    try {
      if (needsReset) {
        pause();
        startRun(state, { keepEditedData: !relevant.some((name) => DATA_SETTINGS.includes(name)) });
      } else {
        const before = run.tick;
        run.setHyperparameters(hyperparameters(state));
        rememberTick(before);
        noteEdit(before);
      }
      appliedSettings = state;
      clearAlert();
    } catch (error) {
      report(error);
      // The engine kept its previous run: put the controls back to the settings it runs with.
      const restore = Object.fromEntries(changed.map((name) => [name, appliedSettings[name]]));
      store.set(restore, 'revert');
    }
  }

  /** Records an edit made at `before` (an edit in the past replaces the future, so later ones go). */
  function noteEdit(before) {
    editTicks = editTicks.filter((tick) => tick <= before);
    editTicks.push(run.tick);
  }

  function edit(change) {
    pause();
    const before = run.tick;
    try {
      change();
      rememberTick(before);
      noteEdit(before);
      clearAlert();
    } catch (error) {
      report(error);
    }
    render({ animate: false });
  }

  /** The current data with its rows rewritten by `rewrite(rows, data)`, as run.setData accepts it. */
  function rewriteData(rewrite) {
    const data = run.data();
    return datasetWithRows(data, rewrite(rowsOf(data), data));
  }

  function setData(dataset) {
    edit(() => {
      run.setData(dataset);
      dataEdited = true;
    });
  }

  // ---- messages ------------------------------------------------------------------------------------

  function report(error) {
    const text = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
    alert = { kind: 'error', text: `That change was not applied: ${text}. The network carries on as it was.` };
  }
  function clearAlert() {
    if (alert?.kind === 'error' || alert?.kind === 'notice') alert = null;
  }

  // ---- drawing -------------------------------------------------------------------------------------

  /**
   * frame.grid(spec) for the frame `token`: the engine's grid view, without copying it (2.2 MB for
   * W3). Every view uses the grid while it draws, so the view only has to stay right until the next
   * evaluation: asking again for the spec last evaluated in this frame returns it as it is; anything
   * else (another spec, an older frame, a view detached by the engine's memory growing) evaluates.
   */
  function gridOf(token, spec) {
    // The same spec object (every thumbnail of a frame asks with one) needs no new key.
    const key = liveGrid?.spec === spec ? liveGrid.key : JSON.stringify(spec);
    const reusable = liveGrid !== null && liveGrid.token === token && liveGrid.key === key && liveGrid.values.length > 0;
    if (!reusable) liveGrid = { token, spec, key, values: run.gridView(spec) };
    return liveGrid.values;
  }

  function makeFrame({ fresh, animate, duration }) {
    const common = commonFrame({
      run, last: snapshot, fresh, animate, duration, focus, alert, actions, playback, lossHistory, reducedMotion,
      divergedText: 'Training stopped: a number grew too large.',
    });
    snapshot = common.snapshot;
    const token = {};
    return Object.freeze({
      ...common.fields,
      shape: run.shape(),
      data: run.data(),
      settings: store.get(),
      grid: (spec) => gridOf(token, spec),
    });
  }

  /** The store follows the run's learning settings across step back and forward (store.js followRun). */
  function followRunSettings() {
    if (followRun(store, run.settings().hyper, HYPER_SETTINGS)) appliedSettings = store.get();
  }

  /** Draws every view: `fresh` asks the engine for a new snapshot; otherwise the last one is redrawn. */
  function render({ fresh = true, animate = false, duration = MANUAL_DURATION } = {}) {
    if (fresh) followRunSettings();
    const frame = makeFrame({ fresh, animate, duration });
    drawViews(attached, frame);
    return frame;
  }

  // ---- the reader's actions --------------------------------------------------------------------------

  const actions = Object.freeze({
    ...transport, // play, pause, togglePlay, step, stepBack, reset (the same settings and edited rows)
    setParameter(index, value) {
      edit(() => run.setParameter(index, value));
    },
    editData(dataset) {
      setData(dataset);
    },
    /** Adds a training row (planar data: x, y) with a label. */
    addPoint(x, y, label) {
      setData(rewriteData((rows, data) => {
        const features = new Array(data.featureNames.length).fill(0);
        features[0] = x;
        if (features.length > 1) features[1] = y;
        return [...rows, { features, target: label, isTest: false, name: `Row ${rows.length + 1}` }];
      }));
    },
    removePoint(row) {
      setData(rewriteData((rows) => rows.filter((_, r) => r !== row)));
    },
    /** Back to the chosen data set's own rows (a new run). */
    resetData() {
      pause();
      try {
        startRun(store.get(), { keepEditedData: false });
        clearAlert();
      } catch (error) {
        report(error);
      }
      render({ animate: false });
    },
    /** The data as CSV text (run.toCsv()). */
    dataCsv: () => run.toCsv(),
    /**
     * Replaces the run with a saved one: settings (validated by the store; missing ones keep their
     * values), data (a dataset object, CSV text, or neither for the settings' own data), `ticks` training ticks
     * replayed from the start, then `parameters` set. On failure everything is put back as it was
     * (settings, data and weights) and the error is thrown with its message.
     */
    restoreRun({ settings = null, dataset = null, csv = null, ticks = 0, parameters = null }) {
      pause();
      const before = { settings: store.get(), dataset: run.data(), parameters: run.snapshot().parameters, dataEdited };
      try {
        if (settings) {
          const { ignored } = store.set(settings, 'restore');
          if (ignored.length > 0) {
            throw new Error(ignored.map(({ name, value, reason }) => `${name} “${value}” ${reason}`).join('; '));
          }
        }
        const state = store.get();
        const data = csv !== null ? { kind: 'csv', text: csv } : dataset ? { kind: 'custom', dataset } : dataSpec(state);
        run.reset({ ...runSettings(state), data });
        if (ticks > 0) run.step('phase', ticks);
        if (parameters) run.setParameters(parameters);
        dataEdited = Boolean(dataset) || csv !== null;
        editTicks = parameters ? [run.tick] : [];
        clearAlert();
      } catch (error) {
        store.set(before.settings, 'restore');
        run.reset({ ...runSettings(before.settings), data: { kind: 'custom', dataset: before.dataset } });
        run.setParameters(before.parameters);
        dataEdited = before.dataEdited;
        editTicks = [run.tick];
        throw error;
      } finally {
        appliedSettings = store.get();
        playback.forgetTicks();
        lossHistory?.clear();
        snapshot = null;
        render({ animate: false });
      }
      return snapshot;
    },
    focusNeuron(index) {
      const neuron = Number.isInteger(index) ? index : null;
      if (neuron === focus.neuron) return;
      focus = { neuron };
      render({ fresh: false });
    },
    /** Changes settings through the store; values that do not fit are refused with a message. */
    setSettings(partial) {
      const { ignored } = store.set(partial, 'reader');
      if (ignored.length > 0) {
        const schema = store.schema;
        const label = (name) => schema.find((entry) => entry.name === name)?.label ?? name;
        alert = {
          kind: 'error',
          text: ignored.map(({ name, value, reason }) => `The ${label(name)} ${reason} (not “${value}”).`).join(' '),
        };
        render({ fresh: false });
      }
      return ignored;
    },
  });

  const unsubscribe = store.subscribe((state, changed, source) => {
    if (source === 'revert' || source === 'restore') return;
    applySettings(state, changed);
    render({ animate: false });
  });

  return {
    actions,
    /** Starts the first run from the store's settings and draws; throws if the engine refuses them. */
    start() {
      startRun(store.get(), { keepEditedData: false });
      appliedSettings = store.get();
      return render();
    },
    step: actions.step,
    stepBack: actions.stepBack,
    play: actions.play,
    pause: actions.pause,
    reset: actions.reset,
    isPlaying: playback.isPlaying,
    /** The last snapshot the views drew. */
    snapshot: () => snapshot,
    run,
    store,
    /** Attaches another view (e.g. a second figure sharing this run); returns a function that detaches it. */
    attach(view) {
      attached.add(view);
      if (snapshot) view.update(makeFrame({ fresh: false, animate: false, duration: 0 }));
      return () => attached.delete(view);
    },
    redraw: () => render({ fresh: false }),
    /**
     * One frame the way the clock draws it while playing, with `count` steps: what scripts/bench times,
     * frame after frame, at a chosen number of steps per frame (play() first, so the frame is a playing one).
     */
    playFrame(count) {
      advance(count);
      return render({ animate: false });
    },
    /**
     * What a link needs to reproduce the run (share.js): the training ticks to replay from the start
     * (edits left out), the edited data (null if unedited) and, when a replay alone would not give
     * the weights (edits in the history, or a replay too long), the weights themselves.
     */
    shareState() {
      const edits = editTicks.filter((tick) => tick <= run.tick).length;
      const ticks = Math.max(0, run.tick - run.firstTick - edits);
      const exact = edits === 0 && ticks <= MAX_REPLAY_TICKS;
      return {
        ticks: Math.min(ticks, MAX_REPLAY_TICKS),
        dataset: dataEdited ? run.data() : null,
        parameters: exact ? null : run.snapshot().parameters,
      };
    },
    destroy() {
      pause();
      unsubscribe();
      attached.clear();
    },
  };
}
