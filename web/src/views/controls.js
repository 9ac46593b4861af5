// The controls, as two views: the transport (play, step, step back, reset, step size, speed, and the
// current losses) and the settings (data, network, learning, seed, shown views). Both read the frame
// and act only through frame.actions, so several figures can share one controller.
//
//   createTransportView(container, { controls: ['play', 'step', 'back', 'reset', 'granularity', 'speed', 'metrics'] })
//   createSettingsView(container, { sections: ['data', 'network', 'learning', 'views'] })
import * as d3 from 'd3';
import { formatCount, formatNumber, formatPercent } from '../format.js';
import { ICONS, iconButton } from './icon-button.js';
import { numberField } from './number-field.js';
import { setAttribute, setClass, setProperty, setText } from './writes.js';
import {
  STEPS_PER_SECOND, ACTIVATIONS, GRANULARITIES, LOSSES, MAX_SEED, OPTIMIZERS, PLANAR_FEATURES, REGULARIZATIONS, VIEW_NAMES, dataChoice,
} from '../store.js';

export const TRANSPORT_CONTROLS = ['play', 'step', 'back', 'reset', 'granularity', 'speed', 'metrics'];
export const SETTINGS_SECTIONS = ['data', 'network', 'learning', 'views'];

const DATA_LABELS = {
  songs4: 'Four songs',
  songs8: 'Eight songs',
  and: 'Logic: AND',
  or: 'Logic: OR',
  xor: 'Logic: XOR',
  'planar-gauss': 'Plane: two clusters',
  'planar-circle': 'Plane: circle',
  'planar-xor': 'Plane: XOR quadrants',
  'planar-spiral': 'Plane: spiral',
  'planar-plane': 'Plane: tilted plane (regression)',
  'planar-bump': 'Plane: bump (regression)',
};
const GRANULARITY_LABELS = { phase: 'Phase', example: 'Example', batch: 'Batch', epoch: 'Epoch' };
const ACTIVATION_LABELS = { tanh: 'tanh', sigmoid: 'sigmoid', relu: 'ReLU', linear: 'linear' };
const OPTIMIZER_LABELS = { sgd: 'Gradient descent', momentum: 'Momentum', adam: 'Adam' };
const LOSS_LABELS = { 'cross-entropy': 'Cross-entropy', 'squared-error': 'Squared error' };
const REGULARIZATION_LABELS = { none: 'None', l1: 'L1', l2: 'L2' };
const FEATURE_LABELS = { x: 'x', y: 'y', x2: 'x²', y2: 'y²', xy: 'x·y', sinx: 'sin x', siny: 'sin y' };
const VIEW_LABELS = {
  explanation: 'Explanation', graph: 'Computational graph', network: 'Network', table: 'Data table',
  boundary: 'Decision boundary', cube: 'Feature cube', loss: 'Loss chart',
};

let idCounter = 0;
const uniqueId = (prefix) => `${prefix}-${(idCounter += 1)}`;

/** The feed-forward page's numbers beside the transport: the losses and the accuracy. */
export const TRANSPORT_METRICS = [
  {
    key: 'train-loss', title: 'Loss', tip: 'The mean loss over the training rows',
    text: ({ snapshot }) => formatNumber(snapshot.trainLoss),
  },
  {
    key: 'test-loss', title: 'Test loss',
    text: ({ snapshot }) => formatNumber(snapshot.testLoss), absent: ({ data }) => !data.isTest.some((flag) => flag === 1),
  },
  {
    key: 'accuracy', title: 'Accuracy',
    text: ({ snapshot }) => formatPercent(snapshot.trainAccuracy), absent: ({ data }) => data.task === 'regression',
  },
];

/**
 * Play / Pause, Step, Step back, Reset, the step size, the speed, and the numbers that say how training
 * goes. Options: `controls` the parts shown (TRANSPORT_CONTROLS); `steps` the step sizes offered, each
 * { value, label } (the feed-forward run's by default; the melody page passes a MelodyRun's);
 * `metrics` the numbers, each { key, title, tip?, text(frame), absent?(frame) }; `playLabels` the play
 * button's accessible names; `className` added to the view's classes.
 */
export function createTransportView(container, {
  controls = TRANSPORT_CONTROLS,
  steps = GRANULARITIES.map((value) => ({ value, label: GRANULARITY_LABELS[value] })),
  metrics: metricList = TRANSPORT_METRICS,
  playLabels = { play: 'Play', pause: 'Pause' },
  className = '',
} = {}) {
  const shown = new Set(controls);
  const stepLabels = Object.fromEntries(steps.map(({ value, label }) => [value, label]));
  const root = d3.select(container).append('div').attr('class', `view transport-view ${className}`.trim());
  let frame = null;
  const act = (name) => () => frame?.actions[name]();

  const buttons = root.append('div').attr('class', 'transport-buttons').attr('role', 'group').attr('aria-label', 'Training');
  const play = shown.has('play') ? iconButton(buttons, { name: 'play', label: 'Play', icon: 'play', shortcut: ' ' }).on('click', act('togglePlay')) : null;
  if (shown.has('step')) iconButton(buttons, { name: 'step', label: 'Step', icon: 'step', shortcut: 'ArrowRight' }).on('click', () => frame?.actions.step());
  if (shown.has('back')) iconButton(buttons, { name: 'back', label: 'Step back', icon: 'back', shortcut: 'ArrowLeft' }).on('click', act('stepBack'));
  if (shown.has('reset')) iconButton(buttons, { name: 'reset', label: 'Reset', icon: 'reset', shortcut: 'R' }).on('click', act('reset'));

  let granularity = null;
  if (shown.has('granularity')) {
    const fieldset = root.append('fieldset').attr('class', 'segmented granularity');
    fieldset.append('legend').text('Step size');
    const name = uniqueId('granularity');
    const options = fieldset.append('div').attr('class', 'segments');
    granularity = options.selectAll('label').data(steps.map((step) => step.value)).join('label');
    granularity.append('input').attr('type', 'radio').attr('name', name).attr('value', (g) => g)
      .on('change', (event, g) => frame?.actions.setSettings({ step: g }));
    granularity.append('span').text((g) => stepLabels[g]);
  }

  let speed = null;
  let speedOutput = null;
  if (shown.has('speed')) {
    const id = uniqueId('speed');
    const label = root.append('div').attr('class', 'speed-control');
    label.append('label').attr('for', id).text('Speed');
    speed = label.append('input').attr('type', 'range').attr('id', id).attr('min', 1).attr('max', STEPS_PER_SECOND.length).attr('step', 1)
      .on('input', (event) => frame?.actions.setSettings({ speed: Number(event.target.value) }));
    speedOutput = label.append('output').attr('for', id);
  }

  let metrics = null;
  const metricNodes = new Map(); // key → { item, value }: the elements a frame rewrites
  if (shown.has('metrics')) {
    metrics = root.append('dl').attr('class', 'metrics');
    for (const { key, title, tip } of metricList) {
      const item = metrics.append('div').attr('class', `metric metric-${key}`);
      item.append('dt').text(title).attr('title', tip ?? null);
      const value = item.append('dd').attr('data-metric', key);
      metricNodes.set(key, { item: item.node(), value: value.node() });
    }
  }
  const playLabel = play?.select('.button-label').node();
  const playIcon = play?.select('path').node();
  const backButton = root.select('button.back').node();
  const stepButton = root.select('button.step').node();

  return {
    update(next) {
      frame = next;
      const { snapshot, settings } = frame;
      if (play) {
        // A training step changes none of these: each write below skips an unchanged value.
        const label = frame.playing ? playLabels.pause : playLabels.play;
        const button = play.node();
        setClass(button, 'playing', frame.playing);
        setAttribute(button, 'aria-label', label);
        setText(playLabel, frame.playing ? 'Pause' : 'Play');
        setAttribute(playIcon, 'd', ICONS[frame.playing ? 'pause' : 'play']);
        setProperty(button, 'disabled', snapshot.diverged);
        setAttribute(button, 'title', `${label} (Space)`);
      }
      if (backButton) setProperty(backButton, 'disabled', snapshot.tick <= snapshot.firstTick);
      if (stepButton) setProperty(stepButton, 'disabled', snapshot.diverged);
      granularity?.select('input').property('checked', (g) => g === settings.step);
      if (speed) {
        if (document.activeElement !== speed.node()) speed.property('value', settings.speed);
        const rate = STEPS_PER_SECOND[settings.speed - 1];
        setText(speedOutput.node(), `${rate < 1 ? rate : formatCount(rate)} ${stepLabels[settings.step].toLowerCase()}${rate === 1 ? '' : 's'}/s`);
      }
      for (const { key, text, absent } of metrics ? metricList : []) {
        const { item, value } = metricNodes.get(key);
        setText(value, text(frame));
        if (absent) setClass(item, 'absent', absent(frame));
      }
    },
    destroy() {
      root.remove();
    },
  };
}

// ---- settings --------------------------------------------------------------------------------------

function selectControl(parent, { id, label, values, labels, onChange }) {
  const field = parent.append('div').attr('class', 'field');
  field.append('label').attr('for', id).text(label);
  const select = field.append('select').attr('id', id).attr('name', id);
  select.selectAll('option').data(values).join('option').attr('value', (v) => v).text((v) => labels[v] ?? v);
  select.on('change', (event) => onChange(event.target.value));
  return { field, control: select };
}

const setIfIdle = (selection, value) => {
  if (selection && document.activeElement !== selection.node()) selection.property('value', value);
};

/** Data set, network shape, hyper-parameters, seed and the views shown. */
export function createSettingsView(container, { sections = SETTINGS_SECTIONS, whyViewNotShown = () => null } = {}) {
  const shown = new Set(sections);
  const root = d3.select(container).append('div').attr('class', 'view settings-view');
  let frame = null;
  let drawn = { settings: null, focused: null }; // what update() last synchronised the controls with
  const set = (partial) => frame?.actions.setSettings(partial);
  const id = (name) => uniqueId(`setting-${name}`);
  const controls = {};

  if (shown.has('data')) {
    const group = root.append('fieldset').attr('class', 'settings-group');
    group.append('legend').text('Data');
    controls.data = selectControl(group, {
      id: id('data'), label: 'Data set', values: Object.keys(DATA_LABELS), labels: DATA_LABELS,
      onChange(value) { set(dataChoice(frame?.settings ?? {}, value)); },
    });
    const planar = group.append('div').attr('class', 'planar-settings');
    controls.planar = planar;
    controls.points = numberField(planar, { id: id('points'), label: 'Points', min: 10, max: 1000, step: 10, onChange: (v) => set({ points: v }) });
    controls.noise = numberField(planar, { id: id('noise'), label: 'Noise', min: 0, max: 1, step: 0.05, onChange: (v) => set({ noise: v }) });
    controls.testFraction = numberField(planar, { id: id('test'), label: 'Test share', min: 0, max: 0.9, step: 0.1, onChange: (v) => set({ testFraction: v }) });
    const features = planar.append('fieldset').attr('class', 'checkbox-group');
    features.append('legend').text('Input features');
    controls.features = features.selectAll('label').data(PLANAR_FEATURES).join('label');
    controls.features.append('input').attr('type', 'checkbox').attr('value', (f) => f)
      .on('change', () => {
        const chosen = controls.features.select('input').filter(function () { return this.checked; }).data();
        set({ features: chosen });
      });
    controls.features.append('span').text((f) => FEATURE_LABELS[f]);
  }

  if (shown.has('network')) {
    const group = root.append('fieldset').attr('class', 'settings-group');
    group.append('legend').text('Network');
    const layers = group.append('div').attr('class', 'field layers-field');
    layers.append('span').attr('class', 'field-label').text('Hidden layers');
    const layerButtons = layers.append('div').attr('class', 'stepper');
    controls.removeLayer = layerButtons.append('button').attr('type', 'button').attr('class', 'stepper-button').attr('aria-label', 'Remove a hidden layer').text('−')
      .on('click', () => set({ hidden: frame.settings.hidden.slice(0, -1) }));
    controls.layerCount = layerButtons.append('output').attr('aria-live', 'polite');
    controls.addLayer = layerButtons.append('button').attr('type', 'button').attr('class', 'stepper-button').attr('aria-label', 'Add a hidden layer').text('+')
      .on('click', () => set({ hidden: [...frame.settings.hidden, 4] }));
    controls.layerSizes = group.append('div').attr('class', 'layer-sizes');
    controls.activation = selectControl(group, {
      id: id('activation'), label: 'Hidden activation', values: ACTIVATIONS, labels: ACTIVATION_LABELS,
      onChange: (value) => set({ activation: value }),
    });
  }

  if (shown.has('learning')) {
    const group = root.append('fieldset').attr('class', 'settings-group');
    group.append('legend').text('Learning');
    controls.learningRate = numberField(group, { id: id('rate'), label: 'Learning rate', min: 0.0001, max: 10, step: 'any', onChange: (v) => set({ learningRate: v }) });
    controls.optimizer = selectControl(group, { id: id('optimizer'), label: 'Optimizer', values: OPTIMIZERS, labels: OPTIMIZER_LABELS, onChange: (v) => set({ optimizer: v }) });
    controls.loss = selectControl(group, { id: id('loss'), label: 'Loss', values: LOSSES, labels: LOSS_LABELS, onChange: (v) => set({ loss: v }) });
    controls.batchSize = numberField(group, { id: id('batch'), label: 'Batch size', min: 1, max: 1000, step: 1, onChange: (v) => set({ batchSize: v }) });
    controls.regularization = selectControl(group, { id: id('regularization'), label: 'Regularization', values: REGULARIZATIONS, labels: REGULARIZATION_LABELS, onChange: (v) => set({ regularization: v }) });
    controls.regularizationRate = numberField(group, { id: id('regularization-rate'), label: 'Regularization rate', min: 0, max: 1, step: 'any', onChange: (v) => set({ regularizationRate: v }) });
    const seedField = group.append('div').attr('class', 'field seed-field');
    const seedId = id('seed');
    seedField.append('label').attr('for', seedId).text('Seed');
    const seedRow = seedField.append('div').attr('class', 'seed-row');
    controls.seed = seedRow.append('input').attr('type', 'number').attr('id', seedId).attr('min', 0).attr('max', MAX_SEED).attr('step', 1)
      .on('change', (event) => set({ seed: event.target.value }));
    seedRow.append('button').attr('type', 'button').attr('class', 'quiet-button').text('New seed')
      .on('click', () => set({ seed: Math.floor(Math.random() * 100000) + 1 }));
  }

  if (shown.has('views')) {
    const group = root.append('fieldset').attr('class', 'settings-group checkbox-group views-group');
    group.append('legend').text('Show');
    controls.views = group.selectAll('label').data(VIEW_NAMES).join('label');
    controls.views.append('input').attr('type', 'checkbox').attr('value', (v) => v)
      .on('change', () => {
        const chosen = controls.views.select('input').filter(function () { return this.checked; }).data();
        set({ views: chosen });
      });
    controls.views.append('span').text((v) => VIEW_LABELS[v]);
  }

  /**
   * Each Show box: ticked as chosen; disabled, dimmed and explained (its tooltip and spoken
   * description) where the view does not apply to this network or data, since ticking it would change
   * nothing on the page.
   */
  function drawViewChoices(settings) {
    controls.views.each(function (name) {
      const input = this.querySelector('input');
      const why = whyViewNotShown(name, frame, settings.views);
      setProperty(input, 'checked', settings.views.includes(name));
      setProperty(input, 'disabled', why !== null);
      setAttribute(this, 'title', why);
      setAttribute(input, 'aria-description', why);
      setClass(this, 'not-applicable', why !== null);
    });
  }

  return {
    update(next) {
      frame = next;
      const { settings } = frame;
      // The controls show the settings: nothing to do on a training step (a field the reader has
      // left is brought back to the store's value once focus moves).
      if (drawn.settings === settings && drawn.focused === document.activeElement) return;
      drawn = { settings, focused: document.activeElement };
      const planar = settings.data.startsWith('planar-');
      setIfIdle(controls.data?.control, settings.data);
      if (controls.planar) {
        controls.planar.node().hidden = !planar;
        setIfIdle(controls.points.control, settings.points);
        setIfIdle(controls.noise.control, settings.noise);
        setIfIdle(controls.testFraction.control, settings.testFraction);
        controls.features.select('input').property('checked', (f) => settings.features.includes(f));
      }
      if (controls.layerSizes) {
        controls.layerCount.text(settings.hidden.length === 0 ? 'none' : String(settings.hidden.length));
        controls.removeLayer.property('disabled', settings.hidden.length === 0);
        controls.addLayer.property('disabled', settings.hidden.length >= 8);
        const rows = controls.layerSizes.selectAll('div.layer-size').data(settings.hidden).join((enter) => {
          const row = enter.append('div').attr('class', 'layer-size stepper');
          row.append('span').attr('class', 'layer-name');
          row.append('button').attr('type', 'button').attr('class', 'stepper-button minus').text('−');
          row.append('output');
          row.append('button').attr('type', 'button').attr('class', 'stepper-button plus').text('+');
          return row;
        });
        rows.select('.layer-name').text((_, l) => `Layer ${l + 1}`);
        rows.select('output').text((size) => `${size} neuron${size === 1 ? '' : 's'}`);
        rows.select('.minus').attr('aria-label', (_, l) => `Fewer neurons in layer ${l + 1}`).property('disabled', (size) => size <= 1)
          .on('click', (event, size) => {
            const l = rows.nodes().indexOf(event.currentTarget.parentNode);
            set({ hidden: frame.settings.hidden.map((s, i) => (i === l ? s - 1 : s)) });
          });
        rows.select('.plus').attr('aria-label', (_, l) => `More neurons in layer ${l + 1}`).property('disabled', (size) => size >= 16)
          .on('click', (event) => {
            const l = rows.nodes().indexOf(event.currentTarget.parentNode);
            set({ hidden: frame.settings.hidden.map((s, i) => (i === l ? s + 1 : s)) });
          });
        setIfIdle(controls.activation.control, settings.activation);
        controls.activation.control.property('disabled', settings.hidden.length === 0);
        controls.activation.field.classed('disabled', settings.hidden.length === 0);
      }
      if (controls.learningRate) {
        setIfIdle(controls.learningRate.control, settings.learningRate);
        setIfIdle(controls.optimizer.control, settings.optimizer);
        setIfIdle(controls.loss.control, settings.loss);
        setIfIdle(controls.batchSize.control, settings.batchSize);
        setIfIdle(controls.regularization.control, settings.regularization);
        setIfIdle(controls.regularizationRate.control, settings.regularizationRate);
        controls.regularizationRate.field.node().hidden = settings.regularization === 'none';
        setIfIdle(controls.seed, settings.seed);
      }
      if (controls.views) drawViewChoices(settings);
    },
    destroy() {
      root.remove();
    },
  };
}
