// The computational graph's layout: left to right, no two boxes of neighbouring columns overlap or
// crowd, at every width the page gives it; below the least left-to-right width it flows top to
// bottom rather than scroll; a box shows an update as "old → new" only where it is wide enough.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANGE_WIDTH, NARROW_WIDTH, layoutGraph, placeTooltip } from '../../web/src/views/graph-layout.js';

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

/** Whether two rectangles {left, top, w, h} overlap. */
const overlaps = (a, b) => a.left < b.left + b.w && b.left < a.left + a.w && a.top < b.top + b.h && b.top < a.top + a.h;
const rectOf = (box) => ({ left: box.x - box.w / 2, top: box.y - box.h / 2, w: box.w, h: box.h });

test('a weight\'s or the bias\'s tooltip goes beside its box, inside the graph, over no other box', () => {
  const tip = { w: 272, h: 88 }; // a weight's tooltip at its largest: four lines, 17rem wide (app.css)
  for (const [inputs, withLoss, width] of [[3, true, 712], [3, true, 1000], [2, false, 660], [3, true, 320], [7, false, 900]]) {
    const layout = layoutGraph({ inputs, withLoss }, width);
    const bounds = { left: 4, top: 0, right: layout.width - 4, bottom: layout.height };
    const editable = [...layout.positions.keys()].filter((id) => /^weight-|^bias$/.test(id));
    for (const id of editable) {
      const node = layout.positions.get(id);
      const others = [...layout.positions].filter(([other]) => other !== id).map(([, box]) => box);
      const placed = { ...placeTooltip(tip, node, others, bounds), ...tip };
      const where = `${inputs} inputs at ${width} px, ${id}`;
      for (const box of others) assert.ok(!overlaps(placed, rectOf(box)), `${where}: the tooltip covers no other box`);
      assert.ok(placed.left >= bounds.left && placed.left + tip.w <= bounds.right, `${where}: inside the graph's width`);
      assert.ok(placed.top >= bounds.top && placed.top + tip.h <= bounds.bottom, `${where}: inside the graph's height`);
      const near = rectOf({ ...node, w: node.w + 2 * 8 + 1, h: node.h + 2 * 8 + 1 });
      assert.ok(overlaps(placed, near), `${where}: beside its box`);
    }
  }
});

test('with room below, a tooltip goes right below its box, centred', () => {
  const node = { x: 200, y: 50, w: 120, h: 60 };
  assert.deepEqual(placeTooltip({ w: 100, h: 40 }, node, [], { left: 0, top: 0, right: 400, bottom: 400 }), { left: 150, top: 88 });
  // A box right below: the tooltip goes where it covers nothing, here above.
  const below = { x: 200, y: 130, w: 120, h: 60 };
  assert.deepEqual(placeTooltip({ w: 100, h: 40 }, node, [below], { left: 0, top: -100, right: 400, bottom: 400 }), { left: 150, top: -28 });
});
