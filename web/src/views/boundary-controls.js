// The controls of the 2-D playground: which data set (Gaussian clusters, circle, XOR, spiral, and the
// two regression sets), its noise, size, training share and seed; which features of (x, y) the network
// sees; and its hidden layers, added and removed with + / − buttons. Every change goes through
// frame.actions.setSettings(partial) in the store's flat schema (web/src/store.js: data
// 'planar-<shape>', points, noise, testFraction, seed, features, hidden = [sizes]), so the store checks
// it and the controller applies it; the controls only mirror frame.settings.
//
//   const controls = createBoundaryControls(container);
//   controls.update(frame); … controls.destroy();
import * as d3 from 'd3';
import { dataChoice } from '../store.js';

export const PRESETS = [
  { shape: 'gauss', label: 'Gaussian clusters', task: 'classification' },
  { shape: 'circle', label: 'Circle', task: 'classification' },
  { shape: 'xor', label: 'XOR', task: 'classification' },
  { shape: 'spiral', label: 'Spiral', task: 'classification' },
  { shape: 'plane', label: 'Tilted plane', task: 'regression' },
  { shape: 'bump', label: 'Gaussian bump', task: 'regression' },
];

export const FEATURES = [
  { key: 'x', label: 'x' },
  { key: 'y', label: 'y' },
  { key: 'x2', label: 'x²' },
  { key: 'y2', label: 'y²' },
  { key: 'xy', label: 'xy' },
  { key: 'sinx', label: 'sin x' },
  { key: 'siny', label: 'sin y' },
];

export const LIMITS = {
  points: { min: 20, max: 1000, step: 10 },
  noise: { min: 0, max: 1, step: 0.05 },
  trainingShare: { min: 0.1, max: 1, step: 0.05 },  // testFraction = 1 − share, so 0 … 0.9
  seed: { min: 0, max: 2 ** 31 - 1 },
  hiddenLayers: 6,
  neuronsPerLayer: 8,
};

const DEFAULT_LAYER_SIZE = 4;
const PLANAR_PREFIX = 'planar-';
const formatPercent = d3.format('.0%');
// Rounds to a multiple of step without binary leftovers (0.30000000000000004 would show in the URL).
const round = (value, step) => Number((Math.round(value / step) * step).toFixed(6));

// Small sketches of the presets (fixed dots, not the real data) for the preset buttons.
const SKETCH_POINTS = (() => {
  const random = d3.randomLcg(7);
  const normal = d3.randomNormal.source(random)(0, 1);
  const sketches = {};
  sketches.gauss = d3.range(24).map((i) => {
    const c = i % 2 ? 1 : -1;
    return [c * 2.4 + normal() * 1.1, c * 2.4 + normal() * 1.1, i % 2];
  });
  sketches.circle = d3.range(28).map((i) => {
    const inner = i % 2 === 0;
    const angle = random() * 2 * Math.PI;
    const radius = inner ? random() * 2.2 : 3.4 + random() * 1.4;
    return [radius * Math.cos(angle), radius * Math.sin(angle), inner ? 1 : 0];
  });
  sketches.xor = d3.range(28).map(() => {
    const x = (random() * 2 - 1) * 5;
    const y = (random() * 2 - 1) * 5;
    return [x, y, x * y >= 0 ? 1 : 0];
  });
  sketches.spiral = d3.range(32).map((i) => {
    const arm = i % 2;
    const t = (Math.floor(i / 2) / 16) * 1.75 * Math.PI;
    const r = (t / (1.75 * Math.PI)) * 5;
    return [r * Math.sin(t + arm * Math.PI), r * Math.cos(t + arm * Math.PI), arm];
  });
  sketches.plane = d3.range(25).map((i) => {
    const x = ((i % 5) - 2) * 2.2;
    const y = (Math.floor(i / 5) - 2) * 2.2;
    return [x, y, (x + y) / 17.6 + 0.5];
  });
  sketches.bump = d3.range(25).map((i) => {
    const x = ((i % 5) - 2) * 2.2;
    const y = (Math.floor(i / 5) - 2) * 2.2;
    return [x, y, Math.exp(-(x * x + y * y) / 12)];
  });
  return sketches;
})();

let controlCount = 0;

/** @param {HTMLElement} container */
export function createBoundaryControls(container) {
  const id = `boundary-controls-${(controlCount += 1)}`;
  const root = d3.select(container).append('section').attr('class', 'boundary-controls')
    .attr('aria-label', 'Data and network');
  let frame = null;

  const set = (partial) => frame?.actions?.setSettings?.(partial);
  const settings = () => frame?.settings ?? {};
  const isPlanar = () => String(settings().data ?? '').startsWith(PLANAR_PREFIX);

  const presetSettings = (preset) => dataChoice(settings(), `${PLANAR_PREFIX}${preset.shape}`);

  // ---- data set
  const dataGroup = root.append('fieldset').attr('class', 'boundary-controls__group');
  dataGroup.append('legend').text('Data');
  const presetList = dataGroup.append('div').attr('class', 'boundary-controls__presets').attr('role', 'radiogroup')
    .attr('aria-label', 'Data set');
  const presetButtons = presetList.selectAll('label').data(PRESETS, (d) => d.shape).join((enter) => {
    const label = enter.append('label').attr('class', 'boundary-preset');
    label.append('input').attr('type', 'radio').attr('name', `${id}-preset`).attr('value', (d) => d.shape)
      .on('change', (event, d) => set(presetSettings(d)));
    const sketch = label.append('svg').attr('class', 'boundary-preset__sketch').attr('viewBox', '-6 -6 12 12')
      .attr('aria-hidden', 'true');
    sketch.append('rect').attr('x', -6).attr('y', -6).attr('width', 12).attr('height', 12).attr('rx', 1.5);
    sketch.selectAll('circle').data((d) => SKETCH_POINTS[d.shape].map((p) => ({ ...p, task: d.task })))
      .join('circle')
      .attr('cx', (p) => p[0]).attr('cy', (p) => -p[1]).attr('r', 0.75)
      .attr('class', (p) => (p.task === 'regression' ? 'boundary-preset__value' : p[2] ? 'boundary-preset__positive' : 'boundary-preset__negative'))
      .attr('fill-opacity', (p) => (p.task === 'regression' ? 0.25 + 0.75 * p[2] : null));
    label.append('span').text((d) => d.label);
    return label;
  });

  function slider(parent, { key, label, min, max, step, format, onCommit }) {
    const row = parent.append('label').attr('class', 'boundary-slider');
    const name = row.append('span').attr('class', 'boundary-slider__name').text(label);
    const output = row.append('output').attr('class', 'boundary-slider__value');
    const input = row.append('input').attr('type', 'range').attr('name', `${id}-${key}`)
      .attr('min', min).attr('max', max).attr('step', step)
      .on('input', () => output.text(format(Number(input.property('value')))))
      .on('change', () => onCommit(Number(input.property('value'))));
    return {
      row,
      name,
      set(value) {
        // Not while the reader drags it: the store catches up on 'change'.
        if (document.activeElement !== input.node()) input.property('value', value);
        output.text(format(Number(input.property('value'))));
      },
      disable(disabled) { input.property('disabled', disabled); row.classed('is-disabled', disabled); },
    };
  }

  const sliders = root.append('div').attr('class', 'boundary-controls__sliders');
  dataGroup.node().appendChild(sliders.node());
  const noise = slider(sliders, {
    key: 'noise', label: 'Noise', ...LIMITS.noise, format: formatPercent,
    onCommit: (value) => set({ noise: round(value, LIMITS.noise.step) }),
  });
  const points = slider(sliders, {
    key: 'points', label: 'Points', ...LIMITS.points, format: d3.format(','),
    onCommit: (value) => set({ points: Math.round(value) }),
  });
  const share = slider(sliders, {
    key: 'share', label: 'Training share', min: LIMITS.trainingShare.min, max: LIMITS.trainingShare.max,
    step: LIMITS.trainingShare.step, format: formatPercent,
    onCommit: (value) => set({ testFraction: Math.max(0, Math.min(0.9, round(1 - value, 0.01))) }),
  });
  const seedRow = sliders.append('div').attr('class', 'boundary-seed');
  const seedLabel = seedRow.append('label');
  seedLabel.append('span').attr('class', 'boundary-slider__name').text('Seed');
  const seedInput = seedLabel.append('input').attr('type', 'number').attr('name', `${id}-seed`)
    .attr('min', LIMITS.seed.min).attr('max', LIMITS.seed.max).attr('step', 1)
    .on('change', () => {
      const value = Math.trunc(Number(seedInput.property('value')));
      if (Number.isFinite(value) && value >= LIMITS.seed.min && value <= LIMITS.seed.max) set({ seed: value });
      else seedInput.property('value', settings().seed ?? 1);
    });
  const newSeed = seedRow.append('button').attr('type', 'button').attr('class', 'boundary-button')
    .text('New seed')
    .attr('title', 'Draw the data and the first weights again with the next seed')
    .on('click', () => set({ seed: ((settings().seed ?? 0) % LIMITS.seed.max) + 1 }));
  const dataNote = dataGroup.append('p').attr('class', 'boundary-controls__note').attr('hidden', true);

  // ---- features
  const featureGroup = root.append('fieldset').attr('class', 'boundary-controls__group');
  featureGroup.append('legend').text('Features the network sees');
  const featureList = featureGroup.append('div').attr('class', 'boundary-controls__features');
  const featureBoxes = featureList.selectAll('label').data(FEATURES, (d) => d.key).join((enter) => {
    const label = enter.append('label').attr('class', 'boundary-feature');
    label.append('input').attr('type', 'checkbox').attr('name', `${id}-feature`).attr('value', (d) => d.key)
      .on('change', (event, d) => {
        const current = new Set(frame?.settings?.features ?? ['x', 'y']);
        if (event.target.checked) current.add(d.key);
        else current.delete(d.key);
        if (current.size === 0) { event.target.checked = true; return; } // the network needs an input
        set({ features: FEATURES.map((f) => f.key).filter((key) => current.has(key)) });
      });
    label.append('span').text((d) => d.label);
    return label;
  });

  // ---- hidden layers
  const networkGroup = root.append('fieldset').attr('class', 'boundary-controls__group');
  networkGroup.append('legend').text('Hidden layers');
  const layerBar = networkGroup.append('div').attr('class', 'boundary-stepper');
  const removeLayer = layerBar.append('button').attr('type', 'button').attr('class', 'boundary-button boundary-button--step')
    .attr('aria-label', 'Remove the last hidden layer').text('−')
    .on('click', () => setHidden(hidden().slice(0, -1)));
  const layerCount = layerBar.append('span').attr('class', 'boundary-stepper__value').attr('aria-live', 'polite');
  const addLayer = layerBar.append('button').attr('type', 'button').attr('class', 'boundary-button boundary-button--step')
    .attr('aria-label', 'Add a hidden layer').text('+')
    .on('click', () => {
      const layers = hidden();
      setHidden([...layers, layers.at(-1) ?? DEFAULT_LAYER_SIZE]);
    });
  const layerList = networkGroup.append('ol').attr('class', 'boundary-layers');

  // Hidden layer sizes, e.g. [4, 2]; every hidden layer uses settings.activation.
  const hidden = () => settings().hidden ?? [];
  function setHidden(layers) {
    if (layers.length > LIMITS.hiddenLayers) return;
    set({ hidden: layers });
  }
  function resize(index, delta) {
    const layers = hidden().slice();
    const size = layers[index] + delta;
    if (size < 1 || size > LIMITS.neuronsPerLayer) return;
    layers[index] = size;
    setHidden(layers);
  }

  function drawLayers() {
    const layers = hidden();
    layerCount.text(layers.length === 0 ? 'none (a perceptron)' : `${layers.length} layer${layers.length === 1 ? '' : 's'}`);
    removeLayer.property('disabled', layers.length === 0);
    addLayer.property('disabled', layers.length >= LIMITS.hiddenLayers);
    const activation = settings().activation;
    const rows = layerList.selectAll('li').data(layers.map((size, index) => ({ size, activation, index })), (d) => d.index)
      .join((enter) => {
        const li = enter.append('li').attr('class', 'boundary-stepper boundary-layer');
        li.append('span').attr('class', 'boundary-layer__name');
        li.append('button').attr('type', 'button').attr('class', 'boundary-button boundary-button--step boundary-layer__less').text('−')
          .on('click', (event, d) => resize(d.index, -1));
        li.append('span').attr('class', 'boundary-stepper__value boundary-layer__size');
        li.append('button').attr('type', 'button').attr('class', 'boundary-button boundary-button--step boundary-layer__more').text('+')
          .on('click', (event, d) => resize(d.index, +1));
        return li;
      });
    rows.select('.boundary-layer__name').text((d) => `Layer ${d.index + 1}`);
    rows.select('.boundary-layer__size').text((d) => `${d.size} neuron${d.size === 1 ? '' : 's'}${d.activation ? `, ${d.activation}` : ''}`);
    rows.select('.boundary-layer__less').property('disabled', (d) => d.size <= 1)
      .attr('aria-label', (d) => `Remove a neuron from layer ${d.index + 1}`);
    rows.select('.boundary-layer__more').property('disabled', (d) => d.size >= LIMITS.neuronsPerLayer)
      .attr('aria-label', (d) => `Add a neuron to layer ${d.index + 1}`);
  }

  let drawnSettings = null;

  return {
    update(nextFrame) {
      frame = nextFrame;
      // The store replaces its state object on every change: the same object means nothing to redo.
      if (frame.settings === drawnSettings) return;
      drawnSettings = frame.settings;
      const state = settings();
      const planar = isPlanar();
      presetButtons.select('input').property('checked', (d) => state.data === `${PLANAR_PREFIX}${d.shape}`);
      noise.set(state.noise ?? 0);
      points.set(state.points ?? 200);
      share.set(1 - (state.testFraction ?? 0.5));
      if (document.activeElement !== seedInput.node()) seedInput.property('value', state.seed ?? 1);
      for (const control of [noise, points, share]) control.disable(!planar);
      dataNote.attr('hidden', planar ? true : null)
        .text(planar ? '' : 'Noise, points, training share and features shape the 2-D data sets: pick one above to use them.');
      const features = new Set(state.features ?? ['x', 'y']);
      featureBoxes.select('input')
        .property('checked', (d) => features.has(d.key))
        .property('disabled', (d) => !planar || (features.size === 1 && features.has(d.key)));
      featureGroup.classed('is-disabled', !planar);
      drawLayers();
    },
    destroy() {
      root.remove();
      frame = null;
    },
  };
}
