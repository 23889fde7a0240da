/**
 * Read one of instacart's export files back (UTF-8 BOM, CRLF, RFC 4180 quoting: product names carry
 * commas and quotes). The bench reads what a user would open in Excel, not the store, so the check
 * covers the export path too.
 */
import { readFileSync } from 'node:fs';

export interface ExportTable {
  header: string[];
  /** One object per data row, keyed by header name; cells as written (text). */
  rows: Array<Record<string, string>>;
}

export function readExport(path: string): ExportTable {
  const records = parseCsv(readFileSync(path, 'utf8').replace(/^\ufeff/, ''));
  const header = records.shift() ?? [];
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? '']))) };
}

/** RFC 4180: `""` inside quotes is a quote; CR LF or LF ends a record; a blank last line is dropped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
