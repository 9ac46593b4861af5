// Numbers and lists as the explanation's sentences write them (explain.js): PROSE_DIGITS decimals, or,
// for a loss, gradient, change or chance that would round to 0.00 (or a chance to 1.00), its first two
// significant digits, down to 0.000001 and then "less than 0.000001". Pure functions.
import { MINUS, PROSE_DIGITS, fineDigits, formatMagnitude, formatNumber } from './format.js';

/** A number in a sentence: PROSE_DIGITS decimals. */
export const prose = (value) => formatNumber(value, PROSE_DIGITS);

const FINEST_DIGITS = 6; // prose never writes more decimals than 0.000001
export const FINEST = formatNumber(10 ** -FINEST_DIGITS, FINEST_DIGITS); // "0.000001"

/**
 * Decimals that show a size's first two significant digits: PROSE_DIGITS, or more for a size that
 * would round to 0.00 (a trained network's losses, gradients and changes are that small, and "0.00"
 * would say they are none), up to FINEST_DIGITS.
 */
const digitsFor = (size) => fineDigits(size, PROSE_DIGITS, FINEST_DIGITS);

/** Whether a value is too small to write even with FINEST_DIGITS decimals. */
export const belowFinest = (value) => formatMagnitude(value, FINEST_DIGITS) === formatMagnitude(0, FINEST_DIGITS);

/** Drops the zeros after a small value's significant digits: "0.0040" → "0.004" (never below PROSE_DIGITS). */
const trimZeros = (text) => text.replace(new RegExp(String.raw`(\.\d{${PROSE_DIGITS}}\d*?)0+$`), '$1');

/** A value with its first two significant digits when small: "0.37", "−0.0012", "0.000017". */
export function proseFine(value) {
  return Number.isFinite(value) ? trimZeros(formatNumber(value, digitsFor(Math.abs(value)))) : prose(value);
}

/** A loss: "0.37", "0.0031", or "less than 0.000001" (never "0.00": a loss is 0 only for a certain, right guess). */
export function lossText(loss) {
  return loss > 0 && belowFinest(loss) ? `less than ${FINEST}` : proseFine(loss);
}

/**
 * "a 0.58 chance of being liked": a probability near 0 or 1 with the digits that tell it from
 * certainty ("a 0.9987 chance", not "a 1.00 chance"), and beyond FINEST_DIGITS "less than a
 * 0.000001 chance" / "more than a 0.999999 chance".
 */
export function chancePhrase(p, of) {
  if (belowFinest(p)) return `less than a ${FINEST} chance of ${of}`;
  if (belowFinest(1 - p)) return `more than a ${formatNumber(1 - Number(FINEST), FINEST_DIGITS)} chance of ${of}`;
  return `a ${chanceText(p)} chance of ${of}`;
}

/** A probability, with as many digits as its distance from 0 or 1 needs: "0.58", "0.9987", "0.0012". */
export function chanceText(p) {
  if (!Number.isFinite(p)) return prose(p);
  return trimZeros(formatNumber(p, digitsFor(Math.min(p, 1 - p))));
}

/**
 * "goes up by 0.04", "goes down by 0.0013", or "stays the same": PROSE_DIGITS decimals, or as many
 * more as show a small change's first two significant digits (a slowly learning network's every
 * change would otherwise round to "stays the same"), up to FINEST_DIGITS.
 */
export function changePhrase(delta) {
  if (!Number.isFinite(delta)) return 'becomes unreadable';
  if (belowFinest(delta)) return 'stays the same';
  return `goes ${delta > 0 ? 'up' : 'down'} by ${trimZeros(formatMagnitude(delta, digitsFor(Math.abs(delta))))}`;
}

/** "a", "a and b", "a, b and c". */
export function listText(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Up to six values, then how many more: "0.25, 0.69, −0.17", "0.14, …, −0.29 and 2 more". */
export function valueList(values) {
  const shown = values.slice(0, 6).map(proseFine);
  return values.length > 6 ? `${shown.join(', ')} and ${values.length - 6} more` : shown.join(', ');
}

/** A number as shown, read back: "−0.17" → -0.17. */
const shownValue = (text) => Number(text.replace(MINUS, '-'));

/**
 * "1 × 0.45 + 0 × −0.41 − 0.17 = 0.28": a sum written out from its shown numbers (texts), a negative
 * bias subtracted rather than "+ −0.17"; "≈" when the shown, rounded numbers add up to something else
 * than the shown sum (−2.21 × 5.62 + −3.26 × 7.03 − 3.04 makes −38.38, the sum is −38.36).
 */
export function sumText(inputs, weights, bias, sum) {
  const terms = inputs.map((input, i) => `${input} × ${weights[i]}`).join(' + ');
  const biasTerm = bias.startsWith(MINUS) ? `− ${bias.slice(1)}` : `+ ${bias}`;
  const added = inputs.reduce((total, input, i) => total + shownValue(input) * shownValue(weights[i]), shownValue(bias));
  return `${terms} ${biasTerm} ${prose(added) === sum ? '=' : '≈'} ${sum}`;
}
