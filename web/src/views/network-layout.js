// Where everything in the network view sits: one column of squares per layer (inputs first), a link
// from every node to every neuron of the next layer, the loss node, and the column captions. It
// depends only on the network's shape and the view's width, so the view computes it again only when
// one of those changes, never on a plain training step.
import { inputName, neuronName } from '../names.js';

/** The least room between two columns that keeps every neuron's value clear of its neighbours'. */
const MIN_GAP = 56;

/** A column caption's width per character (11 px capitals, 0.04em apart: app.css) and the least space between two. */
const CAPTION_CHAR_WIDTH = 7.6;
const CAPTION_SPACE = 10;

/** The margins (px) of the wide and the narrow layouts: left, the input names; right, the loss node. */
const WIDE = { left: 96, right: 110 };
const NARROW = { left: 70, right: 64 };

/** A multi-class output's class name, right of its circle (network.js): its gap, its characters' width
 * at most (app.css .output-name, 11px), and the most characters the right margin makes room for. */
export const OUTPUT_NAME_GAP = 6;
export const OUTPUT_NAME_CHAR = 6.5;
const OUTPUT_NAME_ROOM = 16;

/** The right margin that holds the outputs' class names (up to OUTPUT_NAME_ROOM characters), or `base`. */
function rightMarginFor(shape, base, size) {
  const longest = Math.max(0, ...(shape.outputNames ?? []).map((name) => Math.min(OUTPUT_NAME_ROOM, name.length)));
  return longest > 0 ? Math.max(base, Math.ceil(size / 2 + OUTPUT_NAME_GAP + longest * OUTPUT_NAME_CHAR)) : base;
}

/** Positions of the input squares and the neurons, for `width` px. */
export function layoutNetwork(shape, width) {
  const columns = shape.layers.length + 1;       // inputs + layers
  const gapFor = (margins) => (width - margins) / Math.max(1, columns - 1);
  // Narrow (smaller squares, slimmer margins) below 560 px, or where the wide margins would leave
  // less than MIN_GAP between columns.
  const narrow = width < 560 || gapFor(WIDE.left + WIDE.right) < MIN_GAP;
  const size = narrow ? 30 : 40;                // neuron square
  const { left: leftMargin, right: baseRight } = narrow ? NARROW : WIDE;
  // The class names take what room the columns can spare: the neurons' numbers come first.
  const spare = width - leftMargin - MIN_GAP * (columns - 1);
  const rightMargin = Math.max(baseRight, Math.min(rightMarginFor(shape, baseRight, size), spare));
  const gap = gapFor(leftMargin + rightMargin);
  // Too little room even so: the values are left to the tooltips and the labels, and the rows close up.
  const crowded = gap < MIN_GAP;
  const rowHeight = size + (crowded ? 12 : narrow ? 34 : 40); // room for the value and the gradient below
  // An input's value ("12.56") is written inside its square: 40 px holds it, so a narrow network keeps
  // that size for its inputs unless the rows close up.
  const inputSize = crowded ? size : 40;
  const columnX = (c) => leftMargin + c * gap;
  const tallest = Math.max(shape.inputs, ...shape.layers.map((layer) => layer.neurons));
  const height = 28 + tallest * rowHeight + 8;
  const rowY = (count, r) => 28 + (height - 36 - count * rowHeight) / 2 + r * rowHeight + size / 2;
  const nodes = [];
  for (let i = 0; i < shape.inputs; i += 1) {
    nodes.push({ id: `in-${i}`, kind: 'input', column: 0, index: i, x: columnX(0), y: rowY(shape.inputs, i), size: inputSize });
  }
  shape.layers.forEach((layer, l) => {
    for (let o = 0; o < layer.neurons; o += 1) {
      nodes.push({
        id: `n-${layer.neuronOffset + o}`, kind: l === shape.layers.length - 1 ? 'output' : 'hidden',
        column: l + 1, layer: l, index: o, unit: layer.neuronOffset + o,
        x: columnX(l + 1), y: rowY(layer.neurons, o), size,
      });
    }
  });
  return { width, height, size, narrow, crowded, nodes, lossX: width - (narrow ? 18 : 26) };
}

/** The curve from square a's right edge to square b's left edge, as curvePath's four points. */
function linkCurve(a, b) {
  const x0 = a.x + a.size / 2;
  const x1 = b.x - b.size / 2;
  const mid = (x0 + x1) / 2;
  return [[x0, a.y], [mid, a.y], [mid, b.y], [x1, b.y]];
}

/**
 * The whole drawing's geometry: layoutNetwork's nodes, every weight's link (in parameter order: layer,
 * then target neuron, then source), the loss node (null for several outputs or multi-class data) and
 * the curve to it, and the column captions (captionsNameActivations: whether they had room to name each
 * layer's activation).
 */
export function networkGeometry(shape, width, withLoss) {
  const layout = layoutNetwork(shape, width);
  const nodeById = new Map(layout.nodes.map((node) => [node.id, node]));
  const links = [];
  shape.layers.forEach((layer, l) => {
    for (let o = 0; o < layer.neurons; o += 1) {
      for (let i = 0; i < layer.inputs; i += 1) {
        const source = nodeById.get(l === 0 ? `in-${i}` : `n-${shape.layers[l - 1].neuronOffset + i}`);
        const target = nodeById.get(`n-${layer.neuronOffset + o}`);
        links.push({
          id: `${l}:${i}>${o}`, layer: l, parameter: layer.weightOffset + o * layer.inputs + i,
          source, target, curve: linkCurve(source, target),
          from: inputName(shape, l, i), to: neuronName(shape, l, o),
        });
      }
    }
  });
  const output = shape.layers[shape.layers.length - 1];
  const outputNode = nodeById.get(`n-${output.neuronOffset}`);
  const lossNode = withLoss ? { id: 'loss', x: layout.lossX, y: outputNode.y, size: layout.size * 0.8 } : null;
  const last = shape.layers.length - 1;
  const captionX = ['inputs', ...shape.layers].map((_, c) => (c === 0 ? layout.nodes[0].x : layout.nodes.find((n) => n.column === c).x));
  // The longest wording whose captions clear their neighbours: "layer 2 · tanh", "layer 2", "2".
  const wordings = [
    ['inputs', ...shape.layers.map((layer, l) => (l === last ? 'output' : `layer ${l + 1} · ${layer.activation}`))],
    ['in', ...shape.layers.map((_, l) => (l === last ? 'out' : `layer ${l + 1}`))],
    ['in', ...shape.layers.map((_, l) => (l === last ? 'out' : `${l + 1}`))],
  ];
  const fits = (texts) => texts.every((text, c) => c === 0 ||
    captionX[c] - captionX[c - 1] >= ((texts[c - 1].length + text.length) / 2) * CAPTION_CHAR_WIDTH + CAPTION_SPACE);
  const captions = layout.crowded ? wordings[2] : wordings.find(fits) ?? wordings[2];
  return {
    layout,
    inputs: layout.nodes.filter((n) => n.kind === 'input'),
    neurons: layout.nodes.filter((n) => n.kind !== 'input'),
    links,
    lossNode,
    lossCurve: lossNode ? linkCurve(outputNode, lossNode) : null,
    captions: captions.map((text, c) => ({ text, x: captionX[c] })),
    captionsNameActivations: captions === wordings[0],
  };
}
