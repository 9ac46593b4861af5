// A figure as one standalone SVG document: its SVG views cloned with their computed styles written
// onto each element (the page's CSS does not travel with the file), and its canvases (heat maps, thumbnails)
// embedded as PNG images, each at the place it occupies on screen.

const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
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

  // Canvases first, so SVG overlays (contours, points) stay on top of their heat maps.
  for (const canvas of figure.querySelectorAll('canvas')) {
    if (!isShown(canvas)) continue;
    const box = canvas.getBoundingClientRect();
    const image = document.createElementNS(SVG_NS, 'image');
    image.setAttribute('x', String(box.left - origin.left));
    image.setAttribute('y', String(box.top - origin.top));
    image.setAttribute('width', String(box.width));
    image.setAttribute('height', String(box.height));
    image.setAttribute('preserveAspectRatio', 'none');
    image.setAttribute('href', canvas.toDataURL('image/png'));
    root.append(image);
  }
  for (const svg of figure.querySelectorAll('svg')) {
    if (!isShown(svg) || svg.parentElement.closest('svg')) continue;
    const box = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true);
    inlineStyles(svg, copy);
    copy.setAttribute('x', String(box.left - origin.left));
    copy.setAttribute('y', String(box.top - origin.top));
    copy.setAttribute('width', String(box.width));
    copy.setAttribute('height', String(box.height));
    root.append(copy);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg: text, width, height };
}
