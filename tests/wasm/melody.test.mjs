// The melody engine through its WebAssembly API: the calls the page will make, checked in Node.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from './load.mjs';
import { wrapMelodyModule, MelodyRun } from '../../web/src/engine/melody-run.js';

const SIXTEEN_NOTES = 'E4/4 E4/4 F4/4 G4/4 G4/4 F4/4 E4/4 D4/4 C4/4 C4/4 D4/4 E4/4 E4/4. D4/8 D4/2 E4/4';

let Module;
let melodies;
before(async () => {
  Module = await loadModule();
  melodies = wrapMelodyModule(Module);
});

function withRun(body) {
  const run = melodies.createMelodyRun();
  try {
    return body(run);
  } finally {
    run.delete();
  }
}

test('the built-in tunes come with names, titles and texts that parse', () => {
  const tunes = melodies.tunes();
  assert.deepEqual(tunes.map((t) => t.name), ['scale', 'twinkle', 'ode-to-joy', 'frere-jacques']);
  assert.equal(tunes[3].title, 'Frère Jacques');
  for (const tune of tunes) {
    const parsed = melodies.parseMelody(tune.text);
    assert.ok(parsed.pitches instanceof Int32Array);
    assert.equal(parsed.pitches.length, parsed.durations.length);
    assert.equal(melodies.parseMelody(parsed.text).text, parsed.text);
  }
  const scale = melodies.parseMelody('C4/4 D4/8. R/2');
  assert.deepEqual([...scale.pitches], [60, 62, -1]);
  assert.deepEqual([...scale.durations], [4, 3, 8]);
});

test('a new run learns Twinkle with an LSTM; shapes describe the snapshot', () => withRun((run) => {
  const shape = run.shape();
  assert.equal(shape.cell, 'lstm');
  assert.deepEqual(shape.gateNames, ['input', 'forget', 'candidate', 'output']);
  const V = shape.vocabularySize;
  const H = shape.hidden;
  assert.equal(V, 9);
  assert.equal(run.vocabulary().length, V);
  assert.equal(run.vocabulary()[0].text, 'C4/4');
  assert.equal(run.melody().tokens.length, 42);
  assert.equal(shape.parameterCount, shape.outputBias.offset + V);
  const idle = run.snapshot();
  assert.equal(idle.phase, 'idle');
  assert.equal(idle.steps, 16);

  run.step('phase', 3);
  let s = run.snapshot();
  assert.equal(s.phase, 'forward');
  assert.equal(s.phaseStep, 2);
  run.step('phase', 13 + 1 + 16 + 1); // the rest of the first window: forward, loss, backward, update
  s = run.snapshot();
  assert.equal(s.phase, 'update');
  assert.equal(s.updates, 1);
  const T = s.steps;
  assert.ok(s.inputs instanceof Int32Array);
  assert.equal(s.inputs.length, T);
  assert.equal(s.targets.length, T);
  assert.equal(s.hidden.length, T * H);
  assert.equal(s.cell.length, T * H);
  assert.equal(s.gates.length, T * 4 * H);
  assert.equal(s.probabilities.length, T * V);
  assert.equal(s.stepLosses.length, T);
  assert.equal(s.hiddenGradients.length, T * H);
  assert.equal(s.hiddenGradientNorms.length, T);
  assert.equal(s.recurrentGradientNorms.length, T);
  assert.equal(s.recurrentGradientNorms[T - 1], 0);
  assert.ok(s.recurrentGradientNorms[0] > 0);
  assert.equal(s.parameters.length, shape.parameterCount);
  assert.equal(s.gradients.length, shape.parameterCount);
  assert.equal(s.lastUpdates.length, shape.parameterCount);
  assert.equal(s.predictions.length, 41);
  assert.ok(s.windowLoss > 0);
  assert.ok(s.gradientNorm > 0);
  let total = 0;
  for (let v = 0; v < V; v += 1) total += s.probabilities[v];
  assert.ok(Math.abs(total - 1) < 1e-5);

  const before = run.snapshot().trainLoss;
  run.step('epoch', 30);
  assert.ok(run.snapshot().trainLoss < before);
}));

test('an Elman run has no cell state or gates', () => withRun((run) => {
  run.reset({ tune: 'scale', cell: 'elman', hidden: 5, truncation: 4 });
  run.step('window');
  const s = run.snapshot();
  assert.equal(run.shape().gates, 1);
  assert.equal(s.hidden.length, 4 * 5);
  assert.equal(s.cell.length, 0);
  assert.equal(s.gates.length, 0);
  assert.equal(s.initialCell.length, 0);
  assert.equal(s.windowsPerEpoch, 4); // 14 pairs in windows of 4
}));

test('the LSTM memorises 16 notes and plays them back; sampling is deterministic', () => withRun((run) => {
  run.reset({ melody: SIXTEEN_NOTES, hidden: 16, hyper: { learningRate: 0.05 }, seed: 1 });
  run.step('epoch', 40);
  assert.equal(run.snapshot().trainAccuracy, 1);
  const replay = run.sample({ start: 'E4/4', length: 16, temperature: 0.01, seed: 3 });
  assert.equal(replay.text, run.melody().text);
  const a = run.sample({ length: 50, temperature: 1.5, seed: 7 });
  const b = run.sample({ length: 50, temperature: 1.5, seed: 7 });
  assert.deepEqual(a.tokens, b.tokens);
  assert.equal(a.tokens.length, 50);
  assert.equal(a.distributions.length, 49 * run.shape().vocabularySize);
  assert.equal(a.text.split(' ').length, 50);
}));

test('stepping back and forward again gives the same bits', () => withRun((run) => {
  run.reset({ tune: 'ode-to-joy', truncation: 8, hidden: 6 });
  run.step('epoch', 2);
  run.step('phase', 5);
  const tick = run.tick;
  const expected = run.snapshot();
  run.stepBack(100);
  assert.equal(run.tick, tick - 100);
  run.seek(tick);
  const again = run.snapshot();
  assert.deepEqual(again.parameters, expected.parameters);
  assert.deepEqual(again.hidden, expected.hidden);
  run.setHyperparameters({ learningRate: 0.2, gradientClip: 1 });
  assert.equal(run.settings().hyper.learningRate, Math.fround(0.2));
  assert.equal(run.settings().gradientClip, 1);
  run.stepBack(1);
  assert.equal(run.settings().gradientClip, 5);
}));

test('bad melodies and settings reach JS as Errors with messages, and the run keeps working', () => withRun((run) => {
  run.step('window');
  const tick = run.tick;
  const cases = [
    [() => run.reset({ melody: 'C4/4 D4/4 H4/4' }), /note 3 'H4\/4'.*unknown pitch name 'H'/],
    [() => run.reset({ melody: '' }), /the melody is empty/],
    [() => run.reset({ melody: 'C4/4 '.repeat(513) }), /note 513.*at most 512 notes/],
    [() => run.reset({ melody: 'C4/4 D4/5' }), /note value 5/],
    [() => run.reset({ melody: 'C4/4' }), /at least 2 notes/],
    [() => run.reset({ tune: 'yesterday' }), /unknown tune 'yesterday' \(scale, twinkle, ode-to-joy, frere-jacques\)/],
    [() => run.reset({ cell: 'gru' }), /unknown cell 'gru'/],
    [() => run.reset({ hidden: 0 }), /hidden units must be in \[1, 64\], got 0/],
    [() => run.reset({ hidden: 2.5 }), /options.hidden must be a whole number/],
    [() => run.reset({ truncation: 100 }), /truncation.*got 100/],
    [() => run.reset({ hyper: { learningRate: -1 } }), /learning rate must be in \(0, 10\]/],
    [() => run.setHyperparameters({ gradientClip: -2 }), /gradient clip must be in \[0, 1000\]/],
    [() => run.setParameter(1e6, 0), /parameter index 1000000 is out of range/],
    [() => run.step('example'), /unknown step size 'example' \(phase, window or epoch\)/],
    [() => run.step('phase', -1), /step count must be a whole number/],
    [() => run.sample({ start: 'B9/4' }), /octave 9/],
    [() => run.sample({ start: 'C5/4' }), /C5\/4 is not in the vocabulary/],
    [() => run.sample({ start: 99 }), /starting token must be in \[0, 8\], got 99/],
    [() => run.sample({ temperature: 0 }), /temperature must be in \(0, 100\]/],
    [() => run.sample({ length: 1000 }), /length must be in \[1, 512\]/],
    [() => melodies.parseMelody('C4/4 X'), /note 2 'X'.*unknown pitch name/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (error) => error instanceof Error && message.test(error.message), String(message));
  }
  assert.equal(run.tick, tick);
  assert.equal(run.shape().vocabularySize, 9);
  assert.ok(run.step('window'));
  assert.equal(run.snapshot().updates, 2);
}));

test('snapshots are copies that survive memory growth', () => withRun((run) => {
  const first = run.snapshot().parameters;
  const copy = Float32Array.from(first);
  const others = [];
  for (let i = 0; i < 8; i += 1) { // grow the heap with big runs
    const other = melodies.createMelodyRun();
    other.reset({ tune: 'ode-to-joy', hidden: 64, truncation: 64 });
    other.step('epoch', 2);
    others.push(other);
  }
  run.step('epoch');
  assert.deepEqual(first, copy);
  for (const other of others) other.delete();
}));

test('runs are deleted: a deleted run refuses calls, and many runs do not grow the heap', () => {
  const run = melodies.createMelodyRun();
  assert.ok(run instanceof MelodyRun);
  run.delete();
  assert.throws(() => run.snapshot());
  const raw = new Module.MelodyTrainer();
  raw.delete();
  assert.throws(() => raw.tick(), /deleted/);

  const churn = () => {
    for (let i = 0; i < 50; i += 1) {
      const r = melodies.createMelodyRun();
      r.reset({ tune: 'frere-jacques', hidden: 16 });
      r.step('epoch', 2);
      r.snapshot();
      r.delete();
    }
  };
  churn(); // the heap grows to what one run needs, then stays
  const heap = Module.HEAP8.length;
  churn();
  assert.equal(Module.HEAP8.length, heap);
});
