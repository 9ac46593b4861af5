// Idiomatic JavaScript over the raw embind Trainer: camelCase options in, plain objects out.
// A Run owns wasm memory: call run.delete() when its figure goes away.

import { RunBase, trainer, engineModule, checked, cached, edit } from './run-base.js';

export const GRANULARITIES = ['phase', 'example', 'batch', 'epoch'];

/**
 * A run of the feed-forward engine. The timeline (reset, step, seek, tick...) is RunBase's; reset takes
 * the settings and `data` that bindings/README.md documents.
 */
export class Run extends RunBase {
  constructor(module) {
    super(module, new module.Trainer());
  }

  /** All parameters at once (one edit tick), e.g. from an imported file. */
  setParameters(values) { this[edit](() => this[trainer].setParameters(values), []); }
  /** New rows (one edit tick): the data, and the shape's input names, are read again. */
  setData(dataset) { this[edit](() => this[trainer].setData(dataset), ['data', 'shape']); }

  /** Everything about the current tick; typed arrays are copies (see bindings/README.md). */
  snapshot() {
    // Read from two views of numbers the engine packed (bindings/convert.cpp pack_snapshot): a handful
    // of calls into the engine rather than one per field.
    const numbers = this[checked](this[trainer].snapshotNumbers());
    const floats = this[trainer].snapshotFloats();
    const { scalars, arrays, phases } = layoutOf(this[engineModule]);
    const scalar = {};
    scalars.forEach((name, k) => { scalar[name] = numbers[k]; });
    const array = {};
    let offset = 0;
    arrays.forEach((name, k) => {
      const length = numbers[scalars.length + k];
      array[name] = floats.slice(offset, offset + length);
      offset += length;
    });
    // The fields in the order bindings/README.md lists them.
    const snapshot = {
      tick: scalar.tick, firstTick: scalar.firstTick, updates: scalar.updates, epoch: scalar.epoch,
      epochsCompleted: scalar.epochsCompleted, exampleInEpoch: scalar.exampleInEpoch, exampleRow: scalar.exampleRow,
      batchPosition: scalar.batchPosition, phase: phases[scalar.phase], phaseLayer: scalar.phaseLayer,
      diverged: scalar.diverged !== 0, message: scalar.messageLength > 0 ? this[trainer].message() : '',
      inputs: array.inputs, target: array.target, weightedSums: array.weightedSums, activations: array.activations,
      outputGradients: array.outputGradients, deltas: array.deltas, parameters: array.parameters,
      gradients: array.gradients, lastUpdates: array.lastUpdates,
      exampleLoss: scalar.exampleLoss, batchLoss: scalar.batchLoss, trainLoss: scalar.trainLoss,
      testLoss: scalar.testLoss, trainAccuracy: scalar.trainAccuracy, testAccuracy: scalar.testAccuracy,
      rowOutputs: array.rowOutputs,
    };
    return snapshot;
  }
  /**
   * The engine's shape, with outputNames: the names of the output neurons, the class each stands for
   * in multi-class data (its class names), [] otherwise (a single output).
   */
  shape() {
    return this[cached]('shape', () => {
      const shape = this[checked](this[trainer].shape());
      const data = this.data();
      return { ...shape, outputNames: data.task === 'multiclass' ? [...data.classNames] : [] };
    });
  }
  data() { return this[cached]('data', () => this[trainer].data()); }
  settings() { return this[cached]('settings', () => this[trainer].settings()); }

  /** Every input feature and neuron over a grid, as a copy: (channels, rows, columns). */
  grid(spec) { return this[checked](this[trainer].gridView(spec)).slice(); }
  /** The same without the copy: valid only until the next call into the engine. */
  gridView(spec) { return this[checked](this[trainer].gridView(spec)); }

  /**
   * Heat-map colours computed by the engine, exactly as web/src/views/heatmap.js paintValues
   * (stride 1) and paintEvery (stride > 1) compute them, for channels of the grid `spec` (evaluated
   * unless nothing changed since the last grid of that spec).
   * @param spec the grid, as for grid(spec)
   * @param table Uint32Array colour table (RGBA as an ImageData's Uint32Array holds it)
   * @param channels [{ channel, low = -1, high = 1, stride = 1 }]: stride s colours every s-th sample
   *   (a ceil(rows / s) × ceil(columns / s) thumbnail)
   * @returns {{ pixels: Uint32Array, images: { offset: number, width: number, height: number }[] }}
   *   pixels is a VIEW into wasm memory, valid only until the next call into the engine: put it into
   *   ImageData (or copy it) at once. Image k is pixels.subarray(offset, offset + width * height).
   */
  colours(spec, table, channels) {
    const packed = new Float64Array(4 * channels.length);
    channels.forEach(({ channel, low = -1, high = 1, stride = 1 }, k) => packed.set([channel, low, high, stride], 4 * k));
    const pixels = this[checked](this[trainer].colourView(spec, table, packed));
    const rows = spec.rows ?? 100;
    const columns = spec.columns ?? 100;
    let offset = 0;
    const images = channels.map(({ stride = 1 }) => {
      const image = { offset, width: Math.ceil(columns / stride), height: Math.ceil(rows / stride) };
      offset += image.width * image.height;
      return image;
    });
    return { pixels, images };
  }

  predict(rawRows) { return this[checked](this[trainer].predict(rawRows)); }
  toCsv() { return this[checked](this[trainer].toCsv()); }
}

// The names behind snapshotNumbers (bindings/bindings.cpp snapshot_layout), once per module.
const layouts = new WeakMap();
function layoutOf(module) {
  if (!layouts.has(module)) layouts.set(module, module.snapshotLayout());
  return layouts.get(module);
}

/** Wraps an instantiated Emscripten module. */
export function wrapModule(module) {
  return {
    createRun: () => new Run(module),
    /** Bytes of wasm memory in use (grows, never shrinks). */
    heapBytes: () => module.HEAP8.length,
  };
}
