// What a snapshot means, in plain language: pure functions from the engine's numbers to words, for a
// reader who has never heard of backpropagation. Nothing here touches the page.
//
//   explain({ snapshot, shape, data, settings }) → { phase, title, sentences: string[] }
//
// Numbers are formatted with PROSE_DIGITS (format.js). Names come from the data (feature, row and
// class names); they are returned as plain strings and must be shown as text, never as markup.
import { PROSE_DIGITS, formatData, formatMagnitude, formatNumber } from './format.js';

const prose = (value) => formatNumber(value, PROSE_DIGITS);

/** Human titles of the engine's phases. */
export const PHASE_TITLES = {
  idle: 'Ready',
  forward: 'Forward pass',
  loss: 'Loss',
  backward: 'Backward pass',
  update: 'Update',
  edit: 'Your change',
};

/**
 * How far the current example has gone through the network, from the phase of the last tick:
 * forwardLayers — layers whose sums and activations belong to this example (0 … L);
 * loss — the example's loss is known; backwardFrom — the lowest layer whose gradients are known
 * (L when none); updated — the parameters just changed.
 */
export function progressOf(snapshot, shape) {
  const layers = shape.layers.length;
  const layer = snapshot.phaseLayer;
  switch (snapshot.phase) {
    case 'forward':
      return { forwardLayers: layer + 1, loss: false, backwardFrom: layers, updated: false };
    case 'loss':
      return { forwardLayers: layers, loss: true, backwardFrom: layers, updated: false };
    case 'backward':
      return { forwardLayers: layers, loss: true, backwardFrom: layer, updated: false };
    case 'update':
      return { forwardLayers: layers, loss: true, backwardFrom: 0, updated: true };
    default:
      return { forwardLayers: 0, loss: false, backwardFrom: layers, updated: false };
  }
}

/** "Song C", or "row 3" when the data set has no row names. */
export function exampleName(data, row) {
  const name = data.rowNames?.[row];
  return name ? name : `row ${row + 1}`;
}

/** Whether the data is the songs story (features modern, sad, piano), which gets its own words. */
export function isSongs(data) {
  return ['modern', 'sad', 'piano'].every((feature) => data.featureNames.includes(feature));
}

/** A class by name: "“spam”", or "class 1" when the names are only numbers. */
function className(data, k) {
  const name = data.classNames?.[k];
  return name && !/^\d+$/.test(name) ? `“${name}”` : `class ${name ?? k}`;
}

/** The positive class as a phrase: "being liked", or "class 1". */
function positivePhrase(data) {
  return isSongs(data) ? 'being liked' : className(data, 1);
}

/** "The listener likes it." / "Its true label is “no”." */
function truthSentence(data, target) {
  if (data.task === 'regression') return `The true value is ${prose(target)}.`;
  if (isSongs(data)) return target >= 0.5 ? 'The listener likes it' : 'The listener dislikes it';
  return `It is really ${className(data, target >= 0.5 ? 1 : 0)}`;
}

/** "layer 1" for hidden layers, "the output" for the last one. */
export function layerName(shape, layer) {
  return layer === shape.layers.length - 1 ? 'the output' : `layer ${layer + 1}`;
}

/** The name of a neuron input: the feature name on the first layer, "neuron 2 of layer 1" above it. */
export function inputName(shape, layer, input) {
  if (layer === 0) return shape.inputNames[input] ?? `input ${input + 1}`;
  return `neuron ${input + 1} of layer ${layer}`;
}

/** The name of a neuron by layer and index: "neuron 2 of layer 1" or "the output" / "output 2". */
export function neuronName(shape, layer, neuron) {
  if (layer === shape.layers.length - 1) {
    return shape.layers[layer].neurons === 1 ? 'the output' : `output ${neuron + 1}`;
  }
  return `neuron ${neuron + 1} of layer ${layer + 1}`;
}

/**
 * What a parameter index is: { kind: 'weight'|'bias', layer, neuron, input, text }, where text is
 * "the piano weight" (a perceptron), "the weight from sad to neuron 2 of layer 1", or "the bias of the output".
 */
export function parameterName(shape, index) {
  for (let l = 0; l < shape.layers.length; l += 1) {
    const layer = shape.layers[l];
    const weightEnd = layer.weightOffset + layer.inputs * layer.neurons;
    if (index >= layer.weightOffset && index < weightEnd) {
      const neuron = Math.floor((index - layer.weightOffset) / layer.inputs);
      const input = (index - layer.weightOffset) % layer.inputs;
      const perceptron = shape.layers.length === 1 && layer.neurons === 1;
      const name = inputName(shape, l, input);
      // "the piano weight" reads well; "the a weight" does not.
      const text = perceptron
        ? (name.length > 2 ? `the ${name} weight` : `the weight of ${name}`)
        : `the weight from ${name} to ${neuronName(shape, l, neuron)}`;
      return { kind: 'weight', layer: l, neuron, input, text };
    }
    if (index >= layer.biasOffset && index < layer.biasOffset + layer.neurons) {
      const neuron = index - layer.biasOffset;
      const perceptron = shape.layers.length === 1 && layer.neurons === 1;
      return { kind: 'bias', layer: l, neuron, input: null, text: perceptron ? 'the bias' : `the bias of ${neuronName(shape, l, neuron)}` };
    }
  }
  return { kind: 'unknown', layer: null, neuron: null, input: null, text: `parameter ${index}` };
}

const SMALLEST_CHANGE_DIGITS = 6; // a change below 0.0000005 is written "stays the same"

/**
 * "goes up by 0.04", "goes down by 0.0013", or "stays the same": PROSE_DIGITS decimals, or as many
 * more as show a small change's first two significant digits (a slowly learning network's every
 * change would otherwise round to "stays the same"), up to SMALLEST_CHANGE_DIGITS.
 */
export function changePhrase(delta) {
  if (!Number.isFinite(delta)) return 'becomes unreadable';
  const size = Math.abs(delta);
  const roundsAway = size > 0 && formatMagnitude(delta) === formatMagnitude(0);
  const digits = roundsAway ? Math.min(SMALLEST_CHANGE_DIGITS, 1 - Math.floor(Math.log10(size))) : PROSE_DIGITS;
  if (formatMagnitude(delta, digits) === formatMagnitude(0, digits)) return 'stays the same';
  return `goes ${delta > 0 ? 'up' : 'down'} by ${formatMagnitude(delta, digits)}`;
}

const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

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
    if (layer.inputs <= 4) {
      const terms = [];
      for (let i = 0; i < layer.inputs; i += 1) {
        const input = layerIndex === 0 ? snapshot.inputs[i] : snapshot.activations[shape.layers[layerIndex - 1].neuronOffset + i];
        terms.push(`${layerIndex === 0 ? formatData(input, PROSE_DIGITS) : prose(input)} × ${prose(snapshot.parameters[layer.weightOffset + i])}`);
      }
      sentences.push(`It multiplies each ${layerIndex === 0 ? 'feature' : 'hidden value'} by its weight and adds the bias: ` +
        `${terms.join(' + ')} + ${prose(snapshot.parameters[layer.biasOffset])} = ${prose(z)}.`);
    } else {
      sentences.push(`It multiplies each input by its weight and adds them up with the bias: the sum is ${prose(z)}.`);
    }
    if (data.task === 'binary' && layer.activation === 'sigmoid') {
      sentences.push(`The sigmoid squashes ${prose(z)} into a ${prose(a)} chance of ${positivePhrase(data)}.`);
    } else {
      sentences.push(`The ${layer.activation} activation turns ${prose(z)} into the prediction ${prose(a)}.`);
    }
  } else {
    const values = Array.from({ length: layer.neurons }, (_, o) => prose(snapshot.activations[layer.neuronOffset + o]));
    const shown = values.length > 6 ? `${values.slice(0, 6).join(', ')}, …` : values.join(', ');
    const activation = layer.softmax ? 'softmax' : layer.activation;
    sentences.push(`${capitalise(layerName(shape, layerIndex))}'s ${layer.neurons} neuron${layer.neurons === 1 ? '' : 's'} ` +
      `each weigh ${layerIndex === 0 ? 'the features' : 'the layer below'}, add a bias and apply ${activation}: ${shown}.`);
  }
  return sentences;
}

function lossSentences({ snapshot, shape, data }) {
  const output = shape.layers[shape.layers.length - 1];
  const name = exampleName(data, snapshot.exampleRow);
  const prediction = snapshot.activations[output.neuronOffset];
  const target = snapshot.target[0];
  const loss = snapshot.exampleLoss;
  if (data.task === 'binary') {
    const right = (prediction >= 0.5) === (target >= 0.5);
    const sentences = [
      `The network gives ${name} a ${prose(prediction)} chance of ${positivePhrase(data)}.`,
      `${truthSentence(data, target)}, so the loss is ${prose(loss)}.`,
    ];
    sentences.push(right
      ? 'The guess leans the right way; the loss measures how far it still is from certain.'
      : 'The guess leans the wrong way, and the more confident a wrong guess, the larger the loss.');
    return sentences;
  }
  if (data.task === 'regression') {
    return [`The network predicts ${prose(prediction)} for ${name}. ${truthSentence(data, target)} The loss is ${prose(loss)}.`];
  }
  const predicted = Array.from({ length: output.neurons }, (_, k) => snapshot.activations[output.neuronOffset + k]);
  const best = predicted.indexOf(Math.max(...predicted));
  const truth = Math.round(Array.from(snapshot.target).indexOf(1));
  return [
    `The network's best guess for ${name} is ${className(data, best)} (${prose(predicted[best])}).`,
    `It is really ${className(data, truth)}, so the loss is ${prose(loss)}.`,
  ];
}

function backwardSentences({ snapshot, shape, data, settings }, layerIndex) {
  const layer = shape.layers[layerIndex];
  const isOutput = layerIndex === shape.layers.length - 1;
  const sentences = [];
  if (isOutput && layer.neurons === 1) {
    const delta = snapshot.deltas[layer.neuronOffset];
    sentences.push(`Now backwards: how should the sum change to lower the loss? Its gradient is ${prose(delta)}, ` +
      `so the sum should go ${delta > 0 ? 'down' : delta < 0 ? 'up' : 'nowhere'}.`);
    const parts = [];
    const silent = [];
    for (let i = 0; i < layer.inputs; i += 1) {
      const gradient = snapshot.gradients[layer.weightOffset + i];
      const name = layerIndex === 0 ? inputName(shape, layerIndex, i) : `neuron ${i + 1}`;
      if (formatMagnitude(gradient) === formatMagnitude(0)) silent.push(name);
      else parts.push(`${prose(gradient)} for ${name}`);
    }
    if (layer.inputs <= 4) {
      let sentence = layerIndex === 0
        ? 'Each weight is blamed in proportion to its input'
        : `Each weight is blamed in proportion to the value it carried from layer ${layerIndex}`;
      sentence += parts.length > 0 ? `: ${parts.join(', ')}.` : '.';
      if (silent.length > 0) {
        sentence += ` ${capitalise(silent.join(' and '))} ${silent.length === 1 ? 'was' : 'were'} 0, so ${silent.length === 1 ? 'its weight gets' : 'their weights get'} no blame.`;
      }
      sentences.push(sentence);
    } else {
      sentences.push('Each weight is blamed in proportion to the input it multiplied.');
    }
  } else {
    const values = Array.from({ length: layer.neurons }, (_, o) => prose(snapshot.deltas[layer.neuronOffset + o]));
    const shown = values.length > 6 ? `${values.slice(0, 6).join(', ')}, …` : values.join(', ');
    sentences.push(isOutput
      ? `Now backwards: the outputs' gradients say how each should change to lower the loss: ${shown}.`
      : `${capitalise(layerName(shape, layerIndex))} gets its share of the blame through the weights above it: ${shown}.`);
  }
  const batchSize = settings?.batchSize ?? 1;
  if (batchSize > 1) {
    sentences.push(`The gradients are averaged over the ${batchSize} ${isSongs(data) ? 'songs' : 'examples'} of the mini-batch; the weights change when the batch is done.`);
  }
  return sentences;
}

function updateSentences({ snapshot, shape, settings }) {
  const rate = settings?.learningRate;
  const rateText = Number.isFinite(rate) ? ` (learning rate ${String(Number(rate.toPrecision(4)))})` : '';
  const sentences = [`Every weight takes a small step against its gradient${rateText}.`];
  const changes = Array.from(snapshot.lastUpdates, (delta, index) => ({ delta, index }));
  if (changes.length <= 5) {
    const unchanged = changes.filter(({ delta }) => changePhrase(delta) === 'stays the same');
    for (const { delta, index } of changes) {
      if (!unchanged.some((change) => change.index === index)) {
        sentences.push(`${capitalise(parameterName(shape, index).text)} ${changePhrase(delta)}.`);
      }
    }
    if (unchanged.length === 1) sentences.push(`${capitalise(parameterName(shape, unchanged[0].index).text)} stays the same.`);
    if (unchanged.length > 1) {
      const names = unchanged.map(({ index }) => parameterName(shape, index).text);
      sentences.push(`${capitalise(names.slice(0, -1).join(', '))} and ${names.at(-1)} stay the same.`);
    }
  } else {
    changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    const largest = changes[0];
    sentences.push(`The largest change: ${parameterName(shape, largest.index).text} ${changePhrase(largest.delta)}.`);
  }
  if (Number.isFinite(snapshot.trainLoss)) {
    sentences.push(`Over all training rows the loss is now ${prose(snapshot.trainLoss)}.`);
  }
  return sentences;
}

/**
 * The explanation of a frame: { phase, title, sentences }.
 * @param {{snapshot: object, shape: object, data: object, settings?: object}} frame
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
      return { phase, title, sentences: ['You changed the network or its data by hand. Step on to see what it does with the change.'] };
    default:
      return {
        phase,
        title,
        sentences: [
          isSongs(data)
            ? 'The network starts with random weights: it knows nothing about the listener yet. Press Step to show it a song.'
            : 'The network starts with random weights. Press Step to show it the first example.',
        ],
      };
  }
}
