// What a melody snapshot means, in plain language: pure functions from the engine's numbers to words
// (the recurrent counterpart of web/src/explain.js). Nothing here touches the page.
//
//   explainMelody({ snapshot, shape, vocabulary, settings }) → { phase, title, sentences: string[] }
import { formatCount, formatPercent } from '../format.js';
import { noteWords } from './notes.js';
import { countOf, formatProse as prose } from './numbers.js';

export const PHASE_TITLES = {
  idle: 'Ready',
  forward: 'Forward in time',
  loss: 'Loss',
  backward: 'Back through time',
  update: 'Update',
  edit: 'Your change',
};

const OPTIMIZER_NAMES = { sgd: 'Gradient descent', momentum: 'Momentum', adam: 'Adam' };

/** What the first Step does, at each step size. */
const STEP_INVITATIONS = {
  phase: 'to read the first note',
  window: 'to train on the first window: forward, loss, back through time and an update',
  epoch: 'to train on the whole melody once (an epoch), a window at a time',
};

/** "E4 quarter": the note a vocabulary token stands for. */
export function tokenWords(vocabulary, token) {
  const entry = vocabulary[token];
  return entry ? noteWords(entry.pitch, entry.duration) : `note ${token}`;
}

/** The most likely token at step t and its probability. */
export function topGuess(snapshot, vocabularySize, step) {
  let best = 0;
  const row = step * vocabularySize;
  for (let v = 1; v < vocabularySize; v += 1) if (snapshot.probabilities[row + v] > snapshot.probabilities[row + best]) best = v;
  return { token: best, probability: snapshot.probabilities[row + best] };
}

/** p(true next note) at step t. */
export function targetProbability(snapshot, vocabularySize, step) {
  return snapshot.probabilities[step * vocabularySize + snapshot.targets[step]];
}

/**
 * How far the current window has gone, from the phase of the last tick: forwardSteps — steps whose
 * hidden state and guess are computed (0 … T); loss — the losses are known; backwardFrom — the
 * earliest step whose gradient is known (T when none); updated — the weights just changed.
 * A diverged run shows nothing computed: its numbers are NaN or infinite, not values to draw or play.
 */
export function windowProgress(snapshot) {
  const steps = snapshot.steps;
  if (snapshot.diverged) return { forwardSteps: 0, loss: false, backwardFrom: steps, updated: false, current: null };
  switch (snapshot.phase) {
    case 'forward':
      return { forwardSteps: snapshot.phaseStep + 1, loss: false, backwardFrom: steps, updated: false, current: snapshot.phaseStep };
    case 'loss':
      return { forwardSteps: steps, loss: true, backwardFrom: steps, updated: false, current: null };
    case 'backward':
      return { forwardSteps: steps, loss: true, backwardFrom: snapshot.phaseStep, updated: false, current: snapshot.phaseStep };
    case 'update':
      return { forwardSteps: steps, loss: true, backwardFrom: 0, updated: true, current: null };
    default:
      return { forwardSteps: 0, loss: false, backwardFrom: steps, updated: false, current: null };
  }
}

function forwardSentences({ snapshot, shape, vocabulary }) {
  const t = snapshot.phaseStep;
  const V = shape.vocabularySize;
  const guess = topGuess(snapshot, V, t);
  const truth = snapshot.targets[t];
  const memory = t > 0
    ? `its memory of the notes before (the hidden state of step ${t})`
    : snapshot.windowStart === 0 ? 'an empty memory (the melody has just begun)' : 'the memory carried in from the previous window';
  const sentences = [
    `Step ${t + 1} of ${snapshot.steps}: the network reads ${tokenWords(vocabulary, snapshot.inputs[t])} and mixes it with ${memory} into a new hidden state.`,
  ];
  if (guess.token === truth) {
    sentences.push(`From that state it guesses the next note: ${tokenWords(vocabulary, truth)}, with ${formatPercent(guess.probability)} — and that is right.`);
  } else {
    const guessed = formatPercent(guess.probability);
    const given = formatPercent(targetProbability(snapshot, V, t));
    // An untrained network gives every note about the same chance: "13%, but … gets only 13%" would jar.
    const truthGets = given === guessed ? `gets a hair less (also ${given})` : `gets only ${given}`;
    sentences.push(`From that state it guesses the next note: most likely ${tokenWords(vocabulary, guess.token)} (${guessed}), ` +
      `but the true next note, ${tokenWords(vocabulary, truth)}, ${truthGets}.`);
  }
  return sentences;
}

function lossSentences({ snapshot, vocabulary }) {
  let worst = 0;
  for (let t = 1; t < snapshot.steps; t += 1) if (snapshot.stepLosses[t] > snapshot.stepLosses[worst]) worst = t;
  const charge = 'At every step the network is charged −ln p of the true next note: little when it expected that note, a lot when it was surprised.';
  if (snapshot.steps === 1) {
    return [charge, `This window has a single step, whose true next note is ${tokenWords(vocabulary, snapshot.targets[0])}: its loss is ${prose(snapshot.windowLoss)}.`];
  }
  return [
    charge,
    `Over the ${snapshot.steps} steps of this window the mean loss is ${prose(snapshot.windowLoss)}; the biggest surprise was at step ${worst + 1} ` +
      `(${tokenWords(vocabulary, snapshot.targets[worst])}, loss ${prose(snapshot.stepLosses[worst])}).`,
  ];
}

function backwardSentences({ snapshot }) {
  const t = snapshot.phaseStep;
  const total = snapshot.hiddenGradientNorms[t];
  const sentences = [`Back through time, step ${t + 1}: the blame for the loss reaches this step’s hidden state with size ${prose(total)}.`];
  if (t === snapshot.steps - 1) {
    sentences.push(snapshot.steps === 1
      ? 'It is the window’s only step, so all of it comes from this step’s own guess.'
      : 'It is the last step of the window, so all of it comes from this step’s own guess.');
  } else {
    const carried = snapshot.recurrentGradientNorms[t];
    const later = snapshot.hiddenGradientNorms[t + 1];
    const ratio = later > 0 ? carried / later : 0;
    // Two vectors add up, not their sizes: the two parts are named, neither is "the rest" of the total.
    sentences.push(`It is the sum of two parts: the blame for this step’s own guess, and the blame that came back from step ${t + 2} ` +
      `through the recurrent weights (size ${prose(carried)}).`);
    if (later > 0) {
      sentences.push(ratio < 1
        ? `Crossing one step back, the gradient shrank to ${formatPercent(ratio)} of its size: far-away notes get little blame.`
        : `Crossing one step back, the gradient grew to ${formatPercent(ratio)} of its size.`);
    }
  }
  return sentences;
}

/**
 * A melody loss this many times that of guessing every note equally likely (ln V) is not noise near the
 * start of training but a network confidently wrong: what a learning rate too large does.
 */
const WORSE_THAN_CHANCE = 1.25;

function updateSentences({ snapshot, shape, settings }) {
  const clip = settings.gradientClip;
  const clipped = snapshot.clipped ? `, clipped to ${prose(clip)}` : '';
  const sentences = [
    snapshot.steps === 1
      ? `This window has a single step; the gradient of its weights has size ${prose(snapshot.gradientNorm)}${clipped}.`
      : `The same weights were used at every step, so their gradients from all ${snapshot.steps} steps add up (size ${prose(snapshot.gradientNorm)}${clipped}).`,
    // Not "a little": at a learning rate of 10 a weight moves by more than a hundred.
    `${OPTIMIZER_NAMES[settings.optimizer] ?? settings.optimizer} moves each weight against its gradient, by a step the learning rate (${settings.learningRate}) scales.`,
    `Over the whole melody the loss is now ${prose(snapshot.trainLoss)}, and the network guesses ${formatPercent(snapshot.trainAccuracy)} of the next notes right.`,
  ];
  const V = shape.vocabularySize;
  const chance = Math.log(V);
  if (V > 1 && snapshot.trainLoss > WORSE_THAN_CHANCE * chance) {
    sentences.push(`That is worse than giving each of its ${V} notes an equal chance (a loss of ${prose(chance)}): ` +
      'the network is confidently wrong, as a learning rate too large makes it.');
  }
  return sentences;
}

/** The phase's title and a few plain sentences with the engine's numbers. */
export function explainMelody(frame) {
  const { snapshot } = frame;
  const phase = snapshot.phase;
  if (snapshot.diverged) {
    return { phase, title: 'Stopped', sentences: [snapshot.message || 'A number grew too large, so training stopped. Press Reset.'] };
  }
  switch (phase) {
    case 'forward':
      return { phase, title: PHASE_TITLES.forward, sentences: forwardSentences(frame) };
    case 'loss':
      return { phase, title: PHASE_TITLES.loss, sentences: lossSentences(frame) };
    case 'backward':
      return { phase, title: PHASE_TITLES.backward, sentences: backwardSentences(frame) };
    case 'update':
      return { phase, title: PHASE_TITLES.update, sentences: updateSentences(frame) };
    case 'edit':
      return { phase, title: PHASE_TITLES.edit, sentences: ['Your change is in place; the next step uses it. Step back to undo it.'] };
    default: {
      const notes = frame.melody?.pitches.length ?? snapshot.steps + 1;
      return {
        phase,
        title: snapshot.updates > 0 ? PHASE_TITLES.update : PHASE_TITLES.idle,
        sentences: [
          `The network reads the melody one note at a time and, at every note, guesses the next one: ${formatCount(notes)} notes make ${countOf(notes - 1, 'guess', 'guesses')},`,
          `taken ${snapshot.steps} at a time (a window). Press Step (→) ${STEP_INVITATIONS[frame.settings?.step] ?? STEP_INVITATIONS.phase}.`,
        ],
      };
    }
  }
}
