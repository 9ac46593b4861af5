// A figure as one standalone SVG document: its SVG views cloned with their computed styles written
// onto each element (the page's CSS does not travel with the file), its canvases (heat maps, thumbnails)
// embedded as PNG images, each at the place it occupies on screen, and its HTML text (the table, the
// explanation, labels) as SVG text, line by line where the page laid it out, over the backgrounds and
// borders of its HTML boxes and of their ::before/::after decorations (pseudo-elements.js).

import { shownPseudoElements } from './pseudo-elements.js';

// paint-order and stroke-linejoin: the network's numbers have a halo (a stroke painted under the fill);
// without them the stroke would be painted over the text and hide it.
const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin',
  'paint-order', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'visibility', 'display',
];
const SVG_NS = 'http://www.w3.org/2000/svg';

// Written as SVG presentation attributes rather than a style="" attribute, which a strict
// Content-Security-Policy (style-src 'self') would refuse.
function inlineStyles(source, copy) {
  const computed = getComputedStyle(source);
  for (const name of STYLE_PROPERTIES) {
    const value = computed.getPropertyValue(name);
    if (value) copy.setAttribute(name, value);
  }
  for (let i = 0; i < source.children.length; i += 1) inlineStyles(source.children[i], copy.children[i]);
}

function isShown(element, box = element.getBoundingClientRect()) {
  return box.width > 0 && box.height > 0 && !element.closest('[hidden]');
}

/**
 * @param {Element} figure the element holding the views
 * @returns {{ svg: string, width: number, height: number }}
 */
export function figureToSvg(figure) {
  const origin = figure.getBoundingClientRect();
  const width = Math.ceil(origin.width);
  const height = Math.ceil(origin.height);
  const document = figure.ownerDocument;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(figure).backgroundColor === 'rgba(0, 0, 0, 0)'
    ? getComputedStyle(document.body).backgroundColor : getComputedStyle(figure).backgroundColor);
  root.append(background);

  // HTML boxes first (panels, badges, buttons: their backgrounds and borders), under what they hold.
  const { boxes, textLines } = htmlLayers(figure, origin);
  for (const box of boxes) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    for (const [name, value] of Object.entries(box)) rect.setAttribute(name, String(value));
    root.append(rect);
  }
  // In the page's order, which is the order they are painted in: a heat map's canvas comes before
  // its SVG overlays (contours, points), the network's thumbnail atlas after the neurons it covers.
  for (const element of figure.querySelectorAll('canvas, svg')) {
    if (element.parentElement.closest('svg')) continue;
    const box = element.getBoundingClientRect();
    if (!isShown(element, box)) continue;
    const placed = element.localName === 'canvas' ? document.createElementNS(SVG_NS, 'image') : element.cloneNode(true);
    placed.setAttribute('x', String(box.left - origin.left));
    placed.setAttribute('y', String(box.top - origin.top));
    placed.setAttribute('width', String(box.width));
    placed.setAttribute('height', String(box.height));
    if (element.localName === 'canvas') {
      placed.setAttribute('preserveAspectRatio', 'none');
      placed.setAttribute('href', element.toDataURL('image/png'));
    } else {
      inlineStyles(element, placed);
    }
    root.append(placed);
  }
  for (const line of textLines) {
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(line.left));
    text.setAttribute('y', String(line.baseline));
    for (const [name, value] of Object.entries(line.style)) text.setAttribute(name, value);
    text.textContent = line.text;
    root.append(text);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg: text, width, height };
}

/**
 * The lines of a text node of `element` (whose box and computed style are given) as it is laid out
 * on screen: each word's box from `range`, words whose boxes share a top making one line. Each line:
 * { text, left, top, baseline, style } relative to `origin`, with the font and colour of its element as
 * SVG attributes. Text hidden, invisible or only for screen readers is left out.
 */
function textNodeLines(node, element, box, computed, origin, range) {
  const lines = [];
  if (!node.data.trim() || element.closest('script, style, option')) return lines;
  // A 1-px box is text for screen readers only (.visually-hidden), clipped away on screen.
  if (box.width <= 1 || box.height <= 1 || !isShown(element, box)) return lines;
  if (computed.visibility !== 'visible' || Number(computed.opacity) === 0) return lines;
  const style = textStyle(computed);
  const shown = computed.textTransform === 'uppercase' ? (word) => word.toUpperCase() : (word) => word;
  let line = null;
  for (const word of node.data.matchAll(/\S+/g)) {
    range.setStart(node, word.index);
    range.setEnd(node, word.index + word[0].length);
    const wordBox = range.getBoundingClientRect();
    if (wordBox.width === 0 || wordBox.height === 0) continue;
    if (line && Math.abs(wordBox.top - origin.top - line.top) < wordBox.height / 2) {
      line.text += ` ${shown(word[0])}`;
    } else {
      line = lineAt(shown(word[0]), wordBox, origin, style);
      lines.push(line);
    }
  }
  return lines;
}

/** A line of text whose box (viewport px) is `box`: { text, left, top, baseline, style } relative to `origin`. */
function lineAt(text, box, origin, style) {
  const top = box.top - origin.top;
  // The baseline sits about four fifths of the way down a line box of the usual fonts.
  return { text, left: box.left - origin.left, top, baseline: top + 0.8 * box.height, style };
}

/** Whether a CSS colour is drawn at all (not transparent). */
function isPainted(colour) {
  return Boolean(colour) && colour !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(colour);
}

/** The font and colour of `computed` (an element's or pseudo-element's style) as SVG text attributes. */
function textStyle(computed) {
  return {
    fill: computed.color, 'font-family': computed.fontFamily, 'font-size': computed.fontSize,
    'font-weight': computed.fontWeight, 'font-style': computed.fontStyle,
  };
}

/** A border radius in pixels: '3px', or '50%' of the box's width (a round swatch). */
function radius(value, width) {
  const length = parseFloat(value) || 0;
  return value.endsWith('%') ? (length / 100) * width : length;
}

/**
 * The background and border of a box (viewport pixels) with its computed style, as SVG rect attributes
 * relative to `origin`, or null when it paints neither. One border colour and radius per box (the top
 * left's), which is what the page's boxes use.
 */
function boxRect(box, computed, origin) {
  const fill = isPainted(computed.backgroundColor) ? computed.backgroundColor : 'none';
  const borderWidth = computed.borderTopStyle === 'none' ? 0 : parseFloat(computed.borderTopWidth) || 0;
  const stroke = borderWidth > 0 && isPainted(computed.borderTopColor) ? computed.borderTopColor : 'none';
  if (fill === 'none' && stroke === 'none') return null;
  const inset = stroke === 'none' ? 0 : borderWidth / 2;  // a stroke is centred on its rect's edge
  return {
    x: box.left - origin.left + inset, y: box.top - origin.top + inset,
    width: box.width - 2 * inset, height: box.height - 2 * inset,
    rx: Math.min(radius(computed.borderTopLeftRadius, box.width), box.width / 2, box.height / 2),
    fill, stroke, 'stroke-width': borderWidth,
  };
}

/**
 * What the figure's HTML paints, read in one walk over its elements (each measured once), relative
 * to `origin` (the figure's box); its SVGs and canvases are left to the caller.
 * - boxes: the backgrounds and borders of its elements (panels, badges such as the table's 0/1 and
 *   "likes", buttons) and of their ::before and ::after decorations (the graph legend's swatches), as
 *   SVG rect attributes in paint order: an element, its ::before, its children, its ::after. The white
 *   text of a dark badge needs its badge to be read.
 * - textLines: the text it writes (the data table, the explanation, legend and key labels) as the
 *   lines it is laid out in on screen (textNodeLines), in document order; then the text of the
 *   decorations (the phase cycle's arrows).
 * @returns {{ boxes: object[], textLines: object[] }}
 */
function htmlLayers(figure, origin) {
  const boxes = [];
  const textLines = [];
  const decorationTexts = [];
  const decorationsOf = shownPseudoElements(figure);
  const range = figure.ownerDocument.createRange();
  const drawDecoration = (decoration) => {
    const rect = boxRect(decoration.box, decoration.computed, origin);
    if (rect) boxes.push(rect);
    if (!decoration.textBox || !decoration.text.trim()) return;
    decorationTexts.push(lineAt(decoration.text.trim(), decoration.textBox, origin, textStyle(decoration.computed)));
  };
  const visitChildren = (element, box, computed) => {
    for (const node of element.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE) visit(node);
      else if (node.nodeType === Node.TEXT_NODE) textLines.push(...textNodeLines(node, element, box, computed, origin, range));
    }
  };
  const visit = (element) => {
    if (element.localName === 'svg' || element.localName === 'canvas') return;
    const box = element.getBoundingClientRect();
    const computed = getComputedStyle(element);
    const shown = isShown(element, box);
    const decorations = (shown && decorationsOf.get(element)) || [];
    const rect = shown && computed.visibility === 'visible' ? boxRect(box, computed, origin) : null;
    if (rect) boxes.push(rect);
    decorations.filter((decoration) => decoration.which === '::before').forEach(drawDecoration);
    visitChildren(element, box, computed);
    decorations.filter((decoration) => decoration.which === '::after').forEach(drawDecoration);
  };
  visitChildren(figure, origin, getComputedStyle(figure));
  return { boxes, textLines: [...textLines, ...decorationTexts] };
}
