/**
 * The data rows of a dimension file (products, aisles, departments in the long layout, customers), after
 * the two checks every such reader makes first, in SPEC.md section 7's order: a row whose quoting cannot
 * be read, then a row with another number of fields than the header, are rejected. The header row
 * (line 1) is skipped; the reader's own rules see only rows of the header's width.
 */
import type { ParserName } from '../csv/index.js';
import type { SourceFile } from './discover.js';
import { readRecords, type Row } from './csv/read-records.js';
import { RejectCode } from '../rejects/index.js';
import type { SourceTally } from './report.js';

export function readDataRows(source: SourceFile, parser: ParserName, tally: SourceTally, width: number, record: (line: number, row: Row) => void): Promise<void> {
  return readRecords(source.path, source.name, parser, {
    malformed(line, reason) {
      tally.reject(line, RejectCode.BAD_QUOTE, '', reason);
    },
    record(line, row) {
      if (line === 1) return;
      if (row.length !== width) return tally.reject(line, RejectCode.FIELD_COUNT, '', `${row.length} fields, expected ${width}`);
      record(line, row);
    },
  });
}
