// The losses and accuracies of a run over time, in bounded memory, for the loss chart.
//
// Every point added is one reading { step, trainLoss, testLoss, trainAccuracy, testAccuracy }.
// While there is room each reading is kept. When the history is about to fill up (maxPoints − 1
// whole points), neighbouring pairs are merged (the mean of their values, at the later step), which
// halves it, and from then on every two readings make one point; after the next merge, every four;
// and so on. So however long a run lasts, points() returns at most `maxPoints` points that cover all
// of it evenly, and the chart that draws them costs the same at step 100 and at step 10,000,000.
//
// The first reading (the untrained network) is never merged away: the chart always starts there.
// A reading at an earlier step than the last one (the reader stepped back) drops the later points.

const VALUE_FIELDS = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'];

/** Mean of two numbers that may be NaN (no test set, regression accuracy): NaN only if both are. */
function meanOfTwo(a, b) {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return (a + b) / 2;
}

function toNumber(value) {
  return value === undefined || value === null ? NaN : Number(value);
}

/**
 * @param {number} maxPoints the most points points() ever returns (an even number ≥ 4)
 * @returns {{ add: (reading: object) => void, points: () => object[], clear: () => void,
 *             readingsPerPoint: () => number }}
 */
export function createLossHistory(maxPoints = 400) {
  if (!Number.isInteger(maxPoints) || maxPoints < 4 || maxPoints % 2 !== 0) {
    throw new RangeError(`maxPoints must be an even integer ≥ 4, got ${maxPoints}`);
  }
  let kept = [];       // merged points, oldest first; kept.length < maxPoints − 1 between calls
  let stride = 1;      // readings per point in `kept` (after the first point)
  let pending = null;  // the bucket of readings not yet making a whole point: { count, sums, step }
  let snapshot = null; // cached result of points()

  function makePoint(step, values) {
    const point = { step };
    for (const field of VALUE_FIELDS) point[field] = values[field];
    return point;
  }

  // Merges kept[1..] pairwise; kept[0] (the start of the run) stays.
  function mergePairs() {
    const merged = [kept[0]];
    for (let i = 1; i < kept.length; i += 2) {
      const a = kept[i];
      const b = kept[i + 1];
      if (!b) { merged.push(a); continue; }
      const values = {};
      for (const field of VALUE_FIELDS) values[field] = meanOfTwo(a[field], b[field]);
      merged.push(makePoint(b.step, values));
    }
    kept = merged;
    stride *= 2;
  }

  function pendingPoint() {
    const values = {};
    for (const field of VALUE_FIELDS) {
      const { sum, count } = pending.sums[field];
      values[field] = count > 0 ? sum / count : NaN;
    }
    return makePoint(pending.step, values);
  }

  // Drops every point and pending reading later than `step`.
  function truncateAfter(step) {
    if (pending && pending.step > step) pending = null;
    while (kept.length > 0 && kept[kept.length - 1].step > step) kept.pop();
    if (kept.length === 0) stride = 1;
  }

  return {
    /** Adds one reading; `step` must be a finite number (e.g. the optimizer's update count). */
    add(reading) {
      const step = Number(reading.step);
      if (!Number.isFinite(step)) throw new RangeError(`step must be a finite number, got ${reading.step}`);
      snapshot = null;
      const last = pending ?? kept[kept.length - 1];
      if (last && step < last.step) truncateAfter(step);
      const latest = pending ?? kept[kept.length - 1];
      if (latest && step === latest.step) {
        // The same step read twice (a redraw without training, or an edit): the newer values win.
        if (pending) return;
        kept[kept.length - 1] = makePoint(step, Object.fromEntries(VALUE_FIELDS.map((f) => [f, toNumber(reading[f])])));
        return;
      }
      if (kept.length === 0) {
        kept.push(makePoint(step, Object.fromEntries(VALUE_FIELDS.map((f) => [f, toNumber(reading[f])]))));
        return;
      }
      pending ??= { count: 0, step, sums: Object.fromEntries(VALUE_FIELDS.map((f) => [f, { sum: 0, count: 0 }])) };
      pending.count += 1;
      pending.step = step;
      for (const field of VALUE_FIELDS) {
        const value = toNumber(reading[field]);
        if (!Number.isNaN(value)) {
          pending.sums[field].sum += value;
          pending.sums[field].count += 1;
        }
      }
      if (pending.count >= stride) {
        kept.push(pendingPoint());
        pending = null;
        // Merge while the points after the first pair up exactly, so spacing stays even.
        if (kept.length >= maxPoints - 1) mergePairs();
      }
    },

    /** The points, oldest first: at most maxPoints, the last one possibly a partial bucket. */
    points() {
      snapshot ??= pending ? [...kept, pendingPoint()] : kept.slice();
      return snapshot;
    },

    /** How many readings one (whole) point stands for now: 1, 2, 4, … */
    readingsPerPoint() {
      return stride;
    },

    clear() {
      kept = [];
      stride = 1;
      pending = null;
      snapshot = null;
    },
  };
}
