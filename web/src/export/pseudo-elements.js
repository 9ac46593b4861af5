// The ::before and ::after decorations of an HTML element that the export can draw: the graph
// legend's swatches (a dot, a ring, coloured bars) and the phase cycle's "→" arrows are CSS
// pseudo-elements, which have no DOM node and so no getBoundingClientRect.
//
// Their place is measured with stand-ins: real <span>s given each pseudo-element's used size, margins,
// borders, font and position (read with getComputedStyle(element, '::before'), which Chromium resolves
// to used pixel values for a rendered pseudo-element), put where the pseudo-element is in its element's
// content (first child for ::before, last for ::after), measured and removed at once, before anything
// is painted. Of the ways to find the box, this one lets the browser do the layout (flex alignment,
// line boxes, the static position of an absolute box), where computing it from the element's box and
// a Range over its text would mean writing out each of those rules again:
// - out of flow (position absolute or fixed), the stand-in is laid out exactly where the pseudo-element
//   is: same containing block, same offsets, same static position;
// - in flow, the stand-in sits next to the pseudo-element on the same line, so it has its top, and a
//   negative margin as wide as its own advance puts it over the pseudo-element and gives the room back:
//   nothing else moves, no line wraps otherwise. (This assumes a left-to-right row, which is how the
//   page lays out its decorations; a floated pseudo-element is left out. For the instant of the
//   measure the element's first or last child is the stand-in, so a :first-child or :last-child rule
//   that changes a child's size would move things (none of the page's is in an element with decorations).)
// The stand-ins are styled through the CSSOM (element.style), which a strict Content-Security-Policy allows.

// What decides the box's size and place; colours are read from the pseudo-element's own computed style.
const LAYOUT_PROPERTIES = [
  'display', 'position', 'box-sizing', 'width', 'height', 'left', 'top', 'right', 'bottom',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'vertical-align', 'align-self', 'flex-grow', 'flex-shrink', 'flex-basis',
  'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'white-space',
];

/**
 * The text of a computed `content` that is a single CSS string ('"→"' → '→', '""' → ''), or null for
 * none, normal and anything else (counters, attr(), images), which the export does not draw.
 */
function contentString(content) {
  const quoted = /^"((?:[^"\\]|\\[\s\S])*)"$/.exec(content);
  if (!quoted) return null;
  return quoted[1].replace(/\\([0-9a-fA-F]{1,6})\s?|\\([\s\S])/g,
    (_, hex, character) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : character));
}

/**
 * The pseudo-elements drawn on screen inside `root` (not inside its SVGs): display not none, a string
 * content, visible, not transparent (opacity 0, as the table's scroll shadows are until the table
 * scrolls), no background image (those shadows' gradients, which the export cannot draw), not floated,
 * not inline, and with a box of some size.
 * @param {Element} root
 * @returns {Map<Element, {which: string, computed: CSSStyleDeclaration, text: string,
 *   box: DOMRect, textBox: DOMRect|null}[]>} per element, its ::before then its ::after; boxes in
 *   viewport pixels like getBoundingClientRect's; text is the content ('' for a plain swatch) and
 *   textBox the box of that text (null when empty)
 */
export function shownPseudoElements(root) {
  const found = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.closest('svg')) continue;
    for (const which of ['::before', '::after']) {
      const computed = getComputedStyle(element, which);
      const text = contentString(computed.content);
      if (text === null || computed.display === 'none' || computed.visibility !== 'visible') continue;
      if (Number(computed.opacity) === 0 || computed.backgroundImage !== 'none' || computed.float !== 'none') continue;
      // An inline one has no used width to pull its stand-in back by (its computed width is `auto`;
      // a positioned one is made a block): the page has none, so it is left out, not misplaced.
      if (computed.display === 'inline') continue;
      found.push({ element, which, computed, text, standIn: standInFor(element, which, computed, text) });
    }
  }
  // Every stand-in takes no room, so they are all put in at once and measured with one layout.
  for (const { element, which, standIn } of found) {
    if (which === '::before') element.prepend(standIn); else element.append(standIn);
  }
  const shown = new Map();
  try {
    for (const { element, which, computed, text, standIn } of found) {
      const box = standIn.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let textBox = null;
      if (text) {
        const range = element.ownerDocument.createRange();
        range.selectNodeContents(standIn);
        textBox = range.getBoundingClientRect();
      }
      if (!shown.has(element)) shown.set(element, []);
      shown.get(element).push({ which, computed, text, box, textBox });
    }
  } finally {
    for (const { standIn } of found) standIn.remove();
  }
  return shown;
}

/**
 * A span laid out like the pseudo-element, at its place: see the top. In flow, a negative margin as
 * wide as the stand-in's own advance (margin box and the container's column gap) makes it overlap the
 * pseudo-element and leaves the rest of the line where it was.
 */
function standInFor(element, which, computed, text) {
  const standIn = element.ownerDocument.createElement('span');
  for (const name of LAYOUT_PROPERTIES) standIn.style.setProperty(name, computed.getPropertyValue(name));
  standIn.textContent = text;
  if (computed.position === 'absolute' || computed.position === 'fixed') return standIn;
  const container = getComputedStyle(element);
  const gap = /flex|grid/.test(container.display) ? parseFloat(container.columnGap) || 0 : 0;
  const marginLeft = parseFloat(computed.marginLeft) || 0;
  const marginRight = parseFloat(computed.marginRight) || 0;
  const width = borderBoxWidth(computed);
  // ::before: [::before] gap [stand-in] gap [content], the stand-in pulled back onto the ::before.
  // ::after: [content] gap [stand-in] gap [::after], the stand-in already where the ::after was; the
  // ::after is pushed along instead, which is not measured.
  if (which === '::before') standIn.style.marginLeft = `${-(width + marginRight + gap)}px`;
  else standIn.style.marginRight = `${-(marginLeft + width + gap)}px`;
  return standIn;
}

/** The width of a box's border box, from its computed (used) width. */
function borderBoxWidth(computed) {
  const width = parseFloat(computed.width) || 0;
  if (computed.boxSizing === 'border-box') return width;
  return width + ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth']
    .reduce((sum, name) => sum + (parseFloat(computed[name]) || 0), 0);
}
