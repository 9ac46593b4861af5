// DOM writes that skip themselves when nothing changes. A view redraws every frame while the network
// trains, yet most of its attributes and texts keep their values from one frame to the next; setting
// them anyway (even to the same value) makes the browser restyle, lay out and repaint what they touch.
// Reading an attribute or a text back never forces a layout, so comparing first is cheap.

/** Sets `name` to String(value), or removes it for null, only when that changes it. */
export function setAttribute(node, name, value) {
  if (value === null || value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
    return;
  }
  const text = String(value);
  if (node.getAttribute(name) !== text) node.setAttribute(name, text);
}

// ---- Texts while playing ----------------------------------------------------------------------------
// Playing, the numbers on the views change every frame: sixty times a second nobody can read them,
// and every frame in which a text changes costs the browser a layout and a repaint of what holds it
// (a whole table for one of its cells, a whole layer of the network for one of its numbers) and a
// redraw of the window from that text to whatever else changed. So while playing, texts change
// together, once per PACE_MS: time runs in 200 ms slots, one clock for the whole page, and a changed
// text is due when the slot has turned since it was last written. At 60 frames a second one frame in
// twelve rewrites the numbers, every one of them from the same step, and the eleven between lay out
// nothing (measured in README, #7: in turns, a twelfth of the texts a frame, frames were longer and
// the page's CPU a frame ~0.9 ms higher); at four frames a second or fewer (the page's slower speeds)
// every frame turns the slot, so every number is current. A text that changes after a quiet spell
// (a button's label, an alert) is written at once; when the reader pauses or steps, every text is
// written at once. Texts that must change together even then (a sentence and its numbers) ask
// writeDue once for all of them and are written with setText(node, value, false).
export const PACE_MS = 200;
// Half a slot in: a slot never turns exactly on a frame that falls on a whole 1/60 s.
const SLOT_OFFSET_MS = PACE_MS / 2;
let pacing = false;
let slot = 0;                     // the slot of the frame being drawn
const writtenIn = new WeakMap();  // node → the slot it was last written in

/**
 * Called once per drawn frame, before the views draw: `playing` turns the pacing of texts on;
 * `now` is the frame's time in ms.
 */
export function paceTexts(playing, now = performance.now()) {
  pacing = Boolean(playing);
  slot = Math.floor((now - SLOT_OFFSET_MS) / PACE_MS);
}

/**
 * Whether a changed text of `node` (or a group of texts it stands for) may be written in this frame:
 * always, unless pacing. Notes the write.
 */
export function writeDue(node) {
  const due = !pacing || !(writtenIn.get(node) >= slot);
  if (due) writtenIn.set(node, slot);
  return due;
}

/**
 * Sets a node's text content only when it differs (while playing, only when writeDue lets it, unless
 * `paced` is false). A lone text child is rewritten in place: replacing it (as textContent = … does)
 * would also restyle the new node and lay it out from scratch.
 */
export function setText(node, value, paced = true) {
  const text = String(value ?? '');
  const child = node.firstChild;
  if (child !== null && child === node.lastChild && child.nodeType === 3) {
    if (child.data !== text && (!paced || writeDue(node))) child.data = text;
  } else if (node.textContent !== text && (!paced || writeDue(node))) {
    node.textContent = text;
  }
}

/** Sets the `hidden` property only when it differs. */
export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/**
 * Adds or removes one class only when that changes the element (classList.add and .remove rewrite
 * the class attribute even when the token is already there, or already gone, and so restyle it).
 */
export function setClass(node, name, on) {
  if (node.classList.contains(name) !== Boolean(on)) node.classList.toggle(name, Boolean(on));
}

/** Sets a property (e.g. disabled, checked) only when it differs: a reflected one rewrites its attribute. */
export function setProperty(node, name, value) {
  if (node[name] !== value) node[name] = value;
}
