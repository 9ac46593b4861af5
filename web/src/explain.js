// What a snapshot means, in plain language: pure functions from the engine's numbers to words, for a
// reader who has never heard of backpropagation. Nothing here touches the page.
//
//   explain({ snapshot, shape, data, settings, previous?, playing? }) → { phase, title, sentences: string[] }
//   (previous: the snapshot drawn before, to count the updates a step made)
//
// Numbers and lists are written as explain-words.js writes them; things are named as names.js names
// them, from the data (feature, row and class names): plain strings, to be shown as text, never as
// markup. How far an example has gone is progress.js's.
import { PROSE_DIGITS, formatCount, formatData } from './format.js';
import { className, exampleName, inputName, isSongs, layerName, parameterName, positivePhrase } from './names.js';
import { progressOf, staleLayers } from './progress.js';
import {
  FINEST, belowFinest, chancePhrase, chanceText, changePhrase, listText, lossText, prose, proseFine, sumText, valueList,
} from './explain-words.js';

/** Human titles of the engine's phases. */
export const PHASE_TITLES = {
  idle: 'Ready',
  forward: 'Forward pass',
  loss: 'Loss',
  backward: 'Backward pass',
  update: 'Update',
  edit: 'Your change',
};

/** "The listener likes it." / "Its true label is “no”." */
function truthSentence(data, target) {
  if (data.task === 'regression') return `The true value is ${prose(target)}.`;
  if (isSongs(data)) return target >= 0.5 ? 'The listener likes it' : 'The listener dislikes it';
  return `It is really ${className(data, target >= 0.5 ? 1 : 0)}`;
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Activations as the settings panel names them. */
const ACTIVATION_NAMES = { tanh: 'tanh', sigmoid: 'the sigmoid', relu: 'ReLU', linear: 'linear' };
const activationName = (activation) => ACTIVATION_NAMES[activation] ?? activation;

/**
 * "Layer 1's 3 neurons each weigh the features, add a bias and apply tanh" (one neuron: "Layer 1's
 * neuron weighs …"); softmax works on the layer's sums together, so it is said after them.
 */
function layerSentence(shape, layerIndex) {
  const layer = shape.layers[layerIndex];
  const source = layerIndex === 0 ? 'the features' : 'the layer below';
  const layerTitle = capitalise(layerName(shape, layerIndex));
  if (layer.softmax) return `${layerTitle}'s ${layer.neurons} neurons each weigh ${source} and add a bias; softmax turns their sums into chances that add up to 1`;
  const one = layer.neurons === 1;
  const apply = layer.activation === 'linear'
    ? `${one ? 'passes' : 'pass'} the sum on unchanged (linear)`
    : `${one ? 'applies' : 'apply'} ${activationName(layer.activation)}`;
  const subject = one ? `${layerTitle}'s neuron weighs` : `${layerTitle}'s ${layer.neurons} neurons each weigh`;
  return `${subject} ${source}, ${one ? 'adds' : 'add'} a bias and ${apply}`;
}

function forwardSentences({ snapshot, shape, data }, layerIndex) {
  const layer = shape.layers[layerIndex];
  const name = exampleName(data, snapshot.exampleRow);
  const sentences = [];
  if (layerIndex === 0) {
    const described = shape.inputNames.map((input, i) => `${input} = ${formatData(snapshot.inputs[i], PROSE_DIGITS)}`);
    sentences.push(`The network looks at ${name}: ${described.join(', ')}.`);
  }
  const isOutput = layerIndex === shape.layers.length - 1;
  if (isOutput && layer.neurons === 1) {
    const neuron = layer.neuronOffset;
    const z = snapshot.weightedSums[neuron];
    const a = snapshot.activations[neuron];
    // After "The network looks at …", "It" is the network; a deeper network's output step stands alone.
    const subject = layerIndex === 0 ? 'It' : 'The output';
    if (layer.inputs <= 4) {
      const inputs = Array.from({ length: layer.inputs }, (_, i) => (layerIndex === 0
        ? formatData(snapshot.inputs[i], PROSE_DIGITS)
        : proseFine(snapshot.activations[shape.layers[layerIndex - 1].neuronOffset + i])));
      const weights = inputs.map((_, i) => proseFine(snapshot.parameters[layer.weightOffset + i]));
      sentences.push(`${subject} multiplies each ${layerIndex === 0 ? 'feature' : `value from layer ${layerIndex}`} by its weight and adds the bias: ` +
        `${sumText(inputs, weights, prose(snapshot.parameters[layer.biasOffset]), prose(z))}.`);
    } else {
      sentences.push(`${subject} multiplies each input by its weight and adds them up with the bias: the sum is ${prose(z)}.`);
    }
    if (data.task === 'binary' && layer.activation === 'sigmoid') {
      sentences.push(`The sigmoid squashes ${prose(z)} into ${chancePhrase(a, positivePhrase(data))}.`);
    } else if (layer.activation === 'linear') {
      sentences.push(`The output is linear: the prediction is the sum itself, ${prose(a)}.`);
    } else {
      sentences.push(`${capitalise(activationName(layer.activation))} turns ${prose(z)} into the prediction ${prose(a)}.`);
    }
  } else if (isOutput && data.task === 'multiclass') {
    const chances = Array.from({ length: layer.neurons }, (_, k) => `${chanceText(snapshot.activations[layer.neuronOffset + k])} for ${className(data, k)}`);
    sentences.push(`${layerSentence(shape, layerIndex)}: ${listText(chances)}.`);
  } else {
    const values = Array.from({ length: layer.neurons }, (_, o) => snapshot.activations[layer.neuronOffset + o]);
    sentences.push(`${layerSentence(shape, layerIndex)}: ${valueList(values)}.`);
  }
  const stale = staleLayers(snapshot, shape);
  if (stale.length > 0) {
    sentences.push(`It works from ${valuesOf(shape, stale)} as they were before your change: they are not computed again in the middle of an example (the next example uses your change throughout).`);
  }
  return sentences;
}

/** "layer 1's values", "the values of layer 1 and the output". */
function valuesOf(shape, layers) {
  return layers.length === 1 ? `${layerName(shape, layers[0])}'s values` : `the values of ${listText(layers.map((l) => layerName(shape, l)))}`;
}

/**
 * After an edit in the middle of an example, in its loss and backward phases: what was computed before
 * the change stays, and `what` (this loss, these gradients) is worked out from it.
 */
function staleSentence(shape, stale, what) {
  return `${capitalise(valuesOf(shape, stale))} were computed before your change and are not computed again in the middle of an example: ${what} worked out from them; the next example uses your change throughout.`;
}

function lossSentences(frame) {
  const sentences = lossOnlySentences(frame);
  const stale = staleLayers(frame.snapshot, frame.shape);
  if (stale.length > 0) sentences.push(staleSentence(frame.shape, stale, 'this loss is'));
  return sentences;
}

function lossOnlySentences({ snapshot, shape, data }) {
  const output = shape.layers[shape.layers.length - 1];
  const name = exampleName(data, snapshot.exampleRow);
  const prediction = snapshot.activations[output.neuronOffset];
  const target = snapshot.target[0];
  const loss = lossText(snapshot.exampleLoss);
  if (data.task === 'binary') {
    const right = (prediction >= 0.5) === (target >= 0.5);
    const sentences = [
      `The network gives ${name} ${chancePhrase(prediction, positivePhrase(data))}.`,
      `${truthSentence(data, target)}, so the loss is ${loss}.`,
    ];
    sentences.push(right
      ? 'The guess leans the right way; the loss measures how far it still is from certain.'
      : 'The guess leans the wrong way, and the more confident a wrong guess, the larger the loss.');
    return sentences;
  }
  if (data.task === 'regression') {
    return [`The network predicts ${prose(prediction)} for ${name}. ${truthSentence(data, target)} The loss is ${loss}.`];
  }
  const predicted = Array.from({ length: output.neurons }, (_, k) => snapshot.activations[output.neuronOffset + k]);
  const best = predicted.indexOf(Math.max(...predicted));
  const truth = Math.round(Array.from(snapshot.target).indexOf(1));
  return [
    `The network's best guess for ${name} is ${className(data, best)} (${chanceText(predicted[best])}).`,
    `It is really ${className(data, truth)}, so the loss is ${loss}.`,
  ];
}

const exampleWord = (data, count) => (isSongs(data) ? (count === 1 ? 'song' : 'songs') : (count === 1 ? 'example' : 'examples'));

/**
 * How many examples the snapshot's gradients are the mean of, in the backward phase of `layerIndex`:
 * the engine counts an example into its mini-batch (batchPosition) when its backward pass reaches
 * layer 0, but adds its gradients in from the first backward tick on.
 */
function examplesInGradients(snapshot, layerIndex) {
  const finished = snapshot.batchPosition ?? 0;
  return layerIndex > 0 ? finished + 1 : finished;
}

/** The rows one epoch trains on: the mini-batches are cut from these, the last one maybe shorter. */
function trainingRows(data) {
  return data.isTest ? Array.from(data.isTest).filter((flag) => !flag).length : data.targets?.length ?? Infinity;
}

/**
 * "The weights change only when the mini-batch is done: this is song 2 of 4." The mini-batches are
 * cut from each epoch's start, so the epoch's last one may be shorter.
 */
function batchSentence({ snapshot, data, settings }, layerIndex) {
  const batchSize = settings?.batchSize ?? 1;
  const position = Math.max(1, examplesInGradients(snapshot, layerIndex));
  const batchStart = (snapshot.exampleInEpoch ?? 0) - (position - 1);
  const size = Math.max(position, Math.min(batchSize, trainingRows(data) - batchStart));
  const example = exampleWord(data, 1);
  if (size === 1) return `The epoch's last mini-batch holds only this ${example}: the weights change right after it.`;
  const shorter = size < batchSize ? ', in the epoch\'s last, shorter mini-batch' : '';
  return `The weights change only when the mini-batch is done: this is ${example} ${position} of ${size}${shorter}.`;
}

/** The gradient of the output's sum, and which way the sum should go. */
function outputGradientSentence(delta) {
  const question = 'Now backwards: how should the sum change to lower the loss?';
  if (belowFinest(delta)) {
    return `${question} Its gradient is less than ${FINEST} either way, so it hardly needs to change.`;
  }
  return `${question} Its gradient is ${proseFine(delta)}, so the sum should go ${delta > 0 ? 'down' : 'up'}.`;
}

/**
 * The blame of the output's weights (at most four): this example's gradients, each its input times
 * the output's gradient, so an input of exactly 0 gives its weight none; or, further into a
 * mini-batch, the mean over the batch so far, where no such rule holds.
 */
function blameSentence({ snapshot, shape, data }, layerIndex) {
  const layer = shape.layers[layerIndex];
  const gradients = Array.from({ length: layer.inputs }, (_, i) => snapshot.gradients[layer.weightOffset + i]);
  const inBatch = examplesInGradients(snapshot, layerIndex);
  const inputLabel = (i) => (layerIndex === 0 ? inputName(shape, 0, i) : `neuron ${i + 1}`);
  if (inBatch > 1) {
    const parts = gradients.map((gradient, i) => `${proseFine(gradient)} for ${inputLabel(i)}`);
    return `Averaged over the mini-batch's ${inBatch} ${exampleWord(data, inBatch)} so far, the weights are blamed ${listText(parts)}.`;
  }
  const inputs = Array.from({ length: layer.inputs }, (_, i) => (layerIndex === 0
    ? snapshot.inputs[i]
    : snapshot.activations[shape.layers[layerIndex - 1].neuronOffset + i]));
  const parts = [];
  const silent = [];
  inputs.forEach((input, i) => {
    if (input === 0) silent.push(i);
    else parts.push(`${proseFine(gradients[i])} for ${inputLabel(i)}`);
  });
  let sentence = layerIndex === 0
    ? 'Each weight is blamed in proportion to its input'
    : `Each weight is blamed in proportion to the value it carried from layer ${layerIndex}`;
  const noBlame = parts.length > 0 && gradients.every((gradient) => belowFinest(gradient));
  if (noBlame) sentence += `, so none gets a blame of ${FINEST} or more.`;
  else sentence += parts.length > 0 ? `: ${parts.join(', ')}.` : '.';
  if (silent.length > 0) {
    const names = layerIndex === 0
      ? listText(silent.map((i) => inputName(shape, 0, i)))
      : `neuron${silent.length === 1 ? '' : 's'} ${listText(silent.map((i) => String(i + 1)))}`;
    sentence += ` Since ${names} ${silent.length === 1 ? 'was 0, its weight gets' : 'were 0, their weights get'} no blame.`;
  }
  return sentence;
}

function backwardSentences(frame, layerIndex) {
  const { snapshot, shape, data, settings } = frame;
  const layer = shape.layers[layerIndex];
  const isOutput = layerIndex === shape.layers.length - 1;
  const sentences = [];
  if (isOutput && layer.neurons === 1) {
    sentences.push(outputGradientSentence(snapshot.deltas[layer.neuronOffset]));
    sentences.push(layer.inputs <= 4 ? blameSentence(frame, layerIndex) : 'Each weight is blamed in proportion to the input it multiplied.');
  } else {
    const deltas = Array.from({ length: layer.neurons }, (_, o) => snapshot.deltas[layer.neuronOffset + o]);
    const named = data.task === 'multiclass'
      ? deltas.map((delta, k) => `${proseFine(delta)} for ${className(data, k)}`)
      : deltas.map(proseFine);
    sentences.push(isOutput
      ? `Now backwards: the outputs' gradients, ${listText(named)}, say which way each sum should go to lower the loss: a negative one up, a positive one down.`
      : `${capitalise(layerName(shape, layerIndex))} gets its share of the blame through the weights above it: ${valueList(deltas)}.`);
  }
  // Once an example, as its backward pass starts: every step of it would repeat the same fact.
  if ((settings?.batchSize ?? 1) > 1 && isOutput) sentences.push(batchSentence(frame, layerIndex));
  const stale = staleLayers(snapshot, shape);
  if (stale.length > 0) sentences.push(staleSentence(shape, stale, 'these gradients are'));
  return sentences;
}

/** How each optimizer sizes a weight's step, beyond "against its gradient". */
const OPTIMIZER_WAYS = {
  momentum: ', carried on by its earlier steps',
  adam: ', sized by Adam from its recent gradients',
};

/** "Every weight takes a step against its gradient (learning rate 0.3)", as the optimizer takes it. */
function stepSentence(settings = {}) {
  const rate = settings.learningRate;
  const averaged = (settings.batchSize ?? 1) > 1 ? ' averaged over the mini-batch' : '';
  const notes = [
    settings.optimizer === 'momentum' ? 'momentum' : null,
    Number.isFinite(rate) ? `learning rate ${String(Number(rate.toPrecision(4)))}` : null,
  ].filter(Boolean);
  let sentence = `Every weight takes a step against its gradient${averaged}${OPTIMIZER_WAYS[settings.optimizer] ?? ''}`;
  if (notes.length > 0) sentence += ` (${notes.join(', ')})`;
  if (['l1', 'l2'].includes(settings.regularization) && settings.regularizationRate > 0) {
    sentence += `; ${settings.regularization.toUpperCase()} regularization also pulls it towards 0`;
  }
  return `${sentence}.`;
}

/**
 * The parameters' changes (a small network's every one), alike changes in one sentence ("The piano
 * weight goes down by 0.17, and so does the bias."), the unchanged ones last.
 */
function changeSentences(shape, changes) {
  const groups = new Map();
  for (const { delta, index } of changes) {
    const phrase = changePhrase(delta);
    if (!groups.has(phrase)) groups.set(phrase, []);
    groups.get(phrase).push(parameterName(shape, index).text);
  }
  const order = [...groups.keys()].sort((a, b) => Number(a === 'stays the same') - Number(b === 'stays the same'));
  return order.map((phrase) => {
    const [first, ...others] = groups.get(phrase);
    const alike = others.length === 0 ? '' : `, and so ${others.length === 1 ? 'does' : 'do'} ${listText(others)}`;
    return `${capitalise(first)} ${phrase}${alike}.`;
  });
}

function updateSentences({ snapshot, shape, settings, previous, playing }) {
  const sentences = [stepSentence(settings)];
  // A step of an example, a batch or an epoch (or a frame while playing) may hold many updates.
  const updatesMade = previous ? snapshot.updates - previous.updates : 1;
  if (updatesMade > 1) {
    sentences.push(playing
      ? 'The changes below are the last update\'s.'
      : `This step made ${formatCount(updatesMade)} updates; the changes below are the last one's.`);
  }
  const changes = Array.from(snapshot.lastUpdates, (delta, index) => ({ delta, index }));
  if (changes.every(({ delta }) => changePhrase(delta) === 'stays the same')) {
    sentences.push(`Every change is smaller than ${FINEST}, too small to write.`);
  } else if (shape.layers.length === 1 && changes.length <= 5) {
    // A small perceptron's every change fits in a few short sentences; a deeper network's names
    // ("the weight from a to neuron 1 of layer 1") would make even five of them a paragraph.
    sentences.push(...changeSentences(shape, changes));
  } else {
    changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    const largest = changes[0];
    sentences.push(`The largest change: ${parameterName(shape, largest.index).text} ${changePhrase(largest.delta)}.`);
  }
  if (Number.isFinite(snapshot.trainLoss)) {
    sentences.push(`Over all training rows the loss is now ${lossText(snapshot.trainLoss)}.`);
  }
  return sentences;
}

/**
 * Right after an edit. A weight or bias changed in the middle of an example (known from the step
 * before the edit, `previous`) is said to leave what the example computed so far as it was.
 */
function editSentences({ snapshot, shape, data, previous }) {
  const generic = ['You changed the network or its data by hand. Step on to see what it does with the change.'];
  const justBefore = previous && previous.tick === snapshot.tick - 1 ? previous : null;
  if (!justBefore || !['forward', 'loss', 'backward'].includes(justBefore.phase)) return generic;
  const changed = [];
  snapshot.parameters.forEach((value, index) => { if (value !== justBefore.parameters[index]) changed.push(index); });
  if (changed.length !== 1) return generic;
  const name = parameterName(shape, changed[0]).text;
  const stale = staleLayers(snapshot, shape, progressOf(justBefore, shape));
  if (stale.length === 0) {
    return [`You changed ${name}. Nothing computed so far for ${exampleName(data, snapshot.exampleRow)} changes with it: the rest of this example uses the new value. Step on to see what it does.`];
  }
  return [
    `You changed ${name} in the middle of an example.`,
    `${capitalise(valuesOf(shape, stale))} for ${exampleName(data, snapshot.exampleRow)} were computed with the old value, and the network does not compute them again: the rest of this example goes on from them, so its loss and gradients mix the old value and the new one.`,
    'The next example uses your change from the start.',
  ];
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const countWord = (count) => NUMBER_WORDS[count] ?? formatCount(count);

/**
 * What one press of Step does at the chosen step size (settings.step): how many examples it runs
 * forward, through the loss and backward, and how many updates it makes. `updates` is null for a step
 * of one example in a mini-batch of several: only the batch's last example ends with an update.
 * @returns {{ step: string, examples: number, updates: number|null, batchSize: number }}
 */
export function stepScope({ data, settings = {} }) {
  const step = settings.step ?? 'phase';
  const rows = trainingRows(data);
  const batchSize = Math.max(1, Math.min(settings.batchSize ?? 1, rows));
  if (step === 'epoch') return { step, examples: rows, updates: Math.ceil(rows / batchSize), batchSize };
  if (step === 'batch') return { step, examples: batchSize, updates: 1, batchSize };
  if (step === 'example') return { step, examples: 1, updates: batchSize === 1 ? 1 : null, batchSize };
  return { step, examples: 0, updates: 0, batchSize };
}

/** "Press Step to train on all four songs once, updating the weights after each." */
function readySentence(frame) {
  const { data } = frame;
  const { step, examples, updates, batchSize } = stepScope(frame);
  const one = isSongs(data) ? 'a song' : 'the first example';
  if (step === 'phase') return `Press Step to show it ${one}, one phase at a time.`;
  if (step === 'example') return `Press Step to show it ${one}.`;
  if (step === 'batch') {
    return batchSize === 1
      ? `Press Step to show it ${one} and update the weights.`
      : `Press Step to show it a mini-batch of ${countWord(examples)} ${exampleWord(data, examples)} and update the weights once.`;
  }
  const when = batchSize === 1 ? 'after each'
    : updates === 1 ? 'once, at the end' : `after every ${countWord(batchSize)}`;
  return `Press Step to train on all ${countWord(examples)} ${exampleWord(data, examples)} once, updating the weights ${when}.`;
}

/**
 * The explanation of a frame: { phase, title, sentences }.
 * @param {{snapshot: object, shape: object, data: object, settings?: object, previous?: object, playing?: boolean}} frame
 */
export function explain(frame) {
  const { snapshot, shape, data } = frame;
  const phase = snapshot.phase;
  const title = PHASE_TITLES[phase] ?? phase;
  if (snapshot.diverged) {
    // The alert above the figure quotes the engine's message (what overflowed, in which epoch); this
    // says what it means and what to do, rather than repeat it.
    return {
      phase,
      title: 'Training stopped',
      sentences: [
        'Each update was too large: instead of settling, the weights swung further every step until one overflowed (became infinite, or not a number at all).',
        'Nothing computed from them means anything now, so the views leave those numbers out.',
        'Step back to the last good step, or lower the learning rate and reset.',
      ],
    };
  }
  switch (phase) {
    case 'forward':
      return { phase, title, sentences: forwardSentences(frame, snapshot.phaseLayer) };
    case 'loss':
      return { phase, title, sentences: lossSentences(frame) };
    case 'backward':
      return { phase, title, sentences: backwardSentences(frame, snapshot.phaseLayer) };
    case 'update':
      return { phase, title, sentences: updateSentences(frame) };
    case 'edit':
      return { phase, title, sentences: editSentences(frame) };
    default:
      return {
        phase,
        title,
        sentences: [
          isSongs(data)
            ? `The network starts with random weights: it knows nothing about the listener yet. ${readySentence(frame)}`
            : `The network starts with random weights. ${readySentence(frame)}`,
        ],
      };
  }
}
