/**
 * Folding a worker's range counts into its source's report: rows read, accepted and rejected add up,
 * and the range's rejected rows get their line numbers in the file (`lineBase` + row within the range).
 */
import type { RangeCounts } from '../../workers/protocol.js';
import type { RejectCode } from '../sources/reject-codes.js';
import type { SourceReport } from '../sources/report.js';

export function addRangeToReport(report: SourceReport, counts: RangeCounts, lineBase: number, columnNames: readonly string[], maxRejectDetails: number): void {
  report.read += counts.read;
  report.accepted += counts.accepted;
  for (let code = 0; code < counts.rejectedByCode.length; code++) report.rejectedByCode[code]! += counts.rejectedByCode[code]!;
  const details = counts.rejects;
  for (let k = 0; k < details.count; k++) {
    if (report.rejects.length >= maxRejectDetails) {
      report.rejectsNotKept++;
      continue;
    }
    const column = details.column[k]!;
    report.rejects.push(lineBase + details.line[k]!, details.code[k] as RejectCode, column >= 0 ? (columnNames[column] ?? '') : '', details.value[k]!);
  }
  report.rejectsNotKept += counts.rejectsNotKept;
}
