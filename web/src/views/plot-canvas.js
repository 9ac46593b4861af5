// A canvas laid over an SVG plot, for the marks that change on every playing frame (the loss chart's
// lines and latest points). The SVG keeps what changes rarely (axes, gridlines, labels) and what the
// pointer and the keyboard reach. Why: a changed SVG path makes the browser lay out, record and
// re-raster the whole tile of the page it sits in, every frame; a canvas is a layer of its own that is
// only redrawn, stroke by stroke, and handed to the compositor as it is (measured in README, #7).
//
//   const plot = createPlotCanvas(stageElement, 'loss-chart__canvas');
//   plot.size(width, height);           // CSS pixels, the SVG's size
//   const context = plot.begin();       // cleared, drawing in CSS pixels (null while it has no size)
//   context.beginPath(); context.moveTo(x0, y0); context.lineTo(x1, y1); context.stroke();

/**
 * @param {HTMLElement} parent the element the SVG sits in; the stylesheet stretches the canvas over it
 * @param {string} className
 */
export function createPlotCanvas(parent, className) {
  const canvas = parent.ownerDocument.createElement('canvas');
  canvas.className = className;
  canvas.setAttribute('aria-hidden', 'true');
  parent.append(canvas);
  const context = canvas.getContext('2d');
  let width = 0;
  let height = 0;
  let ratio = 0;

  return {
    node: canvas,
    /** Sizes the canvas to `cssWidth` × `cssHeight` CSS pixels, at the screen's pixel density. */
    size(cssWidth, cssHeight) {
      width = cssWidth;
      height = cssHeight;
      ratio = 0; // begin() sets the backing store
    },
    /** The context, cleared and scaled to CSS pixels; null while the canvas has no area. */
    begin() {
      if (!(width > 0 && height > 0) || !context) return null;
      // The pixel density changes with the browser's zoom: the backing store follows it.
      const screenRatio = globalThis.devicePixelRatio || 1;
      if (screenRatio !== ratio) {
        ratio = screenRatio;
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      return context;
    },
  };
}
