// The feature cube's geometry, in the unit cube [0, 1]³ of its three axis features: corners, edges and
// faces, a plane clipped to the cube, polygons clipped to a half-space, the exact test whether a
// flat plane can separate two classes, and the projection to the screen; then the model's boundary
// in those coordinates (a perceptron's plane) and which rows the network gets right. Pure functions,
// unit-tested in tests/web/boundary-math.test.mjs.
import * as d3 from 'd3';

export const WIDTH = 320;            // the picture's user units
export const HEIGHT = 320;
// Half the cube's side, in user units: small enough that every turn of the cube (its half-diagonal,
// √3 half-sides, enlarged by the perspective) stays inside the picture with room for the labels.
export const CUBE_SCALE = 70;
const CAMERA_DISTANCE = 7;          // in half-sides; smaller = stronger perspective

/** The cube's 8 corners, indexed by bits (x = bit 0, y = bit 1, z = bit 2). */
export const CUBE_CORNERS = d3.range(8).map((i) => [i & 1, (i >> 1) & 1, (i >> 2) & 1]);

/** The cube's 12 edges as pairs of corner indices. */
export const CUBE_EDGES = [
  [0, 1], [2, 3], [4, 5], [6, 7],   // along x
  [0, 2], [1, 3], [4, 6], [5, 7],   // along y
  [0, 4], [1, 5], [2, 6], [3, 7],   // along z
];

/** The 6 faces: corner indices in order around the face, and the outward normal. */
export const CUBE_FACES = [
  { corners: [0, 2, 6, 4], normal: [-1, 0, 0] },
  { corners: [1, 3, 7, 5], normal: [1, 0, 0] },
  { corners: [0, 1, 5, 4], normal: [0, -1, 0] },
  { corners: [2, 3, 7, 6], normal: [0, 1, 0] },
  { corners: [0, 1, 3, 2], normal: [0, 0, -1] },
  { corners: [4, 5, 7, 6], normal: [0, 0, 1] },
];

export const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const lerp = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/**
 * The polygon where the plane normal · p = offset cuts the unit cube, its corners in order around it
 * (an empty array if the plane misses the cube or the normal is zero).
 */
export function clipPlaneToCube(normal, offset) {
  const length = Math.hypot(...normal);
  if (!(length > 1e-12) || !Number.isFinite(offset)) return [];
  const side = (p) => dot(normal, p) - offset;
  const eps = 1e-9 * length;
  const points = [];
  const addUnique = (p) => {
    if (!points.some((q) => Math.abs(q[0] - p[0]) + Math.abs(q[1] - p[1]) + Math.abs(q[2] - p[2]) < 1e-9)) points.push(p);
  };
  for (const [i, j] of CUBE_EDGES) {
    const a = CUBE_CORNERS[i];
    const b = CUBE_CORNERS[j];
    const fa = side(a);
    const fb = side(b);
    if (Math.abs(fa) <= eps) addUnique(a);
    if (Math.abs(fb) <= eps) addUnique(b);
    if ((fa < -eps && fb > eps) || (fa > eps && fb < -eps)) addUnique(lerp(a, b, fa / (fa - fb)));
  }
  if (points.length < 3) return [];
  // Order around the centroid, by angle in a basis of the plane.
  const centre = points.reduce((s, p) => [s[0] + p[0] / points.length, s[1] + p[1] / points.length, s[2] + p[2] / points.length], [0, 0, 0]);
  const helper = Math.abs(normal[0]) < 0.9 * length ? [1, 0, 0] : [0, 1, 0];
  const u = cross(normal, helper);
  const v = cross(normal, u);
  return points
    .map((p) => ({ p, angle: Math.atan2(dot(sub(p, centre), v), dot(sub(p, centre), u)) }))
    .sort((a, b) => a.angle - b.angle)
    .map(({ p }) => p);
}

/**
 * The part of a convex polygon (3-D points in order) where sign · (normal · p − offset) ≥ 0
 * (Sutherland–Hodgman against one plane).
 */
export function clipPolygonToHalfSpace(polygon, normal, offset, sign = 1) {
  const side = (p) => sign * (dot(normal, p) - offset);
  const result = [];
  for (let i = 0; i < polygon.length; i += 1) {
    const current = polygon[i];
    const next = polygon[(i + 1) % polygon.length];
    const fc = side(current);
    const fn = side(next);
    if (fc >= 0) result.push(current);
    if ((fc >= 0) !== (fn >= 0)) result.push(lerp(current, next, fc / (fc - fn)));
  }
  return result.length >= 3 ? result : [];
}

/**
 * Whether some flat hyperplane puts every positive row strictly on one side and every negative row on
 * the other. Two finite sets are strictly separable exactly when their convex hulls do not meet, so
 * this asks the linear program "λ, μ ≥ 0, Σλ = 1, Σμ = 1, Σ λᵢ pᵢ = Σ μⱼ nⱼ" (a point in both hulls)
 * and answers true when it has no solution. Phase one of the simplex method with Bland's rule; the
 * tableau has only d + 2 rows (d = features), so even hundreds of rows take a few milliseconds.
 * @param {number[][]} points rows of features
 * @param {boolean[]} positive the class of each row
 * @returns {boolean}
 */
export function linearlySeparable(points, positive) {
  const n = points.length;
  if (n === 0 || positive.every((p) => p === positive[0])) return true;
  const d = points[0].length;
  const rows = d + 2;                  // d balance rows, Σλ = 1, Σμ = 1
  const columns = n + rows;            // the weights λ/μ, then one artificial per row
  const rhs = columns;
  const tableau = Array.from({ length: rows }, () => new Float64Array(columns + 1));
  for (let i = 0; i < n; i += 1) {
    const sign = positive[i] ? 1 : -1;
    for (let j = 0; j < d; j += 1) tableau[j][i] = sign * points[i][j];
    tableau[positive[i] ? d : d + 1][i] = 1;
  }
  tableau[d][rhs] = 1;
  tableau[d + 1][rhs] = 1;
  for (let r = 0; r < rows; r += 1) {
    if (tableau[r][rhs] < 0) for (let c = 0; c <= columns; c += 1) tableau[r][c] = -tableau[r][c];
    tableau[r][n + r] = 1;
  }
  const basis = Array.from({ length: rows }, (_, r) => n + r);
  // Reduced costs of "minimise the sum of the artificials".
  const cost = new Float64Array(columns + 1);
  for (const row of tableau) for (let c = 0; c <= columns; c += 1) cost[c] -= row[c];
  for (let r = 0; r < rows; r += 1) cost[n + r] = 0;
  const eps = 1e-9;
  for (let iteration = 0; iteration < 100 * (rows + columns); iteration += 1) {
    let entering = -1;
    for (let c = 0; c < columns; c += 1) {
      if (cost[c] < -eps) { entering = c; break; }
    }
    if (entering < 0) break;
    let leaving = -1;
    let best = Infinity;
    for (let r = 0; r < rows; r += 1) {
      const a = tableau[r][entering];
      if (a > eps) {
        const ratio = tableau[r][rhs] / a;
        if (ratio < best - eps || (Math.abs(ratio - best) <= eps && basis[r] < basis[leaving])) {
          best = ratio;
          leaving = r;
        }
      }
    }
    if (leaving < 0) break; // cannot happen in phase one (bounded below by 0)
    const pivotRow = tableau[leaving];
    const pivot = pivotRow[entering];
    for (let c = 0; c <= columns; c += 1) pivotRow[c] /= pivot;
    for (let r = 0; r < rows; r += 1) {
      if (r === leaving) continue;
      const factor = tableau[r][entering];
      if (factor !== 0) for (let c = 0; c <= columns; c += 1) tableau[r][c] -= factor * pivotRow[c];
    }
    const factor = cost[entering];
    for (let c = 0; c <= columns; c += 1) cost[c] -= factor * pivotRow[c];
    basis[leaving] = entering;
  }
  // −cost[rhs] is the sum of the artificials left: 0 when the hulls meet (not separable).
  return -cost[rhs] > 1e-7;
}

/**
 * A projection of the unit cube to the screen: turn by `yaw` about the vertical axis, tilt by `pitch`,
 * then a mild perspective. Returns p ↦ [x, y, depth] (user units; larger depth = nearer the reader),
 * and the direction toward the viewer in cube coordinates.
 */
export function cubeProjection(yaw, pitch, { scale = CUBE_SCALE, centre = [WIDTH / 2, HEIGHT / 2] } = {}) {
  const cy = Math.cos(yaw);
  const sy = Math.sin(yaw);
  const cp = Math.cos(pitch);
  const sp = Math.sin(pitch);
  // Cube axes: x → right, y → up, z → toward the reader, centred on the cube's middle.
  function rotate(p) {
    const x = 2 * p[0] - 1;
    const y = 2 * p[1] - 1;
    const z = 2 * p[2] - 1;
    const x1 = cy * x + sy * z;
    const z1 = -sy * x + cy * z;
    const y2 = cp * y - sp * z1;
    const z2 = sp * y + cp * z1;
    return [x1, y2, z2];
  }
  function project(p) {
    const [x, y, z] = rotate(p);
    const perspective = CAMERA_DISTANCE / (CAMERA_DISTANCE - z);
    return [centre[0] + scale * x * perspective, centre[1] - scale * y * perspective, z];
  }
  // The direction toward the viewer, rotated back into cube coordinates (for orthographic order).
  const towardViewer = [-sy * cp, sp, cy * cp];
  project.towardViewer = towardViewer;
  project.rotate = rotate;
  return project;
}

// ---------------------------------------------------------------------------------------------
// The model's boundary in cube coordinates

// The pre-activation value where an output activation crosses 0.5.
function halfwayPreactivation(activation) {
  switch (activation) {
    case 'sigmoid': return 0;
    case 'tanh': return Math.atanh(0.5);
    default: return 0.5; // linear, relu
  }
}

/**
 * For a network without hidden layers on raw features (binary output): the plane, in unit-cube
 * coordinates of the three axis features, where the prediction is 0.5. The other raw features sit at
 * `fixed`. Returns { normal, offset } with the "prediction > 0.5" side where normal · u > offset, or
 * null when the network is not a single layer over the raw features.
 */
export function perceptronPlane(shape, parameters, axes, fixed, domain) {
  if (shape.layers.length !== 1 || shape.outputs !== 1) return null;
  const layer = shape.layers[0];
  if (layer.inputs !== fixed.length || layer.softmax) return null;
  const [low, high] = domain;
  const span = high - low;
  const weight = (j) => parameters[layer.weightOffset + j];
  let offset = halfwayPreactivation(layer.activation) - parameters[layer.biasOffset];
  for (let j = 0; j < layer.inputs; j += 1) {
    if (!axes.includes(j)) offset -= weight(j) * fixed[j];
  }
  const normal = axes.map((j) => weight(j) * span);
  for (const j of axes) offset -= weight(j) * low;
  return { normal, offset };
}

/** Which rows the current network classifies right: Uint8Array of 0/1, from the snapshot. */
export function correctRows(data, rowOutputs, outputs) {
  const rows = data.targets.length;
  const correct = new Uint8Array(rows);
  for (let r = 0; r < rows; r += 1) {
    if (data.task === 'multiclass') {
      let best = 0;
      for (let k = 1; k < outputs; k += 1) if (rowOutputs[r * outputs + k] > rowOutputs[r * outputs + best]) best = k;
      correct[r] = best === Math.round(data.targets[r]) ? 1 : 0;
    } else {
      correct[r] = (rowOutputs[r * outputs] >= 0.5) === (data.targets[r] >= 0.5) ? 1 : 0;
    }
  }
  return correct;
}
