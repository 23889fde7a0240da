/**
 * The export stage: every summary table as `OUT/csv/<name>.csv`, and every rejected row in
 * `OUT/rejects.csv` (file, line, reason, column, value). Nothing here depends on time or paths, so two
 * runs over the same data write byte-identical files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceReport } from '../sources/report.js';
import { rejectReason } from '../sources/reject-codes.js';
import type { Table } from '../summaries/table.js';
import { tableToCsv, writeFileAtomic } from './csv.js';

export { tableToCsv, writeFileAtomic, formatNumber, formatText } from './csv.js';

/** The rejects as a table, in data_quality order, each source's rows by line. */
export function rejectsTable(reports: readonly SourceReport[]): Table {
  const rows = reports.flatMap((report) =>
    [...report.rejects].sort((a, b) => a.line - b.line).map((r) => [report.name, r.line, rejectReason[r.code]!, r.column, r.value]),
  );
  return {
    name: 'rejects',
    grain: 'one row per rejected input row',
    columns: [
      { name: 'file', kind: 'text' },
      { name: 'line', kind: 'int' },
      { name: 'reason', kind: 'text' },
      { name: 'column', kind: 'text' },
      { name: 'value', kind: 'text' },
    ],
    rows,
  };
}

/** Write every table to `outDir/csv/` and the rejects to `outDir/rejects.csv`; returns the paths written. */
export function writeExports(outDir: string, tables: readonly Table[], reports: readonly SourceReport[], afterFirst?: () => void): string[] {
  const csvDir = join(outDir, 'csv');
  mkdirSync(csvDir, { recursive: true });
  const written: string[] = [];
  for (const table of tables) {
    const path = join(csvDir, `${table.name}.csv`);
    writeFileAtomic(path, tableToCsv(table));
    written.push(path);
    if (written.length === 1) afterFirst?.();
  }
  const rejectsPath = join(outDir, 'rejects.csv');
  writeFileAtomic(rejectsPath, tableToCsv(rejectsTable(reports)));
  written.push(rejectsPath);
  return written;
}
