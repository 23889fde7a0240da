/**
 * The account of one source: every row read is accepted or rejected with a reason
 * (read = accepted + rejects.total), and every cleaning rule applied is counted (SPEC.md section 2).
 */
import { RejectList, type RejectCode } from '../rejects/index.js';
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

export interface SourceReport {
  /** The source's name relative to the data directory. */
  name: string;
  role: SourceRole;
  /** Non-blank rows read: accepted + rejects.total. */
  read: number;
  accepted: number;
  checks: QualityCheck[];
  /** Rejected rows: counted by code, the first `maxRejectDetails` kept in detail, in line order. */
  rejects: RejectList;
}

export function newSourceReport(name: string, role: SourceRole, maxRejectDetails: number): SourceReport {
  return { name, role, read: 0, accepted: 0, checks: [], rejects: new RejectList(maxRejectDetails) };
}

/** Builds a SourceReport row by row, for the dimension readers. */
export class SourceTally {
  readonly report: SourceReport;
  private readonly checkIndex = new Map<string, QualityCheck>();

  constructor(name: string, role: SourceRole, maxRejectDetails: number) {
    this.report = newSourceReport(name, role, maxRejectDetails);
  }

  accept(): void {
    this.report.read++;
    this.report.accepted++;
  }

  reject(line: number, code: RejectCode, column: string, value: string): void {
    this.report.read++;
    this.report.rejects.add(line, code, column, value);
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

/**
 * A source's stored account plus the account of newly read rows (an appended range), as a new report:
 * counts add, checks add by name, the new rows' rejects follow the stored ones (up to the cap).
 */
export function mergeReports(stored: SourceReport, delta: SourceReport): SourceReport {
  const checks = stored.checks.map((c) => ({ ...c }));
  for (const check of delta.checks) {
    const existing = checks.find((c) => c.check === check.check);
    if (existing !== undefined) existing.rows += check.rows;
    else checks.push({ ...check });
  }
  const rejects = stored.rejects.clone(delta.rejects.cap);
  rejects.append(delta.rejects);
  return { name: stored.name, role: stored.role, read: stored.read + delta.read, accepted: stored.accepted + delta.accepted, checks, rejects };
}
