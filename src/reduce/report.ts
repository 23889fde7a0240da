/**
 * Folding a worker's range counts into its source's report: rows read and accepted add up, and the
 * range's rejects join the report's (counted by code, kept up to the cap) with their line numbers in
 * the file (`lineBase` + row within the range).
 */
import { RejectList } from '../rejects/index.js';
import type { RangeCounts } from '../../workers/protocol.js';
import type { SourceReport } from '../sources/report.js';

export function addRangeToReport(report: SourceReport, counts: RangeCounts, lineBase: number): void {
  report.read += counts.read;
  report.accepted += counts.accepted;
  report.rejects.append(RejectList.fromTransfer(counts.rejects), lineBase);
}
