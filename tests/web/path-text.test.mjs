// Tests of web/src/views/path-text.js: numbers written as String(Math.round(v * 100) / 100) writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed2 } from '../../web/src/views/path-text.js';

/** A small seeded generator (mulberry32), so a failure can be reproduced. */
function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('fixed2 writes a number exactly as String(Math.round(v * 100) / 100) does', () => {
  const random = mulberry(7);
  const values = [0, -0, 0.004, -0.004, 0.005, -0.005, 0.04, -0.04, 0.05, -0.05, 0.1, -0.1, 1.05, -1.05, 12.5, 12.25,
    99.999, -99.999, 250, -3.07, 1e6 + 0.25, NaN, Infinity, -Infinity];
  for (let i = 0; i < 20000; i += 1) values.push((random() - 0.5) * 10 ** Math.floor(random() * 7 - 2));
  for (const value of values) {
    assert.equal(fixed2(value), String(Math.round(value * 100) / 100), `fixed2 of ${value}`);
  }
});
