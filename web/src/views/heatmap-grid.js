// The plane the boundary views draw and its channels: which grid to ask the engine for (the data's
// first two raw features over its domain, the others at their mean), and how to colour each channel
// of it (an input feature or a neuron) by what its activation can output.

const specCache = new WeakMap();

/**
 * The grid the heat map, the network's thumbnails and anything else drawing the plane ask for:
 * the data's first two raw features over its domain, the others fixed at their mean. The same object
 * for the same data, so frame.grid's memo (by identity or by value) computes it once a frame.
 */
export function boundaryGridSpec(data, resolution = 100) {
  let byResolution = specCache.get(data);
  if (!byResolution) specCache.set(data, (byResolution = new Map()));
  let spec = byResolution.get(resolution);
  if (!spec) {
    const [low, high] = data.domain ?? [-6, 6];
    spec = {
      xFeature: 0,
      yFeature: 1,
      xMin: low,
      xMax: high,
      yMin: low,
      yMax: high,
      columns: resolution,
      rows: resolution,
      fixed: featureMeans(data),
    };
    byResolution.set(resolution, spec);
  }
  return spec;
}

/** The mean of every raw feature over all rows (0 when there are none). */
export function featureMeans(data) {
  const count = data.featureNames.length;
  const rows = count > 0 ? data.features.length / count : 0;
  const means = new Array(count).fill(0);
  for (let r = 0; r < rows; r += 1) {
    for (let f = 0; f < count; f += 1) means[f] += data.features[r * count + f];
  }
  return means.map((sum) => (rows > 0 ? sum / rows : 0));
}

/** The layer (index and object) that neuron k belongs to, or null. */
export function layerOfNeuron(shape, neuron) {
  const index = shape.layers.findIndex((layer) => neuron >= layer.neuronOffset && neuron < layer.neuronOffset + layer.neurons);
  return index < 0 ? null : { index, layer: shape.layers[index] };
}

/**
 * How to colour one channel of the grid: { low, high } map to the ends of the diverging table, and
 * `threshold` is where its boundary line runs (on the value after `transform`).
 * Channels 0 … inputs−1 are the input features, then every neuron (see bindings/README.md).
 */
export function channelColoring(shape, channel) {
  if (channel < shape.inputs) return { low: -1, high: 1, adaptive: true, threshold: 0, transform: 'none' };
  const found = layerOfNeuron(shape, channel - shape.inputs);
  const activation = found?.layer.softmax ? 'softmax' : found?.layer.activation;
  switch (activation) {
    case 'sigmoid':
    case 'softmax':
      return { low: 0, high: 1, threshold: 0, transform: 'logit' };
    case 'tanh':
      return { low: -1, high: 1, threshold: 0, transform: 'atanh' };
    case 'relu':
      return { low: -1, high: 1, adaptive: true, threshold: 1e-6, transform: 'none' };
    default: // linear
      return { low: -1, high: 1, adaptive: true, threshold: 0, transform: 'none' };
  }
}

// For channels whose range is not fixed (inputs, relu, linear): symmetric around 0, from the data.
export function adaptiveRange(values, offset, count) {
  let magnitude = 0;
  for (let i = offset; i < offset + count; i += 1) {
    const value = Math.abs(values[i]);
    if (value > magnitude && Number.isFinite(value)) magnitude = value;
  }
  return magnitude > 0 ? [-magnitude, magnitude] : [-1, 1];
}
