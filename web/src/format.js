// How numbers appear on the page. Every view formats through these functions, so a number shown in
// the graph, the table and the explanation has the same digits, and a test can compare what it reads
// with the engine's snapshot by formatting the snapshot's value the same way.
//
// Negative numbers use the typographic minus sign (U+2212); a value that rounds to zero is shown
// without a sign; anything not finite (NaN, ±Infinity: a diverged run) is shown as an em dash.

/** Decimal places of values, weights and gradients in the graph, the network and the table. */
export const VALUE_DIGITS = 3;
/** Decimal places in the plain-language explanation, where fewer digits read better. */
export const PROSE_DIGITS = 2;

export const MINUS = '\u2212';
export const NOT_A_NUMBER = '\u2014';

/** Beyond this size a number is shown in exponent form ("2.90e+19"): it would not fit otherwise. */
export const LARGEST_PLAIN = 1e6;

/**
 * `value` rounded to `digits` decimals: "0.730", "−1.250", "0.000"; "2.90e+19" from LARGEST_PLAIN
 * on; "—" when not finite.
 */
export function formatNumber(value, digits = VALUE_DIGITS) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return NOT_A_NUMBER;
  const number = Number(value);
  const text = Math.abs(number) >= LARGEST_PLAIN ? number.toExponential(Math.max(1, Math.min(digits, 3))) : number.toFixed(digits);
  if (/^-0(\.0*)?$/.test(text)) return text.slice(1); // −0.000 reads as noise
  return text.replace(/-/g, MINUS);
}

/**
 * A data value (an input feature, a label): whole numbers as they are ("1", "0"), others with
 * `digits` decimals, so yes/no features read as 1 and 0.
 */
export function formatData(value, digits = VALUE_DIGITS) {
  return Number.isInteger(value) ? formatNumber(value, 0) : formatNumber(value, digits);
}

/** Like formatNumber with an explicit sign for changes: "+0.012", "−0.040", "0.000". */
export function formatSigned(value, digits = VALUE_DIGITS) {
  const text = formatNumber(value, digits);
  if (text === NOT_A_NUMBER || text.startsWith(MINUS) || Number(text) === 0) return text;
  return '+' + text;
}

/** The size of a number, no sign: for prose such as "goes down by 0.04". */
export function formatMagnitude(value, digits = PROSE_DIGITS) {
  return formatNumber(Number.isFinite(value) ? Math.abs(value) : value, digits);
}

/**
 * The decimals that write `value` with `digits` decimals, or, when that would round a value other than
 * zero to zero, with its first two significant digits (0.0012: 4), at most `most`: a trained network's
 * losses, gradients and changes are that small, and "0.00" would say they are none.
 */
export function fineDigits(value, digits, most = Infinity) {
  const size = Math.abs(value);
  if (!(size > 0) || !Number.isFinite(size) || formatNumber(size, digits) !== formatNumber(0, digits)) return digits;
  return Math.min(most, 1 - Math.floor(Math.log10(size)));
}

/**
 * A share as a whole percentage: 0.754 → "75%", or "—". Only a share of exactly 1 reads "100%" and only
 * 0 reads "0%": one that would round to either end gets one decimal, rounded toward the middle
 * (249 of 250 right is "99.6%", not a perfect score; 0.9996 is "99.9%", 0.0004 is "0.1%").
 */
export function formatPercent(value) {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const whole = Math.round(value * 100);
  const tenths = value * 1000;
  if (whole >= 100 && value < 1) return `${Math.floor(tenths + 1e-9) / 10}%`;
  if (whole <= 0 && value > 0) return `${Math.max(1, Math.ceil(tenths - 1e-9)) / 10}%`;
  return `${whole}%`;
}

/**
 * A loss in a readout: up to four decimals, trailing zeros dropped ("0.6943", "0.5"); far from 1,
 * three significant digits in exponent form ("2.32e+29", "1.2e-7"), not 30 digits or "0".
 */
export function formatLoss(value) {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const size = Math.abs(value);
  const text = size !== 0 && (size >= 1e6 || size < 1e-4)
    ? size.toExponential(2).replace(/\.?0+e/, 'e')
    : size.toFixed(4).replace(/\.?0+$/, '');
  return value < 0 ? MINUS + text : text;
}

/** A whole count with thousands separators: 12345 → "12,345". */
export function formatCount(value) {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  // Commas by hand: the first toLocaleString call in a page loads locale data (35–95 ms measured),
  // which would fall inside drawing the first figure.
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Reads a number typed by the reader ("−0.5", "-0,5", " 2 "): a finite number or null. */
export function parseTyped(text) {
  const cleaned = String(text ?? '').trim().replace(/\u2212/g, '-').replace(/,/g, '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
