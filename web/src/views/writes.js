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

/**
 * Sets a node's text content only when it differs. A lone text child is rewritten in place: replacing
 * it (as textContent = … does) would also restyle the new node and lay it out from scratch.
 */
export function setText(node, value) {
  const text = String(value ?? '');
  const child = node.firstChild;
  if (child !== null && child === node.lastChild && child.nodeType === 3) {
    if (child.data !== text) child.data = text;
  } else if (node.textContent !== text) {
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
