// The decision boundary over a 2-D input plane: what the network (or one of its neurons) outputs at
// every point of the plane, as a heat map drawn on canvas, with the 0.5 boundary line on a canvas above
// it, the data points in SVG on top and a legend below. The reader clicks the plane to add a point of
// the chosen class and shift-clicks to remove the nearest one; arrow keys and Enter do the same from
// the keyboard.
//
//   const view = createHeatmapView(container, { resolution: 100 });
//   view.update(frame); … view.destroy();
//
// The parts that are not the view live beside it, and are exported from here too:
//   heatmap-colors.js   colour tables (colorTables, buildColorTable, discretizeColorTable)
//   heatmap-grid.js     boundaryGridSpec(data): the grid every view asks for, so frame.grid computes it
//                       once a frame; channelColoring(shape, k): how to colour channel k of that grid
//   heatmap-paint.js    paintValues, paintEvery, drawThumbnailAt(atlas, x, y, values, offset, side, coloring)
//   boundary-lines.js   boundaryLines: where a channel crosses its threshold
//   boundary-line-layer.js  the canvas that line is drawn on (it moves every playing frame)
//   heatmap-legend.js   the colour bar, class swatches and keys under the plot
//
// Cost per frame: one putImageData of 100×100 pixels through a 256-entry colour table, one contour at a
// single threshold, and attribute updates on the points only when the data change.
import * as d3 from 'd3';
import { CLASS_PALETTE, colorScheme, palette, watchColorScheme } from './colors.js';
import { colorTables } from './heatmap-colors.js';
import { adaptiveRange, boundaryGridSpec, channelColoring, layerOfNeuron } from './heatmap-grid.js';
import { paintClasses, paintValues } from './heatmap-paint.js';
import { boundaryLines, linesToPath } from './boundary-lines.js';
import { createBoundaryLineLayer } from './boundary-line-layer.js';
import { createHeatmapLegend, describeNumber } from './heatmap-legend.js';
import { setAttribute, setClass, setHidden } from './writes.js';

export { LUT_SIZE, buildColorTable, discretizeColorTable, colorTables } from './heatmap-colors.js';
export { boundaryGridSpec, featureMeans, layerOfNeuron, channelColoring } from './heatmap-grid.js';
export { paintValues, paintEvery, drawThumbnailAt } from './heatmap-paint.js';
export { boundaryLines } from './boundary-lines.js';

const VIEW_SIZE = 300;           // the SVG's user units: the plot is VIEW_SIZE × VIEW_SIZE
const POINT_AREA = 38;           // d3.symbol area of a data point, in user units²
const CONTOUR_TOLERANCE = 0.1;    // grid units the drawn boundary may stray from marching squares' points (0.3 user units)

/**
 * A d3 symbol's path drawn at (x, y) itself rather than moved there by a transform attribute: every SVG
 * element with a transform gets its own transform node in the browser's paint property trees, and
 * hundreds of points then make hundreds of paint chunks to sort out on every frame the page repaints.
 */
function symbolAt(type, size, x, y) {
  const path = d3.path();
  const round = (value) => Math.round(value * 100) / 100;
  type.draw({
    moveTo: (px, py) => path.moveTo(round(x + px), round(y + py)),
    lineTo: (px, py) => path.lineTo(round(x + px), round(y + py)),
    arc: (px, py, radius, start, end) => path.arc(round(x + px), round(y + py), radius, start, end),
    closePath: () => path.closePath(),
  }, size);
  return path.toString();
}

// ---------------------------------------------------------------------------------------------
// The view

let viewCount = 0;

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
  const boundaryLine = createBoundaryLineLayer(plot.node(), VIEW_SIZE); // between the heat map and the points
  const svg = plot.append('svg')
    .attr('class', 'boundary-heatmap__overlay')
    .attr('viewBox', `0 0 ${VIEW_SIZE} ${VIEW_SIZE}`)
    .attr('tabindex', interactive ? 0 : null)
    .attr('role', interactive ? 'application' : 'img')
    .attr('aria-roledescription', 'decision boundary')
    .attr('aria-keyshortcuts', interactive ? 'ArrowUp ArrowDown ArrowLeft ArrowRight Enter Delete' : null);
  const svgTitle = svg.append('title');
  // Over the plane (and its points) once training has diverged: there is no prediction to paint.
  const divergedNote = plot.append('p').attr('class', 'boundary-heatmap__diverged').property('hidden', true);
  divergedNote.append('span').text('No prediction: training diverged');
  const xAxisGroup = svg.append('g').attr('class', 'boundary-axis boundary-axis--x').attr('transform', `translate(0,${VIEW_SIZE})`);
  const yAxisGroup = svg.append('g').attr('class', 'boundary-axis boundary-axis--y');
  const pointsGroup = svg.append('g').attr('class', 'boundary-points');
  const cursor = svg.append('g').attr('class', 'boundary-cursor').attr('hidden', true);
  cursor.append('circle').attr('r', 7);
  cursor.append('path').attr('d', 'M-11,0H-4M4,0H11M0,-11V-4M0,4V11');

  const drawLegend = createHeatmapLegend(root, id);

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

  const stopWatchingScheme = watchColorScheme(() => { drawn = { ...drawn, scheme: null, data: null }; if (frame) draw(); });

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
    if (!cursorPoint || document.activeElement !== svg.node()) { setAttribute(cursor.node(), 'hidden', true); return; }
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
    pointsGroup.selectAll('path.boundary-point')
      .data(pointsData, (d) => d.row)
      .join('path')
      .attr('class', (d) => `boundary-point ${d.test ? 'boundary-point--test' : 'boundary-point--train'}`)
      .attr('d', (d) => symbolAt(d.test ? d3.symbolDiamond : d3.symbolCircle, d.test ? POINT_AREA * 1.1 : POINT_AREA, xScale(d.x), yScale(d.y)))
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

  function draw() {
    const { shape, data, snapshot } = frame;
    if (!shape || !data || !snapshot || typeof frame.grid !== 'function') return;
    if (data.featureNames.length < 2) {
      setAttribute(root.node(), 'data-state', 'unavailable');
      setText(detail, ' — needs data with two features');
      return;
    }
    setAttribute(root.node(), 'data-state', 'ready');
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

    // A diverged run's weights overflowed: its outputs over the plane are NaN or meaningless, so the
    // plane is left blank (the data points stay) and says why, rather than painted from garbage.
    setClass(root.node(), 'diverged', snapshot.diverged);
    setHidden(divergedNote.node(), !snapshot.diverged);
    if (snapshot.diverged) {
      context.clearRect(0, 0, resolution, resolution);
      boundaryLine.draw(null);
      setAttribute(svg.node(), 'data-contour-lines', 0);
      setText(detail, ' — none: training diverged');
      return;
    }

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

    boundaryLine.draw(linesToPath(lines, VIEW_SIZE / spec.columns, CONTOUR_TOLERANCE) || null);
    setAttribute(svg.node(), 'data-channel', shown.channel);
    setAttribute(svg.node(), 'data-contour-lines', lines.length);
    setAttribute(root.node(), 'data-showing', shown.kind);
    // Words and legend change with what is shown, not with every step: touch the DOM only then.
    const legendKey = [shown.channel, coloring.low, coloring.high, data.task, scheme, isDiscrete, canEdit()].join();
    if (legendKey !== drawnLegendKey) {
      drawnLegendKey = legendKey;
      svg.attr('aria-label', `${title.text()}${detail.text()}. ` +
        (canEdit() ? 'Click to add a point of the chosen class; shift-click removes the nearest point. ' +
          'With the keyboard: arrow keys move a cursor, Enter adds a point, Delete removes the nearest.' : ''));
      hint.text(canEdit() ? 'Click the plane to add a point; shift-click removes the nearest one.' : '');
      drawLegend({ data, shown, coloring, tables, scheme });
    }
  }

  return {
    update(nextFrame) {
      frame = nextFrame;
      draw();
      drawCursor();
    },
    destroy() {
      stopWatchingScheme();
      boundaryLine.destroy();
      svg.on('click', null).on('keydown', null).on('focus', null).on('blur', null);
      root.remove();
      frame = null;
    },
  };
}
