// A figure as one standalone SVG document: its SVG views cloned with their computed styles written
// onto each element (the page's CSS does not travel with the file), and its canvases (heat maps, thumbnails)
// embedded as PNG images, each at the place it occupies on screen.

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

function isShown(element) {
  const box = element.getBoundingClientRect();
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

  // In the page's order, which is the order they are painted in: a heat map's canvas comes before
  // its SVG overlays (contours, points), the network's thumbnail atlas after the neurons it covers.
  for (const element of figure.querySelectorAll('canvas, svg')) {
    if (!isShown(element) || element.parentElement.closest('svg')) continue;
    const box = element.getBoundingClientRect();
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
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg: text, width, height };
}
