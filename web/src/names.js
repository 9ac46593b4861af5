// The names of things in a run, as the explanation and every view write them: examples ("Song C",
// "row 3"), classes ("“spam”", "class 1"), layers, neurons ("neuron 2 of layer 1", "the “sky”
// output") and parameters ("the weight from sad to neuron 2 of layer 1"). Plain strings from the
// data's own names: shown as text, never as markup.

/** "Song C", or "row 3" when the data set has no row names. */
export function exampleName(data, row) {
  const name = data.rowNames?.[row];
  return name ? name : `row ${row + 1}`;
}

/** Whether the data is the songs story (features modern, sad, piano), which gets its own words. */
export function isSongs(data) {
  return ['modern', 'sad', 'piano'].every((feature) => data.featureNames.includes(feature));
}

/** Whether a class name is a word (quoted in prose) rather than a number ("3") or missing. */
const isWordName = (name) => Boolean(name) && !/^\d+$/.test(name);

/** A class by its name: "“spam”", or "class 3" when the name is only a number (or there is none). */
function classLabel(name, k) {
  return isWordName(name) ? `“${name}”` : `class ${name ?? k}`;
}

/** Class k of the data as a caption writes it, unquoted: "spam", or "class 1". */
export function classCaption(data, k) {
  const name = data.classNames?.[k];
  return isWordName(name) ? name : `class ${name ?? k}`;
}

/** Class k of the data by name: "“spam”", or "class 1" when the names are only numbers. */
export function className(data, k) {
  return classLabel(data.classNames?.[k], k);
}

/** The positive class as a phrase: "being liked", or "class 1". */
export function positivePhrase(data) {
  return isSongs(data) ? 'being liked' : className(data, 1);
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

/**
 * The name of a neuron by layer and index: "neuron 2 of layer 1", "the output", or for multi-class
 * data the output of its class, named as the explanation names the class: "the “amber” output",
 * "the class 3 output" (shape.outputNames; "output 2" without them).
 */
export function neuronName(shape, layer, neuron) {
  if (layer === shape.layers.length - 1) {
    if (shape.layers[layer].neurons === 1) return 'the output';
    const name = shape.outputNames?.[neuron];
    return name === undefined ? `output ${neuron + 1}` : `the ${classLabel(name, neuron)} output`;
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
