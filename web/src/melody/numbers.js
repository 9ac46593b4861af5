// Numbers the melody page writes where the shared format.js would round them away. A trained network's
// loss and gradients are small (0.0012, 0.00048): at format.js's fixed decimals they read "0.00", a
// perfect score the numbers beside them contradict. Here such a value keeps its first two significant
// digits instead. Pure functions; everything else goes through format.js.
import { MINUS, PROSE_DIGITS, VALUE_DIGITS, fineDigits, formatCount, formatNumber } from '../format.js';

/** Below this size a number is written in exponent form ("4.8e−8"): six decimals would show nothing. */
const SMALLEST_PLAIN = 1e-6;

/**
 * `value` with `digits` decimals, or — when that would round a value other than zero to zero — with
 * its first two significant digits: 0.0012 → "0.0012" (not "0.00"), 4.8e-8 → "4.8e−8". Exactly 0 stays
 * "0.00"; anything not finite is format.js's dash.
 */
export function formatSmall(value, digits = VALUE_DIGITS) {
  const number = Number(value);
  if (number !== 0 && Math.abs(number) < SMALLEST_PLAIN) return number.toExponential(1).replace('e-', `e${MINUS}`).replace(/^-/, MINUS);
  return formatNumber(value, Number.isFinite(number) ? fineDigits(number, digits) : digits);
}

/** A number in the explanation's sentences: two decimals, or two significant digits when smaller. */
export const formatProse = (value) => formatSmall(value, PROSE_DIGITS);

/** "1 step", "7 steps", "1,800 updates": a count and its noun, singular for exactly one. */
export function countOf(count, singular, plural = `${singular}s`) {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
