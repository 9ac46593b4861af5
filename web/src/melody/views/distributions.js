// The predicted next-note distribution at each step of the window, as a table of bars: a column per
// step (headed by the note it has just read), a row per note of the vocabulary (highest pitch on top,
// like the piano roll), each bar as long as the probability the network gives that note (the whole
// cell width is probability 1). The true next note is the blue bar, with its probability; the
// network's top guess is drawn in ink when it is wrong. Steps the forward pass has not reached are empty.
import * as d3 from 'd3';
import { formatNumber } from '../../format.js';
import { windowProgress, topGuess } from '../explain.js';
import { pitchName } from '../notes.js';
import { redrawOnChange, setSvgSize, setText } from './changes.js';

const LABEL_WIDTH = 46;
const HEADER_HEIGHT = 34;
const COLUMN = { min: 74, max: 150 };
const ROW = { min: 7, max: 16 };
const NUMBER_WIDTH = 30;   // room after a bar for the true note's probability

/** Vocabulary tokens from the highest pitch down (longer notes first at a pitch), rests last. */
export function tokensByPitch(vocabulary) {
  return vocabulary.map((entry) => entry.token).sort((a, b) => {
    const pa = vocabulary[a].pitch;
    const pb = vocabulary[b].pitch;
    if (pa !== pb) return pb - pa;
    return vocabulary[b].duration - vocabulary[a].duration;
  });
}

/**
 * The width of a step's column when `visible` pixels show the table of `steps` columns: every column
 * fits when that leaves each at least COLUMN.min; otherwise as many whole columns as fit fill the
 * width exactly and the rest scroll, so no column (nor the probability after its bar) is cut at the edge.
 */
function columnWidth(visible, steps) {
  const shared = Math.floor(visible / Math.max(1, steps));
  if (shared >= COLUMN.min) return Math.min(COLUMN.max, shared);
  const whole = Math.max(1, Math.floor(visible / COLUMN.min));
  return Math.max(COLUMN.min, Math.min(COLUMN.max, Math.floor(visible / whole)));
}

export function createDistributionsView(container) {
  const root = d3.select(container).append('figure').attr('class', 'distributions-view');
  const caption = root.append('figcaption').attr('class', 'view-caption');
  caption.append('span').attr('class', 'view-caption__title').call(setText, 'What it expects next');
  caption.append('span').attr('class', 'view-caption__detail')
    .call(setText, ' — at every step, the probability it gives each note (a full cell is 1); blue is the note that really comes next');
  const frameBox = root.append('div').attr('class', 'distribution-frame');
  const labelsSvg = frameBox.append('svg').attr('class', 'distribution-labels').attr('aria-hidden', 'true');
  const scroller = frameBox.append('div').attr('class', 'distribution-scroller');
  const svg = scroller.append('svg').attr('class', 'distribution-svg').attr('role', 'img');
  const svgTitle = svg.append('title');
  const highlights = svg.append('g').attr('class', 'distribution-highlights');
  const columnsLayer = svg.append('g').attr('class', 'distribution-columns');
  const scrollHint = root.append('p').attr('class', 'distribution-scroll-hint').attr('hidden', true);
  const redraws = redrawOnChange(container, 700, (frame) => [frame.snapshot, frame.focus?.step], draw);
  let scrollLeft = 0;
  scroller.on('scroll', () => { scrollLeft = scroller.node().scrollLeft; });

  function draw(frame) {
    const width = redraws.width();
    const { snapshot, shape, vocabulary } = frame;
    const V = shape.vocabularySize;
    const T = snapshot.steps;
    const progress = windowProgress(snapshot);
    const order = tokensByPitch(vocabulary);
    const rowOf = new Map(order.map((token, r) => [token, r]));
    const rowHeight = Math.max(ROW.min, Math.min(ROW.max, Math.floor(190 / V)));
    const visible = width - LABEL_WIDTH;
    const column = columnWidth(visible, T);
    const height = HEADER_HEIGHT + V * rowHeight + 6;
    const contentWidth = T * column;
    const scrolls = contentWidth > visible + 1;
    scrollHint.attr('hidden', scrolls ? null : true)
      .call(setText, scrolls ? `Scroll sideways to see all ${T} steps.` : '');
    const barSpace = column - NUMBER_WIDTH - 10;
    const focusStep = frame.focus?.step ?? null;

    setSvgSize(labelsSvg, LABEL_WIDTH, height);
    labelsSvg.selectAll('text').data(order, (token) => token).join('text')
      .attr('class', 'note-label')
      .attr('x', LABEL_WIDTH - 6).attr('y', (token) => HEADER_HEIGHT + rowOf.get(token) * rowHeight + rowHeight / 2 + 3.5)
      .call(setText, (token) => (rowHeight >= 9 ? vocabulary[token].text : ''));
    setSvgSize(svg, contentWidth, height);

    const steps = Array.from({ length: T }, (_, t) => ({
      t,
      computed: t < progress.forwardSteps,
      target: snapshot.targets[t],
      input: snapshot.inputs[t],
      guess: topGuess(snapshot, V, t).token,
    }));

    const marks = [];
    if (progress.current !== null) marks.push({ key: 'current', t: progress.current });
    if (focusStep !== null && focusStep < T) marks.push({ key: 'focus', t: focusStep });
    highlights.selectAll('rect').data(marks, (d) => d.key).join('rect')
      .attr('class', (d) => `distribution-highlight ${d.key}`)
      .attr('x', (d) => d.t * column + 2).attr('width', column - 4).attr('y', 0).attr('height', height).attr('rx', 8);

    const columns = columnsLayer.selectAll('g.distribution-step').data(steps, (d) => d.t).join((enter) => {
      const g = enter.append('g').attr('class', 'distribution-step');
      g.append('text').attr('class', 'distribution-step-number');
      g.append('text').attr('class', 'distribution-step-reads');
      g.append('g').attr('class', 'rows');
      g.append('rect').attr('class', 'distribution-hit')
        .on('pointerenter', (event, d) => redraws.frame()?.actions.focusStep(d.t))
        .on('pointerleave', () => redraws.frame()?.actions.focusStep(null));
      return g;
    });
    columns.attr('transform', (d) => `translate(${d.t * column},0)`)
      .attr('data-step', (d) => d.t)
      .classed('pending', (d) => !d.computed)
      .classed('current', (d) => d.t === progress.current);
    columns.select('.distribution-step-number').attr('x', 8).attr('y', 13).call(setText, (d) => `step ${d.t + 1}`);
    columns.select('.distribution-step-reads').attr('x', 8).attr('y', 26)
      .call(setText, (d) => `after ${pitchName(vocabulary[d.input]?.pitch ?? -1)}`);
    columns.select('.distribution-hit').attr('width', column).attr('height', height);

    columns.each(function (d) {
      const rows = order.map((token) => ({
        token,
        p: d.computed ? snapshot.probabilities[d.t * V + token] : 0,
        target: token === d.target,
        guess: d.computed && token === d.guess && token !== d.target,
      }));
      const row = d3.select(this).select('.rows').selectAll('g.distribution-row').data(rows, (r) => r.token).join((enter) => {
        const g = enter.append('g').attr('class', 'distribution-row');
        g.append('rect').attr('class', 'track');
        g.append('rect').attr('class', 'bar');
        g.append('text').attr('class', 'marker');
        return g;
      });
      row.attr('transform', (r) => `translate(8,${HEADER_HEIGHT + rowOf.get(r.token) * rowHeight})`)
        .attr('data-token', (r) => r.token)
        .classed('target', (r) => r.target)
        .classed('guess', (r) => r.guess);
      const barHeight = Math.max(1, rowHeight - 3);
      row.select('.track').attr('y', 1).attr('width', barSpace).attr('height', barHeight);
      row.select('.bar').attr('y', 1).attr('width', (r) => Math.max(0, r.p * barSpace)).attr('height', barHeight);
      row.select('.marker').attr('x', (r) => Math.max(0, r.p * barSpace) + 4).attr('y', rowHeight / 2 + 3)
        .call(setText, (r) => (r.target && d.computed ? formatNumber(r.p, 2) : ''));
    });

    const described = steps.filter((d) => d.computed).map((d) =>
      `step ${d.t + 1}: ${vocabulary[d.target].text} ${formatNumber(snapshot.probabilities[d.t * V + d.target])}`);
    svgTitle.call(setText, described.length
      ? `Probability of the true next note — ${described.join('; ')}.`
      : 'No step computed yet in this window.');

    // Keep the current step in view when the table scrolls sideways (from known sizes: no layout read).
    if (progress.current !== null && scrolls) {
      const x = progress.current * column;
      if (x < scrollLeft || x + column > scrollLeft + visible) scroller.node().scrollLeft = Math.max(0, x - column);
    }
  }

  return {
    update: redraws.update,
    destroy() {
      redraws.disconnect();
      root.remove();
    },
  };
}
