// Where a channel of the grid crosses a threshold (a decision boundary), as polylines in grid units,
// and those lines as an SVG path. Used by the heat map and by the cube's slices.
import { fixed2 } from './path-text.js';

const LOGIT_CLAMP = 1e-6;        // probabilities are clamped to [ε, 1 − ε] before taking logits

function logit(value) {
  const p = value < LOGIT_CLAMP ? LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
  return Math.log(p / (1 - p));
}
function atanh(value) {
  const t = value < -1 + LOGIT_CLAMP ? -1 + LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
  return Math.atanh(t);
}

/**
 * The lines where a channel crosses `threshold`, in grid units (x from 0 to columns, y from 0 to rows
 * downward; sample (r, c) sits at (c + 0.5, r + 0.5)), as polylines; a closed line ends at its first
 * point. The values go through `transform` first (logit for a sigmoid: its 0.5 line is then the 0
 * line of a function that is linear for a perceptron, so the line comes out exactly straight), and
 * the grid is padded by one cell of linear extrapolation so lines run to the edge instead of bending
 * along it; the caller clips to [0, columns] × [0, rows].
 *
 * Marching squares, written out rather than d3.contours: the heat map asks for its line every frame,
 * and d3 also builds the filled polygons (rings, holes, containment), which cost ten times as much.
 */
export function boundaryLines(values, offset, rows, columns, threshold, transform = 'none') {
  const field = paddedField(values, offset, rows, columns, transform);
  const width = columns + 2;
  const height = rows + 2;
  // A crossing sits on the edge between two neighbouring samples, named by the first sample's index
  // and the edge's direction: 2·index along a row (to the right), 2·index + 1 down a column. Each
  // crossing joins the segments of the (at most two) cells beside its edge: `linked` holds both ends.
  const { linked, visited, pointX, pointY } = edgeBuffers(2 * width * height);
  const crossings = [];             // the edges with a crossing, in the order found
  const place = (edge) => {
    if (linked[2 * edge] !== -1) return;
    const index = edge >> 1;
    const r = Math.floor(index / width);
    const c = index - r * width;
    const next = edge & 1 ? index + width : index + 1;
    let t = (threshold - field[index]) / (field[next] - field[index]);
    if (!Number.isFinite(t)) t = 0.5; // equal neighbours, or an infinite value after the transform
    pointX[edge] = edge & 1 ? c - 0.5 : c - 0.5 + t;
    pointY[edge] = edge & 1 ? r - 0.5 + t : r - 0.5;
    crossings.push(edge);
  };
  const join = (a, b) => {
    place(a);
    place(b);
    linked[linked[2 * a] === -1 ? 2 * a : 2 * a + 1] = b;
    linked[linked[2 * b] === -1 ? 2 * b : 2 * b + 1] = a;
  };
  const edges = new Int32Array(4); // the current cell's edges: TOP, RIGHT, BOTTOM, LEFT
  for (let r = 0; r + 1 < height; r += 1) {
    let topLeft = r * width;
    // Corners at or above the threshold, carried along the row: the right pair becomes the left pair.
    let left = (field[topLeft] >= threshold ? 8 : 0) | (field[topLeft + width] >= threshold ? 1 : 0);
    for (let c = 0; c + 1 < width; c += 1, topLeft += 1) {
      const right = (field[topLeft + 1] >= threshold ? 4 : 0) | (field[topLeft + width + 1] >= threshold ? 2 : 0);
      const corners = left | right;
      left = (right & 4 ? 8 : 0) | (right & 2 ? 1 : 0);
      if (corners === 0 || corners === 15) continue;
      edges[TOP] = 2 * topLeft;
      edges[RIGHT] = 2 * (topLeft + 1) + 1;
      edges[BOTTOM] = 2 * (topLeft + width);
      edges[LEFT] = 2 * topLeft + 1;
      const segments = 4 * corners;
      join(edges[CELL_SEGMENTS[segments]], edges[CELL_SEGMENTS[segments + 1]]);
      if (CELL_SEGMENTS[segments + 2] !== -1) join(edges[CELL_SEGMENTS[segments + 2]], edges[CELL_SEGMENTS[segments + 3]]);
    }
  }
  const lines = stitch(crossings, linked, visited, pointX, pointY);
  for (const edge of crossings) { // clean for the next call
    linked[2 * edge] = linked[2 * edge + 1] = -1;
    visited[edge] = 0;
  }
  return lines;
}

/**
 * Buffers for `edgeCount` edges, kept between calls (the heat map asks every frame): `linked` all -1
 * and `visited` all 0 between calls (boundaryLines resets the entries it used).
 */
let buffers = null;
function edgeBuffers(edgeCount) {
  if (buffers === null || buffers.pointX.length < edgeCount) {
    buffers = {
      linked: new Int32Array(2 * edgeCount).fill(-1),
      visited: new Uint8Array(edgeCount),
      pointX: new Float64Array(edgeCount),
      pointY: new Float64Array(edgeCount),
    };
  }
  return buffers;
}

const TOP = 0;
const RIGHT = 1;
const BOTTOM = 2;
const LEFT = 3;
// Which edges of a cell the line crosses, for each pattern of corners at or above the threshold
// (bits: top-left 8, top-right 4, bottom-right 2, bottom-left 1): up to two segments of two edges
// each, -1 for none. The two saddles are split so that the corners at or above the threshold stay apart.
const CELL_SEGMENTS = Int8Array.from([
  -1, -1, -1, -1, LEFT, BOTTOM, -1, -1, BOTTOM, RIGHT, -1, -1, LEFT, RIGHT, -1, -1,
  TOP, RIGHT, -1, -1, TOP, RIGHT, LEFT, BOTTOM, TOP, BOTTOM, -1, -1, LEFT, TOP, -1, -1,
  LEFT, TOP, -1, -1, TOP, BOTTOM, -1, -1, LEFT, TOP, BOTTOM, RIGHT, TOP, RIGHT, -1, -1,
  LEFT, RIGHT, -1, -1, BOTTOM, RIGHT, -1, -1, LEFT, BOTTOM, -1, -1, -1, -1, -1, -1,
]);

/**
 * The channel's values through `transform` ('logit', 'atanh' or 'none'), with one cell of linear extrapolation all around, in a
 * buffer kept between calls (the heat map asks every frame; valid until the next call).
 */
let fieldBuffer = new Float64Array(0);
function paddedField(values, offset, rows, columns, transform) {
  const paddedColumns = columns + 2;
  const paddedRows = rows + 2;
  if (fieldBuffer.length < paddedColumns * paddedRows) fieldBuffer = new Float64Array(paddedColumns * paddedRows);
  const field = fieldBuffer;
  // Sample (r, c) goes to padded cell (r + 1, c + 1). One loop per transform: each calls one known
  // function, which the JIT inlines (a function passed in, called per value, costs more than a log).
  for (let r = 0; r < rows; r += 1) {
    const from = offset + r * columns;
    const to = (r + 1) * paddedColumns + 1;
    if (transform === 'logit') {
      for (let c = 0; c < columns; c += 1) field[to + c] = logit(values[from + c]);
    } else if (transform === 'atanh') {
      for (let c = 0; c < columns; c += 1) field[to + c] = atanh(values[from + c]);
    } else {
      for (let c = 0; c < columns; c += 1) field[to + c] = values[from + c];
    }
  }
  const at = (r, c) => field[r * paddedColumns + c];
  for (let r = 1; r <= rows; r += 1) {
    field[r * paddedColumns] = columns > 1 ? 2 * at(r, 1) - at(r, 2) : at(r, 1);
    field[r * paddedColumns + columns + 1] = columns > 1 ? 2 * at(r, columns) - at(r, columns - 1) : at(r, columns);
  }
  for (let c = 0; c < paddedColumns; c += 1) {
    field[c] = rows > 1 ? 2 * at(1, c) - at(2, c) : at(1, c);
    field[(rows + 1) * paddedColumns + c] = rows > 1 ? 2 * at(rows, c) - at(rows - 1, c) : at(rows, c);
  }
  return field;
}

/** The segments joined end to end: open lines from their ends first, then the closed ones. */
function stitch(crossings, linked, visited, pointX, pointY) {
  const lines = [];
  const walk = (start) => {
    const line = [[pointX[start], pointY[start]]];
    visited[start] = 1;
    let current = start;
    for (;;) {
      const first = linked[2 * current];
      const second = linked[2 * current + 1];
      const next = first !== -1 && !visited[first] ? first : second !== -1 && !visited[second] ? second : -1;
      if (next === -1) break;
      visited[next] = 1;
      line.push([pointX[next], pointY[next]]);
      current = next;
    }
    const closed = line.length > 2 && (linked[2 * current] === start || linked[2 * current + 1] === start);
    if (closed) line.push(line[0]);
    lines.push(line);
  };
  for (const edge of crossings) if (linked[2 * edge + 1] === -1 && !visited[edge]) walk(edge);
  for (const edge of crossings) if (!visited[edge]) walk(edge);
  return lines;
}

/**
 * The lines as SVG path data, `scale` output units to a grid unit, each line first simplified
 * (simplifyLine) to within `tolerance` grid units: marching squares puts a point on every grid edge
 * a line crosses, hundreds of them where a few dozen draw the same curve, and the browser strokes
 * (and rasterises, every frame while training) each one.
 */
export function linesToPath(lines, scale, tolerance = 0) {
  let path = '';
  for (const line of lines) {
    const kept = tolerance > 0 ? simplifyLine(line, tolerance) : line;
    path += `M${fixed2(kept[0][0] * scale)},${fixed2(kept[0][1] * scale)}`;
    for (let i = 1; i < kept.length; i += 1) path += `L${fixed2(kept[i][0] * scale)},${fixed2(kept[i][1] * scale)}`;
  }
  return path;
}

/**
 * The points of `line` (an array of [x, y]) that Ramer–Douglas–Peucker keeps: every dropped point
 * lies within `tolerance` of the segment between the kept points around it. Ends are always kept
 * (so a closed line stays closed).
 */
export function simplifyLine(line, tolerance) {
  const count = line.length;
  if (count < 3) return line;
  const keep = new Uint8Array(count);
  keep[0] = keep[count - 1] = 1;
  const stack = [0, count - 1];
  const limit = tolerance * tolerance;
  while (stack.length > 0) {
    const last = stack.pop();
    const first = stack.pop();
    const [ax, ay] = line[first];
    const dx = line[last][0] - ax;
    const dy = line[last][1] - ay;
    const length2 = dx * dx + dy * dy;
    let farthest = -1;
    let farthest2 = limit;
    for (let i = first + 1; i < last; i += 1) {
      const px = line[i][0] - ax;
      const py = line[i][1] - ay;
      // Squared distance to the segment (to its nearer end beyond either end; a closed line's
      // first and last points coincide, and then it is the distance to that point).
      const t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const distance2 = ex * ex + ey * ey;
      if (distance2 > farthest2) { farthest2 = distance2; farthest = i; }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push(first, farthest, farthest, last);
    }
  }
  const kept = [];
  for (let i = 0; i < count; i += 1) if (keep[i]) kept.push(line[i]);
  return kept;
}
