// The network view's layout: where the columns are too close for a neuron's number, the layout says
// so (the view then leaves the numbers to tooltips) and the rows close up; otherwise numbers have room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTPUT_NAME_CHAR, OUTPUT_NAME_GAP, layoutNetwork } from '../../web/src/views/network-layout.js';

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

test('multi-class outputs get room for their class names beside them, as far as the columns can spare it', () => {
  const names = ['amber', 'sky blue', 'forest green'];
  const nameEnd = (layout, name) => layout.nodes.find((n) => n.kind === 'output').x + layout.size / 2 + OUTPUT_NAME_GAP + name.length * OUTPUT_NAME_CHAR;
  // [hidden layers, width, whether "forest green" fits whole]: a phone's 311 px with two hidden layers
  // spares room for eight characters ("forest …"), not twelve.
  for (const [hidden, width, wholeFits] of [[[4], 351, true], [[4, 4], 311, false], [[4, 4], 560, true], [[4, 4], 900, true]]) {
    const shape = shapeOf(2, [...hidden, 3]);
    const plain = layoutNetwork(shape, width);
    const named = layoutNetwork({ ...shape, outputNames: names }, width);
    assert.equal(named.crowded, plain.crowded, `${width} px: the names crowd out no number`);
    assert.ok(nameEnd(named, 'sky blue') <= width, `${width} px: "sky blue" ends at ${nameEnd(named, 'sky blue')}`);
    assert.equal(nameEnd(named, 'forest green') <= width, wholeFits, `${width} px: "forest green" ends at ${nameEnd(named, 'forest green')}`);
  }
  // A name longer than sixteen characters is cut short (network.js): the margin does not grow past that.
  const long = layoutNetwork({ ...shapeOf(2, [4, 3]), outputNames: ['a'.repeat(80), 'b', 'c'] }, 900);
  const sixteen = layoutNetwork({ ...shapeOf(2, [4, 3]), outputNames: ['a'.repeat(16), 'b', 'c'] }, 900);
  assert.equal(long.nodes.at(-1).x, sixteen.nodes.at(-1).x);
});
