/**
 * The bytes the CSV readers look at (csv-parse's byte constants): one definition for the tokenizer, the
 * field grammar, the scanner and its fast loops.
 */
export const LF = 0x0a;
export const CR = 0x0d;
export const TAB = 0x09;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const DIGIT_0 = 0x30;
export const DIGIT_9 = 0x39;
/** Lower-case ASCII letters bound the orders fast loop's eval_set field. */
export const LOWER_A = 0x61;
export const LOWER_Z = 0x7a;

/** True when `buf` starts with a UTF-8 byte order mark at `at`. */
export function hasBom(buf: Uint8Array, at = 0): boolean {
  return buf.length >= at + 3 && buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf;
}
