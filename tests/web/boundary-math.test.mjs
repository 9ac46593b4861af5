// The pure parts of the boundary views, under node: the bounded loss history, the cube's geometry
// (a plane clipped to the cube, polygons clipped to a half-space, the exact separability test, the
// perceptron's plane and the verdict), and the heat map's colour tables and boundary lines.
//
//   node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLossHistory } from '../../web/src/loss-history.js';
import {
  clipPlaneToCube, clipPolygonToHalfSpace, linearlySeparable, perceptronPlane, verdict, correctRows,
  cubeProjection,
} from '../../web/src/views/cube.js';
import {
  boundaryLines, buildColorTable, discretizeColorTable, paintValues, paintEvery, channelColoring, boundaryGridSpec,
  colorTables, drawThumbnailAt,
} from '../../web/src/views/heatmap.js';

// ---- loss history

const reading = (step, loss = 1 / (step + 1)) => ({ step, trainLoss: loss, testLoss: loss * 1.1, trainAccuracy: 0.5, testAccuracy: NaN });

test('the loss history keeps every reading while there is room', () => {
  const history = createLossHistory(400);
  for (let step = 0; step < 100; step += 1) history.add(reading(step));
  const points = history.points();
  assert.equal(points.length, 100);
  assert.deepEqual(points.map((p) => p.step), Array.from({ length: 100 }, (_, i) => i));
  assert.ok(Number.isNaN(points[3].testAccuracy));
});

test('the loss history never exceeds maxPoints over 100,000 readings and covers the whole run', () => {
  const history = createLossHistory(400);
  let largest = 0;
  for (let step = 0; step < 100000; step += 1) {
    history.add(reading(step));
    largest = Math.max(largest, history.points().length);
  }
  const points = history.points();
  assert.ok(largest <= 400, `held ${largest} points`);
  assert.ok(points.length >= 200, `only ${points.length} points left`);
  assert.equal(points[0].step, 0, 'the first reading stays');
  assert.equal(points.at(-1).step, 99999, 'the last reading is shown');
  for (let i = 1; i < points.length; i += 1) assert.ok(points[i].step > points[i - 1].step, 'steps increase');
  // Evenly spread: the gaps between whole points are all the same stride.
  const gaps = new Set(points.slice(1, -1).map((p, i) => p.step - points[i].step));
  assert.ok(gaps.size <= 3, `uneven gaps: ${[...gaps]}`);
});

test('merged points hold the mean of their readings', () => {
  const history = createLossHistory(6);
  for (let step = 0; step < 6; step += 1) history.add({ step, trainLoss: step, testLoss: NaN, trainAccuracy: 1, testAccuracy: 0 });
  const points = history.points();
  assert.equal(points.length, 4);
  assert.equal(points[0].trainLoss, 0);
  assert.equal(points[1].step, 2);
  assert.equal(points[1].trainLoss, 1.5, 'mean of steps 1 and 2');
  assert.ok(Number.isNaN(points[1].testLoss), 'NaN stays NaN');
});

test('stepping back drops later points; clear empties', () => {
  const history = createLossHistory(400);
  for (let step = 0; step < 50; step += 1) history.add(reading(step));
  history.add(reading(20, 42));
  const points = history.points();
  assert.equal(points.at(-1).step, 20);
  assert.equal(points.at(-1).trainLoss, 42);
  assert.equal(points.length, 21);
  history.clear();
  assert.deepEqual(history.points(), []);
  assert.throws(() => createLossHistory(5), /even integer/);
  assert.throws(() => history.add({ step: NaN }), /finite/);
});

// ---- cube geometry

const close = (a, b, tolerance = 1e-9) => Math.abs(a - b) <= tolerance;

test('a plane through the middle of the cube is clipped to a square, a diagonal one to a hexagon', () => {
  const square = clipPlaneToCube([1, 0, 0], 0.5);
  assert.equal(square.length, 4);
  for (const p of square) assert.ok(close(p[0], 0.5));
  const hexagon = clipPlaneToCube([1, 1, 1], 1.5);
  assert.equal(hexagon.length, 6);
  for (const p of hexagon) assert.ok(close(p[0] + p[1] + p[2], 1.5));
  // In order around the polygon: consecutive corners are one edge length apart (a regular hexagon).
  const side = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  const sides = hexagon.map((p, i) => side(p, hexagon[(i + 1) % 6]));
  for (const s of sides) assert.ok(close(s, sides[0], 1e-9), `sides ${sides}`);
  const triangle = clipPlaneToCube([1, 1, 1], 0.5);
  assert.equal(triangle.length, 3);
  assert.deepEqual(clipPlaneToCube([1, 1, 1], 5), [], 'misses the cube');
  assert.deepEqual(clipPlaneToCube([0, 0, 0], 0), [], 'no plane without a normal');
});

test('a face clipped to a half-space keeps the part on that side', () => {
  const face = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]];
  const right = clipPolygonToHalfSpace(face, [1, 0, 0], 0.25, 1);
  const left = clipPolygonToHalfSpace(face, [1, 0, 0], 0.25, -1);
  const area = (polygon) => Math.abs(polygon.reduce((sum, p, i) => {
    const q = polygon[(i + 1) % polygon.length];
    return sum + p[0] * q[1] - q[0] * p[1];
  }, 0)) / 2;
  assert.ok(close(area(right), 0.75));
  assert.ok(close(area(left), 0.25));
  assert.deepEqual(clipPolygonToHalfSpace(face, [1, 0, 0], 2, 1), []);
});

const FOUR_SONGS = { points: [[1, 0, 1], [1, 1, 1], [0, 1, 1], [0, 0, 1]], liked: [true, false, true, false] };
const BETTER_SONGS = {
  points: [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]],
  liked: [false, true, true, true, false, false, false, true],
};

test('the exact separability test: XOR-like songs are not separable, the better songs are', () => {
  assert.equal(linearlySeparable(FOUR_SONGS.points, FOUR_SONGS.liked), false);
  assert.equal(linearlySeparable(BETTER_SONGS.points, BETTER_SONGS.liked), true);
  assert.equal(linearlySeparable([[0, 0], [0, 1], [1, 0], [1, 1]], [false, false, false, true]), true, 'AND');
  assert.equal(linearlySeparable([[0, 0], [0, 1], [1, 0], [1, 1]], [false, true, true, false]), false, 'XOR');
  assert.equal(linearlySeparable([[0], [0]], [true, false]), false, 'the same point in both classes');
  assert.equal(linearlySeparable([[0], [1]], [true, true]), true, 'one class');
  // Many random points split by a known plane are separable; adding one on the wrong side is not.
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const points = Array.from({ length: 120 }, () => [random(), random(), random()]);
  const classes = points.map(([a, b, c]) => a + 2 * b - c > 0.9);
  assert.equal(linearlySeparable(points, classes), true);
  const inside = points.findIndex((p, i) => classes[i]);
  assert.equal(linearlySeparable([...points, points[inside]], [...classes, false]), false);
});

test('the perceptron plane is where w·x + b = 0, in unit-cube coordinates', () => {
  const shape = { outputs: 1, inputs: 3, layers: [{ inputs: 3, neurons: 1, activation: 'sigmoid', weightOffset: 0, biasOffset: 3, neuronOffset: 0 }] };
  const parameters = new Float32Array([-1, 1, 1, -0.5]); // −modern + sad + piano − 0.5
  const plane = perceptronPlane(shape, parameters, [0, 1, 2], [0.5, 0.5, 0.5], [0, 1]);
  assert.deepEqual(plane.normal, [-1, 1, 1]);
  assert.ok(close(plane.offset, 0.5));
  // Every better song is on its side.
  for (const [i, p] of BETTER_SONGS.points.entries()) {
    const side = plane.normal[0] * p[0] + plane.normal[1] * p[1] + plane.normal[2] * p[2] - plane.offset;
    assert.equal(side > 0, BETTER_SONGS.liked[i], `song ${i}`);
  }
  // With axes 0 and 2 and feature 1 fixed at 1, its weight moves into the offset.
  const sliced = perceptronPlane(shape, parameters, [0, 2, 1], [0.5, 1, 0.5], [0, 1]);
  assert.deepEqual(sliced.normal, [-1, 1, 1]);
  // A domain of [−6, 6] scales the normal and shifts the offset.
  const wide = perceptronPlane(shape, parameters, [0, 1, 2], [0, 0, 0], [-6, 6]);
  assert.deepEqual(wide.normal, [-12, 12, 12]);
  assert.ok(close(wide.offset, 0.5 + 6));
  const hidden = { ...shape, layers: [shape.layers[0], shape.layers[0]] };
  assert.equal(perceptronPlane(hidden, parameters, [0, 1, 2], [0, 0, 0], [0, 1]), null);
});

test('the verdict follows the rows classified right, and says when no plane can do better', () => {
  const data = { name: 'Four songs', task: 'binary', featureNames: ['modern', 'sad', 'piano'], classNames: ['dislikes', 'likes'], targets: new Float32Array([1, 0, 1, 0]) };
  const correct = correctRows(data, new Float32Array([0.9, 0.2, 0.4, 0.1]), 1);
  assert.deepEqual(Array.from(correct), [1, 1, 0, 1]);
  const stuck = verdict({ data, correct, flat: true, linear: false });
  assert.equal(stuck.separable, false);
  assert.equal(stuck.text, 'No flat plane can separate the songs into likes and dislikes: 1 of 4 songs is on the wrong side.');
  const early = verdict({ data, correct, flat: true, linear: true });
  assert.equal(early.text, '1 of 4 songs is on the wrong side of the plane so far.');
  const done = verdict({ data, correct: new Uint8Array([1, 1, 1, 1]), flat: true, linear: false });
  assert.equal(done.separable, true);
  assert.match(done.text, /^The plane separates the songs into likes and dislikes/);
  const curved = verdict({ data, correct, flat: false, linear: false });
  assert.match(curved.text, /a curved boundary can/);
});

test('the projection puts the cube centre in the middle and turns with yaw', () => {
  const project = cubeProjection(0, 0, { scale: 100, centre: [0, 0] });
  const [x, y, z] = project([0.5, 0.5, 0.5]);
  assert.ok(close(x, 0) && close(y, 0) && close(z, 0));
  const right = project([1, 0.5, 0.5]);
  assert.ok(right[0] > 0 && close(right[1], 0));
  const turned = cubeProjection(Math.PI / 2, 0, { scale: 100, centre: [0, 0] });
  const rightTurned = turned([1, 0.5, 0.5]);
  assert.ok(close(rightTurned[0], 0, 1e-9), 'a quarter turn points +x away from the reader');
});

// ---- heat map

test('colour tables: 256 packed colours, and a two-band version for the discretised map', () => {
  const table = buildColorTable((t) => `rgb(${Math.round(255 * t)}, 0, 0)`);
  assert.equal(table.length, 256);
  const bytes = new Uint8Array(table.buffer);
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 0, 255]);
  assert.deepEqual([...bytes.subarray(255 * 4, 256 * 4)], [255, 0, 0, 255]);
  const banded = discretizeColorTable(table, 2);
  assert.equal(banded[0], table[0]);
  assert.equal(banded[127], table[0]);
  assert.equal(banded[128], table[255]);
  const pixels = new Uint32Array(4);
  paintValues(pixels, new Float32Array([0, 0.49, 0.51, 1]), 0, 4, banded, 0, 1);
  assert.deepEqual([...pixels], [table[0], table[0], table[255], table[255]]);
  // Thumbnails take every second sample (the middle of each 2 × 2 block) of a 4 × 4 image.
  const image = Float32Array.from({ length: 16 }, (_, i) => i / 15);
  const small = new Uint32Array(4);
  paintEvery(2, small, image, 0, 4, 4, table, 0, 1);
  const expected = [5, 7, 13, 15].map((i) => table[Math.min(255, Math.floor((i / 15) * 256))]);
  assert.deepEqual([...small], expected);
});

test('the boundary line of a perceptron is exactly straight and reaches both edges', () => {
  const rows = 100;
  const columns = 100;
  const values = new Float32Array(rows * columns);
  // sigmoid(3x − 2y + 1) over [−6, 6]²: row 0 is the top (y = 6).
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      const x = -6 + ((c + 0.5) * 12) / columns;
      const y = 6 - ((r + 0.5) * 12) / rows;
      values[r * columns + c] = 1 / (1 + Math.exp(-(3 * x - 2 * y + 1)));
    }
  }
  const lines = boundaryLines(values, 0, rows, columns, 0, 'logit');
  assert.equal(lines.length, 1);
  const points = lines[0];
  // Back to data units, every point satisfies 3x − 2y + 1 = 0.
  let worst = 0;
  for (const [gx, gy] of points) {
    const x = -6 + (gx * 12) / columns;
    const y = 6 - (gy * 12) / rows;
    worst = Math.max(worst, Math.abs(3 * x - 2 * y + 1) / Math.hypot(3, 2));
  }
  assert.ok(worst < 1e-3, `farthest point is ${worst} from the line`);
  const ys = points.map(([, gy]) => gy);
  assert.ok(Math.min(...ys) <= 0 && Math.max(...ys) >= rows, 'the line runs from the top edge to the bottom edge');
});

test('channel colourings follow the activation, and the grid spec is shared per data set', () => {
  const shape = { inputs: 2, outputs: 1, layers: [
    { neurons: 3, activation: 'tanh', neuronOffset: 0 },
    { neurons: 1, activation: 'sigmoid', neuronOffset: 3 },
  ] };
  assert.deepEqual([channelColoring(shape, 2).low, channelColoring(shape, 2).high], [-1, 1]);
  assert.equal(channelColoring(shape, 5).transform, 'logit');
  assert.equal(channelColoring(shape, 0).adaptive, true);
  const data = { domain: [-6, 6], featureNames: ['x', 'y'], features: new Float32Array([1, 2, 3, 4]) };
  const spec = boundaryGridSpec(data);
  assert.equal(spec, boundaryGridSpec(data), 'same object for the same data');
  assert.deepEqual({ ...spec, fixed: undefined }, { xFeature: 0, yFeature: 1, xMin: -6, xMax: 6, yMin: -6, yMax: 6, columns: 100, rows: 100, fixed: undefined });
  assert.deepEqual(spec.fixed, [2, 3]);
});

test('a thumbnail is cut to a translucent disc in its own pixels, its colours left as they are', () => {
  const put = [];
  const context = {
    createImageData: (width, height) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }),
    putImageData: (image, x, y) => put.push({ image, x, y }),
  };
  const atlas = { getContext: () => context };
  const side = 50;
  const values = new Float32Array(2 * side * side).fill(1);
  drawThumbnailAt(atlas, 0, 0, values, 0, side, { low: -1, high: 1 });
  drawThumbnailAt(atlas, 60, 10, values, side * side, side, { low: -1, high: 1 });
  assert.equal(put.length, 2);
  assert.deepEqual([put[1].x, put[1].y], [60, 10], 'each thumbnail at its own place on the atlas');
  const { width, height, data } = put[1].image;
  assert.deepEqual([width, height], [50, 50]);
  const alpha = (x, y) => data[4 * (y * width + x) + 3];
  assert.equal(alpha(0, 0), 0, 'a corner is transparent');
  assert.equal(alpha(49, 49), 0);
  assert.equal(alpha(25, 25), Math.round(255 * 0.92), 'the middle is 92% opaque');
  assert.equal(alpha(0, 25), alpha(25, 0), 'the disc is round');
  assert.ok(alpha(0, 25) > 0 && alpha(0, 25) < 255 * 0.92, 'its edge is soft');
  // The colour is the table's last entry (value 1 = high) wherever the disc shows.
  const table = colorTables().diverging;
  const word = table[table.length - 1];
  assert.deepEqual([...data.slice(4 * (25 * width + 25), 4 * (25 * width + 25) + 3)], [word & 255, (word >> 8) & 255, (word >> 16) & 255]);
});

test('paintEvery at stride 1 with an alpha per pixel: the table colour with that alpha, or 0 where the alpha is 0', () => {
  const table = buildColorTable((t) => `rgb(${Math.round(255 * t)}, ${Math.round(128 * t)}, 40)`, 64);
  const rows = 9;
  const columns = 7;
  const values = Float32Array.from({ length: 2 * rows * columns }, (_, i) => Math.sin(i * 0.37) * 1.3);
  const alpha = Uint8Array.from({ length: rows * columns }, (_, i) => (i % 5 === 0 ? 0 : (i * 37) % 256));
  const colours = new Uint32Array(rows * columns);
  paintValues(colours, values, rows * columns, rows * columns, table, -1, 1);
  const pixels = new Uint32Array(rows * columns).fill(0xdeadbeef);
  paintEvery(1, pixels, values, rows * columns, rows, columns, table, -1, 1, alpha);
  for (let i = 0; i < rows * columns; i += 1) {
    const expected = alpha[i] === 0 ? 0 : ((colours[i] & 0xffffff) | (alpha[i] << 24)) >>> 0;
    assert.equal(pixels[i], expected, `pixel ${i}`);
  }
});
