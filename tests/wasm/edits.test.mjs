// Mid-run edits and what the run keeps (web/src/engine/run-base.js): stepping back over an edit undoes
// it and stepping forward again redoes it, so what the run hands out (data, shape, settings) must follow
// the engine both ways, and stay the same object while no edit is crossed (the views redraw on a new one).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule, withRun as withRunOf } from './load.mjs';
import { wrapModule } from '../../web/src/engine/run.js';

let engine;
before(async () => {
  engine = wrapModule(await loadModule());
});

const withRun = (body) => withRunOf(engine, body);

/** The songs with every label flipped and a feature renamed: an edit that shows in data() and shape(). */
function flipped(data) {
  return {
    ...data,
    featureNames: data.featureNames.map((name, i) => (i === 0 ? 'new' : name)),
    targets: data.targets.map((target) => 1 - target),
  };
}

test('a data edit that a step back undid is redone by a step forward, and the run says so', () => withRun((run) => {
  run.step('example', 2);
  const original = run.data();
  run.setData(flipped(original));
  const edited = Array.from(run.data().targets);
  assert.notDeepEqual(edited, Array.from(original.targets));

  run.stepBack(1);
  assert.deepEqual(Array.from(run.data().targets), Array.from(original.targets), 'the step back undid the edit');
  assert.equal(run.shape().inputNames[0], 'modern');

  run.step('phase');
  assert.equal(run.snapshot().phase, 'edit');
  assert.deepEqual(Array.from(run.data().targets), edited, 'the step forward redid the edit');
  assert.equal(run.shape().inputNames[0], 'new');

  run.stepBack(3);
  run.step('phase', 5); // over the edit and on
  assert.deepEqual(Array.from(run.data().targets), edited);
}));

test('a settings edit is redone by a step forward as well', () => withRun((run) => {
  run.step('example');
  const rate = run.settings().hyper.learningRate;
  run.setHyperparameters({ learningRate: 0.05 });
  run.stepBack(1);
  assert.equal(run.settings().hyper.learningRate, rate);
  run.step('example');
  assert.equal(run.settings().hyper.learningRate, Math.fround(0.05));
}));

test('between edits the run hands out the same data, shape and settings objects', () => withRun((run) => {
  run.step('example');
  run.setData(flipped(run.data()));
  run.setHyperparameters({ learningRate: 0.05 });
  const kept = { data: run.data(), shape: run.shape(), settings: run.settings() };
  run.step('epoch', 3);
  run.stepBack(2);
  assert.equal(run.data(), kept.data);
  assert.equal(run.shape(), kept.shape);
  assert.equal(run.settings(), kept.settings);
}));

test('an edit made in the past replaces the later edits: stepping forward does not bring them back', () => withRun((run) => {
  const original = Array.from(run.data().targets);
  run.step('example', 2);
  const before = run.tick;
  run.setData(flipped(run.data()));
  run.seek(before - 4);
  run.setHyperparameters({ learningRate: 0.05 }); // the engine forgets its future, the data edit with it
  run.step('example', 3);
  assert.ok(run.tick > before + 1);
  assert.deepEqual(Array.from(run.data().targets), original);
  assert.equal(run.settings().hyper.learningRate, Math.fround(0.05));
}));
