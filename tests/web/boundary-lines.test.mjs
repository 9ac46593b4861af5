// web/src/views/boundary-lines.js: the decision boundary by marching squares, checked against what
// any boundary line must be: one point on every edge of the (padded) grid where the values cross the
// threshold, nowhere else, each where the linear interpolation meets the threshold, and joined only
// between points of the same cell; a line that closes on itself ends at its first point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundaryLines, linesToPath, simplifyLine } from '../../web/src/views/boundary-lines.js';

/** A smooth random field: a sum of a few Gaussian bumps, alternately up and down, sampled on rows × columns. */
function randomField(rows, columns, seed) {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const bumps = Array.from({ length: 6 }, (_, i) => ({
    x: random() * columns, y: random() * rows, width: 3 + random() * columns / 3, sign: i % 2 ? -1 : 1,
  }));
  const values = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      values[r * columns + c] = Math.tanh(bumps.reduce((sum, b) =>
        sum + b.sign * Math.exp(-((c - b.x) ** 2 + (r - b.y) ** 2) / (2 * b.width ** 2)), 0));
    }
  }
  return values;
}

/** The padded field the lines are drawn on (one cell of linear extrapolation all around), as value(r, c). */
function paddedValue(values, rows, columns) {
  const inner = (r, c) => values[r * columns + c];
  const row = (r, c) => {                      // r inside, c from -1 to columns
    if (c < 0) return 2 * inner(r, 0) - inner(r, 1);
    if (c >= columns) return 2 * inner(r, columns - 1) - inner(r, columns - 2);
    return inner(r, c);
  };
  return (r, c) => {                           // r from -1 to rows
    if (r < 0) return 2 * row(0, c) - row(1, c);
    if (r >= rows) return 2 * row(rows - 1, c) - row(rows - 2, c);
    return row(r, c);
  };
}

for (const [rows, columns, seed] of [[40, 40, 1], [30, 50, 2], [64, 48, 3], [100, 100, 4]]) {
  test(`boundary lines over a random ${rows} × ${columns} field cross exactly where the values do`, () => {
    const values = randomField(rows, columns, seed);
    const threshold = 0;
    const lines = boundaryLines(values, 0, rows, columns, threshold);
    const value = paddedValue(values, rows, columns);
    // Every crossing edge of the padded grid; sample (r, c) sits at (c + 0.5, r + 0.5).
    const expected = new Map();
    for (let r = -1; r <= rows; r += 1) {
      for (let c = -1; c <= columns; c += 1) {
        for (const [dr, dc] of [[0, 1], [1, 0]]) {
          if (r + dr > rows || c + dc > columns) continue;
          const a = value(r, c);
          const b = value(r + dr, c + dc);
          if ((a >= threshold) === (b >= threshold)) continue;
          const t = (threshold - a) / (b - a);
          expected.set(`${r},${c},${dr}`, [c + 0.5 + dc * t, r + 0.5 + dr * t]);
        }
      }
    }
    assert.ok(expected.size > 20, 'the field crosses its threshold');
    const found = new Map();
    for (const line of lines) {
      assert.ok(line.length >= 2);
      const closed = line.length > 2 && line[0] === line.at(-1);
      line.forEach(([x, y], i) => {
        if (closed && i === line.length - 1) return;
        // On a horizontal edge y is a sample row (y − 0.5 an integer), on a vertical one x is.
        const horizontal = Math.abs(y - 0.5 - Math.round(y - 0.5)) < 1e-9;
        const key = horizontal
          ? `${Math.round(y - 0.5)},${Math.floor(x - 0.5)},0`
          : `${Math.floor(y - 0.5)},${Math.round(x - 0.5)},1`;
        assert.ok(!found.has(key), `the crossing ${key} appears twice`);
        found.set(key, [x, y]);
        if (i > 0) {
          const [px, py] = line[i - 1];
          assert.ok(Math.abs(px - x) <= 1 && Math.abs(py - y) <= 1, `a jump from (${px}, ${py}) to (${x}, ${y})`);
        }
      });
    }
    assert.equal(found.size, expected.size, 'one point per crossing edge');
    for (const [key, [x, y]] of expected) {
      const point = found.get(key);
      assert.ok(point, `no point on the crossing edge ${key}`);
      assert.ok(Math.abs(point[0] - x) < 1e-6 && Math.abs(point[1] - y) < 1e-6, `edge ${key}: ${point} ≠ ${x},${y}`);
    }
  });
}

test('a boundary that closes on itself (a circle) is one line ending where it starts', () => {
  const rows = 50;
  const columns = 50;
  const values = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) values[r * columns + c] = Math.hypot(c + 0.5 - 25, r + 0.5 - 25) - 12;
  }
  const lines = boundaryLines(values, 0, rows, columns, 0);
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.deepEqual(line[0], line.at(-1));
  for (const [x, y] of line) assert.ok(Math.abs(Math.hypot(x - 25, y - 25) - 12) < 0.1, `(${x}, ${y}) is off the circle`);
});

test('a field on one side of the threshold has no boundary', () => {
  assert.deepEqual(boundaryLines(new Float32Array(100).fill(0.2), 0, 10, 10, 0.5), []);
});

/** Distance from point p to the segment a–b. */
function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

for (const seed of [3, 17, 2024]) {
  test(`simplified boundary lines (seed ${seed}) keep their ends, stay within the tolerance and drop most points`, () => {
    const rows = 100;
    const columns = 100;
    const tolerance = 0.1;
    const lines = boundaryLines(randomField(rows, columns, seed), 0, rows, columns, 0);
    let before = 0;
    let after = 0;
    for (const line of lines) {
      const kept = simplifyLine(line, tolerance);
      before += line.length;
      after += kept.length;
      assert.deepEqual(kept[0], line[0]);
      assert.deepEqual(kept.at(-1), line.at(-1));
      // Every original point lies within the tolerance of the kept segment around it. The kept
      // points are some of the line's own (the same arrays), in order: find where each one sits.
      const at = [];
      for (let i = 0; i < line.length && at.length < kept.length; i += 1) if (line[i] === kept[at.length]) at.push(i);
      assert.equal(at.length, kept.length, 'the kept points are the line\'s own, in order');
      for (let k = 0; k + 1 < kept.length; k += 1) {
        for (let i = at[k] + 1; i < at[k + 1]; i += 1) {
          const distance = distanceToSegment(line[i], kept[k], kept[k + 1]);
          assert.ok(distance <= tolerance + 1e-12, `point ${i} is ${distance} from its simplified segment`);
        }
      }
    }
    assert.ok(before > 100, `the field should have long boundaries (${before} points)`);
    assert.ok(after < before / 2, `simplifying kept ${after} of ${before} points`);
  });
}

test('a straight boundary simplifies to its two ends, and a zero tolerance keeps every point', () => {
  const rows = 20;
  const columns = 20;
  const values = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) values[r * columns + c] = c + 0.5 - 0.5 * (r + 0.5) - 4.3;
  const [line] = boundaryLines(values, 0, rows, columns, 0);
  assert.ok(line.length > 10);
  assert.deepEqual(simplifyLine(line, 0.01), [line[0], line.at(-1)]);
  const everyPoint = linesToPath([line], 1);
  assert.equal(everyPoint.split('L').length, line.length);
  assert.equal(linesToPath([line], 1, 0.01).split('L').length, 2);
});
