// web/src/views/offscreen.js: a view off screen skips playing frames and catches up when it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipWhileOffScreen } from '../../web/src/views/offscreen.js';

function setUp() {
  const drawn = [];
  const classes = new Set();
  let destroyed = false;
  let report = null;
  let stopped = false;
  const element = { classList: { toggle: (name, on) => (on ? classes.add(name) : classes.delete(name)) } };
  const view = skipWhileOffScreen(
    { update: (frame) => drawn.push(frame.id), destroy: () => { destroyed = true; }, extra: () => 'kept' },
    element,
    { observe: (element, onChange) => { report = onChange; return () => { stopped = true; }; } },
  );
  return { view, drawn, classes, setVisible: (visible) => report(visible), state: () => ({ destroyed, stopped }) };
}

test('on screen, every frame is drawn', () => {
  const { view, drawn } = setUp();
  view.update({ id: 1, playing: true });
  view.update({ id: 2, playing: false });
  assert.deepEqual(drawn, [1, 2]);
  assert.equal(view.extra(), 'kept', 'the view keeps its other methods');
});

test('off screen, playing frames are skipped and the latest is drawn when the view comes back', () => {
  const { view, drawn, classes, setVisible } = setUp();
  setVisible(false);
  assert.deepEqual([...classes], ['off-screen'], 'the element is marked while away');
  for (let id = 1; id <= 5; id += 1) view.update({ id, playing: true });
  assert.deepEqual(drawn, []);
  setVisible(true);
  assert.deepEqual([...classes], []);
  assert.deepEqual(drawn, [5]);
  setVisible(false);
  setVisible(true);
  assert.deepEqual(drawn, [5], 'nothing missed, nothing redrawn');
});

test('off screen, a frame that is not playing (a step, a pause, an edit) is drawn at once', () => {
  const { view, drawn, setVisible } = setUp();
  setVisible(false);
  view.update({ id: 1, playing: true });
  view.update({ id: 2, playing: false });
  assert.deepEqual(drawn, [2]);
  setVisible(true);
  assert.deepEqual(drawn, [2], 'the skipped frame is older than the one drawn');
});

test('destroy stops observing and destroys the view', () => {
  const { view, state } = setUp();
  view.destroy();
  assert.deepEqual(state(), { destroyed: true, stopped: true });
});
