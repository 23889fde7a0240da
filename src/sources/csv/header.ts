/**
 * Reading a CSV file's header row and matching its columns to the ones a role needs. The header decides
 * the column order; extra columns are ignored; a missing column fails the source with the expected
 * columns named (SPEC.md section 1).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants as zlib, gunzipSync } from 'node:zlib';
import { EtlError } from '../../errors/index.js';
import { hasBom, newTokenizedRecord, recordFields, tokenizeRecord } from '../../csv/index.js';

/** A header row as read. */
export interface Header {
  /** Column names as written (trimmed). */
  names: string[];
  /** Byte offset of the first data row (plain files; 0 for gzip files, which are read whole). */
  dataStart: number;
  /** The file is gzip-compressed (by its magic bytes). */
  gzip: boolean;
}

/** Longest header we look for: a row longer than this is not a header of ours. */
const kMaxHeaderBytes = 1 << 20;

export function isGzipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Read the first bytes of a file (decompressing the start of a gzip file). */
function readStart(path: string, name: string): { bytes: Buffer; gzip: boolean } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(kMaxHeaderBytes);
    const n = readSync(fd, head, 0, head.length, 0);
    const bytes = head.subarray(0, n);
    if (!isGzipBytes(bytes)) return { bytes, gzip: false };
    try {
      return { bytes: gunzipSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH /* we read only the start: allow a cut stream */ }).subarray(0, kMaxHeaderBytes), gzip: true };
    } catch (error) {
      throw new EtlError('BAD_GZIP', `not a readable gzip file (${(error as Error).message})`, { file: name });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Binary, not text: more than 5% control bytes (other than tab, CR, LF) in the first 8 kB. A stray NUL
 * further on is a bad field of one row (rejected), not a reason to refuse the file.
 */
function looksBinary(probe: Uint8Array): boolean {
  let control = 0;
  for (const b of probe) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control > probe.length * 0.05;
}

export function readHeader(path: string, name: string): Header {
  const { bytes, gzip } = readStart(path, name);
  if (bytes.length === 0) throw new EtlError('NOT_CSV', 'the file is empty (expected a header row)', { file: name });
  if (looksBinary(bytes.subarray(0, 8192))) throw new EtlError('NOT_CSV', 'this is not a CSV text file (its first bytes are binary)', { file: name, line: 1 });
  const bom = hasBom(bytes) ? 3 : 0;
  const record = newTokenizedRecord();
  tokenizeRecord(bytes, bom, bytes.length, false, record);
  if (record.error !== undefined) throw new EtlError('BAD_HEADER', `unreadable header row: ${record.error}`, { file: name, line: 1 });
  const fields = recordFields(record);
  if (fields.some((field) => field.includes('\u0000'))) throw new EtlError('NOT_CSV', 'this is not a CSV text file (its header holds binary bytes)', { file: name, line: 1 });
  if (record.next >= bytes.length && bytes.length === kMaxHeaderBytes) throw new EtlError('NOT_CSV', 'no row end in the first 1 MiB: not a CSV file', { file: name, line: 1 });
  return { names: fields.map((field) => field.trim()), dataStart: gzip ? 0 : record.next, gzip };
}

/** One column a role needs: its canonical name and the header spellings accepted for it. */
export interface ColumnSpec {
  name: string;
  aliases?: readonly string[];
  optional?: boolean;
}

/**
 * Positions of the wanted columns in `header` (case-insensitive), -1 for a missing optional column.
 * A missing required column fails with every expected column and the found ones named.
 */
export function resolveColumns<K extends string>(header: Header, wanted: Record<K, ColumnSpec>, fileName: string): Record<K, number> {
  const lower = header.names.map((name) => name.toLowerCase());
  const result = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(wanted) as K[]) {
    const spec = wanted[key];
    const spellings = [spec.name, ...(spec.aliases ?? [])].map((s) => s.toLowerCase());
    const index = lower.findIndex((name) => spellings.includes(name));
    if (index < 0 && !spec.optional) missing.push(spec.name);
    result[key] = index;
  }
  if (missing.length > 0) {
    const expected = Object.values<ColumnSpec>(wanted).filter((s) => !s.optional).map((s) => s.name);
    throw new EtlError('BAD_HEADER', `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected columns ${expected.join(', ')} (found: ${header.names.join(', ') || 'nothing'})`, { file: fileName, line: 1 });
  }
  return result;
}
