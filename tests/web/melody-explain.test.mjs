// The melody page's words (web/src/melody/explain.js, numbers.js, settings.js), checked on snapshots
// built by hand in the shapes the engine gives (bindings/README.md, "Melodies"): a trained network's
// small loss and gradients keep their significant digits instead of reading "0.00", the grammar follows
// the count (one guess, a window of one step), the backward sentence names the two parts of the
// gradient without subtracting sizes, a diverged run shows nothing computed, and a link's ignored
// settings are named by their labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainMelody, windowProgress } from '../../web/src/melody/explain.js';
import { countOf, formatProse, formatSmall } from '../../web/src/melody/numbers.js';
import { melodySchema } from '../../web/src/melody/settings.js';
import { labelIgnored } from '../../web/src/store.js';

// Three notes: C4 quarter (token 0), D4 quarter (1), E4 half (2).
const VOCABULARY = [
  { token: 0, pitch: 60, duration: 4, text: 'C4/4' },
  { token: 1, pitch: 62, duration: 4, text: 'D4/4' },
  { token: 2, pitch: 64, duration: 8, text: 'E4/2' },
];
const SHAPE = { vocabularySize: 3, hidden: 2 };
const SETTINGS = { optimizer: 'adam', gradientClip: 5 };

/** A snapshot of a window of `steps` steps after `phase`, every per-step number set to `value`. */
function snapshotOf({ steps = 3, phase = 'update', phaseStep = -1, value = 0.5, ...fields } = {}) {
  const probabilities = new Float32Array(steps * 3);
  for (let t = 0; t < steps; t += 1) probabilities.set([0.1, 0.2, 0.7], t * 3);
  return {
    phase,
    phaseStep,
    steps,
    window: 0,
    windowsPerEpoch: 1,
    windowStart: 0,
    epoch: 0,
    updates: phase === 'update' ? 1 : 0,
    diverged: false,
    message: '',
    inputs: Int32Array.from({ length: steps }, (_, t) => t % 3),
    targets: Int32Array.from({ length: steps }, (_, t) => (t + 1) % 3),
    initialHidden: new Float32Array(2),
    hidden: new Float32Array(steps * 2).fill(0.3),
    probabilities,
    stepLosses: new Float32Array(steps).fill(value),
    hiddenGradientNorms: new Float32Array(steps).fill(value),
    recurrentGradientNorms: new Float32Array(steps).fill(value / 4),
    windowLoss: value,
    gradientNorm: value,
    clipped: false,
    trainLoss: value,
    trainAccuracy: 1,
    ...fields,
  };
}

const explainOf = (snapshot, melody = { pitches: [60, 62, 64, 60] }) =>
  explainMelody({ snapshot, shape: SHAPE, vocabulary: VOCABULARY, settings: SETTINGS, melody });
const words = (snapshot, melody) => explainOf(snapshot, melody).sentences.join(' ');

test('formatSmall keeps two significant digits of a number that its decimals would round to zero', () => {
  assert.equal(formatSmall(0.0012, 2), '0.0012');
  assert.equal(formatSmall(0.00048), '0.00048');
  assert.equal(formatSmall(-0.00048), '−0.00048');
  assert.equal(formatSmall(4.8e-8), '4.8e−8');
  assert.equal(formatSmall(0.25), '0.250', 'a number its decimals show is written as format.js writes it');
  assert.equal(formatSmall(0.0096, 2), '0.01');
  assert.equal(formatSmall(0, 2), '0.00', 'exactly zero stays zero');
  assert.equal(formatSmall(Number.NaN), '—');
  assert.equal(formatProse(0.0012), '0.0012');
  assert.equal(formatProse(2.163), '2.16');
});

test('countOf writes one thing in the singular and thousands with separators', () => {
  assert.equal(countOf(1, 'guess', 'guesses'), '1 guess');
  assert.equal(countOf(41, 'guess', 'guesses'), '41 guesses');
  assert.equal(countOf(1800, 'update'), '1,800 updates');
});

test('a trained network’s update names its small gradient and loss, not 0.00', () => {
  const text = words(snapshotOf({ phase: 'update', value: 0.0012 }));
  assert.match(text, /size 0\.0012\)/, text);
  assert.match(text, /the loss is now 0\.0012,/, text);
  assert.doesNotMatch(text, /0\.00\b/, text);
});

test('a small loss and a small gradient read back through time keep their digits', () => {
  const loss = words(snapshotOf({ phase: 'loss', value: 0.00031 }));
  assert.match(loss, /mean loss is 0\.00031;/, loss);
  const backward = words(snapshotOf({ phase: 'backward', phaseStep: 1, value: 0.004 }));
  assert.match(backward, /with size 0\.0040\./, backward);
  assert.match(backward, /\(size 0\.0010\)/, backward);
});

test('back through time, the gradient’s two parts are named, not the rest of a subtraction', () => {
  const text = words(snapshotOf({ phase: 'backward', phaseStep: 0, value: 0.2 }));
  assert.match(text, /this step’s hidden state with size 0\.20\./, text);
  assert.match(text, /the sum of two parts: the blame for this step’s own guess, and the blame that came back from step 2 .*\(size 0\.05\)/, text);
  assert.doesNotMatch(text, /the rest/, text);
  assert.doesNotMatch(text, /'/, 'typographic apostrophes only');
});

test('a window of one step: no "1 steps", no biggest surprise among one', () => {
  const loss = words(snapshotOf({ phase: 'loss', steps: 1, value: 2.33 }));
  assert.doesNotMatch(loss, /1 steps|biggest/, loss);
  assert.match(loss, /This window has a single step, whose true next note is D4 quarter: its loss is 2\.33\./, loss);
  const backward = words(snapshotOf({ phase: 'backward', steps: 1, phaseStep: 0 }));
  assert.match(backward, /the window’s only step/, backward);
});

test('a melody of two notes makes one guess', () => {
  const text = words(snapshotOf({ phase: 'idle', steps: 1, updates: 0 }), { pitches: [60, 62] });
  assert.match(text, /2 notes make 1 guess,/, text);
  const longer = words(snapshotOf({ phase: 'idle', steps: 3, updates: 0 }), { pitches: [60, 62, 64, 60] });
  assert.match(longer, /4 notes make 3 guesses,/, longer);
});

test('a diverged run shows nothing computed and explains why it stopped', () => {
  const nan = Number.NaN;
  const snapshot = snapshotOf({
    phase: 'update', diverged: true, message: 'Training stopped: a weight became infinite.', value: nan, trainAccuracy: nan,
    hidden: new Float32Array(6).fill(nan), probabilities: new Float32Array(9).fill(nan),
  });
  assert.deepEqual(windowProgress(snapshot), { forwardSteps: 0, loss: false, backwardFrom: 3, updated: false, current: null });
  const explained = explainOf(snapshot);
  assert.equal(explained.title, 'Stopped');
  assert.deepEqual(explained.sentences, ['Training stopped: a weight became infinite.']);
  // The same phase before divergence shows the whole window computed.
  assert.equal(windowProgress({ ...snapshot, diverged: false }).forwardSteps, 3);
});

test('a link’s ignored settings are named by their labels', () => {
  const schema = melodySchema(['twinkle']);
  const labelled = labelIgnored(schema, [
    { name: 'learningRate', value: 'NaN', reason: 'must be a number' },
    { name: 'sampleSeed', value: '1e99', reason: 'must be a whole number' },
    { name: 'bogus', value: '1', reason: 'is not a setting' },
  ]);
  assert.deepEqual(labelled.map((item) => item.name), ['learning rate', 'composition seed', 'bogus']);
  assert.equal(labelled[0].value, 'NaN');
});

test('the update says how the learning rate scales the step, and a loss worse than chance is named as such', () => {
  const explainWith = (snapshot, learningRate) =>
    explainMelody({ snapshot, shape: SHAPE, vocabulary: VOCABULARY, settings: { ...SETTINGS, learningRate }, melody: { pitches: [60, 62, 64, 60] } })
      .sentences.join(' ');
  const calm = explainWith(snapshotOf({ phase: 'update', value: 0.9 }), 0.03);
  assert.match(calm, /Adam moves each weight against its gradient, by a step the learning rate \(0\.03\) scales\./, calm);
  assert.doesNotMatch(calm, /a little|worse than/, calm);
  // Three notes: an equal chance for each is a loss of ln 3 = 1.10; 14.55 is far worse.
  const wild = explainWith(snapshotOf({ phase: 'update', value: 14.55 }), 10);
  assert.match(wild, /the learning rate \(10\) scales/, wild);
  assert.match(wild, /That is worse than giving each of its 3 notes an equal chance \(a loss of 1\.10\): the network is confidently wrong, as a learning rate too large makes it\./, wild);
  // Near chance, as at the start of training, is not called worse than chance.
  assert.doesNotMatch(explainWith(snapshotOf({ phase: 'update', value: 1.2 }), 0.03), /worse than/);
});

test('a wrong guess whose chance rounds like the true note’s is not said to beat it by "only" the same percentage', () => {
  const forward = (probabilities) => words(snapshotOf({ phase: 'forward', phaseStep: 0, steps: 1, probabilities: Float32Array.from(probabilities) }));
  // Step 0 reads C4; the true next note is D4 (token 1).
  const close = forward([0.326, 0.336, 0.338]);
  assert.match(close, /most likely E4 half \(34%\), but the true next note, D4 quarter, gets a hair less \(also 34%\)\./, close);
  assert.doesNotMatch(close, /gets only 34%/, close);
  const apart = forward([0.1, 0.2, 0.7]);
  assert.match(apart, /most likely E4 half \(70%\), but the true next note, D4 quarter, gets only 20%\./, apart);
});

test('before the first step, the page says what Step will do at the chosen step size', () => {
  const idle = (step) => explainMelody({
    snapshot: snapshotOf({ phase: 'idle', updates: 0 }), shape: SHAPE, vocabulary: VOCABULARY,
    settings: { ...SETTINGS, step }, melody: { pitches: [60, 62, 64, 60] },
  }).sentences.join(' ');
  assert.match(idle('phase'), /Press Step \(→\) to read the first note\.$/);
  assert.match(idle('window'), /Press Step \(→\) to train on the first window: forward, loss, back through time and an update\.$/);
  assert.match(idle('epoch'), /Press Step \(→\) to train on the whole melody once \(an epoch\), a window at a time\.$/);
});
