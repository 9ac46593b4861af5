// web/src/store.js: what the reader is told about refused settings — labels, not internal names, and
// ranges written as the page writes numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS_SCHEMA, labelIgnored, validateValue } from '../../web/src/store.js';

test('ignored settings are named by their labels; a name that is no setting stays as written', () => {
  const labelled = labelIgnored(SETTINGS_SCHEMA, [
    { name: 'learningRate', value: 'abc', reason: 'must be a number' },
    { name: 'hidden', value: '4,99', reason: 'must be up to 8 whole numbers from 1 to 16' },
    { name: 'bogus', value: '1', reason: 'is not a setting' },
  ]);
  assert.deepEqual(labelled.map((item) => item.name), ['learning rate', 'hidden layers', 'bogus']);
  assert.deepEqual(labelled.map((item) => item.value), ['abc', '4,99', '1']);
});

test('a range with a negative end is written with a minus sign', () => {
  const entry = { name: 'shift', type: 'int', default: 0, allowed: { min: -12, max: 12 }, label: 'shift' };
  const result = validateValue(entry, '99');
  assert.equal(result.ok, false);
  assert.equal(result.reason, 'must be a whole number from \u221212 to 12');
  assert.equal(validateValue(entry, '-3').value, -3);
});
