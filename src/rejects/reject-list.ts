/**
 * The one reject path (csv-parse's `info` and `skip` in one place): every rejected row is counted by code,
 * and the first `cap` are kept in detail, columnar: a line number (Float64), a code (Uint8) and a column
 * (an index into the few column names) per row in typed arrays, and the offending text. The same list
 * is filled by the worker threads, by the main thread's readers and by the orders rule, moved across the
 * thread boundary as plain columns, merged run by run and stored; so read = accepted + total always,
 * and the cap is applied here and nowhere else.
 *
 * Why columnar: the real sample (the orders sample with the full train lines) rejects 1.34M rows; as
 * one object per row that took 1.4 GB, columnar it takes about 60 MB.
 */
import { kRejectCodeCount, type RejectCode } from './codes.js';

/** One rejected row, for callers that want an object (tests, small lists). */
export interface RejectRow {
  /** Row number in the file (the header is 1). */
  line: number;
  code: RejectCode;
  /** Column the problem is in, '' for whole-row problems. */
  column: string;
  /** The offending text, or a description. */
  value: string;
}

/** The kept rows as plain columns: what the store keeps per chunk. */
export interface RejectColumns {
  lines: Float64Array;
  codes: Uint8Array;
  /** Index into `columnNames` per row. */
  columns: Uint16Array;
  columnNames: string[];
  values: string[];
}

/** A whole list as plain data: what a worker hands back (structured clone keeps no class). */
export interface RejectTransfer extends RejectColumns {
  /** Rejected rows per code, kept or not. */
  byCode: Float64Array;
  notKept: number;
}

/** Long values are cut: enough to see the problem, bounded memory. */
const kMaxValueLength = 80;

export class RejectList {
  /** Rejected rows per reject code, every one of them (kept in detail or not). */
  readonly byCode = new Float64Array(kRejectCodeCount);
  /** Rejected rows counted but not kept in detail (past the cap). */
  notKept = 0;
  /** Rows kept in detail. */
  length = 0;
  private lines = new Float64Array(16);
  private codes = new Uint8Array(16);
  private columns = new Uint16Array(16);
  private readonly columnNames: string[] = [];
  private readonly columnIndex = new Map<string, number>();
  private values: string[] = [];
  /** Index of the '' column (whole-row problems), registered on first use. */
  private wholeRow = -1;

  /**
   * @param cap rows kept in detail (config `maxRejectDetails`); the rest are only counted.
   * @param columnNames the file's header: `addAt(…, k, …)` then names column k without a lookup.
   */
  constructor(
    readonly cap: number = Infinity,
    columnNames: readonly string[] = [],
  ) {
    for (const name of columnNames) this.nameIndex(name, true);
  }

  /** Count a rejected row and keep it while there is room; `column` is a name ('' for the whole row). */
  add(line: number, code: RejectCode, column: string, value: string): void {
    this.byCode[code]! += 1;
    if (this.length >= this.cap) {
      this.notKept++;
      return;
    }
    this.keep(line, code, this.nameIndex(column), value);
  }

  /** `add` with the column given by its position in the constructor's names (-1 = the whole row). */
  addAt(line: number, code: RejectCode, column: number, value: string): void {
    this.byCode[code]! += 1;
    if (this.length >= this.cap) {
      this.notKept++;
      return;
    }
    if (column < 0 && this.wholeRow < 0) this.wholeRow = this.nameIndex('');
    this.keep(line, code, column < 0 ? this.wholeRow : column, value);
  }

  /** Every reject of `other` (counts, then kept rows while there is room), lines moved by `lineOffset`. */
  append(other: RejectList, lineOffset = 0): void {
    for (let code = 0; code < kRejectCodeCount; code++) this.byCode[code]! += other.byCode[code]!;
    this.notKept += other.notKept;
    const remap = other.columnNames.map((name) => this.nameIndex(name));
    for (let i = 0; i < other.length; i++) {
      if (this.length >= this.cap) {
        this.notKept++;
        continue;
      }
      this.keep(other.lines[i]! + lineOffset, other.codes[i]!, remap[other.columns[i]!]!, other.values[i]!);
    }
  }

  /** Rejected rows, kept or not. */
  get total(): number {
    let sum = 0;
    for (const n of this.byCode) sum += n;
    return sum;
  }

  line(i: number): number {
    return this.lines[i]!;
  }

  code(i: number): RejectCode {
    return this.codes[i] as RejectCode;
  }

  column(i: number): string {
    return this.columnNames[this.columns[i]!]!;
  }

  value(i: number): string {
    return this.values[i]!;
  }

  row(i: number): RejectRow {
    return { line: this.line(i), code: this.code(i), column: this.column(i), value: this.value(i) };
  }

  /** Every kept row as an object (for tests and small lists). */
  rows(): RejectRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** Put the kept rows in line order (stable), unless they already are. */
  sortByLine(): void {
    let sorted = true;
    for (let i = 1; i < this.length && sorted; i++) sorted = this.lines[i - 1]! <= this.lines[i]!;
    if (sorted) return;
    const order = Array.from({ length: this.length }, (_, i) => i).sort((a, b) => this.lines[a]! - this.lines[b]! || a - b);
    const lines = this.lines.slice(0, this.length);
    const codes = this.codes.slice(0, this.length);
    const columns = this.columns.slice(0, this.length);
    const values = this.values.slice();
    order.forEach((from, to) => {
      this.lines[to] = lines[from]!;
      this.codes[to] = codes[from]!;
      this.columns[to] = columns[from]!;
      this.values[to] = values[from]!;
    });
  }

  /** Kept rows `[from, length)` as columns (the store writes a run's new rows as one chunk). */
  toColumns(from = 0): RejectColumns {
    return {
      lines: this.lines.slice(from, this.length),
      codes: this.codes.slice(from, this.length),
      columns: this.columns.slice(from, this.length),
      columnNames: this.columnNames.slice(),
      values: this.values.slice(from, this.length),
    };
  }

  toTransfer(): RejectTransfer {
    return { ...this.toColumns(), byCode: this.byCode.slice(), notKept: this.notKept };
  }

  /** A list holding `columns`' rows as they are (no cap applied: they were kept under one already). */
  static fromColumns(columns: RejectColumns, cap = Infinity): RejectList {
    const list = new RejectList(cap, columns.columnNames);
    list.grow(Math.max(16, columns.values.length));
    list.lines.set(columns.lines);
    list.codes.set(columns.codes);
    list.columns.set(columns.columns);
    list.values = columns.values; // taken over, not copied: a stored list can hold millions
    list.length = columns.values.length;
    return list;
  }

  static fromTransfer(transfer: RejectTransfer, cap = Infinity): RejectList {
    const list = RejectList.fromColumns(transfer, cap);
    list.byCode.set(transfer.byCode);
    list.notKept = transfer.notKept;
    return list;
  }

  /** A copy with the same rows and counts, under `cap` from now on. */
  clone(cap = this.cap): RejectList {
    const copy = RejectList.fromTransfer(this.toTransfer(), cap);
    copy.values = this.values.slice(0, this.length);
    return copy;
  }

  private keep(line: number, code: number, column: number, value: string): void {
    if (this.length === this.lines.length) this.grow(this.length * 2);
    this.lines[this.length] = line;
    this.codes[this.length] = code;
    this.columns[this.length] = column;
    this.values[this.length] = value.length > kMaxValueLength ? `${value.slice(0, kMaxValueLength)}...` : value;
    this.length++;
  }

  /** The index of a column name; `byPosition` registers a header name even when it repeats. */
  private nameIndex(name: string, byPosition = false): number {
    const known = this.columnIndex.get(name);
    if (known !== undefined && !byPosition) return known;
    const index = this.columnNames.length;
    this.columnNames.push(name);
    if (known === undefined) this.columnIndex.set(name, index);
    return index;
  }

  private grow(size: number): void {
    const lines = new Float64Array(size);
    lines.set(this.lines.subarray(0, this.length));
    this.lines = lines;
    const codes = new Uint8Array(size);
    codes.set(this.codes.subarray(0, this.length));
    this.codes = codes;
    const columns = new Uint16Array(size);
    columns.set(this.columns.subarray(0, this.length));
    this.columns = columns;
  }
}
