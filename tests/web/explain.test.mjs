// web/src/explain.js: the words the explanation says for each phase, checked on frames built by hand
// in the shapes the engine gives (bindings/README.md): numbers that round to nothing are written with
// their significant digits, a claim about an input follows the input, and the grammar follows the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explain, stepScope } from '../../web/src/explain.js';
import { neuronName, parameterName } from '../../web/src/names.js';
import { staleLayers } from '../../web/src/progress.js';
import { changePhrase, chancePhrase } from '../../web/src/explain-words.js';

const SONG_FEATURES = ['modern', 'sad', 'piano'];
const SONGS = {
  task: 'binary',
  featureNames: SONG_FEATURES,
  classNames: ['0', '1'],
  rowNames: ['Ragtime Picnic', 'Neon Sunrise', 'Rainy Nocturne', 'Digital Tears'],
  targets: Float32Array.of(0, 1, 1, 0),
  isTest: new Uint8Array(4),
};
const POINTS = { task: 'binary', featureNames: ['x', 'y'], classNames: ['0', '1'], rowNames: [], targets: new Float32Array(20), isTest: new Uint8Array(20) };

/**
 * The shape of a network: `sizes` from the first hidden layer to the output, parameters laid out as
 * the engine lays them (each layer's weights, then its biases).
 */
function shapeOf(inputNames, sizes, { activation = 'tanh', output = 'sigmoid', outputNames = [] } = {}) {
  const layers = [];
  let parameters = 0;
  let neurons = 0;
  let inputs = inputNames.length;
  sizes.forEach((size, l) => {
    const last = l === sizes.length - 1;
    layers.push({
      inputs, neurons: size, activation: last ? output : activation, softmax: last && output === 'softmax',
      weightOffset: parameters, biasOffset: parameters + inputs * size, neuronOffset: neurons,
    });
    parameters += (inputs + 1) * size;
    neurons += size;
    inputs = size;
  });
  return { inputs: inputNames.length, inputNames, outputs: sizes.at(-1), outputNames, parameterCount: parameters, neuronCount: neurons, layers };
}

/** A snapshot of `shape` with every array zero but what `fields` sets. */
function snapshotOf(shape, fields) {
  const neurons = () => new Float32Array(shape.neuronCount);
  const parameters = () => new Float32Array(shape.parameterCount);
  return {
    phase: 'forward', phaseLayer: 0, exampleRow: 0, exampleInEpoch: 0, batchPosition: 0, updates: 0, diverged: false,
    inputs: new Float32Array(shape.inputs), target: Float32Array.of(1), weightedSums: neurons(), activations: neurons(),
    deltas: neurons(), parameters: parameters(), gradients: parameters(), lastUpdates: parameters(),
    exampleLoss: 0.5, trainLoss: 0.5,
    ...fields,
  };
}

const sentences = (frame) => explain(frame).sentences;
const text = (frame) => sentences(frame).join(' ');
const SETTINGS = { learningRate: 0.3, optimizer: 'sgd', batchSize: 1, regularization: 'none', regularizationRate: 0 };

test('a change is written with two decimals, or with its first two significant digits when smaller', () => {
  assert.equal(changePhrase(0.04), 'goes up by 0.04');
  assert.equal(changePhrase(-0.173), 'goes down by 0.17');
  assert.equal(changePhrase(0.0012), 'goes up by 0.0012');
  assert.equal(changePhrase(-0.000346), 'goes down by 0.00035');
  assert.equal(changePhrase(0.0099), 'goes up by 0.01');
  assert.equal(changePhrase(0.0049), 'goes up by 0.0049');
  assert.equal(changePhrase(0.004), 'goes up by 0.004', 'no zero after the significant digits');
});

test('only a change too small to write, or none, stays the same; a non-finite one is unreadable', () => {
  assert.equal(changePhrase(0), 'stays the same');
  assert.equal(changePhrase(-0), 'stays the same');
  assert.equal(changePhrase(3e-7), 'stays the same');
  assert.equal(changePhrase(6e-7), 'goes up by 0.000001');
  assert.equal(changePhrase(Number.NaN), 'becomes unreadable');
  assert.equal(changePhrase(Number.POSITIVE_INFINITY), 'becomes unreadable');
});

test('a chance near 0 or 1 keeps the digits that tell it from certainty', () => {
  assert.equal(chancePhrase(0.58, 'x'), 'a 0.58 chance of x');
  assert.equal(chancePhrase(0.999987, 'x'), 'a 0.999987 chance of x');
  assert.equal(chancePhrase(0.9961, 'x'), 'a 0.9961 chance of x');
  assert.equal(chancePhrase(0.0012, 'x'), 'a 0.0012 chance of x');
  assert.equal(chancePhrase(1e-9, 'x'), 'less than a 0.000001 chance of x');
  assert.equal(chancePhrase(1, 'x'), 'more than a 0.999999 chance of x', 'a sigmoid rounded to 1 in float32 is not certain');
});

// A trained perceptron on the songs: Rainy Nocturne (modern 0, sad 1, piano 1) is liked, and the
// network is all but sure of it.
const SURE = shapeOf(SONG_FEATURES, [1], { output: 'sigmoid' });
const sureSnapshot = (fields) => snapshotOf(SURE, {
  exampleRow: 2, inputs: Float32Array.of(0, 1, 1), target: Float32Array.of(1),
  weightedSums: Float32Array.of(11.25), activations: Float32Array.of(0.999987),
  deltas: Float32Array.of(-0.000013), gradients: Float32Array.of(0, -0.000013, -0.000013, -0.000013),
  exampleLoss: 0.000013, trainLoss: 0.0031,
  ...fields,
});

test('a confident, right guess: its chance, loss and gradient are not rounded to 1.00 and 0.00', () => {
  const loss = text({ snapshot: sureSnapshot({ phase: 'loss', phaseLayer: -1 }), shape: SURE, data: SONGS, settings: SETTINGS });
  assert.match(loss, /a 0\.999987 chance of being liked/);
  assert.match(loss, /the loss is 0\.000013/);
  assert.doesNotMatch(loss, /1\.00 chance|loss is 0\.00\b/);

  const backward = text({ snapshot: sureSnapshot({ phase: 'backward', phaseLayer: 0, batchPosition: 1 }), shape: SURE, data: SONGS, settings: SETTINGS });
  assert.match(backward, /Its gradient is −0\.000013, so the sum should go up/);
  assert.doesNotMatch(backward, /gradient is 0\.00/);
});

test('blame too small to write is said so, not listed as 0.00', () => {
  const snapshot = sureSnapshot({ phase: 'backward', phaseLayer: 0, batchPosition: 1, deltas: Float32Array.of(-2e-8), gradients: Float32Array.of(0, -2e-8, -2e-8, -2e-8) });
  const backward = sentences({ snapshot, shape: SURE, data: SONGS, settings: SETTINGS });
  assert.equal(backward[0], 'Now backwards: how should the sum change to lower the loss? Its gradient is less than 0.000001 either way, so it hardly needs to change.');
  assert.equal(backward[1], 'Each weight is blamed in proportion to its input, so none gets a blame of 0.000001 or more. Since modern was 0, its weight gets no blame.');
});

test('the blame says an input was 0 only when it was, not when its gradient rounds to 0.00', () => {
  const backward = text({ snapshot: sureSnapshot({ phase: 'backward', phaseLayer: 0, batchPosition: 1 }), shape: SURE, data: SONGS, settings: SETTINGS });
  assert.match(backward, /−0\.000013 for sad, −0\.000013 for piano/);
  assert.match(backward, /Since modern was 0, its weight gets no blame\./);
  assert.doesNotMatch(backward, /sad[^.]*were 0|piano[^.]*were 0/, 'sad and piano were 1');
});

test('inputs that were 0 are listed as a list, with a verb that agrees', () => {
  const shape = shapeOf(SONG_FEATURES, [1]);
  const snapshot = snapshotOf(shape, { phase: 'backward', phaseLayer: 0, batchPosition: 1, deltas: Float32Array.of(0.5) });
  assert.match(text({ snapshot, shape, data: SONGS, settings: SETTINGS }), /Since modern, sad and piano were 0, their weights get no blame\./);

  const hidden = shapeOf(SONG_FEATURES, [4, 1], { activation: 'relu' });
  const activations = Float32Array.of(0, 0.7, 0, 0, 0);
  const gradients = new Float32Array(hidden.parameterCount);
  gradients[hidden.layers[1].weightOffset + 1] = 0.35;
  const deep = snapshotOf(hidden, { phase: 'backward', phaseLayer: 1, activations, deltas: Float32Array.of(0, 0, 0, 0, 0.5), gradients });
  assert.match(text({ snapshot: deep, shape: hidden, data: SONGS, settings: SETTINGS }),
    /0\.35 for neuron 2\. Since neurons 1, 3 and 4 were 0, their weights get no blame\./);
});

test('a hidden layer of one neuron is one neuron: "weighs", "adds", "applies"', () => {
  const shape = shapeOf(['x', 'y'], [1, 1]);
  const snapshot = snapshotOf(shape, { phase: 'forward', phaseLayer: 0, inputs: Float32Array.of(0.5, -1), activations: Float32Array.of(0.25, 0) });
  assert.match(text({ snapshot, shape, data: POINTS, settings: SETTINGS }), /Layer 1's neuron weighs the features, adds a bias and applies tanh: 0\.25\./);
});

test('a long list of values says how many it leaves out, and names activations as the settings do', () => {
  const shape = shapeOf(['x', 'y'], [8, 1], { activation: 'relu' });
  const activations = Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0);
  const snapshot = snapshotOf(shape, { phase: 'forward', phaseLayer: 0, activations });
  assert.match(text({ snapshot, shape, data: POINTS, settings: SETTINGS }),
    /Layer 1's 8 neurons each weigh the features, add a bias and apply ReLU: 0\.10, 0\.20, 0\.30, 0\.40, 0\.50, 0\.60 and 2 more\.$/);
});

test('a deeper network’s output step names its subject; softmax is said of the sums together; the outputs’ gradients say which way is which', () => {
  const shape = shapeOf(['x', 'y'], [2, 1]);
  // A hidden value keeps its significant digits too: a sigmoid's 0.004 is not 0.
  const parameters = Float32Array.of(0, 0, 0, 0, 0, 0, 0.4, 2, 0.1);
  const snapshot = snapshotOf(shape, { phase: 'forward', phaseLayer: 1, activations: Float32Array.of(0.5, 0.004, 0.308), weightedSums: Float32Array.of(0, 0, 0.308), parameters });
  assert.equal(sentences({ snapshot, shape, data: POINTS, settings: SETTINGS })[0],
    'The output multiplies each value from layer 1 by its weight and adds the bias: 0.50 × 0.40 + 0.004 × 2.00 + 0.10 = 0.31.');

  const classes = shapeOf(['x', 'y'], [3], { output: 'softmax', outputNames: ['a', 'b', 'c'] });
  const data = { ...POINTS, task: 'multiclass', classNames: ['a', 'b', 'c'] };
  const forward = snapshotOf(classes, { phase: 'forward', phaseLayer: 0, activations: Float32Array.of(0.23, 0.17, 0.6) });
  assert.equal(sentences({ snapshot: forward, shape: classes, data, settings: SETTINGS })[1],
    'The output\'s 3 neurons each weigh the features and add a bias; softmax turns their sums into chances that add up to 1: 0.23 for “a”, 0.17 for “b” and 0.60 for “c”.');
  const backward = snapshotOf(classes, { phase: 'backward', phaseLayer: 0, deltas: Float32Array.of(-0.77, 0.17, 0.6) });
  assert.equal(sentences({ snapshot: backward, shape: classes, data, settings: SETTINGS })[0],
    'Now backwards: the outputs\' gradients, −0.77 for “a”, 0.17 for “b” and 0.60 for “c”, say which way each sum should go to lower the loss: a negative one up, a positive one down.');
});

test('a negative bias is subtracted in the written sum, not added as "+ −0.17", and a sum its rounded terms miss is "≈"', () => {
  const shape = shapeOf(['a', 'b'], [1]);
  const parameters = Float32Array.of(0.5, 0.25, -0.17);
  const snapshot = snapshotOf(shape, { phase: 'forward', inputs: Float32Array.of(1, 0), parameters, weightedSums: Float32Array.of(0.33), activations: Float32Array.of(0.58) });
  assert.match(text({ snapshot, shape, data: POINTS, settings: SETTINGS }), /1 × 0\.50 \+ 0 × 0\.25 − 0\.17 = 0\.33\./);
  // The rounded numbers shown make −12.42 − 22.92 − 3.04 = −38.38, not the sum's −38.36: "≈".
  const rounded = snapshotOf(shape, { phase: 'forward', inputs: Float32Array.of(-2.2149, -3.2593), parameters: Float32Array.of(5.6213, 7.0281, -3.0410), weightedSums: Float32Array.of(-38.3557) });
  assert.match(text({ snapshot: rounded, shape, data: POINTS, settings: SETTINGS }), /−2\.21 × 5\.62 \+ −3\.26 × 7\.03 − 3\.04 ≈ −38\.36\./);
});

test('the update groups alike changes, and says so when every change is too small to write', () => {
  const shape = shapeOf(SONG_FEATURES, [1]);
  const update = (lastUpdates, fields = {}) => sentences({
    snapshot: snapshotOf(shape, { phase: 'update', phaseLayer: -1, lastUpdates, ...fields }), shape, data: SONGS, settings: SETTINGS,
  });
  assert.deepEqual(update(Float32Array.of(0, 0, -0.17, -0.17)).slice(1, 3),
    ['The piano weight goes down by 0.17, and so does the bias.', 'The modern weight stays the same, and so does the sad weight.']);
  assert.equal(update(Float32Array.of(0.12, 0.12, 0.12, 0.5))[1], 'The modern weight goes up by 0.12, and so do the sad weight and the piano weight.');
  const still = update(new Float32Array(4), { trainLoss: 1e-8 });
  assert.deepEqual(still.slice(1), ['Every change is smaller than 0.000001, too small to write.', 'Over all training rows the loss is now less than 0.000001.']);
});

test('a deeper network, even of five parameters, names only its largest change', () => {
  const shape = shapeOf(['a', 'b'], [1, 1]);
  const snapshot = snapshotOf(shape, { phase: 'update', phaseLayer: -1, lastUpdates: Float32Array.of(0.07, 0.07, 0.07, -0.01, -0.15) });
  assert.deepEqual(sentences({ snapshot, shape, data: POINTS, settings: SETTINGS }).slice(1, 2), ['The largest change: the bias of the output goes down by 0.15.']);
});

test('the step is not called small, and follows the optimizer, the mini-batch and the regularization', () => {
  const shape = shapeOf(SONG_FEATURES, [1]);
  const snapshot = snapshotOf(shape, { phase: 'update', phaseLayer: -1, lastUpdates: Float32Array.of(2.5e6, 0, 0, 1) });
  const first = (settings) => sentences({ snapshot, shape, data: SONGS, settings: { ...SETTINGS, ...settings } })[0];
  assert.equal(first({ learningRate: 10 }), 'Every weight takes a step against its gradient (learning rate 10).');
  assert.equal(first({ optimizer: 'momentum' }), 'Every weight takes a step against its gradient, carried on by its earlier steps (momentum, learning rate 0.3).');
  assert.equal(first({ optimizer: 'adam', learningRate: 0.001 }), 'Every weight takes a step against its gradient, sized by Adam from its recent gradients (learning rate 0.001).');
  assert.equal(first({ batchSize: 4, regularization: 'l2', regularizationRate: 0.01 }),
    'Every weight takes a step against its gradient averaged over the mini-batch (learning rate 0.3); L2 regularization also pulls it towards 0.');
});

test('a step of many updates says the changes shown are the last one’s', () => {
  const shape = shapeOf(SONG_FEATURES, [1]);
  const snapshot = snapshotOf(shape, { phase: 'update', phaseLayer: -1, updates: 8, lastUpdates: Float32Array.of(0.1, 0.1, 0.1, 0.1) });
  const previous = { ...snapshot, updates: 4 };
  assert.equal(sentences({ snapshot, previous, shape, data: SONGS, settings: SETTINGS })[1], 'This step made 4 updates; the changes below are the last one\'s.');
  assert.doesNotMatch(text({ snapshot, previous: { ...snapshot, updates: 7 }, shape, data: SONGS, settings: SETTINGS }), /This step made/);
});

test('in a mini-batch, the batch is named once an example, and averaged blame claims no zero input', () => {
  const shape = shapeOf(SONG_FEATURES, [2, 1], { activation: 'relu' });
  const settings = { ...SETTINGS, batchSize: 4 };
  const gradients = new Float32Array(shape.parameterCount);
  gradients[shape.layers[1].weightOffset] = 0.09;
  // The second song of the batch: one song finished (batchPosition 1), this one's gradients added in.
  const fields = { exampleRow: 1, exampleInEpoch: 1, batchPosition: 1, activations: Float32Array.of(0.4, 0, 0.5), deltas: Float32Array.of(0.1, 0.2, -0.5), gradients };
  const output = text({ snapshot: snapshotOf(shape, { phase: 'backward', phaseLayer: 1, ...fields }), shape, data: SONGS, settings });
  assert.match(output, /Averaged over the mini-batch's 2 songs so far, the weights are blamed 0\.09 for neuron 1 and 0\.00 for neuron 2\./);
  assert.doesNotMatch(output, /was 0|were 0/);
  assert.match(output, /The weights change only when the mini-batch is done: this is song 2 of 4\./);

  const hiddenStep = text({ snapshot: snapshotOf(shape, { phase: 'backward', phaseLayer: 0, ...fields, batchPosition: 2 }), shape, data: SONGS, settings });
  assert.doesNotMatch(hiddenStep, /mini-batch/, 'said once, at the start of the example’s backward pass');
});

test('the epoch’s last mini-batch is counted as it is, shorter than the others', () => {
  const shape = shapeOf(['x', 'y'], [2, 1]);
  const data = { ...POINTS, isTest: Uint8Array.from({ length: 20 }, (_, r) => (r < 9 ? 1 : 0)) }; // 11 training rows
  const backward = (exampleInEpoch, batchPosition) => sentences({
    snapshot: snapshotOf(shape, { phase: 'backward', phaseLayer: 1, exampleInEpoch, batchPosition }), shape, data, settings: { ...SETTINGS, batchSize: 4 },
  }).at(-1);
  assert.equal(backward(5, 1), 'The weights change only when the mini-batch is done: this is example 2 of 4.');
  assert.equal(backward(9, 1), 'The weights change only when the mini-batch is done: this is example 2 of 3, in the epoch\'s last, shorter mini-batch.');
  const lastAlone = { ...data, isTest: Uint8Array.from({ length: 20 }, (_, r) => (r < 11 ? 1 : 0)) }; // 9 training rows
  assert.equal(sentences({
    snapshot: snapshotOf(shape, { phase: 'backward', phaseLayer: 1, exampleInEpoch: 8, batchPosition: 0 }), shape, data: lastAlone, settings: { ...SETTINGS, batchSize: 4 },
  }).at(-1), 'The epoch\'s last mini-batch holds only this example: the weights change right after it.');
});

test('multi-class data: the outputs are named by their classes everywhere, as the loss names them', () => {
  const shape = shapeOf(['x', 'y'], [2, 3], { output: 'softmax', outputNames: ['amber', 'sky', 'green'] });
  const data = { ...POINTS, task: 'multiclass', classNames: ['amber', 'sky', 'green'] };
  assert.equal(neuronName(shape, 1, 1), 'the “sky” output');
  assert.equal(neuronName(shape, 0, 1), 'neuron 2 of layer 1');
  const output = shape.layers[1];
  assert.equal(parameterName(shape, output.weightOffset + 2 * 2 + 1).text, 'the weight from neuron 2 of layer 1 to the “green” output');
  assert.equal(parameterName(shape, output.biasOffset).text, 'the bias of the “amber” output');
  // Classes named by numbers only are said as the loss says them: "class 3".
  const numbered = shapeOf(['x', 'y'], [3], { output: 'softmax', outputNames: ['1', '3', '5'] });
  assert.equal(neuronName(numbered, 0, 1), 'the class 3 output');

  const loss = snapshotOf(shape, { phase: 'loss', target: Float32Array.of(0, 0, 1), activations: Float32Array.of(0, 0, 0.2, 0.7, 0.1) });
  assert.match(text({ snapshot: loss, shape, data, settings: SETTINGS }), /best guess for row 1 is “sky” \(0\.70\)\. It is really “green”/);
  const lastUpdates = new Float32Array(shape.parameterCount);
  lastUpdates[output.biasOffset + 2] = -0.3;
  const update = snapshotOf(shape, { phase: 'update', lastUpdates });
  assert.match(text({ snapshot: update, shape, data, settings: SETTINGS }), /The largest change: the bias of the “green” output goes down by 0\.30\./);
});

test('a weight edited in the middle of an example: the values computed before it are said to stay, until the next example', () => {
  const shape = shapeOf(['x', 'y'], [2, 1]);
  // Layer 1's sums as the weights make them: x·w + y·w + b for inputs (1, 0.5).
  const parameters = Float32Array.of(0.2, 0.4, -0.6, 0.8, 0.1, -0.1, 0.5, -0.5, 0.3);
  const inputs = Float32Array.of(1, 0.5);
  const sums = [0.2 + 0.2 + 0.1, -0.6 + 0.4 - 0.1];
  const hidden = sums.map(Math.tanh);
  const output = 0.5 * hidden[0] - 0.5 * hidden[1] + 0.3; // what the output's sum will be, before any edit
  const forward0 = snapshotOf(shape, { tick: 1, phase: 'forward', phaseLayer: 0, inputs, parameters, weightedSums: Float32Array.of(...sums, output), activations: Float32Array.of(...hidden, 0.6) });
  assert.deepEqual(staleLayers(forward0, shape), []);

  // The reader changes layer 1's first bias from 0.1 to 0.9: its sums no longer follow from the weights.
  const edited = Float32Array.from(parameters);
  edited[4] = 0.9;
  const edit = { ...forward0, tick: 2, phase: 'edit', phaseLayer: -1, parameters: edited };
  const said = sentences({ snapshot: edit, shape, data: POINTS, settings: SETTINGS, previous: forward0 });
  assert.equal(said[0], 'You changed the bias of neuron 1 of layer 1 in the middle of an example.');
  assert.match(said[1], /^Layer 1's values for row 1 were computed with the old value, and the network does not compute them again/);
  assert.equal(said[2], 'The next example uses your change from the start.');

  // The rest of the example says so at every phase: the output's forward step, the loss, the backward pass.
  const forward1 = { ...edit, tick: 3, phase: 'forward', phaseLayer: 1 };
  assert.deepEqual(staleLayers(forward1, shape), [0]);
  assert.match(text({ snapshot: forward1, shape, data: POINTS, settings: SETTINGS }), /It works from layer 1's values as they were before your change/);
  assert.match(text({ snapshot: { ...forward1, phase: 'loss', phaseLayer: -1 }, shape, data: POINTS, settings: SETTINGS }),
    /Layer 1's values were computed before your change and are not computed again in the middle of an example: this loss is worked out from them; the next example uses your change throughout/);
  assert.match(text({ snapshot: { ...forward1, phase: 'backward', phaseLayer: 1 }, shape, data: POINTS, settings: SETTINGS }), /these gradients are worked out from them/);
  // The update changes the weights under every value by design: nothing more is said.
  assert.doesNotMatch(text({ snapshot: { ...forward1, phase: 'update', phaseLayer: -1 }, shape, data: POINTS, settings: SETTINGS }), /your change/);

  // Without the edit, nothing of the kind is said; nor for a weight this example has not used yet.
  assert.doesNotMatch(text({ snapshot: { ...forward0, tick: 3, phase: 'loss', phaseLayer: -1 }, shape, data: POINTS, settings: SETTINGS }), /your change/);
  const laterWeight = Float32Array.from(parameters);
  laterWeight[8] = 2;
  const laterEdit = { ...forward0, tick: 2, phase: 'edit', phaseLayer: -1, parameters: laterWeight };
  assert.equal(text({ snapshot: laterEdit, shape, data: POINTS, settings: SETTINGS, previous: forward0 }),
    'You changed the bias of the output. Nothing computed so far for row 1 changes with it: the rest of this example uses the new value. Step on to see what it does.');
});

test('before the first step, the explanation says what Step will do at the chosen step size', () => {
  const shape = shapeOf(SONG_FEATURES, [1]);
  const ready = (data, settings) => explain({ snapshot: snapshotOf(shape, { phase: 'idle' }), shape, data, settings }).sentences.join(' ');
  assert.match(ready(SONGS, { step: 'phase' }), /Press Step to show it a song, one phase at a time\./);
  assert.match(ready(SONGS, { step: 'example' }), /Press Step to show it a song\./);
  assert.match(ready(SONGS, { step: 'batch', batchSize: 2 }), /Press Step to show it a mini-batch of two songs and update the weights once\./);
  assert.match(ready(SONGS, { step: 'batch', batchSize: 1 }), /Press Step to show it a song and update the weights\./);
  assert.match(ready(SONGS, { step: 'epoch', batchSize: 1 }), /Press Step to train on all four songs once, updating the weights after each\./);
  assert.match(ready(SONGS, { step: 'epoch', batchSize: 2 }), /all four songs once, updating the weights after every two\./);
  assert.match(ready(SONGS, { step: 'epoch', batchSize: 8 }), /all four songs once, updating the weights once, at the end\./);
  // The test rows are not trained on: an epoch is the training rows.
  const withTest = { ...POINTS, isTest: Uint8Array.from({ length: 20 }, (_, i) => Number(i >= 15)) };
  assert.match(ready(withTest, { step: 'epoch', batchSize: 5 }), /train on all 15 examples once, updating the weights after every five\./);
  assert.doesNotMatch(ready(SONGS, { step: 'epoch' }), /show it a song/);
});

test('stepScope counts the examples and updates one Step runs', () => {
  const frame = (settings) => ({ data: SONGS, settings });
  assert.deepEqual(stepScope(frame({ step: 'epoch', batchSize: 3 })), { step: 'epoch', examples: 4, updates: 2, batchSize: 3 });
  assert.deepEqual(stepScope(frame({ step: 'batch', batchSize: 3 })), { step: 'batch', examples: 3, updates: 1, batchSize: 3 });
  assert.deepEqual(stepScope(frame({ step: 'example', batchSize: 3 })), { step: 'example', examples: 1, updates: null, batchSize: 3 });
  assert.deepEqual(stepScope(frame({ step: 'example', batchSize: 1 })), { step: 'example', examples: 1, updates: 1, batchSize: 1 });
  assert.equal(stepScope(frame({})).step, 'phase');
});
