/**
 * data_quality.csv: every rule applied, per dataset, with the rows it touched. Nothing is dropped without
 * a row here (population_flow.csv, which needs the customer table, is in src/segments/).
 */
import type { SourceRole } from '../sources/discover.js';
import { RejectCode, rejectReason } from '../rejects/index.js';
import type { AnalysisInput } from './input.js';
import type { Cell, Table } from './table.js';

/** The reject codes each role can produce, listed even at 0 so a reader sees what was checked. */
const codesByRole: Record<SourceRole, RejectCode[]> = {
  orders: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.ID_TOO_LARGE, RejectCode.DUPLICATE_ORDER],
  lines: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.UNKNOWN_ORDER, RejectCode.UNKNOWN_PRODUCT],
  drop: [RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.DUPLICATE_ORDER, RejectCode.UNKNOWN_ORDER, RejectCode.UNKNOWN_PRODUCT],
  products: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.ID_TOO_LARGE, RejectCode.CONFLICTING_ID],
  departments: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.ID_TOO_LARGE, RejectCode.DUPLICATE_ID],
  aisles: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.ID_TOO_LARGE, RejectCode.DUPLICATE_ID],
  customers: [RejectCode.BAD_QUOTE, RejectCode.FIELD_COUNT, RejectCode.NOT_A_NUMBER, RejectCode.OUT_OF_RANGE, RejectCode.ID_TOO_LARGE, RejectCode.DUPLICATE_ID],
};

/** Codes in the order rows are checked (ID_TOO_LARGE, code 9, right after OUT_OF_RANGE). */
function checkOrder(code: RejectCode): number {
  return code === RejectCode.ID_TOO_LARGE ? RejectCode.OUT_OF_RANGE + 0.5 : code;
}

export function dataQuality(input: AnalysisInput): Table {
  const rows: Cell[][] = [];
  for (const report of input.reports) {
    rows.push([report.name, 'rows read', report.read, 'read (blank rows are skipped, not counted)']);
    rows.push([report.name, 'rows accepted', report.accepted, 'kept']);
    const codes = new Set(codesByRole[report.role]);
    report.rejects.byCode.forEach((n, code) => n > 0 && codes.add(code as RejectCode));
    for (const code of [...codes].sort((a, b) => checkOrder(a) - checkOrder(b))) {
      const n = report.rejects.byCode[code]!;
      rows.push([report.name, `rejected: ${rejectReason[code]}`, n, code === RejectCode.CONFLICTING_ID ? 'first row kept; later rows in rejects.csv' : 'set aside in rejects.csv']);
    }
    if (report.rejects.notKept > 0) rows.push([report.name, 'rejected rows not listed in rejects.csv', report.rejects.notKept, 'counted above; raise maxRejectDetails to list them']);
    for (const check of report.checks) rows.push([report.name, check.check, check.rows, check.action]);
  }
  return {
    name: 'data_quality',
    grain: 'one row per dataset x check',
    columns: [
      { name: 'dataset', kind: 'text' },
      { name: 'check', kind: 'text' },
      { name: 'rows', kind: 'int' },
      { name: 'action', kind: 'text' },
    ],
    rows,
  };
}
