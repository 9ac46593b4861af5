// The hidden state as waves: each hidden unit's activation over the time steps of the current window,
// one line per unit, stacked like the staves of a score. Above the middle line a unit is positive (blue
// fill), below it negative (orange); the first point is the memory carried into the window. Steps the
// forward pass has not reached yet are left blank, and the current step is marked.
import * as d3 from 'd3';
import { formatNumber } from '../../format.js';
import { windowProgress } from '../explain.js';
import { pitchName } from '../notes.js';
import { hiddenScale } from '../hidden-scale.js';
import { redrawOnChange, setSvgSize, setText } from './changes.js';

const MARGIN = { top: 26, right: 14, bottom: 30, left: 58 };
const NOTE_LINE = 15;          // the second line of the notes below the waves, when they stack
const NOTE_CHAR_WIDTH = 6.2;   // a generous width per character of the 10.5 px notes (no layout read)
const ROW = { min: 11, max: 44 };
const MAX_HEIGHT = 440;

let clipCounter = 0;

export function createWavesView(container) {
  const root = d3.select(container).append('figure').attr('class', 'waves-view');
  const caption = root.append('figcaption').attr('class', 'view-caption');
  caption.append('span').attr('class', 'view-caption__title').call(setText, 'Hidden state over time');
  caption.append('span').attr('class', 'view-caption__detail').call(setText, ' — one wave per unit; blue above its line is positive, orange below is negative');
  const svg = root.append('svg').attr('class', 'waves-svg').attr('role', 'img');
  const svgTitle = svg.append('title');
  const axis = svg.append('g').attr('class', 'waves-axis');
  const rule = svg.append('line').attr('class', 'waves-rule');
  const focusRule = svg.append('line').attr('class', 'waves-rule focus');
  const rows = svg.append('g').attr('class', 'waves-rows');
  const clipId = `waves-clip-${(clipCounter += 1)}`;
  const redraws = redrawOnChange(container, 560, (frame) => [frame.snapshot, frame.focus?.step], draw);

  function draw(frame) {
    const width = redraws.width();
    const { snapshot, shape, vocabulary } = frame;
    const H = shape.hidden;
    const T = snapshot.steps;
    const progress = windowProgress(snapshot);
    const known = progress.forwardSteps;           // steps with a computed state
    const rowHeight = Math.max(ROW.min, Math.min(ROW.max, Math.floor((MAX_HEIGHT - MARGIN.top - MARGIN.bottom) / H)));
    const innerWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
    const scaleMax = hiddenScale(snapshot, H, known);
    // Two notes below the waves: the scale at the left, the time axis at the right; on a phone they
    // would run into each other, so there the scale goes on a line of its own under the time axis.
    const scaleNote = `each line spans −${scaleMax} to +${scaleMax}`;
    const timeNote = `time → (steps 1–${T} of this window)`;
    const notesFit = 4 + (scaleNote.length + timeNote.length + 3) * NOTE_CHAR_WIDTH <= MARGIN.left + innerWidth;
    const bottom = MARGIN.bottom + (notesFit ? 0 : NOTE_LINE);
    const height = MARGIN.top + H * rowHeight + bottom;
    setSvgSize(svg, width, height);
    // x: position 0 is the memory carried in, 1 … T the steps.
    const x = d3.scaleLinear().domain([0, T]).range([MARGIN.left, MARGIN.left + innerWidth]);
    // One vertical scale for every unit (so their sizes compare), zoomed in while the values are small.
    const amplitude = (rowHeight * 0.46) / scaleMax;
    axis.selectAll('text.waves-scale').data([0]).join('text').attr('class', 'waves-tick waves-scale')
      .attr('x', 4).attr('y', height - 8).attr('text-anchor', 'start')
      .call(setText, scaleNote);

    // Step labels along the top: the note read at each step.
    const ticks = [{ i: 0, label: 'in' }, ...Array.from({ length: T }, (_, t) => ({
      i: t + 1,
      label: pitchName(vocabulary[snapshot.inputs[t]]?.pitch ?? -1),
    }))];
    const every = Math.max(1, Math.ceil((T + 1) * 34 / innerWidth));
    axis.selectAll('text.waves-step').data(ticks.filter((d) => d.i % every === 0 || d.i === 0), (d) => d.i).join('text')
      .attr('class', 'waves-tick waves-step')
      .attr('x', (d) => x(d.i)).attr('y', MARGIN.top - 10)
      .call(setText, (d) => d.label);
    axis.selectAll('text.waves-axis-label').data([0]).join('text').attr('class', 'waves-tick waves-axis-label')
      .attr('x', MARGIN.left + innerWidth).attr('y', height - 8 - (notesFit ? 0 : NOTE_LINE)).attr('text-anchor', 'end')
      .call(setText, timeNote);

    const series = Array.from({ length: H }, (_, unit) => {
      const points = [{ i: 0, value: snapshot.initialHidden[unit] ?? 0 }];
      for (let t = 0; t < known; t += 1) points.push({ i: t + 1, value: snapshot.hidden[t * H + unit] });
      // A value that is not a number (a diverged run's) is not drawn: no point, and a gap in the wave.
      return { unit, points: points.filter((p) => Number.isFinite(p.value)) };
    });

    const rowsJoin = rows.selectAll('g.wave').data(series, (d) => d.unit).join((enter) => {
      const g = enter.append('g').attr('class', 'wave');
      g.append('clipPath').attr('class', 'clip-above').append('rect');
      g.append('clipPath').attr('class', 'clip-below').append('rect');
      g.append('line').attr('class', 'wave-baseline');
      g.append('path').attr('class', 'wave-area positive');
      g.append('path').attr('class', 'wave-area negative');
      g.append('path').attr('class', 'wave-line');
      g.append('g').attr('class', 'wave-dots');
      g.append('text').attr('class', 'wave-label');
      return g;
    });
    rowsJoin.attr('transform', (d) => `translate(0,${MARGIN.top + d.unit * rowHeight + rowHeight / 2})`)
      .attr('data-unit', (d) => d.unit);
    rowsJoin.select('.clip-above').attr('id', (d) => `${clipId}-a-${d.unit}`).select('rect')
      .attr('x', 0).attr('width', width).attr('y', -rowHeight).attr('height', rowHeight);
    rowsJoin.select('.clip-below').attr('id', (d) => `${clipId}-b-${d.unit}`).select('rect')
      .attr('x', 0).attr('width', width).attr('y', 0).attr('height', rowHeight);
    rowsJoin.select('.wave-baseline').attr('x1', MARGIN.left).attr('x2', MARGIN.left + innerWidth).attr('y1', 0).attr('y2', 0);
    const line = d3.line().x((p) => x(p.i)).y((p) => -p.value * amplitude).curve(d3.curveMonotoneX);
    const area = d3.area().x((p) => x(p.i)).y0(0).y1((p) => -p.value * amplitude).curve(d3.curveMonotoneX);
    rowsJoin.select('.wave-area.positive').attr('d', (d) => area(d.points)).attr('clip-path', (d) => `url(#${clipId}-a-${d.unit})`);
    rowsJoin.select('.wave-area.negative').attr('d', (d) => area(d.points)).attr('clip-path', (d) => `url(#${clipId}-b-${d.unit})`);
    rowsJoin.select('.wave-line').attr('d', (d) => line(d.points));
    rowsJoin.select('.wave-dots').selectAll('circle').data((d) => (rowHeight >= 18 ? d.points : [])).join('circle')
      .attr('r', 1.8).attr('cx', (p) => x(p.i)).attr('cy', (p) => -p.value * amplitude);
    rowsJoin.select('.wave-label').attr('x', MARGIN.left - 10).attr('y', 4)
      .call(setText, (d) => (rowHeight >= 14 || d.unit % 2 === 0 ? `unit ${d.unit + 1}` : ''));

    // The current step (forward or backward) and the step the reader points at.
    const markStep = progress.current;
    rule.attr('hidden', markStep === null ? true : null)
      .attr('x1', markStep === null ? 0 : x(markStep + 1)).attr('x2', markStep === null ? 0 : x(markStep + 1))
      .attr('y1', MARGIN.top - 4).attr('y2', height - bottom + 4)
      .classed('backward', snapshot.phase === 'backward');
    const focusStep = frame.focus?.step;
    const showFocus = Number.isInteger(focusStep) && focusStep < T;
    focusRule.attr('hidden', showFocus ? null : true)
      .attr('x1', showFocus ? x(focusStep + 1) : 0).attr('x2', showFocus ? x(focusStep + 1) : 0)
      .attr('y1', MARGIN.top - 4).attr('y2', height - bottom + 4);

    const summary = snapshot.diverged
      ? 'Training stopped: the hidden state is no longer a number.'
      : known === 0
        ? 'No steps computed yet in this window.'
      : `After step ${known}: ${Array.from({ length: H }, (_, u) => `unit ${u + 1} ${formatNumber(snapshot.hidden[(known - 1) * H + u], 2)}`).join(', ')}.`;
    svgTitle.call(setText, `Hidden state of ${H} units over ${T} steps. ${summary}`);
    svg.attr('data-known-steps', known);
  }

  return {
    update: redraws.update,
    destroy() {
      redraws.disconnect();
      root.remove();
    },
  };
}
