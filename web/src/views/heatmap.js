// The decision boundary over a 2-D input plane: what the network (or one of its neurons) outputs at
// every point of the plane, as a heat map drawn on canvas, with the 0.5 contour, the data points and a
// legend drawn in SVG on top. The reader clicks the plane to add a point of the chosen class and
// shift-clicks to remove the nearest one; arrow keys and Enter do the same from the keyboard.
//
//   const view = createHeatmapView(container, { resolution: 100 });
//   view.update(frame); … view.destroy();
//
// Also exported, for the network view's per-neuron thumbnails and for the cube:
//   boundaryGridSpec(data)       the grid every view asks for, so frame.grid computes it once a frame
//   channelColoring(shape, k)    how to colour channel k (an input or a neuron) of that grid
//   drawThumbnail(canvas, values, offset, rows, columns, coloring)
//
// Cost per frame: one putImageData of 100×100 pixels through a 256-entry colour table, one contour at a
// single threshold, and attribute updates on the points only when the data change.
import * as d3 from 'd3';
import { CLASS_PALETTE, colorScheme, palette } from './colors.js';

const VIEW_SIZE = 300;           // the SVG's user units: the plot is VIEW_SIZE × VIEW_SIZE
const LUT_SIZE = 256;
const POINT_AREA = 38;           // d3.symbol area of a data point, in user units²
const REGRESSION_BANDS = 8;      // the discretised regression map shows this many bands
const LOGIT_CLAMP = 1e-6;        // probabilities are clamped to [ε, 1 − ε] before taking logits

// ---------------------------------------------------------------------------------------------
// Colour tables

/**
 * A colour lookup table: `size` colours sampled from `interpolator` over [0, 1], as packed RGBA
 * words (Uint32Array, the platform's byte order, as ImageData's buffer uses it).
 */
export function buildColorTable(interpolator, size = LUT_SIZE) {
  const bytes = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i += 1) {
    const color = d3.rgb(interpolator(size === 1 ? 0 : i / (size - 1)));
    bytes[i * 4] = color.r;
    bytes[i * 4 + 1] = color.g;
    bytes[i * 4 + 2] = color.b;
    bytes[i * 4 + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
}

/** The same table cut into `levels` flat bands (levels = 2: below 0.5 → first colour, else last). */
export function discretizeColorTable(table, levels) {
  const size = table.length;
  const banded = new Uint32Array(size);
  for (let i = 0; i < size; i += 1) {
    const band = Math.min(levels - 1, Math.floor((i / size) * levels));
    banded[i] = table[Math.round((band / (levels - 1)) * (size - 1))];
  }
  return banded;
}

// The heat map's background field uses the class colours softened toward the neutral middle, so
// the data points (full colour) stand out against it.
const FIELD_STRENGTH = 0.66;

function fieldInterpolator(scheme) {
  const colors = palette(scheme);
  const low = d3.interpolateLab(colors.neutral, colors.negative)(FIELD_STRENGTH);
  const high = d3.interpolateLab(colors.neutral, colors.positive)(FIELD_STRENGTH);
  return d3.interpolateRgbBasis([low, colors.neutral, high]);
}

/** Colour tables for one colour scheme, built once and reused by every view. */
const tablesByScheme = new Map();
export function colorTables(scheme = colorScheme()) {
  let tables = tablesByScheme.get(scheme);
  if (!tables) {
    const colors = palette(scheme);
    const diverging = buildColorTable(fieldInterpolator(scheme));
    const classTables = CLASS_PALETTE.map((color) =>
      buildColorTable(d3.interpolateLab(colors.neutral, d3.interpolateLab(colors.neutral, color)(0.85))));
    const sequential = buildColorTable(scheme === 'dark' ? d3.interpolateViridis : (t) => d3.interpolateViridis(0.08 + 0.92 * t));
    tables = {
      scheme,
      diverging,
      divergingDiscrete: discretizeColorTable(diverging, 2),
      classes: classTables,
      classesDiscrete: classTables.map((table) => table.map(() => table[table.length - 1])),
      sequential,
      sequentialDiscrete: discretizeColorTable(sequential, REGRESSION_BANDS),
    };
    tablesByScheme.set(scheme, tables);
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// The grid and its channels

const specCache = new WeakMap();

/**
 * The grid the heat map, the network's thumbnails and anything else drawing the plane ask for:
 * the data's first two raw features over its domain, the others fixed at their mean. The same object
 * for the same data, so frame.grid's memo (by identity or by value) computes it once a frame.
 */
export function boundaryGridSpec(data, resolution = 100) {
  let byResolution = specCache.get(data);
  if (!byResolution) specCache.set(data, (byResolution = new Map()));
  let spec = byResolution.get(resolution);
  if (!spec) {
    const [low, high] = data.domain ?? [-6, 6];
    spec = {
      xFeature: 0,
      yFeature: 1,
      xMin: low,
      xMax: high,
      yMin: low,
      yMax: high,
      columns: resolution,
      rows: resolution,
      fixed: featureMeans(data),
    };
    byResolution.set(resolution, spec);
  }
  return spec;
}

/** The mean of every raw feature over all rows (0 when there are none). */
export function featureMeans(data) {
  const count = data.featureNames.length;
  const rows = count > 0 ? data.features.length / count : 0;
  const means = new Array(count).fill(0);
  for (let r = 0; r < rows; r += 1) {
    for (let f = 0; f < count; f += 1) means[f] += data.features[r * count + f];
  }
  return means.map((sum) => (rows > 0 ? sum / rows : 0));
}

/** The layer (index and object) that neuron k belongs to, or null. */
export function layerOfNeuron(shape, neuron) {
  const index = shape.layers.findIndex((layer) => neuron >= layer.neuronOffset && neuron < layer.neuronOffset + layer.neurons);
  return index < 0 ? null : { index, layer: shape.layers[index] };
}

/**
 * How to colour one channel of the grid: { low, high } map to the ends of the diverging table, and
 * `threshold` is where its boundary line runs (on the value after `transform`).
 * Channels 0 … inputs−1 are the input features, then every neuron (see bindings/README.md).
 */
export function channelColoring(shape, channel) {
  if (channel < shape.inputs) return { low: -1, high: 1, adaptive: true, threshold: 0, transform: 'none' };
  const found = layerOfNeuron(shape, channel - shape.inputs);
  const activation = found?.layer.softmax ? 'softmax' : found?.layer.activation;
  switch (activation) {
    case 'sigmoid':
    case 'softmax':
      return { low: 0, high: 1, threshold: 0, transform: 'logit' };
    case 'tanh':
      return { low: -1, high: 1, threshold: 0, transform: 'atanh' };
    case 'relu':
      return { low: -1, high: 1, adaptive: true, threshold: 1e-6, transform: 'none' };
    default: // linear
      return { low: -1, high: 1, adaptive: true, threshold: 0, transform: 'none' };
  }
}

// For channels whose range is not fixed (inputs, relu, linear): symmetric around 0, from the data.
function adaptiveRange(values, offset, count) {
  let magnitude = 0;
  for (let i = offset; i < offset + count; i += 1) {
    const value = Math.abs(values[i]);
    if (value > magnitude && Number.isFinite(value)) magnitude = value;
  }
  return magnitude > 0 ? [-magnitude, magnitude] : [-1, 1];
}

// ---------------------------------------------------------------------------------------------
// Painting

/**
 * Colours `count` values through a table: values[offset + i] in [low, high] → table entry, written
 * as pixel i of `pixels` (a Uint32Array over an ImageData's buffer).
 */
export function paintValues(pixels, values, offset, count, table, low, high) {
  const last = table.length - 1;
  const scale = table.length / (high - low);
  for (let i = 0; i < count; i += 1) {
    let index = ((values[offset + i] - low) * scale) | 0; // NaN becomes 0
    if (index < 0) index = 0;
    else if (index > last) index = last;
    pixels[i] = table[index];
  }
}

/** paintValues for every `stride`-th sample of a rows × columns image (the middle one of each block). */
export function paintEvery(stride, pixels, values, offset, rows, columns, table, low, high) {
  const width = Math.ceil(columns / stride);
  const height = Math.ceil(rows / stride);
  const half = stride >> 1;
  const last = table.length - 1;
  const scale = table.length / (high - low);
  for (let r = 0; r < height; r += 1) {
    const rowStart = offset + Math.min(rows - 1, r * stride + half) * columns;
    for (let c = 0; c < width; c += 1) {
      let index = ((values[rowStart + Math.min(columns - 1, c * stride + half)] - low) * scale) | 0;
      if (index < 0) index = 0;
      else if (index > last) index = last;
      pixels[r * width + c] = table[index];
    }
  }
}

/** Multi-class: each pixel takes the colour of its most likely class, shaded by how likely. */
function paintClasses(pixels, values, firstChannel, classCount, count, tables) {
  const size = tables[0].length;
  const last = size - 1;
  const chance = 1 / classCount;
  const scale = size / (1 - chance);
  for (let i = 0; i < count; i += 1) {
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < classCount; k += 1) {
      const value = values[(firstChannel + k) * count + i];
      if (value > bestValue) { bestValue = value; best = k; }
    }
    let index = ((bestValue - chance) * scale) | 0;
    if (!(index >= 0)) index = 0;
    else if (index > last) index = last;
    pixels[i] = tables[best % tables.length][index];
  }
}

const thumbnailImages = new WeakMap(); // canvas → { imageData, pixels }

function imageFor(canvas, context, columns, rows) {
  let cached = thumbnailImages.get(canvas);
  if (!cached || cached.imageData.width !== columns || cached.imageData.height !== rows) {
    if (canvas.width !== columns) canvas.width = columns;
    if (canvas.height !== rows) canvas.height = rows;
    const imageData = context.createImageData(columns, rows);
    cached = { imageData, pixels: new Uint32Array(imageData.data.buffer) };
    thumbnailImages.set(canvas, cached);
  }
  return cached;
}

/**
 * Draws one channel of a grid (e.g. a neuron's output) into a small canvas, reusing the canvas's
 * ImageData between calls. `coloring` is channelColoring(shape, channel) or { low, high }.
 * Options: `table`, the colour table (default: the page's diverging one, orange → neutral → blue);
 * `maxSide`, the most pixels along a side (default 50): a 100 × 100 grid is drawn from every second
 * sample, which is all a thumbnail shows and a quarter of the pixels to copy.
 *
 *   drawThumbnail(canvas, frame.grid(spec), (shape.inputs + k) * rows * columns, rows, columns,
 *                 channelColoring(shape, shape.inputs + k));
 */
export function drawThumbnail(canvas, values, offset, rows, columns, coloring = {}, options = {}) {
  const { table = colorTables().diverging, maxSide = 50 } = options;
  const stride = Math.max(1, Math.ceil(Math.max(rows, columns) / maxSide));
  const width = Math.ceil(columns / stride);
  const height = Math.ceil(rows / stride);
  const context = canvas.getContext('2d');
  const { imageData, pixels } = imageFor(canvas, context, width, height);
  let { low = -1, high = 1 } = coloring;
  if (coloring.adaptive) [low, high] = adaptiveRange(values, offset, rows * columns);
  if (stride === 1) paintValues(pixels, values, offset, rows * columns, table, low, high);
  else paintEvery(stride, pixels, values, offset, rows, columns, table, low, high);
  context.putImageData(imageData, 0, 0);
}

// ---------------------------------------------------------------------------------------------
// The boundary line

const TRANSFORMS = {
  none: (value) => value,
  logit: (value) => {
    const p = value < LOGIT_CLAMP ? LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
    return Math.log(p / (1 - p));
  },
  atanh: (value) => {
    const t = value < -1 + LOGIT_CLAMP ? -1 + LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
    return Math.atanh(t);
  },
};

/**
 * The lines where a channel crosses `threshold`, in grid units (x from 0 to columns, y from 0 to rows
 * downward), as polylines. The values go through `transform` first (logit for a sigmoid: its 0.5 line
 * is then the 0 line of a function that is linear for a perceptron, so the line comes out exactly
 * straight), and the grid is padded by one cell of linear extrapolation so lines run to the edge
 * instead of bending along it; the caller clips to [0, columns] × [0, rows].
 */
export function boundaryLines(values, offset, rows, columns, threshold, transform = 'none') {
  const apply = TRANSFORMS[transform] ?? TRANSFORMS.none;
  const paddedColumns = columns + 2;
  const paddedRows = rows + 2;
  const field = new Float64Array(paddedColumns * paddedRows);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      field[(r + 1) * paddedColumns + c + 1] = apply(values[offset + r * columns + c]);
    }
  }
  const at = (r, c) => field[r * paddedColumns + c];
  for (let r = 1; r <= rows; r += 1) {
    field[r * paddedColumns] = columns > 1 ? 2 * at(r, 1) - at(r, 2) : at(r, 1);
    field[r * paddedColumns + columns + 1] = columns > 1 ? 2 * at(r, columns) - at(r, columns - 1) : at(r, columns);
  }
  for (let c = 0; c < paddedColumns; c += 1) {
    field[c] = rows > 1 ? 2 * at(1, c) - at(2, c) : at(1, c);
    field[(rows + 1) * paddedColumns + c] = rows > 1 ? 2 * at(rows, c) - at(rows - 1, c) : at(rows, c);
  }
  const [contour] = d3.contours().size([paddedColumns, paddedRows]).thresholds([threshold])(field);
  // Keep the rings' pieces that lie inside the padded border; d3 closes rings along the outer edge.
  const onOuterEdge = ([x, y]) => x <= 0 || y <= 0 || x >= paddedColumns || y >= paddedRows;
  const lines = [];
  for (const polygon of contour.coordinates) {
    for (const ring of polygon) {
      let line = [];
      for (const point of ring) {
        if (onOuterEdge(point)) {
          if (line.length > 1) lines.push(line);
          line = [];
        } else {
          line.push([point[0] - 1, point[1] - 1]);
        }
      }
      if (line.length > 1) {
        // A ring that never touched the edge comes back to its start: close it.
        if (lines.length > 0 && ring.every((point) => !onOuterEdge(point))) line.push(line[0]);
        lines.push(line);
      }
    }
  }
  return lines;
}

function linesToPath(lines, scale) {
  let path = '';
  for (const line of lines) {
    path += `M${(line[0][0] * scale).toFixed(2)},${(line[0][1] * scale).toFixed(2)}`;
    for (let i = 1; i < line.length; i += 1) {
      path += `L${(line[i][0] * scale).toFixed(2)},${(line[i][1] * scale).toFixed(2)}`;
    }
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// The view

let viewCount = 0;

const describeNumber = d3.format('.3~g');

/** Sets an element's text only when it changes (no DOM work on frames that keep it). */
function setText(selection, text) {
  if (selection.text() !== text) selection.text(text);
}

/**
 * @param {HTMLElement} container
 * @param {{ resolution?: number, interactive?: boolean }} options resolution: grid side (≥ 100 by default);
 *   interactive: false hides the add/remove tools (e.g. in an embedded figure)
 */
export function createHeatmapView(container, options = {}) {
  const resolution = options.resolution ?? 100;
  const interactive = options.interactive ?? true;
  const id = `boundary-heatmap-${(viewCount += 1)}`;

  const root = d3.select(container).append('figure').attr('class', 'boundary-heatmap');
  const caption = root.append('figcaption').attr('class', 'boundary-heatmap__caption');
  const title = caption.append('span').attr('class', 'boundary-heatmap__title').text('Decision boundary');
  const detail = caption.append('span').attr('class', 'boundary-heatmap__detail');

  const toolbar = root.append('div').attr('class', 'boundary-heatmap__toolbar');
  const discretizeLabel = toolbar.append('label').attr('class', 'boundary-toggle');
  const discretizeInput = discretizeLabel.append('input').attr('type', 'checkbox').attr('name', `${id}-discretize`);
  discretizeLabel.append('span').text('Discretize output');

  const classPicker = toolbar.append('fieldset').attr('class', 'boundary-heatmap__classes');
  classPicker.append('legend').text('Click adds');
  const regressionLabel = toolbar.append('label').attr('class', 'boundary-heatmap__value').attr('hidden', true);
  regressionLabel.append('span').text('Click adds value');
  const regressionInput = regressionLabel.append('input').attr('type', 'number').attr('step', 'any').attr('value', 0);

  const frameBox = root.append('div').attr('class', 'boundary-heatmap__frame');
  const plot = frameBox.append('div').attr('class', 'boundary-heatmap__plot');
  const canvas = plot.append('canvas').attr('class', 'boundary-heatmap__canvas')
    .attr('width', resolution).attr('height', resolution).attr('aria-hidden', 'true');
  const svg = plot.append('svg')
    .attr('class', 'boundary-heatmap__overlay')
    .attr('viewBox', `0 0 ${VIEW_SIZE} ${VIEW_SIZE}`)
    .attr('tabindex', interactive ? 0 : null)
    .attr('role', interactive ? 'application' : 'img')
    .attr('aria-roledescription', 'decision boundary')
    .attr('aria-keyshortcuts', interactive ? 'ArrowUp ArrowDown ArrowLeft ArrowRight Enter Delete' : null);
  const svgTitle = svg.append('title');
  svg.append('clipPath').attr('id', `${id}-clip`)
    .append('rect').attr('width', VIEW_SIZE).attr('height', VIEW_SIZE);
  const xAxisGroup = svg.append('g').attr('class', 'boundary-axis boundary-axis--x').attr('transform', `translate(0,${VIEW_SIZE})`);
  const yAxisGroup = svg.append('g').attr('class', 'boundary-axis boundary-axis--y');
  const contourGroup = svg.append('g').attr('class', 'boundary-contour').attr('clip-path', `url(#${id}-clip)`);
  const contourHalo = contourGroup.append('path').attr('class', 'boundary-contour__halo');
  const contourLine = contourGroup.append('path').attr('class', 'boundary-contour__line');
  const pointsGroup = svg.append('g').attr('class', 'boundary-points');
  const cursor = svg.append('g').attr('class', 'boundary-cursor').attr('hidden', true);
  cursor.append('circle').attr('r', 7);
  cursor.append('path').attr('d', 'M-11,0H-4M4,0H11M0,-11V-4M0,4V11');

  const legend = root.append('svg').attr('class', 'boundary-legend').attr('viewBox', '0 0 300 28')
    .attr('role', 'img');
  const legendTitle = legend.append('title');
  const gradientId = `${id}-gradient`;
  const gradient = legend.append('defs').append('linearGradient').attr('id', gradientId);
  const legendBar = legend.append('g').attr('class', 'boundary-legend__bar');
  const legendKeys = root.append('ul').attr('class', 'boundary-legend__keys');

  const hint = root.append('p').attr('class', 'boundary-heatmap__hint');
  const context = canvas.node().getContext('2d');
  const imageData = context.createImageData(resolution, resolution);
  const pixels = new Uint32Array(imageData.data.buffer);

  const xScale = d3.scaleLinear().range([0, VIEW_SIZE]);
  const yScale = d3.scaleLinear().range([VIEW_SIZE, 0]);

  let frame = null;
  let localDiscretize = false;
  let chosenClass = 1;
  let cursorPoint = null;   // [x, y] in data units while the keyboard cursor is shown
  let drawn = { snapshot: null, channel: null, discretize: null, scheme: null, data: null };
  let drawnLegendKey = null;

  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const onSchemeChange = () => { drawn = { ...drawn, scheme: null, data: null }; if (frame) draw(); };
  media?.addEventListener?.('change', onSchemeChange);

  function discretize() {
    return typeof frame?.settings?.discretize === 'boolean' ? frame.settings.discretize : localDiscretize;
  }

  discretizeInput.on('change', () => {
    const value = discretizeInput.property('checked');
    if (typeof frame?.settings?.discretize === 'boolean' && frame.actions?.setSettings) {
      frame.actions.setSettings({ discretize: value });
    } else {
      localDiscretize = value;
      if (frame) draw();
    }
  });

  // Points can be added where the plane is the data's whole input space: two raw features.
  function canEdit() {
    return interactive && typeof frame?.actions?.addPoint === 'function' && frame.data?.featureNames.length === 2;
  }

  // The row nearest to (x, y) in data units, or −1.
  function nearestRow(x, y) {
    const { features, featureNames } = frame.data;
    const width = featureNames.length;
    let best = -1;
    let bestDistance = Infinity;
    for (let r = 0; r * width < features.length; r += 1) {
      const dx = features[r * width] - x;
      const dy = features[r * width + 1] - y;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) { bestDistance = distance; best = r; }
    }
    return best;
  }

  function addAt(x, y) {
    const label = frame.data.task === 'regression' ? Number(regressionInput.property('value')) || 0 : chosenClass;
    frame.actions.addPoint(x, y, label);
  }

  function removeNear(x, y) {
    const row = nearestRow(x, y);
    if (row >= 0 && typeof frame.actions.removePoint === 'function') frame.actions.removePoint(row);
  }

  svg.on('click', (event) => {
    if (!canEdit()) return;
    const [px, py] = d3.pointer(event, svg.node());
    if (px < 0 || py < 0 || px > VIEW_SIZE || py > VIEW_SIZE) return;
    const x = xScale.invert(px);
    const y = yScale.invert(py);
    if (event.shiftKey) removeNear(x, y);
    else addAt(x, y);
  });

  svg.on('keydown', (event) => {
    if (!canEdit() || !frame.data) return;
    const [low, high] = frame.data.domain;
    const step = (high - low) / (event.shiftKey ? 10 : 40);
    cursorPoint ??= [(low + high) / 2, (low + high) / 2];
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      cursorPoint = [
        Math.min(high, Math.max(low, cursorPoint[0] + moves[event.key][0])),
        Math.min(high, Math.max(low, cursorPoint[1] + moves[event.key][1])),
      ];
    } else if (event.key === 'Enter' || event.key === ' ') {
      addAt(...cursorPoint);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      removeNear(...cursorPoint);
    } else {
      return;
    }
    event.preventDefault();
    drawCursor();
  });
  svg.on('focus', () => {
    if (!canEdit()) return;
    const middle = d3.mean(frame.data.domain);
    cursorPoint ??= [middle, middle];
    drawCursor();
  });
  svg.on('blur', () => cursor.attr('hidden', true));

  function drawCursor() {
    if (!cursorPoint || document.activeElement !== svg.node()) { cursor.attr('hidden', true); return; }
    cursor.attr('hidden', null).attr('transform', `translate(${xScale(cursorPoint[0])},${yScale(cursorPoint[1])})`);
    svgTitle.text(`Cursor at x ${describeNumber(cursorPoint[0])}, y ${describeNumber(cursorPoint[1])}. ` +
      'Enter adds a point, Delete removes the nearest.');
  }

  // What the large view shows: the output, or the neuron the reader points at.
  function shownChannel() {
    const { shape } = frame;
    const focused = frame.focus?.neuron;
    const channels = shape.inputs + shape.neuronCount;
    if (Number.isInteger(focused) && focused >= 0 && shape.inputs + focused < channels) {
      const isOutput = focused >= shape.neuronCount - shape.outputs;
      if (!isOutput) return { kind: 'neuron', channel: shape.inputs + focused, neuron: focused };
    }
    return { kind: 'output', channel: channels - shape.outputs };
  }

  function drawPoints(tables, scheme) {
    const { data } = frame;
    if (drawn.data === data && drawn.scheme === scheme) return;
    const width = data.featureNames.length;
    const rows = data.targets.length;
    const colors = palette(scheme);
    let colorOf;
    if (data.task === 'regression') {
      const [low, high] = d3.extent(data.targets);
      const scale = d3.scaleSequential((t) => d3.interpolateViridis(t)).domain([low, high === low ? low + 1 : high]);
      colorOf = (row) => scale(data.targets[row]);
    } else if (data.task === 'multiclass') {
      colorOf = (row) => CLASS_PALETTE[data.targets[row] % CLASS_PALETTE.length];
    } else {
      colorOf = (row) => (data.targets[row] >= 0.5 ? colors.positive : colors.negative);
    }
    const pointsData = d3.range(rows).map((row) => ({
      row,
      x: data.features[row * width],
      y: data.features[row * width + 1],
      test: data.isTest[row] === 1,
    }));
    const circle = d3.symbol(d3.symbolCircle, POINT_AREA)();
    const diamond = d3.symbol(d3.symbolDiamond, POINT_AREA * 1.1)();
    pointsGroup.selectAll('path.boundary-point')
      .data(pointsData, (d) => d.row)
      .join('path')
      .attr('class', (d) => `boundary-point ${d.test ? 'boundary-point--test' : 'boundary-point--train'}`)
      .attr('d', (d) => (d.test ? diamond : circle))
      .attr('transform', (d) => `translate(${xScale(d.x).toFixed(2)},${yScale(d.y).toFixed(2)})`)
      .attr('fill', (d) => colorOf(d.row))
      .attr('data-row', (d) => d.row);
    drawn.data = data;
  }

  function drawAxes() {
    const { data } = frame;
    const [low, high] = data.domain;
    xScale.domain([low, high]);
    yScale.domain([low, high]);
    const names = data.featureNames;
    xAxisGroup.call(d3.axisBottom(xScale).ticks(5).tickSizeOuter(0));
    yAxisGroup.call(d3.axisLeft(yScale).ticks(5).tickSizeOuter(0));
    xAxisGroup.selectAll('text.boundary-axis__name').data([names[0]]).join('text')
      .attr('class', 'boundary-axis__name').attr('x', VIEW_SIZE).attr('y', 28).text((d) => d);
    yAxisGroup.selectAll('text.boundary-axis__name').data([names[1]]).join('text')
      .attr('class', 'boundary-axis__name').attr('transform', 'rotate(-90)').attr('x', 0).attr('y', -26).text((d) => d);
  }

  function drawClassPicker(scheme) {
    const { data } = frame;
    const isRegression = data.task === 'regression';
    classPicker.attr('hidden', canEdit() && !isRegression ? null : true);
    regressionLabel.attr('hidden', canEdit() && isRegression ? null : true);
    if (isRegression) return;
    const classCount = data.task === 'multiclass' ? data.classNames.length : 2;
    if (chosenClass >= classCount) chosenClass = classCount - 1;
    const colors = palette(scheme);
    const color = (k) => (classCount <= 2 ? (k === 1 ? colors.positive : colors.negative) : CLASS_PALETTE[k % CLASS_PALETTE.length]);
    const classes = d3.range(classCount).map((k) => ({ k, name: data.classNames?.[k] || `class ${k}` }));
    const choice = classPicker.selectAll('label.boundary-heatmap__class')
      .data(classes, (d) => d.k)
      .join((enter) => {
        const label = enter.append('label').attr('class', 'boundary-heatmap__class');
        label.append('input').attr('type', 'radio').attr('name', `${id}-class`)
          .on('change', (event, d) => { chosenClass = d.k; });
        label.append('svg').attr('class', 'boundary-swatch').attr('viewBox', '0 0 10 10').attr('aria-hidden', 'true')
          .append('circle').attr('cx', 5).attr('cy', 5).attr('r', 4.5);
        label.append('span');
        return label;
      });
    choice.select('input').attr('value', (d) => d.k).property('checked', (d) => d.k === chosenClass);
    choice.select('circle').attr('fill', (d) => color(d.k));
    choice.select('span').text((d) => d.name);
  }

  function drawLegend(shown, coloring, tables, scheme) {
    const { data } = frame;
    const colors = palette(scheme);
    let stops;
    let ends;
    let description;
    if (shown.kind === 'neuron') {
      const table = tables.diverging;
      stops = [0, 0.5, 1].map((t) => table[Math.round(t * (table.length - 1))]);
      ends = [describeNumber(coloring.low), describeNumber(coloring.high)];
      description = `Neuron output from ${ends[0]} (orange) to ${ends[1]} (blue)`;
    } else if (data.task === 'regression') {
      const [low, high] = d3.extent(data.targets);
      stops = d3.range(0, 1.0001, 0.125).map((t) => tables.sequential[Math.round(t * (LUT_SIZE - 1))]);
      ends = [describeNumber(low), describeNumber(high)];
      description = `Predicted value from ${ends[0]} to ${ends[1]}`;
    } else if (data.task === 'multiclass') {
      stops = null;
      description = `Most likely class, shaded by confidence: ${data.classNames.join(', ')}`;
    } else {
      const table = tables.diverging;
      stops = [0, 0.5, 1].map((t) => table[Math.round(t * (table.length - 1))]);
      const names = data.classNames?.length === 2 ? data.classNames : ['0', '1'];
      ends = [names[0], names[1]];
      description = `Predicted probability of ${names[1]}: 0 (${names[0]}, orange) to 1 (${names[1]}, blue); ` +
        'the line marks 0.5';
    }
    legendTitle.text(description);
    const toCss = (word) => {
      const bytes = new Uint8Array(new Uint32Array([word]).buffer);
      return `rgb(${bytes[0]},${bytes[1]},${bytes[2]})`;
    };
    legend.attr('hidden', stops ? null : true);
    if (stops) {
      gradient.selectAll('stop').data(stops).join('stop')
        .attr('offset', (d, i) => `${(i / (stops.length - 1)) * 100}%`)
        .attr('stop-color', (d) => toCss(d));
      legendBar.selectAll('rect').data([0]).join('rect')
        .attr('x', 0).attr('y', 2).attr('width', 300).attr('height', 10).attr('rx', 2)
        .attr('fill', `url(#${gradientId})`);
      legendBar.selectAll('text').data(ends).join('text')
        .attr('class', 'boundary-legend__end')
        .attr('x', (d, i) => (i === 0 ? 0 : 300)).attr('y', 24)
        .attr('text-anchor', (d, i) => (i === 0 ? 'start' : 'end'))
        .text((d) => d);
    } else {
      legendBar.selectAll('rect').remove();
      legendBar.selectAll('text').remove();
    }
    // Keys (HTML, so long class names wrap): class swatches for several classes; the point shapes;
    // the boundary line where there is one.
    const keys = [];
    if (!stops) {
      data.classNames.forEach((name, k) => keys.push({ key: `class-${k}`, kind: 'class', color: CLASS_PALETTE[k % CLASS_PALETTE.length], label: name }));
    }
    keys.push({ key: 'train', kind: 'train', label: 'training' });
    keys.push({ key: 'test', kind: 'test', label: 'test' });
    if (shown.kind === 'neuron' || data.task === 'binary') {
      keys.push({ key: 'line', kind: 'line', label: shown.kind === 'neuron' ? 'neuron boundary' : 'boundary (0.5)' });
    }
    const circle = d3.symbol(d3.symbolCircle, 40)();
    const diamond = d3.symbol(d3.symbolDiamond, 40)();
    legendKeys.selectAll('li').data(keys, (d) => d.key)
      .join((enter) => {
        const item = enter.append('li').attr('class', (d) => `boundary-legend__key boundary-legend__key--${d.kind}`);
        item.append('svg').attr('viewBox', '-6 -6 12 12').attr('aria-hidden', 'true').append('path');
        item.append('span');
        return item;
      })
      .call((item) => item.select('path')
        .attr('d', (d) => (d.kind === 'line' ? 'M-5,0H5' : d.kind === 'test' ? diamond : circle))
        .attr('fill', (d) => (d.kind === 'line' ? 'none' : d.kind === 'class' ? d.color : colors.muted)))
      .call((item) => item.select('span').text((d) => d.label));
  }

  function draw() {
    const { shape, data, snapshot } = frame;
    if (!shape || !data || !snapshot || typeof frame.grid !== 'function') return;
    if (data.featureNames.length < 2) {
      root.attr('data-state', 'unavailable');
      setText(detail, ' — needs data with two features');
      return;
    }
    root.attr('data-state', 'ready');
    const scheme = colorScheme();
    const tables = colorTables(scheme);
    const shown = shownChannel();
    const isDiscrete = discretize();
    discretizeInput.property('checked', isDiscrete);

    if (drawn.data !== data) { drawAxes(); drawClassPicker(scheme); drawnLegendKey = null; }
    drawPoints(tables, scheme);

    const unchanged = drawn.snapshot === snapshot && drawn.channel === shown.channel &&
      drawn.discretize === isDiscrete && drawn.scheme === scheme;
    if (unchanged) return;
    drawn = { ...drawn, snapshot, channel: shown.channel, discretize: isDiscrete, scheme };

    const spec = boundaryGridSpec(data, resolution);
    const values = frame.grid(spec);
    const count = spec.rows * spec.columns;
    const offset = shown.channel * count;
    let coloring = channelColoring(shape, shown.channel);
    let lines = [];

    if (shown.kind === 'neuron') {
      const table = isDiscrete ? tables.divergingDiscrete : tables.diverging;
      if (coloring.adaptive) {
        const [low, high] = adaptiveRange(values, offset, count);
        coloring = { ...coloring, low, high };
      }
      paintValues(pixels, values, offset, count, table, coloring.low, coloring.high);
      lines = boundaryLines(values, offset, spec.rows, spec.columns, coloring.threshold, coloring.transform);
      const found = layerOfNeuron(shape, shown.neuron);
      setText(title, `Neuron ${shown.neuron - found.layer.neuronOffset + 1} of hidden layer ${found.index + 1}`);
      setText(detail, ` — ${found.layer.activation}, over the plane`);
    } else if (data.task === 'multiclass') {
      paintClasses(pixels, values, shown.channel, shape.outputs, count, isDiscrete ? tables.classesDiscrete : tables.classes);
      setText(title, 'Decision boundary');
      setText(detail, ' — most likely class');
    } else if (data.task === 'regression') {
      const [low, high] = d3.extent(data.targets);
      paintValues(pixels, values, offset, count, isDiscrete ? tables.sequentialDiscrete : tables.sequential, low, high === low ? low + 1 : high);
      setText(title, 'Prediction');
      setText(detail, ' — the predicted value over the plane');
    } else {
      paintValues(pixels, values, offset, count, isDiscrete ? tables.divergingDiscrete : tables.diverging, 0, 1);
      // A sigmoid's 0.5 line is its logit's 0 line (exactly straight for a perceptron).
      const sigmoidOutput = shape.layers.at(-1).activation === 'sigmoid';
      lines = boundaryLines(values, offset, spec.rows, spec.columns, sigmoidOutput ? 0 : 0.5, sigmoidOutput ? 'logit' : 'none');
      setText(title, 'Decision boundary');
      setText(detail, ' — predicted probability');
    }
    context.putImageData(imageData, 0, 0);

    const path = linesToPath(lines, VIEW_SIZE / spec.columns);
    contourHalo.attr('d', path || null);
    contourLine.attr('d', path || null);
    svg.attr('data-channel', shown.channel).attr('data-contour-lines', lines.length);
    root.attr('data-showing', shown.kind);
    // Words and legend change with what is shown, not with every step: touch the DOM only then.
    const legendKey = [shown.channel, coloring.low, coloring.high, data.task, scheme, isDiscrete, canEdit()].join();
    if (legendKey !== drawnLegendKey) {
      drawnLegendKey = legendKey;
      svg.attr('aria-label', `${title.text()}${detail.text()}. ` +
        (canEdit() ? 'Click to add a point of the chosen class; shift-click removes the nearest point. ' +
          'With the keyboard: arrow keys move a cursor, Enter adds a point, Delete removes the nearest.' : ''));
      hint.text(canEdit() ? 'Click the plane to add a point; shift-click removes the nearest one.' : '');
      drawLegend(shown, coloring, tables, scheme);
    }
  }

  return {
    update(nextFrame) {
      frame = nextFrame;
      draw();
      drawCursor();
    },
    destroy() {
      media?.removeEventListener?.('change', onSchemeChange);
      svg.on('click', null).on('keydown', null).on('focus', null).on('blur', null);
      root.remove();
      frame = null;
    },
  };
}
