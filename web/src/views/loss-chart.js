// Training and test loss over the run (left), and accuracy beside it (right), with axes, an optional
// log scale for the loss, and a readout of the step and values under the pointer (or the keyboard's
// arrow keys). The points come from loss-history.js, which keeps at most a fixed number of them, so a
// redraw costs the same however long the run has been. The lines and their latest points are drawn on
// a canvas over the SVG (plot-canvas.js: they change every playing frame), each frame stroking only
// the lines' newest points (growing-lines.js); axes, gridlines, the hover rule and the pointer's target
// are SVG.
//
//   const view = createLossChartView(container, { height: 180, testSet: false, stepName: 'updates' });
//   view.update(frame);   // draws frame.lossHistory
//   view.destroy();
import * as d3 from 'd3';
import { formatLoss } from '../format.js';
import { colorScheme, palette, watchColorScheme } from './colors.js';
import { createGrowingLines } from './growing-lines.js';
import { createPlotCanvas } from './plot-canvas.js';
import { setAttribute, setHidden, setText } from './writes.js';

const MARGIN = { top: 10, right: 12, bottom: 30, left: 46 };
const PANEL_GAP = 40;
const NARROW_WIDTH = 460;          // below this the accuracy panel goes under the loss panel,
const STACKED_SHARE = 0.75;        // each of the two then this share of the full height (the pair stays short)
const LOG_FLOOR = 1e-6;            // the smallest loss a log axis shows
const formatStep = d3.format(',');
const formatTick = d3.format('.3~s');

/** A loss axis tick: 0.5, 1.5; a tiny loss's 2e-5 rather than 0.000020. */
const formatLossTick = (value) => (value !== 0 && Math.abs(value) < 1e-3 ? d3.format('.1~e')(value) : d3.format('~g')(value));
const formatPercent = d3.format('.1~%');

/**
 * A round number ≥ value: the next multiple of a fifth of its power of ten (7,450 → 7,600;
 * 0.83 → 0.84), so an axis grows in small steps and is redrawn only when the run outgrows it.
 */
export function roundUp(value) {
  if (!(value > 0)) return 1;
  const unit = 10 ** Math.floor(Math.log10(value)) / 5;
  return Number((Math.ceil(value / unit - 1e-9) * unit).toPrecision(12));
}

// How each series is drawn on the canvas (boundary.css styles its key the same way).
const SERIES = [
  { key: 'train', label: 'training', loss: 'trainLoss', accuracy: 'trainAccuracy', color: 'ink', dash: [] },
  { key: 'test', label: 'test', loss: 'testLoss', accuracy: 'testAccuracy', color: 'testSeries', dash: [5, 3] },
];
const LINE_WIDTH = 1.8;
const DOT_RADIUS = { latest: 2.5, hovered: 3.5 };

/**
 * @param {HTMLElement} container
 * @param {{ height?: number, testSet?: boolean, stepName?: string }} options `height` of one panel's
 *   plot area in pixels (default 150); `testSet: false` for runs that never have a test set (no test
 *   key, line or readout); `stepName` what the x axis counts (default 'updates': the history's steps
 *   are the run's parameter updates)
 */
export function createLossChartView(container, options = {}) {
  const fullHeight = options.height ?? 150;
  let plotHeight = fullHeight; // of each panel's plot area: less when the two are stacked (layout())
  const series = options.testSet === false ? SERIES.filter((s) => s.key !== 'test') : SERIES;
  const stepName = options.stepName ?? 'updates';
  const root = d3.select(container).append('figure').attr('class', 'loss-chart');
  const header = root.append('figcaption').attr('class', 'loss-chart__caption');
  header.append('span').attr('class', 'loss-chart__title').text('Loss and accuracy');
  const keys = header.append('span').attr('class', 'loss-chart__keys');
  let testKey = null; // hidden while the run has no test rows
  for (const { key: name, label } of series) {
    const key = keys.append('span').attr('class', `loss-chart__key loss-chart__key--${name}`);
    if (name === 'test') testKey = key.node();
    key.append('svg').attr('viewBox', '0 0 20 6').attr('aria-hidden', 'true')
      .append('line').attr('x1', 0).attr('x2', 20).attr('y1', 3).attr('y2', 3);
    key.append('span').text(label);
  }
  const logLabel = header.append('label').attr('class', 'boundary-toggle loss-chart__log');
  const logInput = logLabel.append('input').attr('type', 'checkbox');
  logLabel.append('span').text('Log scale');

  const stage = root.append('div').attr('class', 'loss-chart__stage');
  const svg = stage.append('svg')
    .attr('class', 'loss-chart__plot')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End');
  const svgTitle = svg.append('title');
  const panels = ['loss', 'accuracy'].map((kind) => {
    const g = svg.append('g').attr('class', `loss-chart__panel loss-chart__panel--${kind}`);
    const panel = {
      kind,
      g,
      xAxis: g.append('g').attr('class', 'loss-chart__axis loss-chart__axis--x'),
      yAxis: g.append('g').attr('class', 'loss-chart__axis loss-chart__axis--y'),
      label: g.append('text').attr('class', 'loss-chart__axis-label'),
      stepLabel: g.append('text').attr('class', 'loss-chart__axis-label loss-chart__axis-label--x').attr('text-anchor', 'end').text(stepName),
      empty: g.append('text').attr('class', 'loss-chart__empty').attr('text-anchor', 'middle'),
      rule: g.append('line').attr('class', 'loss-chart__rule').attr('hidden', true),
      capture: g.append('rect').attr('class', 'loss-chart__capture'),
      x: d3.scaleLinear(),
      y: d3.scaleLinear(),
      width: 0,
      left: 0,      // where the panel's plot area sits in the SVG (and on the canvas)
      top: 0,
      show: false,  // whether its lines are drawn (the accuracy of a regression is not)
    };
    panel.label.text(kind === 'loss' ? 'loss' : 'accuracy');
    return panel;
  });
  const plotCanvas = createPlotCanvas(stage.node(), 'loss-chart__canvas');
  const lines = createGrowingLines(container.ownerDocument);
  const readout = root.append('p').attr('class', 'loss-chart__readout');

  let frame = null;
  let points = [];
  let localLogScale = false;
  let hoverIndex = null;   // index into points, or null: show the latest
  let width = container.clientWidth || 560;
  let drawnFor = { history: null, width: 0, log: null };
  let laidOutWidth = 0;
  const axisKeys = new Map(); // panel kind → { x, y }: the scales its axes were last drawn for

  const logScale = () => (typeof frame?.settings?.lossLogScale === 'boolean' ? frame.settings.lossLogScale : localLogScale);

  logInput.on('change', () => {
    const value = logInput.property('checked');
    if (typeof frame?.settings?.lossLogScale === 'boolean' && frame.actions?.setSettings) {
      frame.actions.setSettings({ lossLogScale: value });
    } else {
      localLogScale = value;
      draw();
    }
  });

  // The canvas takes its colours from colors.js: a change of the reader's colour scheme repaints it.
  const stopWatchingScheme = watchColorScheme(() => drawHover());

  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      const next = Math.round(entries[0].contentRect.width);
      if (next > 0 && Math.abs(next - width) >= 1) { width = next; draw(); }
    })
    : null;
  resizeObserver?.observe(container);

  // ---- hover and keys
  function indexAt(step) {
    if (points.length === 0) return null;
    const i = d3.bisector((d) => d.step).center(points, step);
    return Math.max(0, Math.min(points.length - 1, i));
  }
  for (const panel of panels) {
    panel.capture
      .on('pointermove', (event) => {
        const [px] = d3.pointer(event, panel.g.node());
        hoverIndex = indexAt(panel.x.invert(px));
        drawHover();
      })
      .on('pointerleave', () => { hoverIndex = null; drawHover(); });
  }
  svg.on('keydown', (event) => {
    if (points.length === 0) return;
    const last = points.length - 1;
    const current = hoverIndex ?? last;
    const jump = event.shiftKey ? 10 : 1;
    const moves = { ArrowLeft: current - jump, ArrowRight: current + jump, Home: 0, End: last };
    if (!(event.key in moves)) return;
    hoverIndex = Math.max(0, Math.min(last, moves[event.key]));
    event.preventDefault();
    drawHover();
  });
  svg.on('blur', () => { hoverIndex = null; drawHover(); });

  // ---- drawing
  function layout() {
    const narrow = width < NARROW_WIDTH;
    const inner = width - MARGIN.left - MARGIN.right;
    plotHeight = narrow ? Math.round(fullHeight * STACKED_SHARE) : fullHeight;
    const place = (panel, panelWidth, left, top) => {
      Object.assign(panel, { width: panelWidth, left, top });
      panel.g.attr('transform', `translate(${left},${top})`);
    };
    let height;
    if (narrow) {
      place(panels[0], inner, MARGIN.left, MARGIN.top);
      place(panels[1], inner, MARGIN.left, MARGIN.top + plotHeight + MARGIN.bottom + MARGIN.top);
      height = 2 * (plotHeight + MARGIN.top + MARGIN.bottom);
    } else {
      const lossWidth = Math.round((inner - PANEL_GAP) * 0.64);
      place(panels[0], lossWidth, MARGIN.left, MARGIN.top);
      place(panels[1], inner - PANEL_GAP - lossWidth, MARGIN.left + lossWidth + PANEL_GAP, MARGIN.top);
      height = plotHeight + MARGIN.top + MARGIN.bottom;
    }
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    plotCanvas.size(width, height);
  }

  function draw() {
    if (!frame) return;
    const history = frame.lossHistory ?? [];
    const log = logScale();
    logInput.property('checked', log);
    if (drawnFor.history === history && drawnFor.width === width && drawnFor.log === log) {
      // While playing, the readout is written with the page's other texts once per PACE_MS (writes.js)
      // and may lag the run by a few frames; the frame that pauses (nothing else new to draw) catches it up.
      if (!frame.playing) drawHover();
      return;
    }
    drawnFor = { history, width, log };
    points = history;
    if (hoverIndex !== null && hoverIndex >= points.length) hoverIndex = null;
    if (laidOutWidth !== width) {
      layout();
      laidOutWidth = width;
    }

    const [first, last] = points.length ? [points[0].step, points.at(-1).step] : [0, 1];
    const hasAccuracy = points.some((p) => Number.isFinite(p.trainAccuracy) || Number.isFinite(p.testAccuracy));
    // A run without test rows (the songs) has no test line: no key for one either.
    if (testKey) setHidden(testKey, points.length > 0 && !points.some((p) => Number.isFinite(p.testLoss)));
    // Domains snap to round numbers, so the axes are redrawn only when the run outgrows them.
    let lossLow = LOG_FLOOR;
    let lossHigh = 1;
    {
      let low = Infinity;
      let high = 0;
      for (const p of points) {
        for (const value of [p.trainLoss, p.testLoss]) {
          if (!Number.isFinite(value)) continue;
          if (value > high) high = value;
          if (value > 0 && value < low) low = value;
        }
      }
      if (log) {
        lossLow = 10 ** Math.floor(Math.log10(Math.max(LOG_FLOOR, Number.isFinite(low) ? low : LOG_FLOOR)));
        lossHigh = Math.max(10 ** Math.ceil(Math.log10(high > 0 ? high : 1)), lossLow * 10);
      } else {
        lossLow = 0;
        lossHigh = roundUp(high * 1.05);
      }
    }
    const ticksFor = (panel) => Math.max(2, Math.floor(panel.width / 70));
    // The x axis ends on its last tick, so it (and every tick on it) moves only when the run grows
    // past that tick, not on every frame; both plots end on the same one (the wider plot's, the
    // nearer of the two), so side by side they cover the same steps and the run fills most of each.
    const xHigh = d3.scaleLinear().domain([first, Math.max(first + 1, last)])
      .nice(Math.max(...panels.map(ticksFor))).domain()[1];
    for (const panel of panels) {
      const isLoss = panel.kind === 'loss';
      const ticks = ticksFor(panel);
      panel.x.domain([first, xHigh]).range([0, panel.width]);
      if (isLoss && log) panel.y = d3.scaleLog().domain([lossLow, lossHigh]).range([plotHeight, 0]).clamp(true);
      else if (isLoss) panel.y = d3.scaleLinear().domain([0, lossHigh]).range([plotHeight, 0]);
      else panel.y = d3.scaleLinear().domain([0, 1]).range([plotHeight, 0]);
      const xKey = `${first},${xHigh},${panel.width},${plotHeight}`;
      const yKey = `${panel.y.domain()},${log},${panel.width},${plotHeight}`;
      if (axisKeys.get(panel.kind)?.x !== xKey) drawXAxis(panel, ticks);
      if (axisKeys.get(panel.kind)?.y !== yKey) drawYAxis(panel, log);
      axisKeys.set(panel.kind, { x: xKey, y: yKey });

      panel.show = isLoss || hasAccuracy;
      setText(panel.empty.node(), points.length === 0 ? 'no steps yet' : !panel.show ? 'no accuracy for regression' : '');
    }
    setAttribute(svg.node(), 'data-points', points.length);
    drawHover();
  }

  /** The value of `one` series a panel plots, and whether a point has one it can place. */
  function seriesField(panel, one) {
    const isLoss = panel.kind === 'loss';
    const name = isLoss ? one.loss : one.accuracy;
    const log = isLoss && logScale();
    return { name, defined: (p) => Number.isFinite(p[name]) && (!log || p[name] > 0) };
  }

  /**
   * The lines, and the dots on the hovered (or latest) point: the whole canvas, redrawn, the lines
   * through their newest points only (growing-lines.js keeps the rest drawn).
   */
  function paint(point, hovering) {
    const context = plotCanvas.begin();
    if (!context) return;
    const colors = palette(colorScheme());
    // Each panel's series: its field, and whether a point has one it can place.
    const fields = panels.flatMap((panel) => series.map((one) => ({ panel, one, ...seriesField(panel, one) })));
    const strokes = fields.filter(({ panel }) => panel.show).map(({ panel, one, name, defined }) => ({
      left: panel.left, top: panel.top, color: colors[one.color], width: LINE_WIDTH, dash: one.dash,
      defined, x: (p) => panel.x(p.step), y: (p) => panel.y(p[name]),
    }));
    // Everything that places the lines, but the points: a change draws them again from the start.
    const key = JSON.stringify([logScale(), ...series.map((one) => colors[one.color]),
      ...panels.map((panel) => [panel.show, panel.left, panel.top, panel.x.domain(), panel.x.range(), panel.y.domain(), panel.y.range()])]);
    lines.draw(context, { key, points, strokes });
    if (!point) return;
    for (const { panel, one, name, defined } of fields) {
      if (!defined(point)) continue;
      context.fillStyle = colors[one.color];
      context.beginPath();
      context.arc(panel.left + panel.x(point.step), panel.top + panel.y(point[name]), hovering ? DOT_RADIUS.hovered : DOT_RADIUS.latest, 0, 2 * Math.PI);
      context.fill();
    }
  }

  /** The x axis and what is placed by the plot's size: only when the x scale changes. */
  function drawXAxis(panel, ticks) {
    // Whole steps only: the first updates would otherwise be ticked 0, 200m, 400m…
    const stepTicks = panel.x.ticks(ticks).filter(Number.isInteger);
    // "2.5k", unless that rounds neighbours together (a run of one step at 333,333: "333,333", "333,334").
    const short = stepTicks.map(formatTick);
    const format = new Set(short).size === short.length ? formatTick : formatStep;
    panel.xAxis.attr('transform', `translate(0,${plotHeight})`)
      .call(d3.axisBottom(panel.x).tickValues(stepTicks).tickFormat(format).tickSizeOuter(0));
    panel.stepLabel.attr('x', panel.width).attr('y', plotHeight + MARGIN.bottom - 1);
    panel.label.attr('x', 0).attr('y', -2);
    panel.capture.attr('width', Math.max(0, panel.width)).attr('height', plotHeight); // a container caught mid-resize can be narrower than the margins
    panel.rule.attr('y1', 0).attr('y2', plotHeight);
    panel.empty.attr('x', panel.width / 2).attr('y', plotHeight / 2);
  }

  /** The y axis and its gridlines: only when the y scale changes. */
  function drawYAxis(panel, log) {
    const isLoss = panel.kind === 'loss';
    const yAxis = d3.axisLeft(panel.y).tickSizeOuter(0).tickSize(-panel.width);
    if (isLoss && log) {
      // Powers of ten only: a log axis with every 2…9 line is a wall of rules.
      const [low, high] = panel.y.domain().map(Math.log10);
      yAxis.tickValues(d3.range(Math.round(low), Math.round(high) + 1).map((k) => 10 ** k)).tickFormat(d3.format('~g'));
    }
    else if (isLoss) yAxis.ticks(4).tickFormat(formatLossTick);
    else yAxis.ticks(4).tickFormat(d3.format('.0%'));
    panel.yAxis.call(yAxis);
  }

  function drawHover() {
    const index = hoverIndex ?? (points.length ? points.length - 1 : null);
    const hovering = hoverIndex !== null;
    const point = index === null ? null : points[index];
    for (const panel of panels) {
      const rule = panel.rule.node();
      setAttribute(rule, 'hidden', hovering && point ? null : '');
      if (point && hovering) {
        setAttribute(rule, 'x1', panel.x(point.step));
        setAttribute(rule, 'x2', panel.x(point.step));
      }
    }
    paint(point, hovering);
    const text = point ? describe(point, hovering) : 'No training steps yet.';
    setText(readout.node(), text);
    setText(svgTitle.node(), `Loss and accuracy over ${points.length ? formatStep(points.at(-1).step) : 0} steps. ${text} ` +
      'Arrow keys move along the run.');
  }

  function describe(point, hovering) {
    // The x axis's own unit ('updates'), one of them for a single step: 'After 1,800 updates:'.
    const unit = point.step === 1 ? stepName.replace(/s$/, '') : stepName;
    const parts = [`${hovering ? 'After' : 'Latest, after'} ${formatStep(point.step)} ${unit}:`];
    const losses = series.filter((s) => Number.isFinite(point[s.loss])).map((s) => `${s.label} loss ${formatLoss(point[s.loss])}`);
    const accuracies = series.filter((s) => Number.isFinite(point[s.accuracy])).map((s) => `${s.label} accuracy ${formatPercent(point[s.accuracy])}`);
    parts.push([...losses, ...accuracies].join(', '));
    return parts.join(' ');
  }

  return {
    update(nextFrame) {
      frame = nextFrame;
      draw();
    },
    destroy() {
      resizeObserver?.disconnect();
      stopWatchingScheme();
      svg.on('keydown', null).on('blur', null);
      root.remove();
      frame = null;
    },
  };
}
