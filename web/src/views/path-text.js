// Writing SVG path data from numbers, fast: the boundary line is rewritten every playing frame (a few
// hundred coordinates), and formatting a fraction costs about ten times as much as an integer. Each
// number is rounded and then written from integers, with exactly the text
// String(Math.round(value * 100) / 100) gives (d3-path's .digits(2) writes that too).

// ".01" … ".99" as a number would write them (".1", not ".10").
const HUNDREDTHS = Array.from({ length: 100 }, (_, k) => (k % 10 === 0 ? `.${k / 10}` : `.${String(k).padStart(2, '0')}`));

/** `value` to two decimals, as String(Math.round(value * 100) / 100) writes it. */
export function fixed2(value) {
  const parts = Math.round(value * 100);
  if (parts % 100 === 0 || !Number.isFinite(parts)) return String(parts / 100);
  const magnitude = Math.abs(parts);
  const whole = Math.floor(magnitude / 100);
  return `${parts < 0 ? '-' : ''}${whole}${HUNDREDTHS[magnitude - whole * 100]}`;
}
