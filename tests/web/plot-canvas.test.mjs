// Tests of web/src/views/plot-canvas.js: the polyline a canvas draws (runs split where a point is
// undefined), and a backing store that follows the screen's pixel density.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlotCanvas, tracePolyline } from '../../web/src/views/plot-canvas.js';

/** A stand-in for a 2-D context that records the calls made on it. */
function recordingContext() {
  const calls = [];
  const record = (name) => (...args) => calls.push([name, ...args]);
  return { calls, moveTo: record('moveTo'), lineTo: record('lineTo'), clearRect: record('clearRect'), setTransform: record('setTransform') };
}

test('tracePolyline draws one run per stretch of defined points, starting each with a move', () => {
  const context = recordingContext();
  const points = [1, 2, NaN, 4, NaN, NaN, 7, 8, 9].map((value, step) => ({ step, value }));
  tracePolyline(context, points, (p) => Number.isFinite(p.value), (p) => p.step * 10, (p) => -p.value);
  assert.deepEqual(context.calls, [
    ['moveTo', 0, -1], ['lineTo', 10, -2],
    ['moveTo', 30, -4],
    ['moveTo', 60, -7], ['lineTo', 70, -8], ['lineTo', 80, -9],
  ]);
  const empty = recordingContext();
  tracePolyline(empty, points, () => false, (p) => p.step, (p) => p.value);
  assert.deepEqual(empty.calls, [], 'no defined point: nothing drawn');
});

test('a plot canvas is sized at the screen\'s pixel density, cleared on each begin, and draws nothing without an area', () => {
  const context = recordingContext();
  const canvas = { width: 300, height: 150, className: '', setAttribute() {}, getContext: () => context };
  const parent = { ownerDocument: { createElement: () => canvas }, append() {} };
  const plot = createPlotCanvas(parent, 'plot');
  assert.equal(plot.begin(), null, 'no size yet');
  const ratio = globalThis.devicePixelRatio;
  try {
    globalThis.devicePixelRatio = 2;
    plot.size(200, 50.5);
    assert.equal(plot.begin(), context);
    assert.deepEqual([canvas.width, canvas.height], [400, 101]);
    assert.deepEqual(context.calls.slice(-2), [['clearRect', 0, 0, 400, 101], ['setTransform', 2, 0, 0, 2, 0, 0]]);
    globalThis.devicePixelRatio = 1.5; // the reader zoomed
    plot.begin();
    assert.deepEqual([canvas.width, canvas.height], [300, 76]);
    plot.size(0, 50);
    assert.equal(plot.begin(), null, 'no area: nothing to draw on');
  } finally {
    globalThis.devicePixelRatio = ratio;
  }
});
