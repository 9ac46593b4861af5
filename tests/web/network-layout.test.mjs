// The network view's layout: where the columns are too close for a neuron's number, the layout says
// so (the view then leaves the numbers to tooltips) and the rows close up; otherwise numbers have room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutNetwork } from '../../web/src/views/network-layout.js';

function shapeOf(inputs, sizes) {
  let offset = 0;
  const layers = sizes.map((neurons) => {
    const layer = { neurons, neuronOffset: offset };
    offset += neurons;
    return layer;
  });
  return { inputs, layers };
}

const columnGap = (layout) => {
  const xs = [...new Set(layout.nodes.map((node) => node.x))].sort((a, b) => a - b);
  return Math.min(...xs.slice(1).map((x, k) => x - xs[k]));
};

test('a deep network on a phone is crowded: numbers give way and the rows close up', () => {
  const deep = shapeOf(7, [8, 8, 8, 8, 8, 8, 1]);
  const phone = layoutNetwork(deep, 351);
  const desk = layoutNetwork(deep, 900);
  assert.equal(phone.crowded, true);
  assert.ok(columnGap(phone) < 56);
  assert.equal(desk.crowded, false);
  assert.ok(columnGap(desk) >= 56);
  const rowGap = (layout) => layout.nodes[1].y - layout.nodes[0].y;
  assert.ok(rowGap(phone) < rowGap(layoutNetwork(shapeOf(7, [8, 1]), 351)), 'crowded rows are closer');
});

test('a small network on a phone keeps its numbers', () => {
  const layout = layoutNetwork(shapeOf(2, [4, 2, 1]), 351);
  assert.equal(layout.crowded, false);
  assert.ok(columnGap(layout) >= 56);
});
