// The heat map's boundary line, drawn on a canvas of its own between the heat map and the points: it
// moves on every playing frame, and as an SVG path it made the browser re-raster it and the tiles
// around it every frame (plot-canvas.js). Its data-path attribute holds the path drawn, in the plot's
// user units (0 … viewSize), and the canvas draws exactly that path.
//
//   const line = createBoundaryLineLayer(plotElement, 300);  // appended to the plot: call it in paint order
//   line.draw('M10,20L30,40');  // or null: no line
//   line.destroy();
import { colorScheme, palette } from './colors.js';
import { createPlotCanvas } from './plot-canvas.js';
import { setAttribute } from './writes.js';

const WIDTH = { line: 1.8, halo: 4.5 }; // user units: the line scales with the plot, as the points do

/**
 * @param {HTMLElement} plot the element the heat map, this line and the points' SVG fill
 * @param {number} viewSize the user units of the plot's side
 */
export function createBoundaryLineLayer(plot, viewSize) {
  const canvas = createPlotCanvas(plot, 'boundary-heatmap__contour');
  let path = null;
  let size = { width: 0, height: 0 }; // CSS pixels: the plot's

  /** The line, with a halo that keeps it visible over either colour. */
  function paint() {
    setAttribute(canvas.node, 'data-path', path);
    const context = canvas.begin();
    if (!context || !path) return;
    context.scale(size.width / viewSize, size.height / viewSize);
    const line = new Path2D(path);
    const colors = palette(colorScheme());
    context.lineJoin = 'round';
    context.lineCap = 'round';
    context.strokeStyle = colors.halo;
    context.lineWidth = WIDTH.halo;
    context.stroke(line);
    context.strokeStyle = colors.ink;
    context.lineWidth = WIDTH.line;
    context.stroke(line);
  }

  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      const { width, height } = entries[0].contentRect;
      size = { width, height };
      canvas.size(width, height);
      paint();
    })
    : null;
  resizeObserver?.observe(plot);

  return {
    /** Draws `nextPath` (SVG path data in user units; null: none), in the current colour scheme. */
    draw(nextPath) {
      path = nextPath;
      paint();
    },
    destroy() {
      resizeObserver?.disconnect();
    },
  };
}
