// The computational graph of one neuron as data: its nodes (inputs, weights, products, Σ with the
// bias, the activation, the loss and the truth) and links, with the engine's numbers and which of
// them the current phase has computed (in the update, the forward values are still those of the old
// weights: beforeUpdate; after the reader edits a weight in the middle of an example, those the
// example computed before the edit: beforeEdit, see progress.js staleLayers). graph.js draws it.
import { classCaption, className, inputName, neuronName, parameterName, positivePhrase } from '../names.js';
import { progressOf, staleLayers } from '../progress.js';
import { signClass } from './colors.js';

const ACTIVATION_SYMBOLS = { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'id', softmax: 'softmax' };
const LOSS_NAMES = { 'cross-entropy': 'cross-entropy', 'squared-error': 'squared error' };
// The longest caption the narrowest box (108 px, graph-layout.js) shows clear of its corner badge:
// "chance of sky"; a longer class name leaves the caption at "chance" (the tooltip names the class).
const CAPTION_CHARACTERS = 13;

/**
 * The nodes and links of neuron `neuron` of layer `layerIndex`, with the numbers the current phase
 * has computed (`known` flags say which; unknown values are not drawn as numbers).
 */
export function neuronGraphModel(frame, layerIndex, neuron) {
  const { snapshot, shape, data, settings } = frame;
  const layer = shape.layers[layerIndex];
  const progress = progressOf(snapshot, shape);
  const unit = layer.neuronOffset + neuron;
  const isOutput = layerIndex === shape.layers.length - 1;
  const withLoss = isOutput && layer.neurons === 1 && data.task !== 'multiclass';
  const computed = progress.forwardLayers > layerIndex;
  const inputsKnown = progress.forwardLayers >= Math.max(1, layerIndex);
  const backward = progress.backwardFrom <= layerIndex && !progress.updated;
  const updated = progress.updated;
  const stale = staleLayers(snapshot, shape, progress);
  const beforeEdit = stale.includes(layerIndex);
  const p = snapshot.parameters;
  // The forward values of an updated example were computed with the weights before the update:
  // their nodes say so (beforeUpdate; an update follows the whole forward pass, so they are all known),
  // and a product is the input times the old weight.
  const before = (index) => (updated ? p[index] - snapshot.lastUpdates[index] : p[index]);
  const inputValue = (i) =>
    layerIndex === 0 ? snapshot.inputs[i] : snapshot.activations[shape.layers[layerIndex - 1].neuronOffset + i];

  const nodes = [];
  const links = [];
  const parameterNode = (id, index, caption, extra = {}) => ({
    id,
    kind: extra.kind ?? 'weight',
    caption,
    title: parameterName(shape, index).text,
    parameter: index,
    value: p[index],
    known: true,
    gradient: snapshot.gradients[index],
    gradientKnown: backward,
    old: p[index] - snapshot.lastUpdates[index],
    delta: snapshot.lastUpdates[index],
    updated,
    sign: signClass(p[index]),
    ...extra,
  });

  for (let i = 0; i < layer.inputs; i += 1) {
    const name = inputName(shape, layerIndex, i);
    const weightIndex = layer.weightOffset + neuron * layer.inputs + i;
    nodes.push({
      id: `input-${i}`, kind: 'input', row: i, caption: layerIndex === 0 ? name : `h${i + 1}`,
      title: layerIndex === 0 ? `input: ${name}` : `input: ${name}`,
      value: inputValue(i), known: inputsKnown,
    });
    nodes.push(parameterNode(`weight-${i}`, weightIndex, `w ${layerIndex === 0 ? name : `h${i + 1}`}`, { row: i }));
    nodes.push({
      id: `product-${i}`, kind: 'product', row: i, symbol: '×', caption: 'product',
      title: `${name} × its weight`,
      value: inputValue(i) * before(weightIndex), known: computed, beforeUpdate: updated,
      gradient: snapshot.deltas[unit], gradientKnown: backward,
    });
    links.push(
      { id: `input-${i}>product-${i}`, source: `input-${i}`, target: `product-${i}`, forward: 0 },
      { id: `weight-${i}>product-${i}`, source: `weight-${i}`, target: `product-${i}`, forward: 0, backward: 3, parameter: weightIndex },
      { id: `product-${i}>sum`, source: `product-${i}`, target: 'sum', forward: 1, backward: 2 },
    );
  }
  const biasIndex = layer.biasOffset + neuron;
  nodes.push(parameterNode('bias', biasIndex, 'bias', { kind: 'bias' }));
  nodes.push({
    id: 'sum', kind: 'sum', symbol: 'Σ', caption: 'sum z', title: 'weighted sum z = Σ input × weight + bias',
    value: snapshot.weightedSums[unit], known: computed, beforeUpdate: updated, beforeEdit,
    gradient: snapshot.deltas[unit], gradientKnown: backward,
  });
  const activation = layer.softmax ? 'softmax' : layer.activation;
  const binaryOutput = withLoss && data.task === 'binary' && activation === 'sigmoid';
  nodes.push({
    id: 'activation', kind: 'activation', symbol: ACTIVATION_SYMBOLS[activation] ?? activation,
    ...activationWords({ data, activation, binaryOutput, classOutput: isOutput && data.task === 'multiclass', neuron }),
    value: snapshot.activations[unit], known: computed, beforeUpdate: updated, beforeEdit,
    gradient: snapshot.outputGradients[unit], gradientKnown: backward,
  });
  links.push(
    { id: 'bias>sum', source: 'bias', target: 'sum', forward: 1, backward: 2, parameter: biasIndex },
    { id: 'sum>activation', source: 'sum', target: 'activation', forward: 2, backward: 1 },
  );
  if (withLoss) {
    const lossName = LOSS_NAMES[settings?.loss] ?? 'loss';
    const truthName = data.classNames?.[snapshot.target[0] >= 0.5 ? 1 : 0];
    nodes.push({
      id: 'truth', kind: 'truth', caption: 'truth y',
      title: data.task === 'binary' && truthName ? `the true label: ${truthName}` : 'the true value',
      value: snapshot.target[0], known: progress.loss,
      note: data.task === 'binary' && truthName ? truthName : null,
    });
    nodes.push({
      id: 'loss', kind: 'loss', symbol: 'L', caption: 'loss', title: `the loss of this example (${lossName})`,
      value: snapshot.exampleLoss, known: progress.loss, beforeUpdate: updated, beforeEdit: stale.length > 0,
    });
    links.push(
      { id: 'activation>loss', source: 'activation', target: 'loss', forward: 3, backward: 0 },
      { id: 'truth>loss', source: 'truth', target: 'loss', forward: 3 },
    );
  }
  return {
    layerIndex, neuron, unit, isOutput, withLoss, inputs: layer.inputs, nodes, links, progress,
    title: neuronName(shape, layerIndex, neuron),
  };
}

/**
 * The activation node's caption and title: a binary output's prediction is the chance of the positive
 * class, a multi-class output's the chance of its own class, named as the explanation names it.
 */
function activationWords({ data, activation, binaryOutput, classOutput, neuron }) {
  if (binaryOutput) return { caption: 'prediction', title: `prediction: the chance of ${positivePhrase(data)} (sigmoid of the sum)` };
  if (!classOutput) return { caption: `${activation} a`, title: `activation a = ${activation}(z)` };
  const caption = `chance of ${classCaption(data, neuron)}`;
  return {
    caption: caption.length <= CAPTION_CHARACTERS ? caption : 'chance',
    title: `the chance of ${className(data, neuron)}: softmax of the outputs' sums`,
  };
}
