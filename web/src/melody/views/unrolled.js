// The recurrent network unrolled through time: one column per time step of the current window.
//
//   loss        −ln p      −ln p      −ln p
//                 │          │          │
//   guess      [▁▃█▂]     [▂▆▁▃]     [█▁▂▁]      the predicted next-note distribution; the true note in blue
//                 │          │          │
//   memory  h₀ ─▶[▦▦▦]────▶[▦▦▦]────▶[▦▦▦]       the hidden state, one cell per unit (orange −1 … blue +1)
//                 │          │          │
//   reads       C4/4       C4/4       G4/4        the note read at each step
//   ∂ size       ▂          ▅          █          ‖∂L/∂hₜ‖: how much blame reaches each step
//
// Forward, the columns fill in from left to right; at the loss every step is charged −ln p(true next
// note); backward, gradients (magenta, dashed) flow from right to left along the recurrent links, each
// link as thick as the gradient it carries, so a gradient that fades or grows through time is seen;
// at the update the three weight matrices every step shares light up with the size of their change.
// While the tune plays, the column of the sounding note is ringed.
import * as d3 from 'd3';
import 'd3-transition';
import { formatNumber } from '../../format.js';
import { divergingScale } from '../../views/colors.js';
import { pitchName, noteValue } from '../notes.js';
import { topGuess, tokenWords, windowProgress } from '../explain.js';
import { hiddenScale } from '../hidden-scale.js';
import { formatSmall } from '../numbers.js';
import { redrawOnChange, setSvgSize, setText } from './changes.js';

const GUTTER = { wide: 116, narrow: 58 };
const MEMORY_WIDTH = { wide: 72, narrow: 62 };
const COLUMN = { min: 86, max: 136 };
const ROWS = { header: 16, loss: 40, output: 92, hidden: 206 };
const OUTPUT_HEIGHT = 80;
const BOX_MAX = 100;
const NARROW_WIDTH = 560;
const MAX_CELLS_PER_ROW = 12;
const PILL_CHAR_WIDTH = 7;   // a generous width per character of a weights pill's 11.5 px text (no layout read)
const CHANGE_CHARS = 'Δ 0.00048'.length;   // the room a pill keeps for its change (a small one has two significant digits)
// The width that gives each of the three weights pills room for its short name beside its change: a
// window of one or two steps is drawn this wide (its pills were squeezed until name and change overlapped).
const SHARED_MIN_WIDTH = 8 + 16 + 3 * (24 + ('recurrent'.length + 1 + CHANGE_CHARS) * PILL_CHAR_WIDTH);

/** The numbers each column shows, with which of them the current phase has computed. */
export function unrolledModel(frame) {
  const { snapshot, shape, vocabulary } = frame;
  const progress = windowProgress(snapshot);
  const H = shape.hidden;
  const V = shape.vocabularySize;
  const columns = [];
  for (let t = 0; t < snapshot.steps; t += 1) {
    const computed = t < progress.forwardSteps;
    const target = snapshot.targets[t];
    const guess = topGuess(snapshot, V, t);
    columns.push({
      step: t,
      note: snapshot.windowStart + t,                 // index in the melody of the note read
      input: snapshot.inputs[t],
      inputText: vocabulary[snapshot.inputs[t]]?.text ?? '',
      target,
      computed,
      current: progress.current === t,
      hidden: snapshot.hidden.subarray(t * H, (t + 1) * H),
      probabilities: snapshot.probabilities.subarray(t * V, (t + 1) * V),
      targetProbability: snapshot.probabilities[t * V + target],
      guess: guess.token,
      guessProbability: guess.probability,
      lossKnown: progress.loss,
      loss: snapshot.stepLosses[t],
      gradientKnown: t >= progress.backwardFrom,
      gradientNorm: snapshot.hiddenGradientNorms[t],
      // The part of ∂L/∂hₜ that came back from step t+1 (along the link between t and t+1).
      recurrentNorm: snapshot.recurrentGradientNorms[t],
    });
  }
  return { columns, progress, hidden: H, vocabularySize: V };
}

/** ‖Δ‖ of each shared weight block in the last update: input, recurrent and output weights. */
export function updateSizes(snapshot, shape) {
  const norm = (block) => {
    let sum = 0;
    const end = block.offset + block.rows * block.columns;
    for (let i = block.offset; i < end; i += 1) sum += snapshot.lastUpdates[i] ** 2;
    return Math.sqrt(sum);
  };
  return [
    { key: 'input', label: 'input weights', short: 'input', size: norm(shape.inputWeights) + norm(shape.hiddenBias) },
    { key: 'recurrent', label: 'recurrent weights', short: 'recurrent', size: norm(shape.recurrentWeights) },
    { key: 'output', label: 'output weights', short: 'output', size: norm(shape.outputWeights) + norm(shape.outputBias) },
  ];
}

export function createUnrolledView(container) {
  const root = d3.select(container).append('figure').attr('class', 'unrolled-view');
  // The row labels stay put while the columns scroll sideways (on a phone the window is wider than the screen).
  const frameBox = root.append('div').attr('class', 'unrolled-frame');
  const labelsSvg = frameBox.append('svg').attr('class', 'unrolled-labels').attr('aria-hidden', 'true');
  const scroller = frameBox.append('div').attr('class', 'unrolled-scroller');
  const svg = scroller.append('svg').attr('class', 'unrolled-svg').attr('role', 'group')
    .attr('aria-label', 'The network unrolled through time, one column per note of the current window');
  const defs = svg.append('defs');
  for (const [id, kind] of [['unrolled-arrow', 'forward'], ['unrolled-arrow-gradient', 'gradient']]) {
    defs.append('marker').attr('id', id).attr('class', `arrowhead ${kind}`).attr('viewBox', '0 0 8 8')
      .attr('refX', 7).attr('refY', 4).attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 9).attr('markerHeight', 9)
      .attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0.5 L7.5,4 L0,7.5 z');
  }
  const highlightLayer = svg.append('g').attr('class', 'column-highlights');
  const labelLayer = labelsSvg.append('g').attr('class', 'row-labels');
  const linkLayer = svg.append('g').attr('class', 'unrolled-links');
  const gradientLayer = svg.append('g').attr('class', 'unrolled-gradient-links');
  const memoryLayer = svg.append('g').attr('class', 'memory-in');
  const columnLayer = svg.append('g').attr('class', 'step-columns');
  const sharedLayer = svg.append('g').attr('class', 'shared-weights');
  const pulseLayer = svg.append('g').attr('class', 'pulses');
  const legend = root.append('figcaption').attr('class', 'graph-legend unrolled-legend');
  legend.append('span').attr('class', 'legend-item legend-forward').call(setText, 'forward: values, left to right');
  legend.append('span').attr('class', 'legend-item legend-gradient').call(setText, '∂ gradient, back through time (thicker = larger)');
  const legendNegative = legend.append('span').attr('class', 'legend-item legend-negative');
  const legendPositive = legend.append('span').attr('class', 'legend-item legend-positive');
  legend.append('span').attr('class', 'legend-item legend-true').call(setText, 'true next note');

  const redraws = redrawOnChange(container, 900, (frame) =>
    [frame.snapshot, frame.focus?.step, soundingStep(frame), frame.settings.cell, frame.settings.gradientClip], draw);
  let scrollLeft = 0;
  scroller.on('scroll', () => { scrollLeft = scroller.node().scrollLeft; });
  let drawnColumn = null;

  function layoutFor(model, width) {
    const T = Math.max(1, model.columns.length);
    // The short row labels on a phone, and also where they make room for every column (on a tablet
    // the long ones would push the last column half out of view).
    const fitsWith = (size) => (width - GUTTER[size] - MEMORY_WIDTH[size] - 8) / T >= COLUMN.min;
    const narrow = width < NARROW_WIDTH || (!fitsWith('wide') && fitsWith('narrow'));
    const gutter = narrow ? GUTTER.narrow : GUTTER.wide;
    const memory = narrow ? MEMORY_WIDTH.narrow : MEMORY_WIDTH.wide;
    const column = Math.max(COLUMN.min, Math.min(COLUMN.max, Math.floor((width - gutter - memory - 8) / T)));
    const box = Math.min(BOX_MAX, column - 26);   // the gap between boxes carries the recurrent links
    const compact = box < 70;   // too narrow a box for "p(G4) 0.135": numbers only
    const H = model.hidden;
    // Cells in a block about twice as wide as tall: 8 units make 4 × 2, 64 make 12 × 6.
    const perRow = H <= 4 ? H : Math.min(MAX_CELLS_PER_ROW, Math.ceil(Math.sqrt(H * 2)));
    const cellRows = Math.ceil(H / perRow);
    const cell = Math.max(4, Math.min(15, Math.floor((box - 16) / perRow)));
    const hiddenHeight = cellRows * cell + 30;
    const y = {
      header: ROWS.header,
      loss: ROWS.loss,
      output: ROWS.output,
      hidden: ROWS.hidden,
      input: ROWS.hidden + hiddenHeight + 34,
    };
    y.gradient = y.input + 60;
    y.shared = y.gradient + 62;
    const height = y.shared + 58;
    return {
      phone: width < NARROW_WIDTH, narrow, compact, gutter, memory, column, box, cell, perRow, cellRows, hiddenHeight, y, height,
      x: (t) => memory + t * column + column / 2,
      contentWidth: Math.max(memory + T * column + 8, SHARED_MIN_WIDTH),
    };
  }

  function draw(frame) {
    const width = redraws.width();
    const { snapshot, shape, vocabulary, settings } = frame;
    const model = unrolledModel(frame);
    const L = layoutFor(model, width);
    const totalWidth = L.contentWidth;
    setSvgSize(labelsSvg, L.gutter, L.height);
    setSvgSize(svg, totalWidth, L.height)
      .classed('narrow', L.narrow);
    const scaleMax = hiddenScale(snapshot, shape.hidden, model.progress.forwardSteps);
    const color = divergingScale(scaleMax);
    legendNegative.call(setText, `unit −${scaleMax}`);
    legendPositive.call(setText, `unit +${scaleMax}`);
    const maxGradient = d3.max(model.columns, (c) => (c.gradientKnown ? Math.max(c.gradientNorm, c.recurrentNorm) : 0)) || 1;
    const sounding = soundingStep(frame);
    const focusStep = frame.focus?.step ?? null;

    // ---- row labels
    const labels = [
      { key: 'loss', wide: 'loss −ln p', narrow: 'loss', y: L.y.loss + 19 },
      { key: 'output', wide: 'next-note guess', narrow: 'guess', y: L.y.output + OUTPUT_HEIGHT / 2 + 4 },
      { key: 'hidden', wide: 'hidden state', narrow: 'memory', y: L.y.hidden + L.hiddenHeight / 2 + 4 },
      { key: 'input', wide: 'note read', narrow: 'reads', y: L.y.input + 24 },
      { key: 'gradient', wide: 'gradient ‖∂L/∂h‖', narrow: '‖∂L/∂h‖', y: L.y.gradient + 26 },
    ];
    labelLayer.selectAll('text').data(labels, (d) => d.key).join('text')
      .attr('class', (d) => `row-label row-label-${d.key}`)
      .attr('x', 4).attr('y', (d) => d.y)
      .call(setText, (d) => (L.narrow ? d.narrow : d.wide));

    // ---- column highlights: the current step, the focused one, the sounding one
    const highlights = [];
    if (model.progress.current !== null) highlights.push({ key: 'current', step: model.progress.current });
    if (focusStep !== null && focusStep < model.columns.length) highlights.push({ key: 'focus', step: focusStep });
    highlightLayer.selectAll('rect').data(highlights, (d) => d.key).join('rect')
      .attr('class', (d) => `column-highlight ${d.key}`)
      .attr('x', (d) => L.x(d.step) - L.column / 2 + 3).attr('width', L.column - 6)
      .attr('y', L.y.header - 12).attr('height', L.y.gradient + 54 - L.y.header)
      .attr('rx', 10);

    // ---- the memory carried in (h before step 1)
    const memoryX = L.memory / 2 - 4;
    const memoryBoxWidth = L.memory - 18;
    const memory = memoryLayer.selectAll('g.memory-node').data([0]).join((enter) => {
      const g = enter.append('g').attr('class', 'memory-node');
      g.append('rect').attr('class', 'memory-box');
      g.append('g').attr('class', 'cells');
      g.append('text').attr('class', 'memory-caption');
      g.append('title');
      return g;
    });
    const carriedIn = snapshot.initialHidden;
    const zeroState = !Array.from(carriedIn).some((value) => value !== 0);
    memory.select('.memory-box').attr('x', memoryX - memoryBoxWidth / 2).attr('y', L.y.hidden)
      .attr('width', memoryBoxWidth).attr('height', L.hiddenHeight).attr('rx', 8);
    memory.select('.memory-caption').attr('x', memoryX).attr('y', L.y.hidden - 8)
      .call(setText, zeroState ? (L.narrow ? 'empty' : 'empty start') : 'carried in');
    memory.select('title').call(setText, zeroState
      ? 'The memory starts empty (all zeros) at the start of the melody.'
      : 'The hidden state carried in from the previous window (no gradient flows back past it).');
    const memoryCell = Math.max(3, Math.min(L.cell, Math.floor((memoryBoxWidth - 10) / L.perRow)));
    drawCells(memory.select('.cells'), carriedIn, { x: memoryX, y: L.y.hidden + 10, cell: memoryCell, perRow: L.perRow, color });

    // ---- links: recurrent (memory → h₁ → h₂ …) and upward (note → h → guess → loss)
    const hiddenMid = L.y.hidden + L.hiddenHeight / 2;
    const half = L.box / 2;
    const forwardLinks = [];
    model.columns.forEach((c, t) => {
      const x = L.x(t);
      const fromX = t === 0 ? memoryX + memoryBoxWidth / 2 : L.x(t - 1) + half;
      forwardLinks.push({ key: `rec-${t}`, kind: 'recurrent', on: c.computed, x1: fromX + 1, y1: hiddenMid - 7, x2: x - half - 2, y2: hiddenMid - 7 });
      forwardLinks.push({ key: `in-${t}`, kind: 'up', on: c.computed, x1: x, y1: L.y.input - 2, x2: x, y2: L.y.hidden + L.hiddenHeight + 3 });
      forwardLinks.push({ key: `out-${t}`, kind: 'up', on: c.computed, x1: x, y1: L.y.hidden - 2, x2: x, y2: L.y.output + OUTPUT_HEIGHT + 3 });
      forwardLinks.push({ key: `loss-${t}`, kind: 'up', on: c.lossKnown, x1: x, y1: L.y.output - 2, x2: x, y2: L.y.loss + 32 });
    });
    linkLayer.selectAll('line').data(forwardLinks, (d) => d.key).join('line')
      .attr('class', (d) => `unrolled-link ${d.kind}${d.on ? ' on' : ''}`)
      .attr('x1', (d) => d.x1).attr('y1', (d) => d.y1).attr('x2', (d) => d.x2).attr('y2', (d) => d.y2)
      .attr('marker-end', (d) => (d.on ? 'url(#unrolled-arrow)' : null));

    // Gradients back through time: from the loss down into each hidden state, and from hₜ₊₁ back to hₜ.
    const gradientLinks = [];
    model.columns.forEach((c, t) => {
      if (!c.gradientKnown) return;
      const x = L.x(t);
      gradientLinks.push({ key: `down-${t}`, kind: 'down', size: 1, x1: x + 9, y1: L.y.loss + 34, x2: x + 9, y2: L.y.hidden - 3 });
      if (t < model.columns.length - 1) {
        gradientLinks.push({
          key: `back-${t}`, kind: 'back', step: t, size: c.recurrentNorm / maxGradient,
          x1: L.x(t + 1) - half - 1, y1: hiddenMid + 9, x2: x + half + 2, y2: hiddenMid + 9,
        });
      }
    });
    gradientLayer.selectAll('line').data(gradientLinks, (d) => d.key).join('line')
      .attr('class', (d) => `gradient-link ${d.kind}`)
      .attr('data-step', (d) => (d.kind === 'back' ? d.step : null))
      .attr('x1', (d) => d.x1).attr('y1', (d) => d.y1).attr('x2', (d) => d.x2).attr('y2', (d) => d.y2)
      .attr('stroke-width', (d) => (d.kind === 'back' ? 1.2 + 6 * Math.sqrt(d.size) : 1.6))
      .attr('marker-end', 'url(#unrolled-arrow-gradient)');

    // ---- the columns
    const columns = columnLayer.selectAll('g.step-column').data(model.columns, (d) => d.step).join((enter) => {
      const g = enter.append('g').attr('class', 'step-column');
      g.append('title');
      g.append('text').attr('class', 'step-label');
      const loss = g.append('g').attr('class', 'loss-node');
      loss.append('rect');
      loss.append('text').attr('class', 'value');
      const output = g.append('g').attr('class', 'output-node');
      output.append('rect').attr('class', 'node-frame');
      output.append('text').attr('class', 'guess');
      output.append('g').attr('class', 'bars');
      output.append('text').attr('class', 'target-probability');
      const hidden = g.append('g').attr('class', 'hidden-node');
      hidden.append('rect').attr('class', 'node-frame');
      hidden.append('g').attr('class', 'cells');
      hidden.append('text').attr('class', 'gradient');
      const input = g.append('g').attr('class', 'input-node');
      input.append('rect').attr('class', 'node-frame');
      input.append('text').attr('class', 'pitch');
      input.append('text').attr('class', 'duration');
      const bar = g.append('g').attr('class', 'gradient-bar');
      bar.append('line').attr('class', 'baseline');
      bar.append('rect');
      bar.append('text').attr('class', 'gradient-value');
      g.append('rect').attr('class', 'column-hit')
        .on('pointerenter', (event, d) => redraws.frame()?.actions.focusStep(d.step))
        .on('pointerleave', () => redraws.frame()?.actions.focusStep(null));
      return g;
    });

    columns
      .attr('data-step', (d) => d.step)
      .classed('computed', (d) => d.computed)
      .classed('pending', (d) => !d.computed)
      .classed('current', (d) => d.current)
      .classed('sounding', (d) => sounding !== null && (d.step === sounding))
      .classed('has-gradient', (d) => d.gradientKnown)
      .classed('correct', (d) => d.computed && d.guess === d.target);
    columns.select('title').call(setText, (d) => columnTitle(d, vocabulary));
    columns.select('.step-label').attr('x', (d) => L.x(d.step)).attr('y', L.y.header)
      .call(setText, (d) => (L.narrow ? `t=${d.step + 1}` : L.compact ? `step ${d.step + 1}` : `step ${d.step + 1} · note ${d.note + 1}`));

    // loss
    const lossNode = columns.select('.loss-node').classed('known', (d) => d.lossKnown);
    // A narrow box leaves a small loss ("0.00039") no room: there the pill takes most of the column.
    const lossWidth = L.compact ? L.column - 14 : L.box - 8;
    lossNode.select('rect').attr('x', (d) => L.x(d.step) - lossWidth / 2).attr('y', L.y.loss)
      .attr('width', lossWidth).attr('height', 30).attr('rx', 15);
    lossNode.select('.value').attr('x', (d) => L.x(d.step)).attr('y', L.y.loss + 20)
      .call(setText, (d) => (d.lossKnown ? formatSmall(d.loss) : '·'));

    // output distribution
    const output = columns.select('.output-node');
    output.select('.node-frame').attr('x', (d) => L.x(d.step) - L.box / 2).attr('y', L.y.output)
      .attr('width', L.box).attr('height', OUTPUT_HEIGHT).attr('rx', 8);
    output.select('.guess').attr('x', (d) => L.x(d.step)).attr('y', L.y.output + 15)
      .call(setText, (d) => (d.computed ? `${L.compact ? '' : 'guess '}${pitchName(vocabulary[d.guess]?.pitch ?? -1)}` : ''));
    output.select('.target-probability').attr('x', (d) => L.x(d.step)).attr('y', L.y.output + OUTPUT_HEIGHT - 8)
      .call(setText, (d) => {
        if (!d.computed) return '?';
        const p = formatNumber(d.targetProbability);
        return L.compact ? p : `p(${pitchName(vocabulary[d.target]?.pitch ?? -1)}) ${p}`;
      });
    output.each(function (d) {
      drawBars(d3.select(this).select('.bars'), d, { x: L.x(d.step) - L.box / 2 + 7, y: L.y.output + 22, width: L.box - 14, height: OUTPUT_HEIGHT - 44 });
    });

    // hidden state
    const hidden = columns.select('.hidden-node');
    hidden.select('.node-frame').attr('x', (d) => L.x(d.step) - L.box / 2).attr('y', L.y.hidden)
      .attr('width', L.box).attr('height', L.hiddenHeight).attr('rx', 8);
    hidden.each(function (d) {
      drawCells(d3.select(this).select('.cells'), d.computed ? d.hidden : null,
        { x: L.x(d.step), y: L.y.hidden + 10, cell: L.cell, perRow: L.perRow, color });
    });
    hidden.select('.gradient').attr('x', (d) => L.x(d.step)).attr('y', L.y.hidden + L.hiddenHeight - 7)
      // In a narrow box "∂ 0.00047" would touch its edges; the gradient row below shows the same number.
      .call(setText, (d) => (d.gradientKnown && !L.compact ? `∂ ${formatSmall(d.gradientNorm)}` : ''));

    // input note
    const input = columns.select('.input-node');
    input.select('.node-frame').attr('x', (d) => L.x(d.step) - (L.box - 16) / 2).attr('y', L.y.input)
      .attr('width', L.box - 16).attr('height', 40).attr('rx', 20);
    input.select('.pitch').attr('x', (d) => L.x(d.step)).attr('y', L.y.input + 18)
      .call(setText, (d) => pitchName(vocabulary[d.input]?.pitch ?? -1));
    input.select('.duration').attr('x', (d) => L.x(d.step)).attr('y', L.y.input + 32)
      .call(setText, (d) => noteValue(vocabulary[d.input]?.duration)?.name ?? '');

    // gradient size bars
    const barHeight = 34;
    const gradientBars = columns.select('.gradient-bar').classed('known', (d) => d.gradientKnown);
    gradientBars.select('.baseline').attr('x1', (d) => L.x(d.step) - L.column / 2 + 8).attr('x2', (d) => L.x(d.step) + L.column / 2 - 8)
      .attr('y1', L.y.gradient + barHeight).attr('y2', L.y.gradient + barHeight);
    gradientBars.select('rect')
      .attr('x', (d) => L.x(d.step) - 9).attr('width', 18)
      .attr('y', (d) => L.y.gradient + barHeight - (d.gradientKnown ? Math.max(1, barHeight * d.gradientNorm / maxGradient) : 0))
      .attr('height', (d) => (d.gradientKnown ? Math.max(1, barHeight * d.gradientNorm / maxGradient) : 0));
    gradientBars.select('.gradient-value').attr('x', (d) => L.x(d.step)).attr('y', L.y.gradient + barHeight + 14)
      .call(setText, (d) => (d.gradientKnown ? formatSmall(d.gradientNorm) : ''));

    columns.select('.column-hit').attr('x', (d) => L.x(d.step) - L.column / 2).attr('width', L.column)
      .attr('y', 0).attr('height', L.y.gradient + 54);

    // ---- shared weights (lit at the update)
    drawShared(L, model);

    // ---- motion: a pulse along the link the step just crossed
    if (frame.animate) animatePulse(frame, L, model, hiddenMid);

    // Keep the current (or sounding) column in view when the graph scrolls sideways.
    const follow = sounding !== null && sounding >= 0 && sounding < model.columns.length ? sounding : model.progress.current;
    const visible = width - L.gutter;
    if (follow !== null && follow !== drawnColumn && L.contentWidth > visible) {
      const x = L.x(follow);
      const outOfView = x - L.column / 2 < scrollLeft || x + L.column / 2 > scrollLeft + visible;
      if (outOfView) scroller.node().scrollLeft = Math.max(0, x - Math.max(L.column * 1.5, visible / 3));
    }
    drawnColumn = follow;

    function drawShared(layout, m) {
      const sizes = updateSizes(snapshot, shape);
      const updated = m.progress.updated;
      const span = layout.contentWidth - 8;
      const pillWidth = Math.min(224, (span - 16) / 3);
      const items = sizes.map((item, i) => ({ ...item, x: 4 + i * (pillWidth + 8) }));
      sharedLayer.attr('data-updated', updated ? 'true' : 'false');
      labelLayer.selectAll('text.shared-label').data([0]).join('text').attr('class', 'row-label shared-label')
        .attr('x', 4).attr('y', layout.y.shared + 20)
        .call(setText, 'weights');
      const pills = sharedLayer.selectAll('g.shared-pill').data(items, (d) => d.key).join((enter) => {
        const g = enter.append('g').attr('class', 'shared-pill');
        g.append('rect');
        g.append('text').attr('class', 'shared-name');
        g.append('text').attr('class', 'shared-change');
        return g;
      });
      pills.classed('updated', updated).attr('data-block', (d) => d.key);
      pills.select('rect').attr('x', (d) => d.x).attr('y', layout.y.shared).attr('width', pillWidth).attr('height', 30).attr('rx', 15);
      const change = (d) => (updated ? `Δ ${formatSmall(d.size)}` : '');
      // 'input weights' where every pill has room for its name beside a change (the same in every phase,
      // so the names do not jump at the update), else 'input', … (the row is labelled 'weights').
      const roomy = items.every((d) => 24 + (d.label.length + 1 + CHANGE_CHARS) * PILL_CHAR_WIDTH <= pillWidth);
      pills.select('.shared-name').attr('x', (d) => d.x + 12).attr('y', layout.y.shared + 19)
        .call(setText, (d) => (roomy ? d.label : d.short));
      pills.select('.shared-change').attr('x', (d) => d.x + pillWidth - 12).attr('y', layout.y.shared + 19)
        .call(setText, change);
      const note = layout.phone
        ? 'The same weights at every step.'
        : `The same weights serve every step${settings.cell === 'lstm' ? ' (an LSTM has four sets: its gates)' : ''}; ` +
          'they change only at the update.';
      sharedLayer.selectAll('text.shared-note').data([0]).join('text').attr('class', 'shared-note')
        .attr('x', 6).attr('y', layout.y.shared + 48)
        .call(setText, updated && !layout.phone
          ? (snapshot.steps === 1 ? 'Updated: the gradient of its one step has size ' : `Updated: the gradients of all ${snapshot.steps} steps add up to size `) + `${formatSmall(snapshot.gradientNorm)}` +
            `${snapshot.clipped ? `, clipped to ${formatNumber(settings.gradientClip)}` : ''}; Δ is how far each set of weights moved.`
          : note);
    }
  }

  function animatePulse(frame, L, model, hiddenMid) {
    const { snapshot } = frame;
    const t = snapshot.phaseStep;
    let from = null;
    let to = null;
    let kind = 'forward';
    if (snapshot.phase === 'forward') {
      from = [t === 0 ? L.memory / 2 + 20 : L.x(t - 1) + L.box / 2, hiddenMid - 7];
      to = [L.x(t) - L.box / 2, hiddenMid - 7];
    } else if (snapshot.phase === 'backward' && t < model.columns.length - 1) {
      from = [L.x(t + 1) - L.box / 2, hiddenMid + 9];
      to = [L.x(t) + L.box / 2, hiddenMid + 9];
      kind = 'backward';
    }
    if (!from) return;
    pulseLayer.selectAll('circle').interrupt().remove();
    pulseLayer.append('circle').attr('class', `pulse ${kind}`).attr('r', 5).attr('cx', from[0]).attr('cy', from[1])
      .transition().duration(frame.duration * 0.8).ease(d3.easeCubicInOut)
      .attr('cx', to[0]).attr('cy', to[1])
      .transition().duration(120).attr('r', 0).remove();
  }

  return {
    update: redraws.update,
    destroy() {
      redraws.disconnect();
      pulseLayer.selectAll('circle').interrupt();
      root.remove();
    },
  };
}

/** The column of the tune's sounding note in the current window, or null. */
function soundingStep(frame) {
  const sound = frame.sound;
  return sound?.playing && sound.source === 'tune' ? sound.noteIndex - frame.snapshot.windowStart : null;
}

/**
 * A hidden state as a grid of cells coloured by value (null: not computed yet, drawn empty; a value
 * that is not a number, as after divergence, is drawn empty too).
 */
function drawCells(group, values, { x, y, cell, perRow, color }) {
  const count = values ? values.length : group.selectAll('rect').size();
  const data = Array.from({ length: count }, (_, i) => ({ i, value: values && Number.isFinite(values[i]) ? values[i] : null }));
  const rowWidth = Math.min(perRow, Math.max(1, count)) * cell;
  group.selectAll('rect').data(data).join('rect')
    .attr('class', (d) => (d.value === null ? 'cell empty' : 'cell'))
    .attr('x', (d) => x - rowWidth / 2 + (d.i % perRow) * cell)
    .attr('y', (d) => y + Math.floor(d.i / perRow) * cell)
    .attr('width', cell - 1).attr('height', cell - 1).attr('rx', 1.5)
    .attr('fill', (d) => (d.value === null ? null : color(d.value)));
}

/** The predicted distribution as small bars, the true next note in blue, the guess outlined. */
function drawBars(group, column, { x, y, width, height }) {
  const V = column.probabilities.length;
  const band = width / V;
  const barWidth = Math.max(1, band - (band > 4 ? 1.5 : 0.5));
  const data = Array.from(column.probabilities, (p, v) => ({ v, p: column.computed ? p : 0 }));
  group.selectAll('rect').data(data).join('rect')
    .attr('class', (d) => `bar${d.v === column.target ? ' target' : ''}${d.v === column.guess && column.computed ? ' guess' : ''}`)
    .attr('x', (d) => x + d.v * band)
    .attr('width', barWidth)
    .attr('y', (d) => y + height - Math.max(0.5, d.p * height))
    .attr('height', (d) => Math.max(0.5, d.p * height));
}

function columnTitle(column, vocabulary) {
  const parts = [`Step ${column.step + 1}: reads ${tokenWords(vocabulary, column.input)} (note ${column.note + 1}); the true next note is ${tokenWords(vocabulary, column.target)}.`];
  if (column.computed) {
    parts.push(`Guess: ${tokenWords(vocabulary, column.guess)} (p ${formatNumber(column.guessProbability)}); p(true next note) ${formatNumber(column.targetProbability)}.`);
    parts.push(`Hidden state: ${Array.from(column.hidden, (v) => formatNumber(v, 2)).join(', ')}.`);
  }
  if (column.lossKnown) parts.push(`Loss −ln p = ${formatSmall(column.loss)}.`);
  if (column.gradientKnown) parts.push(`Gradient size ‖∂L/∂h‖ = ${formatSmall(column.gradientNorm)}; the part that came back from the next step has size ${formatSmall(column.recurrentNorm)}.`);
  return parts.join(' ');
}
