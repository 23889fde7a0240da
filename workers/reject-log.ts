/**
 * Counts every rejected row by code and keeps the first `maxDetails` in detail (csv-parse's `info` and
 * `skip` in one place): read = accepted + sum of rejectedByCode, always.
 */
import { kRejectCodeCount, type RejectCode } from '../src/sources/reject-codes.js';
import type { RejectDetails } from './protocol.js';

/** Long values are cut in reject details: enough to see the problem, bounded memory. */
const kMaxValueLength = 80;

export class RejectLog {
  readonly rejectedByCode = new Float64Array(kRejectCodeCount);
  notKept = 0;
  private count = 0;
  private line = new Float64Array(64);
  private code = new Uint8Array(64);
  private column = new Int16Array(64);
  private readonly value: string[] = [];

  constructor(private readonly maxDetails: number) {}

  add(line: number, code: RejectCode, column: number, value: string): void {
    this.rejectedByCode[code]! += 1;
    if (this.count >= this.maxDetails) {
      this.notKept++;
      return;
    }
    if (this.count === this.line.length) this.grow();
    this.line[this.count] = line;
    this.code[this.count] = code;
    this.column[this.count] = column;
    this.value.push(value.length > kMaxValueLength ? `${value.slice(0, kMaxValueLength)}...` : value);
    this.count++;
  }

  get total(): number {
    let sum = 0;
    for (const n of this.rejectedByCode) sum += n;
    return sum;
  }

  details(): RejectDetails {
    return {
      count: this.count,
      line: this.line.slice(0, this.count),
      code: this.code.slice(0, this.count),
      column: this.column.slice(0, this.count),
      value: this.value,
    };
  }

  private grow(): void {
    const size = this.line.length * 2;
    const line = new Float64Array(size);
    line.set(this.line);
    this.line = line;
    const code = new Uint8Array(size);
    code.set(this.code);
    this.code = code;
    const column = new Int16Array(size);
    column.set(this.column);
    this.column = column;
  }
}
