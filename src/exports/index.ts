/**
 * The export stage: every summary table as `OUT/csv/<name>.csv`, and every rejected row in
 * `OUT/rejects.csv` (file, line, reason, column, value). Nothing here depends on time or paths, so two
 * runs over the same data write byte-identical files.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceReport } from '../sources/report.js';
import { rejectReason } from '../rejects/index.js';
import type { Table } from '../summaries/table.js';
import { formatText, tableToCsv, writeFileAtomic } from './csv.js';

export { tableToCsv, writeFileAtomic, formatNumber, formatText } from './csv.js';

const rejectsColumns = ['file', 'line', 'reason', 'column', 'value'];

/**
 * Write every rejected row to `path` (file, line, reason, column, value), in data_quality order and by
 * line within a file. Streamed in 1 MB pieces: the real sample alone rejects 1.34M rows.
 */
export function writeRejectsCsv(path: string, reports: readonly SourceReport[]): void {
  writeFileAtomic(path, (write) => {
    let piece = `\ufeff${rejectsColumns.join(',')}\r\n`;
    for (const report of reports) {
      const rejects = report.rejects;
      rejects.sortByLine();
      const file = formatText(report.name);
      for (let i = 0; i < rejects.length; i++) {
        piece += `${file},${rejects.line(i)},${formatText(rejectReason[rejects.code(i)]!)},${formatText(rejects.column(i))},${formatText(rejects.value(i))}\r\n`;
        if (piece.length > 1 << 20) {
          write(piece);
          piece = '';
        }
      }
    }
    write(piece);
  });
}

/** What a run exports. */
export interface Exports {
  /** Summary, segment and crosstab tables: `csv/<name>.csv`. */
  tables: readonly Table[];
  /** Every source's account: its rejected rows go to `rejects.csv`. */
  reports: readonly SourceReport[];
  /** The per-customer table, only when asked for (`--export-customers`): `customers.csv`. */
  perCustomer?: Table | undefined;
}

/** The export files of a run, relative to the output directory. */
export function exportFiles(tables: readonly Table[], perCustomer: boolean): string[] {
  return [...tables.map((t) => `csv/${t.name}.csv`), 'rejects.csv', ...(perCustomer ? [kCustomersFile] : [])];
}

const kCustomersFile = 'customers.csv';

/**
 * Write every table to `outDir/csv/`, the rejects to `outDir/rejects.csv` and, when asked for, the
 * per-customer table to `outDir/customers.csv` (removed otherwise, so no stale copy stays beside the new
 * tables); returns the paths written.
 */
export function writeExports(outDir: string, exports: Exports, afterFirst?: () => void): string[] {
  const csvDir = join(outDir, 'csv');
  mkdirSync(csvDir, { recursive: true });
  const written: string[] = [];
  for (const table of exports.tables) {
    const path = join(csvDir, `${table.name}.csv`);
    writeFileAtomic(path, tableToCsv(table));
    written.push(path);
    if (written.length === 1) afterFirst?.();
  }
  const rejectsPath = join(outDir, 'rejects.csv');
  writeRejectsCsv(rejectsPath, exports.reports);
  written.push(rejectsPath);
  const customersPath = join(outDir, kCustomersFile);
  if (exports.perCustomer === undefined) {
    rmSync(customersPath, { force: true });
  } else {
    writeFileAtomic(customersPath, tableToCsv(exports.perCustomer));
    written.push(customersPath);
  }
  return written;
}
