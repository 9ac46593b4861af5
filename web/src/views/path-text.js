// Writing SVG path data from numbers, fast: a playing frame writes thousands of coordinates (the
// boundary lines, the loss chart), and formatting a fraction costs about ten times as much as an
// integer. Each number is rounded and then written from integers, with exactly the text
// String(Math.round(value * 10^d) / 10^d) gives (d3-path's .digits(d) writes that too).

// ".1" … ".9" and ".01" … ".99" as a number would write them (".1", not ".10").
const TENTHS = Array.from({ length: 10 }, (_, k) => `.${k}`);
const HUNDREDTHS = Array.from({ length: 100 }, (_, k) => (k % 10 === 0 ? `.${k / 10}` : `.${String(k).padStart(2, '0')}`));

/** `value` rounded to `scale` (10 or 100) parts of a unit, written as String(Math.round(value * scale) / scale). */
function fixed(value, scale, fractions) {
  const parts = Math.round(value * scale);
  if (parts % scale === 0 || !Number.isFinite(parts)) return String(parts / scale);
  const magnitude = Math.abs(parts);
  const whole = Math.floor(magnitude / scale);
  return `${parts < 0 ? '-' : ''}${whole}${fractions[magnitude - whole * scale]}`;
}

/** `value` to one decimal, as String(Math.round(value * 10) / 10) writes it. */
export const fixed1 = (value) => fixed(value, 10, TENTHS);
/** `value` to two decimals, as String(Math.round(value * 100) / 100) writes it. */
export const fixed2 = (value) => fixed(value, 100, HUNDREDTHS);

/**
 * The path data of a polyline through the points for which `defined(point)` holds, at tenths of a
 * pixel: the same text as d3.line().digits(1).defined(defined).x(x).y(y)(points), including its
 * conventions (an undefined point ends a run and the next defined one starts a new "M"; a run of a
 * single point is "M x,yZ"; no defined point at all gives null).
 */
export function polylinePath(points, defined, x, y) {
  return writePolyline(points, defined, (point) => `${fixed1(x(point))},${fixed1(y(point))}`);
}

/**
 * polylinePath for a line redrawn every frame whose points stay the same objects from frame to frame
 * (the loss history appends a point and now and then merges them): each point's "x,y" is kept and
 * written again as long as the scales stay the same, so a frame formats only its new points.
 *
 *   const line = createPolylineWriter();
 *   line(points, defined, x, y, scalesKey)   // scalesKey: any string that changes with x or y
 */
export function createPolylineWriter() {
  let written = new WeakMap(); // point → its "x,y" under the scales named by `key`
  let key = null;
  return (points, defined, x, y, scalesKey) => {
    if (scalesKey !== key) {
      written = new WeakMap();
      key = scalesKey;
    }
    return writePolyline(points, defined, (point) => {
      let text = written.get(point);
      if (text === undefined) {
        text = `${fixed1(x(point))},${fixed1(y(point))}`;
        written.set(point, text);
      }
      return text;
    });
  };
}

function writePolyline(points, defined, coordinates) {
  let path = '';
  let run = 0;   // points in the current run
  for (const point of points) {
    if (!defined(point)) {
      if (run === 1) path += 'Z';
      run = 0;
      continue;
    }
    path += (run === 0 ? 'M' : 'L') + coordinates(point);
    run += 1;
  }
  if (run === 1) path += 'Z';
  return path === '' ? null : path;
}
