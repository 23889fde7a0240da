/**
 * Field conversions shared by both CSV paths. Each has a byte version (the scanner reads bytes from a
 * Buffer) and a text version (fast-csv hands us strings); both follow one grammar, and a test feeds the
 * same inputs to both, so "the first reason that applies" can never differ between the two paths.
 *
 * Integers: `-?[0-9]+(\.0*)?`. `3.0` and `3.` read as 3 (the real orders file writes days as `15.0`);
 * `3.5`, `abc`, ` 3`, `+3` and the empty string are not integers (NaN). More than 15 digits cannot be held
 * exactly in a double, so such values come back as ±Infinity and the caller reports them out of range.
 *
 * Money: `-?[0-9]+(\.[0-9]*)?` read into integer cents, half-up on the third decimal (`4.555` -> 456).
 */

import { DIGIT_0 as kDigit0, DIGIT_9 as kDigit9, DOT as kDot, MINUS as kMinus, SPACE as kSpace, TAB as kTab } from './bytes.js';

// Module-local copies: V8 reloads an imported binding on every use, but folds a module's own constants
// (products.csv parsed 30% slower with the imports used directly in the loops).
const DIGIT_0 = kDigit0;
const DIGIT_9 = kDigit9;
const DOT = kDot;
const MINUS = kMinus;
const SPACE = kSpace;
const TAB = kTab;

/** 15 digits are always exact in a double (2^53 is about 9.007e15). */
export const kMaxExactDigits = 15;

/** Parse an integer field from `buf[start, end)`. NaN when not an integer; ±Infinity when too long. */
export function parseIntBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && buf[i] === MINUS) {
    negative = true;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < end) {
    const c = buf[i]!;
    if (c < DIGIT_0 || c > DIGIT_9) break;
    value = value * 10 + (c - DIGIT_0);
    i++;
  }
  const digits = i - digitsStart;
  if (digits === 0) return NaN;
  if (i < end) {
    if (buf[i] !== DOT) return NaN;
    for (i++; i < end; i++) if (buf[i] !== DIGIT_0) return NaN;
  }
  if (digits > kMaxExactDigits) return negative ? -Infinity : Infinity;
  return negative ? -value : value;
}

/** Text twin of {@link parseIntBytes}: same grammar, same results. */
export function parseIntText(text: string): number {
  const end = text.length;
  let i = 0;
  let negative = false;
  if (i < end && text.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    value = value * 10 + (c - DIGIT_0);
    i++;
  }
  const digits = i - digitsStart;
  if (digits === 0) return NaN;
  if (i < end) {
    if (text.charCodeAt(i) !== DOT) return NaN;
    for (i++; i < end; i++) if (text.charCodeAt(i) !== DIGIT_0) return NaN;
  }
  if (digits > kMaxExactDigits) return negative ? -Infinity : Infinity;
  return negative ? -value : value;
}

/**
 * Parse a decimal amount into integer cents: `5.8` -> 580, `14900` -> 1490000, `4.555` -> 456.
 * NaN when the text is not a plain decimal (blank, `1e3`, `$5`); ±Infinity past 13 integer digits.
 */
export function parseCentsText(text: string): number {
  const end = text.length;
  let i = 0;
  let negative = false;
  if (i < end && text.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  const digitsStart = i;
  let whole = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    whole = whole * 10 + (c - DIGIT_0);
    i++;
  }
  const digits = i - digitsStart;
  if (digits === 0) return NaN;
  let fraction = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== DOT) return NaN;
    i++;
    let place = 0;
    let roundUp = false;
    for (; i < end; i++, place++) {
      const c = text.charCodeAt(i);
      if (c < DIGIT_0 || c > DIGIT_9) return NaN;
      if (place < 2) fraction = fraction * 10 + (c - DIGIT_0);
      else if (place === 2) roundUp = c >= DIGIT_0 + 5;
    }
    if (place === 1) fraction *= 10;
    if (roundUp) fraction += 1;
  }
  if (digits > kMaxExactDigits - 2) return negative ? -Infinity : Infinity;
  const cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}

/** True when the text is blank for CSV purposes: empty or only spaces and tabs. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

