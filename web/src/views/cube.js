// The feature cube: three of the data's features as the axes of a cube (for the songs: modern, sad,
// piano), the rows at their positions coloured by class, and the network's decision boundary inside —
// for a network without hidden layers the flat plane where the prediction is 0.5, clipped to the cube;
// with hidden layers a stack of slices, each showing where the prediction is above 0.5. A sentence
// under the cube says whether the boundary puts every row on its side, and whether any flat plane could.
//
//   const view = createCubeView(container, { slices: 6 });
//   view.update(frame); … view.destroy();
//
// Drawn in SVG with a small projection of our own; drag or use the arrow keys to turn the cube.
// The geometry (clipping a plane to the cube, clipping polygons, the separability test, the
// projection) is cube-geometry.js's and the verdict's words cube-verdict.js's; both are exported from
// here too, as the tests import them.
import * as d3 from 'd3';
import { CLASS_PALETTE, colorScheme, palette } from './colors.js';
import { featureMeans } from './heatmap-grid.js';
import { boundaryLines } from './boundary-lines.js';
import {
  CUBE_CORNERS, CUBE_EDGES, CUBE_FACES, CUBE_SCALE, HEIGHT, WIDTH, clipPlaneToCube, clipPolygonToHalfSpace,
  correctRows, cubeProjection, dot, lerp, linearlySeparable, perceptronPlane,
} from './cube-geometry.js';
import { verdict } from './cube-verdict.js';

export {
  CUBE_CORNERS, CUBE_EDGES, CUBE_FACES, clipPlaneToCube, clipPolygonToHalfSpace, linearlySeparable, cubeProjection,
  perceptronPlane, correctRows,
} from './cube-geometry.js';
export { verdict } from './cube-verdict.js';

const SLICE_RESOLUTION = 24;        // grid side of each slice
const DEFAULT_YAW = -0.62;          // radians
const DEFAULT_PITCH = 0.42;
const KEY_STEP = Math.PI / 36;      // 5° per arrow key (15° with shift)
const MAX_SEPARABILITY_ROWS = 1000; // above this many rows the exact test is skipped

// ---------------------------------------------------------------------------------------------
// The view

let viewCount = 0;
const formatValue = d3.format('.3~g');

/**
 * @param {HTMLElement} container
 * @param {{ slices?: number }} options slices: how many slices show a curved boundary (default 6)
 */
export function createCubeView(container, options = {}) {
  const sliceCount = Math.max(2, options.slices ?? 6);
  const id = `cube-${(viewCount += 1)}`;
  const root = d3.select(container).append('figure').attr('class', 'cube-view');
  const caption = root.append('figcaption').attr('class', 'cube-view__caption');
  caption.append('span').attr('class', 'cube-view__title').text('Feature cube');
  const captionDetail = caption.append('span').attr('class', 'cube-view__detail');

  const pickers = root.append('div').attr('class', 'cube-view__axes').attr('hidden', true);
  const axisNames = ['Across', 'Up', 'Deep'];
  const axisSelects = axisNames.map((name, i) => {
    const label = pickers.append('label').attr('class', 'cube-view__axis');
    label.append('span').text(name);
    return label.append('select').attr('name', `${id}-axis-${i}`).on('change', (event) => chooseAxis(i, Number(event.target.value)));
  });

  const svg = root.append('svg')
    .attr('class', 'cube-view__plot')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-roledescription', 'rotatable 3-D plot')
    .attr('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Home');
  const svgTitle = svg.append('title');
  const wallsGroup = svg.append('g').attr('class', 'cube-walls');
  const backEdgesGroup = svg.append('g').attr('class', 'cube-edges cube-edges--back');
  const pointsBehindGroup = svg.append('g').attr('class', 'cube-points');
  const boundaryGroup = svg.append('g').attr('class', 'cube-boundary');
  const planePath = boundaryGroup.append('path').attr('class', 'cube-plane');
  const slicesGroup = boundaryGroup.append('g').attr('class', 'cube-slices');
  const pointsFrontGroup = svg.append('g').attr('class', 'cube-points');
  const frontEdgesGroup = svg.append('g').attr('class', 'cube-edges cube-edges--front');
  const axisLabelsGroup = svg.append('g').attr('class', 'cube-axis-labels');
  const tooltip = svg.append('g').attr('class', 'cube-tooltip').attr('hidden', true);
  const tooltipBox = tooltip.append('rect').attr('rx', 3);
  const tooltipText = tooltip.append('text');

  const legend = root.append('ul').attr('class', 'cube-view__legend');
  const message = root.append('p').attr('class', 'cube-view__message').attr('hidden', true);
  const verdictLine = root.append('p').attr('class', 'cube-view__verdict').attr('role', 'status').attr('aria-live', 'polite');
  const hint = root.append('p').attr('class', 'cube-view__hint')
    .text('Drag the cube, or focus it and use the arrow keys, to turn it.');

  let frame = null;
  let yaw = DEFAULT_YAW;
  let pitch = DEFAULT_PITCH;
  let axes = [0, 1, 2];
  let hovered = null;             // the row whose name shows
  let dataState = { data: null, means: null, linear: null };
  let model = null;               // what render() draws: computed in update(), reused while turning
  let drawnViewKey = null;        // the turn and axes the cube's frame was last drawn for

  // ---- input: drag and keys
  const drag = d3.drag()
    .on('start', () => svg.classed('is-dragging', true))
    .on('drag', (event) => turn(event.dx * 0.012, event.dy * 0.012))
    .on('end', () => svg.classed('is-dragging', false));
  svg.call(drag);
  svg.on('keydown', (event) => {
    const step = event.shiftKey ? 3 * KEY_STEP : KEY_STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key]) turn(...moves[event.key]);
    else if (event.key === 'Home') { yaw = DEFAULT_YAW; pitch = DEFAULT_PITCH; render(); }
    else return;
    event.preventDefault();
  });

  function turn(dYaw, dPitch) {
    yaw = ((yaw + dYaw + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
    pitch = Math.max(-1.45, Math.min(1.45, pitch + dPitch));
    render();
  }

  function chooseAxis(position, feature) {
    const previous = axes[position];
    const other = axes.indexOf(feature);
    axes = axes.slice();
    axes[position] = feature;
    if (other >= 0 && other !== position) axes[other] = previous; // keep the three distinct
    if (!frame) return;
    model = computeModel();
    drawPickers();
    showVerdict();
    render();
  }

  function drawPickers() {
    const names = frame.data.featureNames;
    pickers.attr('hidden', names.length > 3 ? null : true);
    axisSelects.forEach((select, position) => {
      select.selectAll('option').data(names.map((name, index) => ({ name, index })), (d) => d.index)
        .join('option').attr('value', (d) => d.index).text((d) => d.name);
      select.property('value', axes[position]);
    });
  }

  // ---- the model: rows, their classes, and the boundary in cube coordinates
  function computeModel() {
    const { data, shape, snapshot } = frame;
    const width = data.featureNames.length;
    const rows = data.targets.length;
    const [low, high] = data.domain;
    const toUnit = (value) => (high === low ? 0.5 : (value - low) / (high - low));
    const points = d3.range(rows).map((row) => ({
      row,
      name: data.rowNames?.[row] || `Row ${row + 1}`,
      unit: axes.map((feature) => toUnit(data.features[row * width + feature])),
      values: axes.map((feature) => data.features[row * width + feature]),
      target: data.targets[row],
      test: data.isTest[row] === 1,
    }));
    const outputs = shape.outputs;
    const correct = snapshot.rowOutputs ? correctRows(data, snapshot.rowOutputs, outputs) : new Uint8Array(rows);
    points.forEach((point) => { point.correct = correct[point.row] === 1; });

    const seesRawFeatures = shape.inputs === width; // no derived inputs (x², sin x, …)
    const plane = seesRawFeatures && data.task === 'binary'
      ? perceptronPlane(shape, snapshot.parameters, axes, dataState.means, data.domain)
      : null;
    const flat = seesRawFeatures && shape.layers.length === 1 && data.task === 'binary';
    const slices = !flat && data.task !== 'regression' ? computeSlices() : [];
    return { points, correct, plane, flat, slices, outputs };
  }

  // Slices across the third axis, each a grid of the output with its regions above 0.5.
  function computeSlices() {
    const { data, shape } = frame;
    const [low, high] = data.domain;
    const classCount = data.task === 'multiclass' ? shape.outputs : 1;
    const firstOutput = shape.inputs + shape.neuronCount - shape.outputs;
    const cells = SLICE_RESOLUTION * SLICE_RESOLUTION;
    const contour = d3.contours().size([SLICE_RESOLUTION, SLICE_RESOLUTION]);
    const field = new Float64Array(cells);
    const slices = [];
    for (let s = 0; s < sliceCount; s += 1) {
      const depth = s / (sliceCount - 1);
      const fixed = dataState.means.slice();
      fixed[axes[2]] = low + depth * (high - low);
      const values = frame.grid({
        xFeature: axes[0], yFeature: axes[1], xMin: low, xMax: high, yMin: low, yMax: high,
        columns: SLICE_RESOLUTION, rows: SLICE_RESOLUTION, fixed,
      });
      const regions = [];
      for (let k = 0; k < classCount; k += 1) {
        if (classCount === 1) {
          const offset = firstOutput * cells;
          for (let i = 0; i < cells; i += 1) field[i] = values[offset + i] - 0.5;
        } else {
          for (let i = 0; i < cells; i += 1) {
            let other = -Infinity;
            for (let j = 0; j < classCount; j += 1) {
              if (j !== k) other = Math.max(other, values[(firstOutput + j) * cells + i]);
            }
            field[i] = values[(firstOutput + k) * cells + i] - other;
          }
        }
        const [shapeAtZero] = contour.thresholds([0])(field);
        const toCube = ([gx, gy]) => [gx / SLICE_RESOLUTION, 1 - gy / SLICE_RESOLUTION, depth];
        const polygons = shapeAtZero.coordinates.map((polygon) => polygon.map((ring) => ring.map(toCube)));
        regions.push({ classIndex: classCount === 1 ? 1 : k, polygons });
      }
      // The boundary itself, as lines (the regions' outlines would also trace the slice's edges).
      const clamp = (value) => Math.max(0, Math.min(SLICE_RESOLUTION, value));
      const lines = classCount === 1
        ? boundaryLines(values, firstOutput * cells, SLICE_RESOLUTION, SLICE_RESOLUTION, 0.5)
          .map((line) => line.map(([gx, gy]) => [clamp(gx) / SLICE_RESOLUTION, 1 - clamp(gy) / SLICE_RESOLUTION, depth]))
        : [];
      slices.push({ index: s, depth, regions, lines });
    }
    return slices;
  }

  // ---- drawing
  function render() {
    if (!frame || !model) return;
    const scheme = colorScheme();
    const colors = palette(scheme);
    const project = cubeProjection(yaw, pitch);
    const toward = project.towardViewer;
    const toPath = (polygon) => `M${polygon.map((p) => project(p).slice(0, 2).map((v) => v.toFixed(1)).join(',')).join('L')}Z`;
    const classColor = (index) => (frame.data.task === 'multiclass'
      ? CLASS_PALETTE[index % CLASS_PALETTE.length]
      : index >= 0.5 ? colors.positive : colors.negative);
    svg.attr('data-yaw', yaw.toFixed(3)).attr('data-pitch', pitch.toFixed(3));

    // Faces turned away from the reader are the walls behind the data: for a plane, each wall is
    // shaded on either side of it by the class predicted there.
    const faces = CUBE_FACES.map((face, i) => ({ ...face, index: i, back: dot(face.normal, toward) < 0 }));
    const wallPieces = [];
    for (const face of faces.filter((f) => f.back)) {
      const polygon = face.corners.map((c) => CUBE_CORNERS[c]);
      if (model.plane) {
        const { normal, offset } = model.plane;
        const above = clipPolygonToHalfSpace(polygon, normal, offset, 1);
        const below = clipPolygonToHalfSpace(polygon, normal, offset, -1);
        if (above.length) wallPieces.push({ key: `${face.index}-above`, polygon: above, side: 'positive' });
        if (below.length) wallPieces.push({ key: `${face.index}-below`, polygon: below, side: 'negative' });
      } else {
        wallPieces.push({ key: `${face.index}-all`, polygon, side: 'none' });
      }
    }
    wallsGroup.selectAll('path').data(wallPieces, (d) => d.key).join('path')
      .attr('class', (d) => `cube-wall cube-wall--${d.side}`)
      .attr('d', (d) => toPath(d.polygon))
      .attr('fill', (d) => (d.side === 'positive' ? colors.positive : d.side === 'negative' ? colors.negative : colors.neutral));

    // The frame of the cube changes only when it turns or the axes change.
    const viewKey = `${yaw},${pitch},${axes},${frame.data.featureNames},${frame.data.domain}`;
    if (viewKey !== drawnViewKey) {
      drawnViewKey = viewKey;
      // Edges: dashed when both their faces turn away.
      const edges = CUBE_EDGES.map(([a, b], i) => {
        const adjacent = faces.filter((f) => f.corners.includes(a) && f.corners.includes(b));
        return { key: i, a: CUBE_CORNERS[a], b: CUBE_CORNERS[b], back: adjacent.every((f) => f.back) };
      });
      const edgePath = (d) => `M${project(d.a).slice(0, 2).map((v) => v.toFixed(1)).join(',')}L${project(d.b).slice(0, 2).map((v) => v.toFixed(1)).join(',')}`;
      backEdgesGroup.selectAll('path').data(edges.filter((e) => e.back), (d) => d.key).join('path').attr('d', edgePath);
      frontEdgesGroup.selectAll('path').data(edges.filter((e) => !e.back), (d) => d.key).join('path').attr('d', edgePath);
      drawAxisLabels(project);
    }

    // The boundary.
    const planePolygon = model.plane ? clipPlaneToCube(model.plane.normal, model.plane.offset) : [];
    planePath.attr('d', planePolygon.length ? toPath(planePolygon) : null).attr('hidden', planePolygon.length ? null : true);
    const slices = model.slices
      .map((slice) => ({ ...slice, z: project([0.5, 0.5, slice.depth])[2] }))
      .sort((a, b) => a.z - b.z);
    const sliceGroups = slicesGroup.selectAll('g.cube-slice').data(slices, (d) => d.index)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cube-slice');
        g.append('path').attr('class', 'cube-slice__frame');
        g.append('g').attr('class', 'cube-slice__regions');
        g.append('path').attr('class', 'cube-slice__line');
        return g;
      })
      .order();
    sliceGroups.select('path.cube-slice__frame')
      .attr('d', (d) => toPath([[0, 0, d.depth], [1, 0, d.depth], [1, 1, d.depth], [0, 1, d.depth]]));
    const toLine = (line) => `M${line.map((p) => project(p).slice(0, 2).map((v) => v.toFixed(1)).join(',')).join('L')}`;
    sliceGroups.select('path.cube-slice__line')
      .attr('d', (d) => d.lines.map(toLine).join('') || null);
    sliceGroups.select('g.cube-slice__regions').selectAll('path')
      .data((d) => d.regions, (d) => d.classIndex)
      .join('path')
      .attr('class', 'cube-slice__region')
      .attr('fill', (d) => classColor(d.classIndex))
      .attr('d', (d) => d.polygons.map((polygon) => polygon.map((ring) => toPath(ring)).join('')).join('') || null);

    // Points: behind the plane (seen from the reader) drawn before it, the others after.
    const placed = model.points.map((point) => {
      const [x, y, z] = project(point.unit);
      let behind = false;
      if (model.plane) {
        const side = dot(model.plane.normal, point.unit) - model.plane.offset;
        behind = side * dot(model.plane.normal, toward) < 0;
      }
      return { ...point, x, y, z, behind };
    });
    // The data go in sorted far to near, so join's own ordering is the depth order and nodes move only
    // when the order really changes (moving a node would take the keyboard focus off it).
    const drawPoints = (group, list) => {
      group.selectAll('g.cube-point').data(list.sort((a, b) => a.z - b.z), (d) => d.row)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'cube-point').attr('tabindex', 0);
          g.append('title');
          g.append('circle').attr('class', 'cube-point__mark');
          g.on('pointerenter focus', (event, d) => { hovered = d.row; render(); })
            .on('pointerleave blur', (event, d) => { if (hovered === d.row) { hovered = null; render(); } });
          return g;
        })
        .attr('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`)
        .attr('data-row', (d) => d.row)
        .attr('data-correct', (d) => String(d.correct))
        .classed('cube-point--test', (d) => d.test)
        .classed('cube-point--wrong', (d) => !d.correct)
        .attr('aria-label', (d) => describePoint(d))
        .call((g) => g.select('title').text((d) => describePoint(d)))
        .call((g) => g.select('circle')
          .attr('r', (d) => 5 + 1.2 * (d.z + 1))
          .attr('fill', (d) => classColor(d.target)));
    };
    drawPoints(pointsBehindGroup, placed.filter((p) => p.behind));
    drawPoints(pointsFrontGroup, placed.filter((p) => !p.behind));

    // The name of the hovered or focused row.
    const shown = placed.find((p) => p.row === hovered);
    if (shown) {
      tooltip.attr('hidden', null);
      tooltipText.text(shown.name).attr('x', 0).attr('y', 0);
      const box = tooltipText.node().getBBox?.() ?? { width: shown.name.length * 6, height: 12 };
      const x = Math.min(WIDTH - box.width - 8, Math.max(4, shown.x + 10));
      const y = Math.max(16, shown.y - 12);
      tooltip.attr('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
      tooltipBox.attr('x', -4).attr('y', -box.height + 1).attr('width', box.width + 8).attr('height', box.height + 5);
      svg.node().appendChild(tooltip.node()); // on top
    } else {
      tooltip.attr('hidden', true);
    }
  }

  function describePoint(point) {
    const { data } = frame;
    const names = data.featureNames;
    const className = data.task === 'regression'
      ? `value ${formatValue(point.target)}`
      : (data.classNames?.[Math.round(point.target)] ?? `class ${point.target}`);
    const where = axes.map((feature, i) => `${names[feature]} ${formatValue(point.values[i])}`).join(', ');
    return `${point.name}: ${className} (${where})${point.test ? ', test row' : ''}${point.correct ? '' : ', on the wrong side'}`;
  }

  // Each axis is labelled on the one of its four parallel edges that lies farthest out in the picture
  // (preferring the front), with its name at the middle and the data's range at the ends.
  function drawAxisLabels(project) {
    const names = frame.data.featureNames;
    const [low, high] = frame.data.domain;
    const centre = project([0.5, 0.5, 0.5]);
    const outward = ([x, y], distance) => {
      const dx = x - centre[0];
      const dy = y - centre[1];
      const length = Math.hypot(dx, dy) || 1;
      return [x + (dx / length) * distance, y + (dy / length) * distance];
    };
    const labels = [];
    const ticks = [];
    axes.forEach((feature, axis) => {
      const candidates = CUBE_EDGES.slice(axis * 4, axis * 4 + 4).map(([a, b]) => {
        const start = CUBE_CORNERS[a];
        const end = CUBE_CORNERS[b];
        const middle = project(lerp(start, end, 0.5));
        const score = Math.hypot(middle[0] - centre[0], middle[1] - centre[1]) + 0.25 * CUBE_SCALE * middle[2];
        return { start, end, middle, score };
      });
      const edge = candidates.reduce((best, candidate) => (candidate.score > best.score ? candidate : best));
      const [x, y] = outward(edge.middle, 18);
      labels.push({ key: axis, name: names[feature], x, y });
      for (const [end, value] of [[edge.start, low], [edge.end, high]]) {
        // Far enough out that a song's point on the corner leaves its 0 or 1 readable.
        const [tx, ty] = outward(project(end), 17);
        ticks.push({ key: `${axis}-${value === low ? 'low' : 'high'}`, text: formatValue(value), x: tx, y: ty });
      }
    });
    axisLabelsGroup.selectAll('text.cube-axis-label').data(labels, (d) => d.key).join('text')
      .attr('class', 'cube-axis-label')
      .attr('x', (d) => d.x.toFixed(1)).attr('y', (d) => d.y.toFixed(1))
      .attr('text-anchor', 'middle').attr('dy', '0.35em')
      .text((d) => d.name);
    axisLabelsGroup.selectAll('text.cube-axis-tick').data(ticks, (d) => d.key).join('text')
      .attr('class', 'cube-axis-tick')
      .attr('x', (d) => d.x.toFixed(1)).attr('y', (d) => d.y.toFixed(1))
      .attr('text-anchor', 'middle').attr('dy', '0.35em')
      .text((d) => d.text);
  }

  function showVerdict() {
    const { data } = frame;
    const result = verdict({ data, correct: model.correct, flat: model.flat, linear: dataState.linear });
    if (verdictLine.text() !== result.text) verdictLine.text(result.text);
    root.attr('data-separable', result.separable === null ? null : String(result.separable))
      .attr('data-linearly-separable', dataState.linear === null ? 'unknown' : String(dataState.linear));
    verdictLine.attr('data-separable', result.separable === null ? null : String(result.separable));
    const boundaryWord = model.flat ? 'the plane where the prediction is 0.5' :
      data.task === 'regression' ? 'no boundary (regression)' : `${sliceCount} slices of the boundary`;
    const others = data.featureNames.length > 3 ? '; other features at their mean' : '';
    captionDetail.text(` — ${axes.map((f) => data.featureNames[f]).join(', ')}; ${boundaryWord}${others}`);
    svgTitle.text(`Feature cube of ${data.name || 'the data'}: ${axes.map((f) => data.featureNames[f]).join(', ')} as axes, ` +
      `${boundaryWord}. ${result.text} Arrow keys turn the cube.`);
  }

  function drawLegend() {
    const { data } = frame;
    const colors = palette(colorScheme());
    const keys = [];
    if (data.task === 'multiclass') {
      data.classNames.forEach((name, k) => keys.push({ key: `class-${k}`, kind: 'class', color: CLASS_PALETTE[k % CLASS_PALETTE.length], label: name }));
    } else if (data.task === 'binary') {
      const names = data.classNames?.length === 2 ? data.classNames : ['0', '1'];
      keys.push({ key: 'class-1', kind: 'class', color: colors.positive, label: names[1] });
      keys.push({ key: 'class-0', kind: 'class', color: colors.negative, label: names[0] });
      keys.push({ key: 'wrong', kind: 'wrong', label: 'on the wrong side' });
      keys.push(model.flat
        ? { key: 'plane', kind: 'plane', label: 'prediction = 0.5' }
        : { key: 'slice', kind: 'slice', label: `${names[1]} region, per slice` });
    }
    legend.selectAll('li').data(keys, (d) => d.key).join((enter) => {
      const item = enter.append('li').attr('class', (d) => `cube-view__key cube-view__key--${d.kind}`);
      const swatch = item.append('svg').attr('viewBox', '0 0 14 14').attr('aria-hidden', 'true');
      swatch.append('path');
      item.append('span');
      return item;
    })
      .call((item) => item.select('path')
        .attr('d', (d) => (d.kind === 'plane' || d.kind === 'slice' ? 'M1,4L9,1L13,10L5,13Z' : 'M7,1.5A5.5,5.5 0 1,1 6.99,1.5Z'))
        .attr('fill', (d) => (d.kind === 'class' ? d.color : d.kind === 'slice' ? colors.positive : null)))
      .call((item) => item.select('span').text((d) => d.label));
  }

  function refreshData() {
    const { data } = frame;
    const width = data.featureNames.length;
    if (axes.some((a) => a >= width)) axes = [0, 1, 2];
    let linear = null;
    if (data.task === 'binary' && data.targets.length <= MAX_SEPARABILITY_ROWS) {
      const points = d3.range(data.targets.length).map((r) => Array.from(data.features.subarray(r * width, (r + 1) * width)));
      linear = linearlySeparable(points, Array.from(data.targets, (t) => t >= 0.5));
    }
    dataState = { data, means: featureMeans(data), linear, legendFor: null };
    hovered = null;
    drawPickers();
  }

  return {
    update(nextFrame) {
      frame = nextFrame;
      const { data, shape, snapshot } = frame;
      if (!data || !shape || !snapshot) return;
      if (data.featureNames.length < 3) {
        root.attr('data-state', 'unavailable').attr('data-separable', null);
        svg.attr('hidden', true);
        legend.attr('hidden', true);
        verdictLine.text('');
        hint.attr('hidden', true);
        message.attr('hidden', null).text(`The cube needs data with three or more features; ${data.name || 'this data set'} has ${data.featureNames.length}.`);
        dataState = { data: null, means: null, linear: null };
        return;
      }
      root.attr('data-state', 'ready');
      svg.attr('hidden', null);
      legend.attr('hidden', null);
      hint.attr('hidden', null);
      message.attr('hidden', true);
      if (dataState.data !== data) refreshData();
      const wasFlat = model?.flat;
      model = computeModel();
      if (dataState.legendFor !== data || wasFlat !== model.flat) {
        dataState.legendFor = data;
        drawLegend();
      }
      showVerdict();
      render();
    },
    destroy() {
      svg.on('.drag', null).on('keydown', null);
      root.remove();
      frame = null;
      model = null;
    },
  };
}
