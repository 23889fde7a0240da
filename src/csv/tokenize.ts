/**
 * The byte-level CSV tokenizer for one record (RFC 4180 quoting), written to read every record exactly as
 * fast-csv 5 does, so that the scanner and the fast-csv path agree:
 * - rows end at `\r\n`, `\n` or a lone `\r`;
 * - a row holding only spaces/tabs is blank (fast-csv yields `[]` for it); blank rows are skipped by callers;
 * - a field is quoted when its first non-space character is `"` (fast-csv skips spaces before a quote), `""`
 *   inside quotes is one `"`, spaces after the closing quote are skipped, and anything else after it is an
 *   error (fast-csv throws "expected: ',' OR new line");
 * - unquoted fields keep their spaces and may contain `"` as an ordinary character.
 * Where fast-csv throws and stops the whole file, the tokenizer reports the record as malformed so the
 * caller can reject that one line and go on.
 */

import { COMMA as kComma, CR as kCr, LF as kLf, QUOTE as kQuote, SPACE as kSpace, TAB as kTab } from './bytes.js';

// Module-local copies: V8 reloads an imported binding on every use, but folds a module's own constants
// (products.csv parsed 30% slower with the imports used directly in the loops).
const COMMA = kComma;
const CR = kCr;
const LF = kLf;
const QUOTE = kQuote;
const SPACE = kSpace;
const TAB = kTab;

/** A quoted field may span lines in dimension files, but not without bound: 1 MiB keeps a stray quote cheap. */
const MAX_QUOTED_SPAN = 1 << 20;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === 0x0b || c === 0x0c;
}

/**
 * Output of {@link tokenizeRecord}; one object is reused for every record of a file. Fields are kept as
 * byte bounds and decoded only when asked for ({@link fieldText}): a reader that needs 8 of 10 columns,
 * as a numbers, pays for no strings at all.
 */
export interface TokenizedRecord {
  buf: Buffer;
  /** Number of fields; 0 for a blank row. */
  count: number;
  /** Content bounds of each field (inside the quotes for a quoted field). */
  starts: number[];
  ends: number[];
  /** 1 when a quoted field's content holds doubled quotes (`""`) to undo. */
  escaped: number[];
  /** Offset just past the record's row delimiter (or `end`). */
  next: number;
  /** Why the record could not be read exactly (then the fields are meaningless), else undefined. */
  error: string | undefined;
  /** Row delimiters inside quoted fields, so a caller counting physical lines can keep count. */
  innerLineBreaks: number;
}

export function newTokenizedRecord(): TokenizedRecord {
  return { buf: Buffer.alloc(0), count: 0, starts: [], ends: [], escaped: [], next: 0, error: undefined, innerLineBreaks: 0 };
}

/** Field k's text. */
export function fieldText(record: TokenizedRecord, k: number): string {
  const text = record.buf.toString('utf8', record.starts[k], record.ends[k]);
  return record.escaped[k] === 1 ? text.replaceAll('""', '"') : text;
}

/** Every field's text. */
export function recordFields(record: TokenizedRecord): string[] {
  return Array.from({ length: record.count }, (_, k) => fieldText(record, k));
}

/** The tokenized twin of {@link isBlankRow}. */
export function isBlankRecord(record: TokenizedRecord): boolean {
  return record.count === 0 || (record.count === 1 && fieldText(record, 0).trim() === '');
}

/** Offset just past the row delimiter that starts at or after `i` (or `end` when there is none). */
export function skipPastRowEnd(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i]!;
    if (c === LF) return i + 1;
    if (c === CR) return i + 1 < end && buf[i + 1] === LF ? i + 2 : i + 1;
    i++;
  }
  return end;
}

/**
 * Read the record starting at `pos` in `buf[pos, end)`. `multiline` allows quoted fields to span row
 * delimiters (dimension files read whole); order-line files are sharded on line starts, so there a quote
 * left open at the end of the line makes the record malformed.
 */
export function tokenizeRecord(buf: Buffer, pos: number, end: number, multiline: boolean, out: TokenizedRecord): void {
  out.buf = buf;
  out.count = 0;
  out.error = undefined;
  out.innerLineBreaks = 0;
  const { starts, ends, escaped } = out;

  let i = pos;
  while (i < end && isSpace(buf[i]!)) i++;
  if (i >= end || buf[i] === LF || buf[i] === CR) {
    out.next = skipPastRowEnd(buf, i, end);
    return;
  }

  i = pos;
  for (;;) {
    let k = i;
    while (k < end && isSpace(buf[k]!)) k++;
    if (k < end && buf[k] === QUOTE) {
      k++;
      const contentStart = k;
      let contentEnd = k;
      let doubled = 0;
      let closed = false;
      const limit = Math.min(end, k + MAX_QUOTED_SPAN);
      while (k < limit) {
        const c = buf[k]!;
        if (c === QUOTE) {
          if (k + 1 < end && buf[k + 1] === QUOTE) {
            doubled = 1;
            k += 2;
            continue;
          }
          contentEnd = k;
          k++;
          closed = true;
          break;
        }
        if (c === LF || c === CR) {
          if (!multiline) break;
          if (!(c === CR && k + 1 < end && buf[k + 1] === LF)) out.innerLineBreaks++;
        }
        k++;
      }
      if (!closed) return malformed(buf, pos, end, out, 'quoted field without its closing quote');
      while (k < end && isSpace(buf[k]!)) k++;
      if (k < end) {
        const c = buf[k]!;
        if (c !== COMMA && c !== LF && c !== CR) return malformed(buf, pos, end, out, 'text after a closing quote');
      }
      starts[out.count] = contentStart;
      ends[out.count] = contentEnd;
      escaped[out.count++] = doubled;
      i = k;
    } else {
      k = i;
      while (k < end) {
        const c = buf[k]!;
        if (c === COMMA || c === LF || c === CR) break;
        k++;
      }
      starts[out.count] = i;
      ends[out.count] = k;
      escaped[out.count++] = 0;
      i = k;
    }
    if (i >= end) {
      out.next = end;
      return;
    }
    if (buf[i] === COMMA) {
      i++;
      continue;
    }
    out.next = skipPastRowEnd(buf, i, end);
    return;
  }
}

/**
 * A blank row: no fields (fast-csv's `[]` for a row of white space), or a single field that is only white
 * space (`""`, or Unicode spaces the tokenizer does not skip). Both paths use this one test.
 */
export function isBlankRow(fields: readonly string[]): boolean {
  return fields.length === 0 || (fields.length === 1 && fields[0]!.trim() === '');
}

function malformed(buf: Uint8Array, pos: number, end: number, out: TokenizedRecord, why: string): void {
  out.error = why;
  out.count = 0;
  out.innerLineBreaks = 0;
  out.next = skipPastRowEnd(buf, pos, end);
}
