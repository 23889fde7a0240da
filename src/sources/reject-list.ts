/**
 * Rejected rows kept in detail, columnar: a line number (Float64), a code (Uint8) and a column (an
 * index into the few column names) per row in typed arrays, and the offending text. The real sample
 * (the orders sample with the full train lines) rejects 1.34M rows; as one object per row that took
 * 1.4 GB, columnar it takes about 60 MB.
 */
import type { RejectCode } from './reject-codes.js';

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

/** Long values are cut: enough to see the problem, bounded memory. */
const kMaxValueLength = 80;

export class RejectList {
  length = 0;
  private lines = new Float64Array(16);
  private codes = new Uint8Array(16);
  private columns = new Uint16Array(16);
  private readonly columnNames: string[] = [];
  private readonly columnIndex = new Map<string, number>();
  private values: string[] = [];

  push(line: number, code: RejectCode, column: string, value: string): void {
    if (this.length === this.lines.length) this.grow(this.length * 2);
    let c = this.columnIndex.get(column);
    if (c === undefined) {
      c = this.columnNames.length;
      this.columnNames.push(column);
      this.columnIndex.set(column, c);
    }
    this.lines[this.length] = line;
    this.codes[this.length] = code;
    this.columns[this.length] = c;
    this.values.push(value.length > kMaxValueLength ? `${value.slice(0, kMaxValueLength)}...` : value);
    this.length++;
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

  /** Every row as an object (for tests and small lists). */
  rows(): RejectRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** Add `other`'s rows after these, at most `room` of them; returns how many were added. */
  append(other: RejectList, room = Infinity): number {
    const n = Math.min(other.length, room);
    for (let i = 0; i < n; i++) this.push(other.line(i), other.code(i), other.column(i), other.value(i));
    return n;
  }

  /** Put the rows in line order (stable), unless they already are. */
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

  /** The columns, for storing. */
  toColumns(): { lines: Float64Array; codes: Uint8Array; columns: Uint16Array; columnNames: string[]; values: string[] } {
    return { lines: this.lines.slice(0, this.length), codes: this.codes.slice(0, this.length), columns: this.columns.slice(0, this.length), columnNames: this.columnNames, values: this.values };
  }

  static fromColumns(columns: { lines: Float64Array; codes: Uint8Array; columns: Uint16Array; columnNames: string[]; values: string[] }): RejectList {
    const list = new RejectList();
    list.grow(Math.max(16, columns.values.length));
    list.lines.set(columns.lines);
    list.codes.set(columns.codes);
    columns.columnNames.forEach((name, c) => {
      list.columnNames.push(name);
      list.columnIndex.set(name, c);
    });
    list.columns.set(columns.columns);
    list.values = columns.values; // taken over, not copied: a stored list can hold millions
    list.length = columns.values.length;
    return list;
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
