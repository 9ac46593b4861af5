// web/src/views/writes.js: texts are written only when they change, and while playing the texts that
// change every frame are rewritten together once per PACE_MS (paceTexts), at most PACE_MS behind, never
// left stale once the run stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PACE_MS, paceTexts, setText, writeDue } from '../../web/src/views/writes.js';

const FRAME_MS = 1000 / 60;
const FRAMES_PER_SLOT = Math.round(PACE_MS / FRAME_MS); // at 60 frames a second
const SLOTS_PER_SECOND = 1000 / PACE_MS;
let clock = 0; // ms: each test's frames follow the last test's
/** The start of a drawn frame, `ms` after the last one. */
const nextFrame = (playing, ms = FRAME_MS) => { clock += ms; paceTexts(playing, clock); };

/** The little of a DOM element setText touches: one text child, and a count of its rewrites. */
function textElement(initial = '') {
  const child = { nodeType: 3, writes: 0, value: initial };
  Object.defineProperty(child, 'data', {
    get: () => child.value,
    set: (text) => { child.value = text; child.writes += 1; },
  });
  return { firstChild: child, lastChild: child, get textContent() { return child.value; } };
}

test('setText writes only a changed text', () => {
  nextFrame(false);
  const node = textElement('a');
  setText(node, 'a');
  assert.equal(node.firstChild.writes, 0);
  setText(node, 'b');
  assert.equal(node.textContent, 'b');
  assert.equal(node.firstChild.writes, 1);
});

test('while playing, texts changing every frame are rewritten together, once per PACE_MS', () => {
  nextFrame(false);
  const nodes = Array.from({ length: 60 }, () => textElement('0'));
  const frames = 60;
  const writesPerFrame = [];
  for (let frame = 1; frame <= frames; frame += 1) {
    nextFrame(true);
    const before = nodes.reduce((sum, node) => sum + node.firstChild.writes, 0);
    for (const node of nodes) setText(node, String(frame));
    writesPerFrame.push(nodes.reduce((sum, node) => sum + node.firstChild.writes, 0) - before);
  }
  // Each frame rewrites every text or none, and about one frame a slot rewrites them.
  assert.ok(writesPerFrame.every((writes) => writes === 0 || writes === nodes.length), `writes per frame: ${writesPerFrame}`);
  const writing = writesPerFrame.filter((writes) => writes > 0).length;
  assert.ok(Math.abs(writing - SLOTS_PER_SECOND) <= 1.5, `${writing} frames of ${frames} rewrote the texts`);
  for (const node of nodes) {
    // Every text is less than a slot behind, and all show the same frame.
    assert.ok(frames - Number(node.textContent) < FRAMES_PER_SLOT, `a text stuck at ${node.textContent}`);
    assert.equal(node.textContent, nodes[0].textContent);
  }
  // Pausing draws a frame that is not playing: every text catches up at once.
  nextFrame(false);
  for (const node of nodes) setText(node, 'final');
  assert.ok(nodes.every((node) => node.textContent === 'final'));
});

test('while playing, a text that was quiet (a button label, an alert) is written at once', () => {
  nextFrame(false);
  const label = textElement('Play');
  const number = textElement('0');
  for (let frame = 1; frame <= 20; frame += 1) {
    nextFrame(true);
    setText(number, String(frame));
    if (frame === 15) {
      setText(label, 'Pause');
      assert.equal(label.textContent, 'Pause');
    }
  }
  nextFrame(false);
});

test('a group of texts paced as one: writeDue once for the group, then every text written unpaced', () => {
  nextFrame(false);
  const group = {};
  const sentence = textElement('0');
  const number = textElement('0');
  let groupWrites = 0;
  for (let frame = 1; frame <= 60; frame += 1) {
    nextFrame(true);
    if (!writeDue(group)) continue;
    groupWrites += 1;
    setText(sentence, `s${frame}`, false);
    setText(number, `n${frame}`, false);
    assert.equal(sentence.textContent.slice(1), number.textContent.slice(1), 'the group shows one frame');
  }
  assert.ok(Math.abs(groupWrites - SLOTS_PER_SECOND) <= 1.5, `about one group write a slot in sixty frames (${groupWrites})`);
  assert.equal(sentence.firstChild.writes, groupWrites, 'each written once per group write');
  nextFrame(false);
  assert.equal(writeDue(group), true, 'not playing, a group is always due');
});

test('playing slowly (a few frames a second), every changed text is written in every frame', () => {
  nextFrame(false);
  const nodes = Array.from({ length: 12 }, () => textElement('0'));
  for (let frame = 1; frame <= 10; frame += 1) {
    nextFrame(true, 500); // 2 steps a second, the page's default speed
    assert.ok(500 >= PACE_MS, 'a frame at the default speed is at least a slot long');
    for (const node of nodes) setText(node, String(frame));
    assert.ok(nodes.every((node) => node.textContent === String(frame)), `frame ${frame}: every text current`);
  }
  nextFrame(false);
});
