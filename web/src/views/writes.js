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
// and every changed text costs the browser a shaping, a layout and a repaint (25–65 µs each to lay
// out, measured; the network view alone has a hundred). So while playing, a changed text is rewritten
// at most once per PACE_MS (200 ms): time runs in 200 ms slots, each text's slots offset by one of
// twelve phases, and a text is due when its slot has turned since it was last written. At 60 frames a
// second each frame rewrites about a twelfth of the texts and every number refreshes five times a
// second (at 100 ms, session 8 measured frames 1–1.8 ms longer in the reader's window); at four frames
// a second or fewer (the page's slower speeds) every frame turns every slot, so every number is current.
// A text that changes after a quiet spell (a button's label, an alert) is written at once; when the
// reader pauses or steps, every text is written at once. A view whose texts must change together asks
// writeDue once for all of them and writes them with setText(node, value, false): a sentence and its
// numbers; the network's numbers and the data table's predictions, which the reader then sees all
// from the same step, and which cost the browser a layout and a repaint of the whole table or layer
// of neurons for one changed number as for fifty (so five times a second, not in every frame).
export const PACE_MS = 200;
const PHASES = 12;
let pacing = false;
let paceTime = 0;
let nextPhase = 0;
const textPace = new WeakMap(); // node → { phase: ms its slots are offset by, slot: the slot it was last written in }

/**
 * Called once per drawn frame, before the views draw: `playing` turns the pacing of texts on;
 * `now` is the frame's time in ms.
 */
export function paceTexts(playing, now = performance.now()) {
  pacing = Boolean(playing);
  paceTime = now;
}

/**
 * Whether a changed text of `node` (or a group of texts it stands for) may be written in this frame:
 * always, unless pacing. Notes the write.
 */
export function writeDue(node) {
  let pace = textPace.get(node);
  if (pace === undefined) {
    // Half a phase in, a slot never turns exactly on a frame that falls on a whole 1/60 s.
    pace = { phase: ((nextPhase + 0.5) * PACE_MS) / PHASES, slot: -Infinity };
    nextPhase = (nextPhase + 1) % PHASES;
    textPace.set(node, pace);
  }
  const slot = Math.floor((paceTime - pace.phase) / PACE_MS);
  const due = !pacing || slot > pace.slot;
  if (due) pace.slot = slot;
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
