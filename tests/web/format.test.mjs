// formatCount groups digits by hand; it must read exactly as en-US toLocaleString does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatLoss, formatPercent } from '../../web/src/format.js';

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

test('formatPercent writes whole percentages, and never rounds a share that is not all or nothing to 100% or 0%', () => {
  assert.equal(formatPercent(0.754), '75%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.994), '99%');
  assert.equal(formatPercent(249 / 250), '99.6%');
  assert.equal(formatPercent(499 / 500), '99.8%');
  assert.equal(formatPercent(0.99996), '99.9%');
  assert.equal(formatPercent(1 / 250), '0.4%');
  assert.equal(formatPercent(0.00001), '0.1%');
  assert.equal(formatPercent(0.006), '1%');
  assert.equal(formatPercent(Number.NaN), '\u2014');
});

test('formatLoss writes up to four decimals near 1 and a short exponent far from it', () => {
  assert.equal(formatLoss(0.69431), '0.6943');
  assert.equal(formatLoss(0.5), '0.5');
  assert.equal(formatLoss(2), '2');
  assert.equal(formatLoss(0), '0');
  assert.equal(formatLoss(123456.7), '123456.7');
  assert.equal(formatLoss(2.3234114875689194e+29), '2.32e+29');
  assert.equal(formatLoss(1.2e-7), '1.2e-7');
  assert.equal(formatLoss(0.00005), '5e-5');
  assert.equal(formatLoss(Number.POSITIVE_INFINITY), '\u2014');
});
