// The computational graph's layout: left to right, no two boxes of neighbouring columns overlap or
// crowd, at every width the page gives it; below the least left-to-right width it flows top to
// bottom rather than scroll; a box shows an update as "old → new" only where it is wide enough.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANGE_WIDTH, NARROW_WIDTH, layoutGraph } from '../../web/src/views/graph-layout.js';

/** The gaps between horizontally neighbouring boxes that share a row (overlapping in y). */
function horizontalGaps(layout) {
  const boxes = [...layout.positions.values()];
  const gaps = [];
  for (const a of boxes) {
    for (const b of boxes) {
      const sameRow = Math.abs(a.y - b.y) < (a.h + b.h) / 2;
      if (a !== b && sameRow && b.x > a.x) gaps.push(b.x - b.w / 2 - (a.x + a.w / 2));
    }
  }
  return gaps;
}

test('left to right, boxes of 108-126 px never overlap and keep at least 16 px apart', () => {
  for (const withLoss of [true, false]) {
    for (let width = NARROW_WIDTH; width <= 1000; width += 8) {
      const layout = layoutGraph({ inputs: 3, withLoss }, width);
      assert.equal(layout.tall, false);
      assert.ok(layout.width <= width, `${width} px: the layout (${layout.width} px) fits without scrolling`);
      for (const box of layout.positions.values()) assert.ok(box.w >= 108 && box.w <= 126, `${width} px: a box of ${box.w} px`);
      const smallest = Math.min(...horizontalGaps(layout));
      assert.ok(smallest >= 16, `${width} px (loss ${withLoss}): boxes ${smallest.toFixed(1)} px apart`);
    }
  }
});

test('narrower than the left-to-right layout, a few inputs flow top to bottom; old → new fits where the page has room', () => {
  assert.equal(layoutGraph({ inputs: 3, withLoss: true }, NARROW_WIDTH - 1).tall, true);
  assert.equal(layoutGraph({ inputs: 7, withLoss: true }, NARROW_WIDTH - 1).tall, false, 'seven inputs do not stack');
  // The page at 1440 px gives the graph 712 px beside the side views: wide enough for "old → new".
  const wide = layoutGraph({ inputs: 3, withLoss: true }, 712);
  assert.ok(wide.positions.get('weight-0').w >= CHANGE_WIDTH);
});
