/**
 * The account of one source: every row read is accepted or rejected with a reason
 * (read = accepted + sum of rejectedByCode), and every cleaning rule applied is counted (SPEC.md section 2).
 */
import { kRejectCodeCount, type RejectCode } from './reject-codes.js';
import { RejectList } from './reject-list.js';
import type { SourceRole } from './discover.js';

/** One cleaning rule applied to a source: a row of data_quality.csv. */
export interface QualityCheck {
  /** What was checked, e.g. `blank product_name`. */
  check: string;
  /** Rows it applied to. */
  rows: number;
  /** What was done, e.g. `kept as "Unnamed product <id>"`. */
  action: string;
}

export { RejectList, type RejectRow } from './reject-list.js';

export interface SourceReport {
  /** The source's name relative to the data directory. */
  name: string;
  role: SourceRole;
  read: number;
  accepted: number;
  rejectedByCode: number[];
  checks: QualityCheck[];
  /** Rejected rows in detail, in line order (up to the configured limit). */
  rejects: RejectList;
  /** Rejected rows counted but not kept in detail. */
  rejectsNotKept: number;
}

export function newSourceReport(name: string, role: SourceRole): SourceReport {
  return { name, role, read: 0, accepted: 0, rejectedByCode: new Array<number>(kRejectCodeCount).fill(0), checks: [], rejects: new RejectList(), rejectsNotKept: 0 };
}

/** Builds a SourceReport row by row, for the dimension readers. */
export class SourceTally {
  readonly report: SourceReport;
  private readonly checkIndex = new Map<string, QualityCheck>();

  constructor(
    name: string,
    role: SourceRole,
    private readonly maxRejectDetails: number,
  ) {
    this.report = newSourceReport(name, role);
  }

  accept(): void {
    this.report.read++;
    this.report.accepted++;
  }

  reject(line: number, code: RejectCode, column: string, value: string): void {
    const report = this.report;
    report.read++;
    report.rejectedByCode[code]!++;
    if (report.rejects.length < this.maxRejectDetails) report.rejects.push(line, code, column, value);
    else report.rejectsNotKept++;
  }

  /** Declare a cleaning rule (so it is listed even when it applied to no row). */
  declare(check: string, action: string): void {
    if (!this.checkIndex.has(check)) {
      const entry = { check, rows: 0, action };
      this.checkIndex.set(check, entry);
      this.report.checks.push(entry);
    }
  }

  /** Count one row a declared rule applied to. */
  count(check: string, rows = 1): void {
    const entry = this.checkIndex.get(check);
    if (entry === undefined) throw new Error(`undeclared quality check: ${check}`);
    entry.rows += rows;
  }
}
