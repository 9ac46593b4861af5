// Tests of web/src/views/path-text.js: numbers written as String(Math.round(v * 10^d) / 10^d) writes
// them, and polylines exactly as d3.line().digits(1) writes them, gaps included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// d3-shape from web/'s node_modules (a bare 'd3' resolves only from files under web/).
import * as d3 from '../../web/node_modules/d3-shape/dist/d3-shape.mjs';
import { createPolylineWriter, fixed1, fixed2, polylinePath } from '../../web/src/views/path-text.js';
import { createLossHistory } from '../../web/src/loss-history.js';

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

test('fixed1 and fixed2 write a number exactly as String(Math.round(v * 10^d) / 10^d) does', () => {
  const random = mulberry(7);
  const values = [0, -0, 0.004, -0.004, 0.005, -0.005, 0.04, -0.04, 0.05, -0.05, 0.1, -0.1, 1.05, -1.05, 12.5, 12.25,
    99.999, -99.999, 250, -3.07, 1e6 + 0.25, NaN, Infinity, -Infinity];
  for (let i = 0; i < 20000; i += 1) values.push((random() - 0.5) * 10 ** Math.floor(random() * 7 - 2));
  for (const value of values) {
    assert.equal(fixed1(value), String(Math.round(value * 10) / 10), `fixed1 of ${value}`);
    assert.equal(fixed2(value), String(Math.round(value * 100) / 100), `fixed2 of ${value}`);
  }
});

test('polylinePath writes what d3.line().digits(1) writes, with gaps, single points and no points', () => {
  const random = mulberry(11);
  const x = (p) => p.step * 0.37;
  const y = (p) => 150 - p.value * 120;
  const defined = (p) => Number.isFinite(p.value) && p.value > 0;
  const d3Path = (points) => d3.line().digits(1).defined(defined).x(x).y(y)(points);
  const cases = [[], [{ step: 1, value: NaN }], [{ step: 3, value: 0.5 }],
    [{ step: 0, value: 0.2 }, { step: 1, value: NaN }, { step: 2, value: 0.3 }, { step: 3, value: 0.4 }, { step: 4, value: -1 }]];
  for (let n = 0; n < 200; n += 1) {
    cases.push(Array.from({ length: Math.floor(random() * 60) }, (_, step) => ({
      step, value: random() < 0.15 ? [NaN, Infinity, 0, -0.5][Math.floor(random() * 4)] : random() * 1.2 - 0.01,
    })));
  }
  for (const points of cases) assert.equal(polylinePath(points, defined, x, y), d3Path(points), JSON.stringify(points));
  assert.equal(polylinePath([], defined, x, y), null);
  assert.equal(polylinePath([{ step: 3, value: 0.5 }], defined, x, y), 'M1.1,90Z');
});

test('a polyline writer that keeps each point\'s text writes what polylinePath writes, frame after frame', () => {
  // The loss chart's use: a history that grows by a reading a frame (appending, then merging pairs),
  // drawn with scales that change now and then (the key), and with a log scale hiding non-positive values.
  const random = mulberry(5);
  const history = createLossHistory(16);
  const writer = createPolylineWriter();
  const defined = (p) => Number.isFinite(p.trainLoss) && p.trainLoss > 0;
  let formatted = 0;
  let scale = 1;
  for (let step = 0; step < 300; step += 1) {
    history.add({ step, trainLoss: random() < 0.1 ? -1 : random() });
    if (step % 37 === 0) scale = 1 + random();
    const x = (p) => { formatted += 1; return p.step * scale; };
    const y = (p) => 100 - p.trainLoss * 80;
    const points = history.points();
    const expected = polylinePath(points, defined, (p) => p.step * scale, y);
    assert.equal(writer(points, defined, x, y, `scale ${scale}`), expected, `step ${step}`);
  }
  // Only new points (and every point after a change of scale) were formatted: far fewer than all
  // points of all 300 frames (about 15 each).
  assert.ok(formatted < 300 * 4, `${formatted} points formatted`);
});
