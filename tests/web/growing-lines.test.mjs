// Tests of web/src/views/growing-lines.js: a line drawn a piece at a time covers every segment and
// every corner of the line drawn whole, carries its dash pattern on across pieces, strokes only its
// newest points each frame, and is drawn again from the start when anything but new points moves it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAIL, createGrowingLines } from '../../web/src/views/growing-lines.js';

/** A stand-in for a canvas and its 2-D context that records each stroke: its points and dash offset. */
function recordingCanvas() {
  const canvas = { width: 400, height: 100, context: null };
  let path = [];
  canvas.context = {
    canvas,
    strokes: [],
    copies: 0,
    lineDashOffset: 0,
    save() {}, restore() {}, translate() {}, setTransform() {}, getTransform: () => ({}),
    setLineDash(dash) { this.dash = dash; },
    beginPath() { path = []; },
    moveTo(x, y) { path.push([x, y]); },
    lineTo(x, y) { path.push([x, y]); },
    stroke() { this.strokes.push({ path, offset: this.lineDashOffset, dash: this.dash, color: this.strokeStyle }); },
    drawImage() { this.copies += 1; },
  };
  canvas.getContext = () => canvas.context;
  return canvas;
}

function setUp() {
  const made = [];
  const ownerDocument = { createElement: () => { const canvas = recordingCanvas(); made.push(canvas); return canvas; } };
  return { lines: createGrowingLines(ownerDocument), kept: () => made[0].context };
}

// Points 10 px apart in x, zig-zagging in y; a point's index is x / 10.
const pointAt = (i) => ({ step: i, value: i % 3 === 0 ? NaN : (i * 7) % 5 });
const stroke = (defined) => ({ left: 0, top: 0, color: '#000', width: 1.8, dash: [5, 3], defined, x: (p) => p.step * 10, y: (p) => p.value * 4 });
const allDefined = stroke(() => true);
const indexesOf = (piece) => piece.path.map(([x]) => Math.round(x / 10));

/** px along the line from points[start] to points[end] (all defined). */
function lengthBetween(points, start, end) {
  let length = 0;
  for (let i = start; i < end; i += 1) {
    length += Math.hypot(10 * (points[i + 1].step - points[i].step), 4 * ((points[i + 1].value || 0) - (points[i].value || 0)));
  }
  return length;
}

test('drawn a point at a time, the pieces cover every segment and corner, each frame stroking only the newest points', () => {
  const { lines, kept } = setUp();
  const points = [];
  const line = { ...allDefined, y: (p) => 4 * (p.value || 0) };
  let frame;
  for (let i = 0; i < 200; i += 1) {
    points.push(pointAt(i));
    frame = recordingCanvas().context;
    lines.draw(frame, { key: 'scales', points: points.slice(), strokes: [line] });
    const stroked = frame.strokes.reduce((sum, piece) => sum + piece.path.length, 0);
    assert.ok(stroked <= TAIL + 2, `frame ${i} stroked ${stroked} points, at most ${TAIL + 2}`);
    if (i > TAIL) assert.equal(frame.copies, 1, 'the kept drawing is copied in');
  }
  const pieces = [...kept().strokes, ...frame.strokes].map(indexesOf);
  for (let i = 0; i + 1 < points.length; i += 1) {
    assert.ok(pieces.some((piece) => piece.includes(i) && piece.includes(i + 1)), `segment ${i}–${i + 1} is drawn`);
  }
  for (let i = 1; i + 1 < points.length; i += 1) {
    assert.ok(pieces.some((piece) => piece.includes(i - 1) && piece.includes(i + 1)), `the corner at ${i} is drawn as a join`);
  }
  // Each piece is TAIL or so points; the whole line took a handful of them, not one per frame.
  assert.ok(kept().strokes.length <= Math.ceil(200 / TAIL), `${kept().strokes.length} kept pieces`);
  // The dash pattern carries on: each piece starts as far into it as the line has come.
  for (const piece of [...kept().strokes, ...frame.strokes]) {
    const start = indexesOf(piece)[0];
    assert.ok(Math.abs(piece.offset - lengthBetween(points, 0, start)) < 1e-6, `piece from ${start}: offset ${piece.offset}`);
  }
});

test('a line breaks where its points are undefined, and each run after a break starts its dash pattern afresh', () => {
  const { lines, kept } = setUp();
  const points = Array.from({ length: 120 }, (_, i) => pointAt(i));
  const line = stroke((p) => Number.isFinite(p.value));
  let frame;
  for (let n = 1; n <= points.length; n += 1) {
    frame = recordingCanvas().context;
    lines.draw(frame, { key: 'scales', points: points.slice(0, n), strokes: [line] });
  }
  for (const piece of [...kept().strokes, ...frame.strokes]) {
    const indexes = indexesOf(piece);
    assert.ok(indexes.every((i) => i % 3 !== 0), `no undefined point drawn: ${indexes}`);
    assert.ok(indexes.every((i, k) => k === 0 || i === indexes[k - 1] + 1), `a run does not cross a gap: ${indexes}`);
    // Runs are two points long here (every third point is undefined): each starts its pattern at 0,
    // or where the previous piece left it when a piece starts inside a run.
    const runStart = indexes[0] % 3 === 1 ? indexes[0] : indexes[0] - 1;
    assert.ok(Math.abs(piece.offset - lengthBetween(points, runStart, indexes[0])) < 1e-6, `piece ${indexes}: offset ${piece.offset}`);
  }
});

test('new scales, a merged history or a step back draw the lines again from the first point', () => {
  const { lines, kept } = setUp();
  const points = Array.from({ length: 100 }, (_, i) => ({ step: i, value: 1 }));
  const firstPoints = () => kept().strokes.map((piece) => indexesOf(piece)[0]);
  lines.draw(recordingCanvas().context, { key: 'a', points, strokes: [allDefined] });
  assert.deepEqual(firstPoints(), [0]);
  lines.draw(recordingCanvas().context, { key: 'a', points: [...points, { step: 100, value: 1 }], strokes: [allDefined] });
  assert.deepEqual(firstPoints(), [0], 'one new point: nothing drawn again');

  kept().strokes.length = 0;
  lines.draw(recordingCanvas().context, { key: 'b', points, strokes: [allDefined] });
  assert.deepEqual(firstPoints(), [0], 'a new key: drawn from the start');

  kept().strokes.length = 0;
  const merged = points.map((p, i) => (i === 0 ? p : { ...p }));
  lines.draw(recordingCanvas().context, { key: 'b', points: merged, strokes: [allDefined] });
  assert.deepEqual(firstPoints(), [0], 'the same steps as new points (a merge): drawn from the start');

  kept().strokes.length = 0;
  const frame = recordingCanvas().context;
  lines.draw(frame, { key: 'b', points: merged.slice(0, 40), strokes: [allDefined] });
  assert.deepEqual(firstPoints(), [0], 'stepped back past the kept points: drawn from the start');
  const drawn = [...kept().strokes, ...frame.strokes].flatMap(indexesOf);
  assert.equal(Math.max(...drawn), 39, 'nothing beyond the last point');
});
