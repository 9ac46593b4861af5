// web/src/explain.js: the words for a parameter's change in the update phase.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changePhrase } from '../../web/src/explain.js';

test('a change is written with two decimals, or with its first two significant digits when smaller', () => {
  assert.equal(changePhrase(0.04), 'goes up by 0.04');
  assert.equal(changePhrase(-0.173), 'goes down by 0.17');
  assert.equal(changePhrase(0.0012), 'goes up by 0.0012');
  assert.equal(changePhrase(-0.000346), 'goes down by 0.00035');
  assert.equal(changePhrase(0.0099), 'goes up by 0.01');
  assert.equal(changePhrase(0.0049), 'goes up by 0.0049');
});

test('only a change too small to write, or none, stays the same; a non-finite one is unreadable', () => {
  assert.equal(changePhrase(0), 'stays the same');
  assert.equal(changePhrase(-0), 'stays the same');
  assert.equal(changePhrase(3e-7), 'stays the same');
  assert.equal(changePhrase(6e-7), 'goes up by 0.000001');
  assert.equal(changePhrase(Number.NaN), 'becomes unreadable');
  assert.equal(changePhrase(Number.POSITIVE_INFINITY), 'becomes unreadable');
});
