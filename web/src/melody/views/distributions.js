// The predicted next-note distribution at each step of the window: one small bar chart per step, a bar
// per note of the vocabulary (highest pitch on top, like the piano roll), its length the probability
// the network gives that note. The true next note is the blue bar, marked "true"; the network's top
// guess is drawn in ink when it is wrong. Steps the forward pass has not reached are left empty.
import * as d3 from 'd3';
import { formatNumber } from '../../format.js';
import { windowProgress } from '../explain.js';
import { pitchName } from '../notes.js';

const LABEL_WIDTH = 40;
const MARKER_WIDTH = 30;
const ROW = { min: 6, max: 15 };

/** Vocabulary tokens from the highest pitch down, rests last. */
export function tokensByPitch(vocabulary) {
  return vocabulary.map((entry) => entry.token).sort((a, b) => {
    const pa = vocabulary[a].pitch;
    const pb = vocabulary[b].pitch;
    if (pa !== pb) return pb - pa;
    return vocabulary[b].duration - vocabulary[a].duration;
  });
}

export function createDistributionsView(container) {
  const root = d3.select(container).append('figure').attr('class', 'distributions-view');
  const caption = root.append('figcaption').attr('class', 'view-caption');
  caption.append('span').attr('class', 'view-caption__title').text('What it expects next');
  caption.append('span').attr('class', 'view-caption__detail').text(' — probability of each note at every step; blue is the note that really comes next');
  const grid = root.append('div').attr('class', 'distribution-grid');
  let frame = null;

  function draw(next) {
    frame = next;
    const { snapshot, shape, vocabulary } = frame;
    const V = shape.vocabularySize;
    const progress = windowProgress(snapshot);
    const order = tokensByPitch(vocabulary);
    const rowHeight = Math.max(ROW.min, Math.min(ROW.max, Math.floor(150 / V)));
    const chartHeight = V * rowHeight + 4;
    const focusStep = frame.focus?.step ?? null;

    const steps = Array.from({ length: snapshot.steps }, (_, t) => {
      const computed = t < progress.forwardSteps;
      let guess = 0;
      for (let v = 1; v < V; v += 1) if (snapshot.probabilities[t * V + v] > snapshot.probabilities[t * V + guess]) guess = v;
      return { t, computed, target: snapshot.targets[t], input: snapshot.inputs[t], guess };
    });

    const cards = grid.selectAll('div.distribution-card').data(steps, (d) => d.t).join((enter) => {
      const card = enter.append('div').attr('class', 'distribution-card');
      const header = card.append('p').attr('class', 'distribution-header');
      header.append('span').attr('class', 'distribution-step');
      header.append('span').attr('class', 'distribution-reads');
      card.append('svg').attr('class', 'distribution-svg').attr('role', 'img').append('title');
      card.on('pointerenter', (event, d) => frame?.actions.focusStep(d.t))
        .on('pointerleave', () => frame?.actions.focusStep(null));
      return card;
    });
    cards.attr('data-step', (d) => d.t)
      .classed('pending', (d) => !d.computed)
      .classed('current', (d) => d.t === progress.current)
      .classed('focused', (d) => d.t === focusStep);
    cards.select('.distribution-step').text((d) => `step ${d.t + 1}`);
    cards.select('.distribution-reads').text((d) => ` · after ${pitchName(vocabulary[d.input]?.pitch ?? -1)}`);

    cards.each(function (d) {
      const card = d3.select(this);
      const svg = card.select('svg');
      const width = Math.max(110, this.clientWidth - 2 || 130);
      const barSpace = width - LABEL_WIDTH - MARKER_WIDTH;
      svg.attr('width', width).attr('height', chartHeight).attr('viewBox', `0 0 ${width} ${chartHeight}`);
      const rows = order.map((token, r) => ({
        token,
        r,
        p: d.computed ? snapshot.probabilities[d.t * V + token] : 0,
        target: token === d.target,
        guess: d.computed && token === d.guess && token !== d.target,
      }));
      const row = svg.selectAll('g.distribution-row').data(rows, (r) => r.token).join((enter) => {
        const g = enter.append('g').attr('class', 'distribution-row');
        g.append('text').attr('class', 'note-label');
        g.append('rect').attr('class', 'track');
        g.append('rect').attr('class', 'bar');
        g.append('text').attr('class', 'marker');
        return g;
      });
      row.attr('transform', (r) => `translate(0,${2 + r.r * rowHeight})`)
        .classed('target', (r) => r.target)
        .classed('guess', (r) => r.guess)
        .attr('data-token', (r) => r.token);
      row.select('.note-label').attr('x', LABEL_WIDTH - 5).attr('y', rowHeight / 2 + 3.5)
        .text((r) => (rowHeight >= 9 || r.target ? vocabulary[r.token].text : ''));
      row.select('.track').attr('x', LABEL_WIDTH).attr('y', 1).attr('width', barSpace).attr('height', Math.max(1, rowHeight - 2));
      row.select('.bar').attr('x', LABEL_WIDTH).attr('y', 1).attr('width', (r) => Math.max(0, r.p * barSpace))
        .attr('height', Math.max(1, rowHeight - 2));
      row.select('.marker').attr('x', LABEL_WIDTH + barSpace + 4).attr('y', rowHeight / 2 + 3.5)
        .text((r) => (r.target ? (d.computed ? formatNumber(r.p, 2) : 'true') : ''));
      const top = vocabulary[d.guess];
      svg.select('title').text(d.computed
        ? `Step ${d.t + 1}: the true next note ${vocabulary[d.target].text} gets p ${formatNumber(snapshot.probabilities[d.t * V + d.target])}; ` +
          `the top guess is ${top.text} (p ${formatNumber(snapshot.probabilities[d.t * V + d.guess])}).`
        : `Step ${d.t + 1}: not computed yet.`);
    });
  }

  return {
    update(next) {
      draw(next);
    },
    destroy() {
      root.remove();
      frame = null;
    },
  };
}
