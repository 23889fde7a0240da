/**
 * Excel-ready CSV (SPEC.md section 4): UTF-8 with a BOM, a header row, CRLF row ends, plain decimals
 * (no thousands separators, no exponents), RFC 4180 quoting, and text cells that start with `=`, `+`,
 * `-` or `@` made inert by a leading apostrophe (OWASP's advice against formula injection).
 * Files are written to a temporary name and renamed, so a reader never sees half a file.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import type { Cell, ColumnKind, Table } from '../summaries/table.js';

const kBom = '\ufeff';
const kDecimals: Record<Exclude<ColumnKind, 'text' | 'int'>, number> = { money: 2, decimal: 4, share: 6 };

/** A number written plainly: integers as is, others with the kind's decimals; never an exponent. */
export function formatNumber(value: number, kind: ColumnKind): string {
  if (!Number.isFinite(value)) return '';
  if (kind === 'int' || kind === 'text') {
    // String() of an integer below 1e21 never uses an exponent.
    if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
    return plainDecimal(value, 6);
  }
  return plainDecimal(value, kDecimals[kind]);
}

/** `toFixed` switches to exponent notation at 1e21; go through BigInt scaling past that. */
function plainDecimal(value: number, decimals: number): string {
  if (Math.abs(value) < 1e21) {
    const text = value.toFixed(decimals);
    return text === `-${(0).toFixed(decimals)}` ? text.slice(1) : text;
  }
  return `${BigInt(Math.round(value)).toString()}.${'0'.repeat(decimals)}`;
}

/** A text cell made safe for spreadsheets and quoted when needed. */
export function formatText(text: string): string {
  const first = text.charCodeAt(0);
  // = + - @ (0x3d 0x2b 0x2d 0x40)
  const inert = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 ? `'${text}` : text;
  return kNeedsQuotes.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

const kNeedsQuotes = /[",\r\n]/;

export function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return formatText(cell);
  return formatNumber(cell, kind);
}

/** The whole CSV text of a table. */
export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((c) => formatText(c.name)).join(',')];
  for (const row of table.rows) lines.push(row.map((cell, k) => formatCell(cell, table.columns[k]!.kind)).join(','));
  return `${kBom}${lines.join('\r\n')}\r\n`;
}

/**
 * Write to `path` atomically: a temporary file in the same folder, synced, then renamed over. `content`
 * is the whole text, or a function that writes it in pieces.
 */
export function writeFileAtomic(path: string, content: string | Buffer | ((write: (piece: string) => void) => void)): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    const write = (piece: string | Buffer): void => {
      writeSync(fd, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    };
    if (typeof content === 'function') content(write);
    else write(content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
