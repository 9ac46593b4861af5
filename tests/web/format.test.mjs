// formatCount groups digits by hand; it must read exactly as en-US toLocaleString does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount } from '../../web/src/format.js';

test('formatCount groups thousands as en-US does, for small, large, negative and fractional counts', () => {
  const values = [0, 7, 999, 1000, 12345, 999999, 1000000, 1234567.6, -1, -1000, -987654321, 2 ** 40, 0.4, -0.4];
  for (let k = 0; k < 200; k += 1) values.push(Math.floor((Math.random() - 0.5) * 10 ** (k % 16)));
  for (const value of values) {
    const expected = Math.round(value).toLocaleString('en-US');
    assert.equal(formatCount(value), expected === '-0' ? '0' : expected, `formatCount(${value})`);
  }
});

test('formatCount says a value that is not a number is not one', () => {
  assert.notEqual(formatCount(NaN), 'NaN'.toLocaleString());
  assert.equal(formatCount(Infinity), formatCount(NaN));
});
