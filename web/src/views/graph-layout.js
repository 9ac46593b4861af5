// Where the nodes of a neuron's computational graph sit (left to right, or top to bottom on a narrow
// screen) and the curves between them. Pure: it depends on the model's shape and the width only.

// Below this (and with few inputs) the graph flows top to bottom: the least width of the left-to-right
// layout, which a narrower panel would have to scroll.
export const NARROW_WIDTH = 640;

// The least width of a node that shows an update as "old → new" (graph.js): "−0.255 → −0.087" in the
// compact font, with a little room on each side. Narrower, a node shows the new value and the change.
export const CHANGE_WIDTH = 120;
const MIN_BOX_GAP = 24; // between the boxes of neighbouring columns, left to right

// Node heights: an input shows a caption and its value; every other node has room for a third line
// (the gradient on the way back, or the change in an update).
const INPUT_HEIGHT = 46;
const NODE_HEIGHT = 62;
// Room for a weight's tooltip (graph.js: at most four lines, 88 px, and TOOLTIP_CLEARANCE) beside its
// box with no other box or badge (reaching 11 px above its box) under it: left to right, in the lane
// between its product and the next row's (or the bias); top to bottom, between the weights and the
// products (and below the bias).
const TOOLTIP_LANE = 108;

/** Positions (centre x, y, width w, height h) of every node, flowing left→right or top→bottom. */
export function layoutGraph(model, availableWidth) {
  const inputs = model.inputs;
  const tall = availableWidth < NARROW_WIDTH && inputs <= 4;
  const positions = new Map();
  const place = (id, x, y, w, h = NODE_HEIGHT) => positions.set(id, { x, y, w, h });
  if (!tall) {
    const width = Math.max(availableWidth, NARROW_WIDTH);
    const columns = model.withLoss ? 5 : 4;
    // As wide as leaves MIN_BOX_GAP between the columns' boxes, from 108 px (then the gap may be less) to 126.
    const nodeWidth = Math.max(108, Math.min(126, (width - 8 - MIN_BOX_GAP * (columns - 1)) / columns));
    const margin = nodeWidth / 2 + 4;
    const columnX = (c) => margin + (c * (width - 2 * margin)) / (columns - 1);
    const rowHeight = NODE_HEIGHT + TOOLTIP_LANE; // the products' rows leave a lane between them
    const rowY = (i) => 62 + i * rowHeight;
    for (let i = 0; i < inputs; i += 1) {
      place(`input-${i}`, columnX(0), rowY(i) - 31, nodeWidth, INPUT_HEIGHT);
      place(`weight-${i}`, columnX(0), rowY(i) + 27, nodeWidth);
      place(`product-${i}`, columnX(1), rowY(i), nodeWidth);
    }
    // The sum's row is a product's (the middle one, or the upper of the two middle ones), and the bias
    // takes the row after the last product: no box stands in the lanes beside the weights.
    const middle = rowY(Math.floor((inputs - 1) / 2));
    const sideY = rowY(inputs);
    place('sum', columnX(2), middle, nodeWidth);
    place('bias', columnX(1), sideY, nodeWidth);
    place('activation', columnX(3), middle, nodeWidth);
    if (model.withLoss) {
      place('loss', columnX(4), middle, nodeWidth);
      place('truth', columnX(3), sideY, nodeWidth, INPUT_HEIGHT + 10);
    }
    return { tall, width, height: sideY + NODE_HEIGHT / 2 + 24, positions };
  }
  // Top to bottom: inputs, weights, products, sum (bias beside it), activation, loss (truth beside it).
  const width = Math.max(availableWidth, 240);
  const gap = 14;
  const nodeWidth = Math.min(126, (width - 12 - gap * (inputs - 1)) / inputs);
  const rowLeft = (width - inputs * nodeWidth - (inputs - 1) * gap) / 2;
  const columnX = (i) => rowLeft + nodeWidth / 2 + i * (nodeWidth + gap);
  let y = 16 + INPUT_HEIGHT / 2;
  for (let i = 0; i < inputs; i += 1) place(`input-${i}`, columnX(i), y, nodeWidth, INPUT_HEIGHT);
  y += INPUT_HEIGHT / 2 + 10 + NODE_HEIGHT / 2;
  for (let i = 0; i < inputs; i += 1) place(`weight-${i}`, columnX(i), y, nodeWidth);
  y += NODE_HEIGHT + TOOLTIP_LANE;
  for (let i = 0; i < inputs; i += 1) place(`product-${i}`, columnX(i), y, nodeWidth);
  const mainWidth = Math.min(140, (width - 40) / 2);
  const mainX = width / 2 - mainWidth / 2 - 12;
  const sideX = width / 2 + mainWidth / 2 + 12;
  y += NODE_HEIGHT + 56;
  place('sum', mainX, y, mainWidth);
  place('bias', sideX, y, mainWidth);
  y += NODE_HEIGHT + TOOLTIP_LANE; // the bias's tooltip goes below it
  place('activation', mainX, y, mainWidth);
  if (model.withLoss) {
    y += NODE_HEIGHT + 44;
    place('loss', mainX, y, mainWidth);
    place('truth', sideX, y, mainWidth, INPUT_HEIGHT + 10);
  }
  return { tall, width, height: y + NODE_HEIGHT / 2 + 12, positions };
}

/**
 * A smooth link from the source's outgoing side to the target's incoming side, as the four points of
 * a cubic Bézier curve [start, control, control, end].
 */
export function linkCurve(source, target, tall) {
  if (tall) {
    const from = [source.x, source.y + source.h / 2];
    const to = [target.x, target.y - target.h / 2];
    if (from[1] > to[1]) { // a side node (bias, truth) beside its target
      const start = [source.x - source.w / 2, source.y];
      const end = [target.x + target.w / 2, target.y];
      const middle = (start[0] + end[0]) / 2;
      return [start, [middle, start[1]], [middle, end[1]], end];
    }
    const middle = (from[1] + to[1]) / 2;
    return [from, [from[0], middle], [to[0], middle], to];
  }
  const from = [source.x + source.w / 2, source.y];
  const to = [target.x - target.w / 2, target.y];
  const middle = (from[0] + to[0]) / 2;
  return [from, [middle, from[1]], [middle, to[1]], to];
}

/** The SVG path of a cubic Bézier curve. */
export function curvePath([start, first, second, end]) {
  return `M${start[0]},${start[1]}C${first[0]},${first[1]} ${second[0]},${second[1]} ${end[0]},${end[1]}`;
}

/** The point at parameter t (0 … 1) of a cubic Bézier curve: computed, so no layout is forced. */
export function pointOnCurve([start, first, second, end], t) {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * start[0] + b * first[0] + c * second[0] + d * end[0], a * start[1] + b * first[1] + c * second[1] + d * end[1]];
}

const TOOLTIP_GAP = 8;  // between a node and its tooltip
const TOOLTIP_STEP = 4; // how far apart the places tried along a side are
const TOOLTIP_CLEARANCE = 4; // kept free around the other boxes (TOOLTIP_LANE leaves as much)

/** The area two rectangles {left, top, w, h} share. */
function sharedArea(a, b) {
  const w = Math.min(a.left + a.w, b.left + b.w) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.h, b.top + b.h) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where a node's tooltip goes (its top-left corner, in the layout's coordinates): beside the node,
 * below, to the right, above or to the left of it, and slid along that side as far as a corner, at the place that covers the least of the other boxes and of what lies outside `bounds`
 * (the graph's visible area: beyond it are the legend, the panel's edge or other panels); of places
 * that cover as little, the nearest to the node (below it before above it).
 * @param {{w: number, h: number}} tip the tooltip's size
 * @param {{x: number, y: number, w: number, h: number}} node the node's box (centre x, y)
 * @param {{x: number, y: number, w: number, h: number}[]} boxes the other boxes
 * @param {{left: number, top: number, right: number, bottom: number}} bounds
 */
export function placeTooltip(tip, node, boxes, bounds) {
  const nodeLeft = node.x - node.w / 2;
  const nodeTop = node.y - node.h / 2;
  const c = TOOLTIP_CLEARANCE;
  const others = boxes.map((box) => ({ left: box.x - box.w / 2 - c, top: box.y - box.h / 2 - c, w: box.w + 2 * c, h: box.h + 2 * c }));
  const inside = { left: bounds.left, top: bounds.top, w: bounds.right - bounds.left, h: bounds.bottom - bounds.top };
  /** Positions along a side, as far as the tooltip still touches the node (at a corner), the centred one first. */
  const along = (start, length, size) => {
    const places = [start + length / 2 - size / 2];
    for (let at = start - size; at <= start + length; at += TOOLTIP_STEP) places.push(at);
    return places;
  };
  const candidates = [
    ...along(nodeLeft, node.w, tip.w).map((left) => ({ left, top: nodeTop + node.h + TOOLTIP_GAP })),
    ...along(nodeTop, node.h, tip.h).map((top) => ({ left: nodeLeft + node.w + TOOLTIP_GAP, top })),
    ...along(nodeLeft, node.w, tip.w).map((left) => ({ left, top: nodeTop - TOOLTIP_GAP - tip.h })),
    ...along(nodeTop, node.h, tip.h).map((top) => ({ left: nodeLeft - TOOLTIP_GAP - tip.w, top })),
  ];
  let best = null;
  for (const { left, top } of candidates) {
    const rect = { left, top, w: tip.w, h: tip.h };
    const covered = others.reduce((sum, box) => sum + sharedArea(rect, box), 0) + (tip.w * tip.h - sharedArea(rect, inside));
    const distance = Math.hypot(left + tip.w / 2 - node.x, top + tip.h / 2 - node.y);
    if (best === null || covered < best.covered - 0.5 || (Math.abs(covered - best.covered) <= 0.5 && distance < best.distance)) {
      best = { left, top, covered, distance };
    }
  }
  return { left: best.left, top: best.top };
}
