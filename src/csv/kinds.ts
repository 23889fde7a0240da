/**
 * What a reader does with each field of a numeric row (the orders and order-lines files), and the one
 * text field those rows carry, orders.eval_set, classified from bytes or text alike.
 */

/** Which CSV reader reads a file: the byte scanner (default) or the fast-csv reference path. */
export type ParserName = 'fast' | 'fast-csv';
export const kParserNames: readonly ParserName[] = ['fast', 'fast-csv'];

export const FieldKind = {
  /** Not needed: skipped (but counted, and its quoting still checked). */
  Skip: 0,
  /** An integer per `parseIntText`'s grammar; NaN when not one. */
  Int: 1,
  /** orders.eval_set: 0 prior, 1 train, 2 test, 3 anything else. */
  EvalSet: 2,
} as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

/** Per-file scanning layout: the header decides which field is which. */
export interface ScanLayout {
  /** Kind of each field, by position in the row; its length is the header's field count. */
  readonly kinds: Uint8Array;
  /** Column names, by position (for reject messages). */
  readonly names: readonly string[];
}

const kPrior = [0x70, 0x72, 0x69, 0x6f, 0x72];
const kTrain = [0x74, 0x72, 0x61, 0x69, 0x6e];
const kTest = [0x74, 0x65, 0x73, 0x74];

function bytesEqual(buf: Uint8Array, start: number, end: number, word: readonly number[]): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (buf[start + k] !== word[k]) return false;
  return true;
}

/** orders.eval_set from bytes: 0 prior, 1 train, 2 test, 3 anything else. */
export function evalSetCode(buf: Uint8Array, start: number, end: number): number {
  if (bytesEqual(buf, start, end, kPrior)) return 0;
  if (bytesEqual(buf, start, end, kTrain)) return 1;
  if (bytesEqual(buf, start, end, kTest)) return 2;
  return 3;
}

/** Text twin of {@link evalSetCode}. */
export function evalSetCodeText(text: string): number {
  if (text === 'prior') return 0;
  if (text === 'train') return 1;
  if (text === 'test') return 2;
  return 3;
}
