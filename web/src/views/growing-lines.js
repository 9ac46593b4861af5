// Lines that grow at their end — the loss chart's, a point a frame while the network plays — drawn on a
// canvas every frame at the cost of their newest points only. A canvas stroke is rasterised on the
// page's main thread (in software where there is no GPU) at a cost that grows with what is stroked:
// the loss chart's four 400-point lines took ~1.3 ms of every playing frame (#7). So the lines up to a
// checkpoint are kept drawn on a canvas off the page, copied onto the plot's canvas each frame, and
// only the points after the checkpoint are stroked anew; once TAIL points have gathered there, all but
// the newest (which may still change: loss-history.js's partial bucket) join the kept drawing.
// Anything that moves the lines — a scale, the canvas's size, a colour, a history that merged its
// points or was stepped back — starts the kept drawing again.
//
// Drawn in pieces, a line looks as if drawn whole: each piece starts one point before the previous
// piece ended, so every corner is drawn as a join (the one segment drawn twice is in an opaque colour:
// no seam), and a dashed line's pieces carry on its dash pattern where the previous piece was.
//
//   const lines = createGrowingLines(document);
//   const context = plotCanvas.begin();                 // cleared, scaled to CSS px (plot-canvas.js)
//   lines.draw(context, { key, points, strokes });      // key: a string naming everything that places the lines

/** Points gathered after the checkpoint before they join the kept drawing. */
export const TAIL = 32;

/**
 * @typedef {object} Stroke one line through the points
 * @property {number} left where its plot sits on the canvas, CSS px
 * @property {number} top
 * @property {string} color an opaque colour
 * @property {number} width CSS px
 * @property {number[]} dash the dash pattern; [] for a solid line
 * @property {(point: object) => boolean} defined whether the line passes through the point
 * @property {(point: object) => number} x CSS px in its plot
 * @property {(point: object) => number} y
 */

/**
 * Strokes `stroke`'s line through points[from … to], each run of defined points as one contour, the
 * run through points[from] `offset` px into its dash pattern (the others from its start, as a path
 * drawn whole starts each of its contours). Returns how far (px) along its run the line is at
 * points[mark], from ≤ mark ≤ to: 0 where no run passes.
 */
function strokePiece(context, stroke, points, from, to, offset, mark) {
  context.save();
  context.translate(stroke.left, stroke.top);
  context.strokeStyle = stroke.color;
  context.lineWidth = stroke.width;
  context.lineJoin = 'round';
  context.setLineDash(stroke.dash);
  let runStart = 0;        // the dash offset of the run being traced
  let length = 0;          // px along the run so far
  let lengthAtMark = 0;
  let last = null;         // the previous defined point, [x, y]
  const finishRun = () => {
    if (last === null) return;
    context.lineDashOffset = runStart;
    context.stroke();
    last = null;
  };
  for (let i = from; i <= to; i += 1) {
    const point = points[i];
    if (!stroke.defined(point)) {
      finishRun();
      continue;
    }
    const x = stroke.x(point);
    const y = stroke.y(point);
    if (last === null) {
      runStart = i === from ? offset : 0;
      length = runStart;
      context.beginPath();
      context.moveTo(x, y);
    } else {
      context.lineTo(x, y);
      length += Math.hypot(x - last[0], y - last[1]);
    }
    last = [x, y];
    if (i === mark) lengthAtMark = length;
  }
  finishRun();
  context.restore();
  return lengthAtMark;
}

/** @param {Document} ownerDocument makes the canvas the kept drawing lives on (never in the page) */
export function createGrowingLines(ownerDocument) {
  const kept = ownerDocument.createElement('canvas');
  const keptContext = kept.getContext('2d');
  let keptKey = null;
  let keptCount = 0;       // points[0 … keptCount − 1] are drawn on `kept`
  let keptEnds = [];       // points[0], points[keptCount − 2] and points[keptCount − 1] as they were drawn
  let offsets = [];        // per stroke: px along its run at points[pieceStart()]

  const pieceStart = () => Math.max(0, keptCount - 2);
  const ends = (points, count) => [points[0], points[count - 2], points[count - 1]];

  /** Whether the points kept drawn are still the first points of `points` (no merge, no step back). */
  function stillKept(points) {
    if (keptCount === 0) return true;
    if (points.length < keptCount) return false;
    const now = ends(points, keptCount);
    return now.every((point, i) => point === keptEnds[i]);
  }

  function restart(canvas, key, strokeCount) {
    keptKey = key;
    keptCount = 0;
    keptEnds = [];
    offsets = new Array(strokeCount).fill(0);
    // Setting the size clears it, even to the same size.
    kept.width = canvas.width;
    kept.height = canvas.height;
  }

  return {
    /**
     * Draws the strokes through `points` on `context` (cleared, scaled to CSS px). `key` changes
     * whenever anything but new points at the end would move a line.
     * @param {CanvasRenderingContext2D} context
     * @param {{ key: string, points: object[], strokes: Stroke[] }} lines
     */
    draw(context, { key, points, strokes }) {
      const { canvas } = context;
      if (key !== keptKey || kept.width !== canvas.width || kept.height !== canvas.height ||
          offsets.length !== strokes.length || !stillKept(points)) {
        restart(canvas, key, strokes.length);
      }
      if (points.length - keptCount > TAIL) {
        const from = pieceStart();
        const to = points.length - 2;
        keptContext.setTransform(context.getTransform());
        offsets = strokes.map((stroke, k) => strokePiece(keptContext, stroke, points, from, to, offsets[k], to - 1));
        keptCount = to + 1;
        keptEnds = ends(points, keptCount);
      }
      if (keptCount > 0) {
        context.save();
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.drawImage(kept, 0, 0);
        context.restore();
      }
      const from = pieceStart();
      strokes.forEach((stroke, k) => strokePiece(context, stroke, points, from, points.length - 1, offsets[k], from));
    },
  };
}
