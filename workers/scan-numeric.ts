/**
 * The byte-level scanner for the big, numeric files (order lines and orders): a pure function over a
 * Buffer range, no streams, threads or fs (csv-parse's `lib/api` shape). It reads about 20M order lines/s
 * on one core because the common row (digits and commas, LF or CRLF) never leaves the fast loop and
 * never allocates; any other byte in a row (quote, space, sign, letter, lone CR) sends just that row to
 * the exact tokenizer shared with the dimension files, so both read every row the same way.
 */
import {
  COMMA,
  CR,
  DIGIT_0,
  DIGIT_9,
  DOT,
  evalSetCode,
  evalSetCodeText,
  FieldKind,
  isBlankRecord,
  kMaxExactDigits,
  LF,
  newTokenizedRecord,
  parseIntText,
  QUOTE,
  recordFields,
  skipPastRowEnd,
  tokenizeRecord,
  type ScanLayout,
  type TokenizedRecord,
} from '../src/csv/index.js';
import { RejectCode } from '../src/rejects/index.js';

/** Gives the raw text of field k of the current row, for reject messages (allocates; call only then). */
export interface FieldText {
  text(k: number): string;
  /** True when field k of the current row is the empty string (a blank days_since_prior_order). */
  isEmpty(k: number): boolean;
}

/** Receives every non-blank row. Both CSV paths drive the same sink, so they reject and count alike. */
export interface RecordSink {
  /** A row with the header's field count; `vals[k]` is field k's value (NaN when not a number). */
  record(line: number, vals: Float64Array, fields: FieldText): void;
  /** A row rejected before its values could be read (malformed quotes, wrong field count). */
  reject(line: number, code: RejectCode, column: number, value: string): void;
}


/** Scanner state reused across calls: values, field bounds and the slow path's tokenizer output. */
export class NumericScanner implements FieldText {
  readonly layout: ScanLayout;
  private readonly vals: Float64Array;
  private readonly bounds: Int32Array;
  private readonly slow: TokenizedRecord = newTokenizedRecord();
  private buf: Buffer = Buffer.alloc(0);
  private slowFields: string[] | undefined;

  constructor(layout: ScanLayout) {
    this.layout = layout;
    this.vals = new Float64Array(layout.kinds.length);
    this.bounds = new Int32Array(layout.kinds.length * 2);
  }

  text(k: number): string {
    if (this.slowFields !== undefined) return this.slowFields[k] ?? '';
    return this.buf.toString('utf8', this.bounds[2 * k], this.bounds[2 * k + 1]);
  }

  isEmpty(k: number): boolean {
    if (this.slowFields !== undefined) return this.slowFields[k] === '';
    return this.bounds[2 * k] === this.bounds[2 * k + 1];
  }

  /**
   * Scan the complete rows in `buf[start, end)`; `end` must be a row boundary (the caller keeps a partial
   * last row for the next chunk). Rows are numbered from `firstLine`; blank rows take a number but reach
   * no sink. Returns the number of rows consumed, blank ones included.
   */
  scanRange(buf: Buffer, start: number, end: number, sink: RecordSink, firstLine: number): number {
    this.buf = buf;
    this.slowFields = undefined;
    const kinds = this.layout.kinds;
    const nFields = kinds.length;
    const vals = this.vals;
    const bounds = this.bounds;
    // The kernel's byte constants as locals: V8 reloads an imported binding on every use.
    const lf = LF;
    const cr = CR;
    const comma = COMMA;
    const dot = DOT;
    const quote = QUOTE;
    const zero = DIGIT_0;
    const nine = DIGIT_9;
    const maxExact = kMaxExactDigits;
    let line = firstLine;
    let i = start;

    rows: while (i < end) {
      const rowStart = i;
      let c = buf[i]!;
      if (c === lf || c === cr) {
        i = skipPastRowEnd(buf, i, end);
        line++;
        continue;
      }
      let f = 0;
      for (;;) {
        const fieldStart = i;
        const kind = f < nFields ? kinds[f] : FieldKind.Skip;
        if (kind === FieldKind.Int) {
          let v = 0;
          while (i < end) {
            c = buf[i]!;
            if (c < zero || c > nine) break;
            v = v * 10 + (c - zero);
            i++;
          }
          let digits = i - fieldStart;
          if (digits > maxExact) {
            // Too long to be exact in a double: the exact path reports it out of range.
            i = this.slowRow(buf, rowStart, end, sink, line);
            line++;
            continue rows;
          }
          if (i < end && buf[i] === dot) {
            i++;
            while (i < end && buf[i] === zero) i++;
            if (i < end && buf[i]! > zero && buf[i]! <= nine) {
              // `3.5`: a number, but not an integer; skip its remaining digits.
              while (i < end && buf[i]! >= zero && buf[i]! <= nine) i++;
              digits = 0;
            }
          }
          if (f < nFields) vals[f] = digits === 0 ? NaN : v;
        } else if (kind === FieldKind.EvalSet) {
          while (i < end) {
            c = buf[i]!;
            if (c === comma || c === lf || c === cr || c === quote) break;
            i++;
          }
          vals[f] = evalSetCode(buf, fieldStart, i);
        } else {
          while (i < end) {
            c = buf[i]!;
            if (c === comma || c === lf || c === cr || c === quote) break;
            i++;
          }
        }
        if (f < nFields) {
          bounds[2 * f] = fieldStart;
          bounds[2 * f + 1] = i;
        }
        f++;
        if (i >= end) break;
        c = buf[i]!;
        if (c === comma) {
          i++;
          if (i >= end) {
            // A row ending in a comma at the very end of the data has one more, empty, field.
            if (f < nFields) {
              bounds[2 * f] = i;
              bounds[2 * f + 1] = i;
              vals[f] = kinds[f] === FieldKind.EvalSet ? 3 : NaN;
            }
            f++;
            break;
          }
          continue;
        }
        if (c === lf) {
          i++;
          break;
        }
        if (c === cr && i + 1 < end && buf[i + 1] === lf) {
          i += 2;
          break;
        }
        // Anything else (quote, space, sign, letter, lone cr): read this row exactly.
        i = this.slowRow(buf, rowStart, end, sink, line);
        line++;
        continue rows;
      }
      if (f !== nFields) {
        sink.reject(line, RejectCode.FIELD_COUNT, -1, `${f} fields, expected ${nFields}`);
      } else {
        sink.record(line, vals, this);
      }
      line++;
    }
    return line - firstLine;
  }

  /** The exact path for one row: tokenize it, then convert its fields from text like the fast-csv path. */
  private slowRow(buf: Buffer, rowStart: number, end: number, sink: RecordSink, line: number): number {
    const slow = this.slow;
    tokenizeRecord(buf, rowStart, end, false, slow);
    if (slow.error !== undefined) {
      sink.reject(line, RejectCode.BAD_QUOTE, -1, slow.error);
      return slow.next;
    }
    if (isBlankRecord(slow)) return slow.next;
    this.slowFields = recordFields(slow);
    recordFromTexts(this.layout, this.slowFields, this.vals, sink, line, this);
    this.slowFields = undefined;
    return slow.next;
  }
}

/**
 * The one conversion from text fields to a sink call, used by the scanner's exact path and by the
 * fast-csv path: field count first, then each field by its kind.
 */
export function recordFromTexts(
  layout: ScanLayout,
  fields: readonly string[],
  vals: Float64Array,
  sink: RecordSink,
  line: number,
  text: FieldText,
): void {
  const kinds = layout.kinds;
  if (fields.length !== kinds.length) {
    sink.reject(line, RejectCode.FIELD_COUNT, -1, `${fields.length} fields, expected ${kinds.length}`);
    return;
  }
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k];
    if (kind === FieldKind.Int) vals[k] = parseIntText(fields[k]!);
    else if (kind === FieldKind.EvalSet) vals[k] = evalSetCodeText(fields[k]!);
  }
  sink.record(line, vals, text);
}
