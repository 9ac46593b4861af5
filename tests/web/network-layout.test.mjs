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

test('beside the side views (about 550 px), a deep network goes narrow rather than crowded, inputs at full size', () => {
  const deep = shapeOf(7, [8, 8, 8, 8, 8, 8, 1]);
  for (const width of [552, 568, 590]) {
    const layout = layoutNetwork(deep, width);
    assert.equal(layout.narrow, true, `${width} px: narrow`);
    assert.equal(layout.crowded, false, `${width} px: every number has room`);
    assert.ok(columnGap(layout) >= 56);
    const input = layout.nodes.find((node) => node.kind === 'input');
    const neuron = layout.nodes.find((node) => node.kind === 'hidden');
    assert.equal(input.size, 40, 'an input square holds a value like 12.56');
    assert.equal(neuron.size, 30);
  }
  assert.equal(layoutNetwork(deep, 700).narrow, false, 'with room, the wide layout');
});
