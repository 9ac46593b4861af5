// Where a channel of the grid crosses a threshold (a decision boundary), as polylines in grid units,
// and those lines as an SVG path. Used by the heat map and by the cube's slices.
import * as d3 from 'd3';

const LOGIT_CLAMP = 1e-6;        // probabilities are clamped to [ε, 1 − ε] before taking logits

const TRANSFORMS = {
  none: (value) => value,
  logit: (value) => {
    const p = value < LOGIT_CLAMP ? LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
    return Math.log(p / (1 - p));
  },
  atanh: (value) => {
    const t = value < -1 + LOGIT_CLAMP ? -1 + LOGIT_CLAMP : value > 1 - LOGIT_CLAMP ? 1 - LOGIT_CLAMP : value;
    return Math.atanh(t);
  },
};

/**
 * The lines where a channel crosses `threshold`, in grid units (x from 0 to columns, y from 0 to rows
 * downward), as polylines. The values go through `transform` first (logit for a sigmoid: its 0.5 line
 * is then the 0 line of a function that is linear for a perceptron, so the line comes out exactly
 * straight), and the grid is padded by one cell of linear extrapolation so lines run to the edge
 * instead of bending along it; the caller clips to [0, columns] × [0, rows].
 */
export function boundaryLines(values, offset, rows, columns, threshold, transform = 'none') {
  const apply = TRANSFORMS[transform] ?? TRANSFORMS.none;
  const paddedColumns = columns + 2;
  const paddedRows = rows + 2;
  const field = new Float64Array(paddedColumns * paddedRows);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      field[(r + 1) * paddedColumns + c + 1] = apply(values[offset + r * columns + c]);
    }
  }
  const at = (r, c) => field[r * paddedColumns + c];
  for (let r = 1; r <= rows; r += 1) {
    field[r * paddedColumns] = columns > 1 ? 2 * at(r, 1) - at(r, 2) : at(r, 1);
    field[r * paddedColumns + columns + 1] = columns > 1 ? 2 * at(r, columns) - at(r, columns - 1) : at(r, columns);
  }
  for (let c = 0; c < paddedColumns; c += 1) {
    field[c] = rows > 1 ? 2 * at(1, c) - at(2, c) : at(1, c);
    field[(rows + 1) * paddedColumns + c] = rows > 1 ? 2 * at(rows, c) - at(rows - 1, c) : at(rows, c);
  }
  const [contour] = d3.contours().size([paddedColumns, paddedRows]).thresholds([threshold])(field);
  // Keep the rings' pieces that lie inside the padded border; d3 closes rings along the outer edge.
  const onOuterEdge = ([x, y]) => x <= 0 || y <= 0 || x >= paddedColumns || y >= paddedRows;
  const lines = [];
  for (const polygon of contour.coordinates) {
    for (const ring of polygon) {
      let line = [];
      for (const point of ring) {
        if (onOuterEdge(point)) {
          if (line.length > 1) lines.push(line);
          line = [];
        } else {
          line.push([point[0] - 1, point[1] - 1]);
        }
      }
      if (line.length > 1) {
        // A ring that never touched the edge comes back to its start: close it.
        if (lines.length > 0 && ring.every((point) => !onOuterEdge(point))) line.push(line[0]);
        lines.push(line);
      }
    }
  }
  return lines;
}

export function linesToPath(lines, scale) {
  let path = '';
  for (const line of lines) {
    path += `M${(line[0][0] * scale).toFixed(2)},${(line[0][1] * scale).toFixed(2)}`;
    for (let i = 1; i < line.length; i += 1) {
      path += `L${(line[i][0] * scale).toFixed(2)},${(line[i][1] * scale).toFixed(2)}`;
    }
  }
  return path;
}
