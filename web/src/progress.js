// How far the current example has gone through the network (progressOf), and which of its values
// were computed before a mid-example edit of a weight (staleLayers): read by the explanation and by
// the views that draw an example's values (the graph, the network).

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

/**
 * The layers whose values this example computed with a weight or bias that has changed since: the
 * reader edited it in the middle of the example. The engine does not compute them again, and the rest
 * of the example goes on from them (the next example uses the new value throughout). Known from the
 * numbers: such a layer's sums no longer equal its inputs times its weights plus its biases. A layer
 * computed in this very step is current; so is every one after an update (the update is meant to
 * change the weights under them).
 * @param progress how far the example has gone (progressOf; for an edit, that of the step before it)
 */
export function staleLayers(snapshot, shape, progress = progressOf(snapshot, shape)) {
  if (progress.updated) return [];
  const earlier = snapshot.phase === 'forward' ? progress.forwardLayers - 1 : progress.forwardLayers;
  const stale = [];
  for (let l = 0; l < earlier; l += 1) if (!sumsMatchWeights(snapshot, shape, l)) stale.push(l);
  return stale;
}

/** Whether layer l's sums are its inputs times its weights plus its biases now (to float precision). */
function sumsMatchWeights(snapshot, shape, l) {
  const layer = shape.layers[l];
  const p = snapshot.parameters;
  const input = (i) => (l === 0 ? snapshot.inputs[i] : snapshot.activations[shape.layers[l - 1].neuronOffset + i]);
  for (let o = 0; o < layer.neurons; o += 1) {
    let sum = p[layer.biasOffset + o];
    let size = Math.abs(sum);
    for (let i = 0; i < layer.inputs; i += 1) {
      const term = input(i) * p[layer.weightOffset + o * layer.inputs + i];
      sum += term;
      size += Math.abs(term);
    }
    // The engine adds in single precision: a difference well above its rounding is an edit.
    if (Math.abs(sum - snapshot.weightedSums[layer.neuronOffset + o]) > 1e-5 * (1 + size)) return false;
  }
  return true;
}
