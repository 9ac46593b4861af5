// The registry of views: every view a page or an embedded figure can show, by name, with its title,
// its factory `(container, options) → { update(frame), destroy() }` and when it applies (a view that
// does not apply to the current network or data is hidden, e.g. the feature cube for 2-D data).
import { createExplanationView } from './explanation.js';
import { createGraphView } from './graph.js';
import { createNetworkView } from './network.js';
import { createTableView } from './table.js';
import { createTransportView, createSettingsView } from './controls.js';
import { createHeatmapView, boundaryGridSpec, channelColoring, drawThumbnailAt } from './heatmap.js';
import { createCubeView } from './cube.js';
import { createLossChartView } from './loss-chart.js';
import { createBoundaryControls } from './boundary-controls.js';
import { createExportPanel } from './export-panel.js';

const hasHiddenLayers = (frame) => frame.shape.layers.length > 1;
const isPlane = (frame) => frame.data.featureNames.length === 2;

/**
 * Draws each neuron's decision boundary at its slot on the network view's thumbnail atlas (one canvas
 * for every neuron). The plane is sampled once per pixel a slot shows (at most 50 × 50, the same grid
 * for every neuron: frame.grid memoises it, so it is computed once a frame): a thumbnail does not need
 * the heat map's 100 × 100 grid, which costs eight times as much to evaluate, and is evaluated only
 * when the heat map itself is drawn. Only 2-D data have a plane to draw.
 */
export function drawNeuronThumbnails(atlas, frame, slots) {
  const hidden = !isPlane(frame);
  if (atlas.hidden !== hidden) atlas.hidden = hidden;
  if (hidden) return;
  const scale = Number(atlas.dataset.scale) || 1;
  for (const { channel, x, y, size } of slots) {
    const side = Math.min(50, Math.max(8, Math.round(size * scale)));
    const spec = boundaryGridSpec(frame.data, side);
    drawThumbnailAt(atlas, Math.round(x * scale), Math.round(y * scale), frame.grid(spec), channel * side * side, side,
      channelColoring(frame.shape, channel));
  }
}

/**
 * name → { title: heading of its panel (null: the view titles itself), create(container, options),
 *          appliesTo?(frame, shown): boolean } where `shown` lists the views of the same figure.
 * The graph and the network stand in for each other: with both in a figure, a perceptron shows its
 * computational graph and a network with hidden layers its neuron graph (whose neurons expand).
 */
export const VIEWS = {
  explanation: { title: null, create: createExplanationView },
  graph: {
    title: 'Inside the network',
    create: createGraphView,
    appliesTo: (frame, shown) => !hasHiddenLayers(frame) || !shown.includes('network'),
  },
  network: {
    title: 'The network',
    create: (container, options) => createNetworkView(container, { drawThumbnails: drawNeuronThumbnails, ...options }),
    appliesTo: (frame, shown) => hasHiddenLayers(frame) || !shown.includes('graph'),
  },
  table: { title: 'The data', create: createTableView },
  boundary: { title: null, create: createHeatmapView, appliesTo: isPlane },
  cube: { title: null, create: createCubeView, appliesTo: (frame) => frame.data.featureNames.length >= 3 },
  loss: { title: null, create: createLossChartView },
  transport: { title: null, create: createTransportView },
  settings: { title: 'Settings', create: createSettingsView },
  export: { title: 'Export and share', create: createExportPanel },
  playground: { title: null, create: createBoundaryControls, appliesTo: (frame) => frame.settings.data.startsWith('planar-') },
};

/** Why a view chosen in the settings is not drawn for this frame's network and data. */
const NOT_SHOWN = {
  graph: 'This network has hidden layers: the network view shows it.',
  network: 'This network has no hidden layers: the computational graph shows it.',
  boundary: 'Needs data with two features, a plane.',
  cube: 'Needs data with three features.',
};

/** Why `name` (chosen among `shown`) is not drawn for `frame`, or null when it is. */
export function whyViewNotShown(name, frame, shown) {
  const entry = VIEWS[name];
  return !entry?.appliesTo || entry.appliesTo(frame, shown) ? null : NOT_SHOWN[name] ?? 'Does not apply to this data.';
}

export {
  createExplanationView, createGraphView, createNetworkView, createTableView, createTransportView,
  createSettingsView, createHeatmapView, createCubeView, createLossChartView, createBoundaryControls, createExportPanel,
};
