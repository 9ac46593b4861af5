// The explanation line: the current phase named and explained with the real numbers (explain.js),
// where the current example stands, and the cycle forward → loss → backward → update with the
// current stage marked. When Step runs more than one phase (a step of an example, a mini-batch or an
// epoch), each stage says how many times one Step runs it: "Forward ×4 → … → Update ×4".
import * as d3 from 'd3';
import { explain, stepScope } from '../explain.js';
import { exampleName } from '../names.js';
import { formatCount } from '../format.js';
import { setAttribute, setClass, setText, writeDue } from './writes.js';

const CYCLE = ['forward', 'loss', 'backward', 'update'];
const CYCLE_LABELS = { forward: 'Forward', loss: 'Loss', backward: 'Backward', update: 'Update' };
// Computed numbers (decimals, "2.74e+36", percentages) stand out; counts such as "layer 1" do not.
/** A stage's label with how often one Step runs it: "Forward ×4", "Update", "Update (end of batch)". */
function stageLabel(stage, { step, examples, updates }) {
  const label = CYCLE_LABELS[stage];
  if (step === 'phase') return label;
  const times = stage === 'update' ? updates : examples;
  if (times === null) return `${label} (end of batch)`;
  return times === 1 ? label : `${label} ×${formatCount(times)}`;
}

const NUMBER = /([−+-]?\d+\.\d+(?:e[+-]\d+)?%?|\d+%)/;

export function createExplanationView(container) {
  const root = d3.select(container).append('div').attr('class', 'view explanation-view');
  const header = root.append('div').attr('class', 'explanation-header');
  const badge = header.append('p').attr('class', 'phase-badge');
  const where = header.append('p').attr('class', 'explanation-where');
  const cycle = header.append('ol').attr('class', 'phase-cycle').attr('aria-label', 'The learning cycle');
  const stages = cycle.selectAll('li').data(CYCLE).join('li').attr('data-phase', (phase) => phase).nodes();
  const text = root.append('p').attr('class', 'explanation-text');

  return {
    update(frame) {
      // While playing, the whole explanation is rewritten at once, five times a second (writes.js): its
      // sentences and numbers stay from one frame, and it costs one layout of its paragraph, not sixty.
      if (!writeDue(root.node())) return;
      const { snapshot, data, shape } = frame;
      const { phase, title, sentences } = explain(frame);
      setAttribute(badge.node(), 'data-phase', phase);
      setClass(badge.node(), 'stopped', snapshot.diverged);
      setText(badge.node(), title, false);
      const parts = [];
      if (snapshot.phase !== 'idle' && snapshot.phase !== 'edit') parts.push(exampleName(data, snapshot.exampleRow));
      parts.push(`epoch ${formatCount(snapshot.epoch + 1)}`);
      parts.push(`${formatCount(snapshot.updates)} update${snapshot.updates === 1 ? '' : 's'}`);
      if (shape.layers.length > 1 && (phase === 'forward' || phase === 'backward') && snapshot.phaseLayer >= 0) {
        parts.splice(1, 0, snapshot.phaseLayer === shape.layers.length - 1 ? 'output layer' : `layer ${snapshot.phaseLayer + 1}`);
      }
      setText(where.node(), parts.join(' · '), false);
      const scope = stepScope(frame);
      setAttribute(cycle.node(), 'data-step', scope.step);
      setAttribute(cycle.node(), 'aria-label', scope.step === 'phase' ? 'The learning cycle' : 'The learning cycle, as one Step runs it');
      CYCLE.forEach((stage, i) => {
        setText(stages[i], stageLabel(stage, scope), false);
        setClass(stages[i], 'current', stage === phase);
        setAttribute(stages[i], 'aria-current', stage === phase ? 'step' : null);
      });

      // Announce changes to screen readers only when the reader steps (not 60 times a second).
      setAttribute(root.node(), 'aria-live', frame.playing ? 'off' : 'polite');
      const sentenceJoin = text.selectAll('span.sentence').data(sentences)
        .join((enter) => enter.append('span').attr('class', 'sentence'));
      sentenceJoin.each(function (sentence, index) {
        // Numbers stand out; everything is inserted as text, never as markup.
        const pieces = sentence.split(NUMBER).filter((piece) => piece !== '');
        if (index < sentences.length - 1) pieces.push(' ');
        d3.select(this).selectAll('span').data(pieces).join('span')
          .each(function (piece) {
            setAttribute(this, 'class', NUMBER.test(piece) ? 'number' : null);
            setText(this, piece, false);
          });
      });
    },
    destroy() {
      root.remove();
    },
  };
}
