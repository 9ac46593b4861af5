// Tests of web/src/views/plot-canvas.js: a backing store that follows the screen's pixel density.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlotCanvas } from '../../web/src/views/plot-canvas.js';

/** A stand-in for a 2-D context that records the calls made on it. */
function recordingContext() {
  const calls = [];
  const record = (name) => (...args) => calls.push([name, ...args]);
  return { calls, clearRect: record('clearRect'), setTransform: record('setTransform') };
}

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
