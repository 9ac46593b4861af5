// The explanation line of the melody page: the current phase named and explained with the engine's
// numbers (../explain.js), where the current window stands, and the cycle forward → loss → backward →
// update with the current stage marked. Same look as the feed-forward page's explanation.
import * as d3 from 'd3';
import { explainMelody, PHASE_TITLES } from '../explain.js';
import { formatCount } from '../../format.js';

const CYCLE = ['forward', 'loss', 'backward', 'update'];
// Numbers stand out, but not the octave digit of a note name (C4) or a subscript.
const NUMBER = /((?<![A-Za-z#\d.])[−+-]?\d+(?:\.\d+)?%?)/;

export function createMelodyExplanationView(container) {
  const root = d3.select(container).append('div').attr('class', 'view explanation-view melody-explanation');
  const header = root.append('div').attr('class', 'explanation-header');
  const badge = header.append('p').attr('class', 'phase-badge');
  const where = header.append('p').attr('class', 'explanation-where');
  const cycle = header.append('ol').attr('class', 'phase-cycle').attr('aria-label', 'The learning cycle');
  cycle.selectAll('li').data(CYCLE).join('li').attr('data-phase', (phase) => phase).text((phase) => PHASE_TITLES[phase]);
  const text = root.append('p').attr('class', 'explanation-text');

  return {
    update(frame) {
      const { snapshot } = frame;
      const { phase, title, sentences } = explainMelody(frame);
      badge.attr('data-phase', phase).classed('stopped', snapshot.diverged).text(title);
      const first = snapshot.windowStart + 1;
      const last = snapshot.windowStart + snapshot.steps + 1;
      where.text([
        `window ${snapshot.window + 1} of ${snapshot.windowsPerEpoch} (notes ${first}–${last})`,
        `epoch ${formatCount(snapshot.epoch + 1)}`,
        `${formatCount(snapshot.updates)} update${snapshot.updates === 1 ? '' : 's'}`,
      ].join(' · '));
      cycle.selectAll('li')
        .classed('current', (stage) => stage === phase)
        .attr('aria-current', (stage) => (stage === phase ? 'step' : null));
      root.attr('aria-live', frame.playing ? 'off' : 'polite');
      text.attr('data-phase', phase);
      text.selectAll('span.sentence').data(sentences).join('span').attr('class', 'sentence')
        .each(function (sentence, index) {
          const pieces = sentence.split(NUMBER).filter((piece) => piece !== '');
          if (index < sentences.length - 1) pieces.push(' '); // the space between sentences is text
          d3.select(this).selectAll('span').data(pieces).join('span')
            .attr('class', (piece) => (NUMBER.test(piece) && /\d/.test(piece) ? 'number' : null))
            .text((piece) => piece);
        });
    },
    destroy() {
      root.remove();
    },
  };
}
