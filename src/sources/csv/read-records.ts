/**
 * Whole-file record reading for the dimension files (products, departments, aisles, customers: at most a
 * few MB). Two readers behind one handler: the tokenizer over the whole buffer (default; quoted fields may
 * span lines) and fast-csv 5 (`--parser fast-csv`, the reference). Rows are numbered from 1 (the header);
 * blank rows take a number but reach no handler.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { EtlError } from '../../errors/index.js';
import { isGzipBytes } from './header.js';
import { fieldText, hasBom, isBlankRecord, isBlankRow, newTokenizedRecord, parseIntBytes, parseIntText, SPACE, TAB, tokenizeRecord, type ParserName, type TokenizedRecord } from '../../csv/index.js';

/** One row's fields, decoded on demand. */
export interface Row {
  readonly length: number;
  /** Field k's text. */
  text(k: number): string;
  /**
   * Field k's text, trimmed, through `values` (one per column): for columns with few distinct values
   * (gender, state, family status, join date) it saves decoding and allocating a string per row.
   */
  value(k: number, values: ValueCache): string;
  /** Field k as an integer by the CSV grammar (`parseIntText`), NaN when it is not one. */
  int(k: number): number;
  /** True when field k is empty or only white space. */
  isBlank(k: number): boolean;
}

/**
 * The distinct values of one column, found by their bytes: an FNV-1a hash of the field's bytes picks
 * the candidates, a byte comparison confirms. Decodes each distinct value once.
 */
export class ValueCache {
  private readonly byHash = new Map<number, { bytes: Uint8Array; text: string }[]>();

  lookup(buf: Uint8Array, start: number, end: number): string {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
    const candidates = this.byHash.get(hash);
    if (candidates !== undefined) {
      for (const candidate of candidates) if (sameBytes(candidate.bytes, buf, start, end)) return candidate.text;
    }
    const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8').trim();
    const entry = { bytes: buf.slice(start, end), text };
    if (candidates === undefined) this.byHash.set(hash, [entry]);
    else candidates.push(entry);
    return text;
  }
}

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

/** A row of the tokenizer: fields decoded only when read, integers parsed straight from the bytes. */
class TokenizedRow implements Row {
  constructor(private readonly record: TokenizedRecord) {}
  get length(): number {
    return this.record.count;
  }
  text(k: number): string {
    return fieldText(this.record, k);
  }
  value(k: number, values: ValueCache): string {
    const r = this.record;
    if (r.escaped[k] === 1) return fieldText(r, k).trim();
    return values.lookup(r.buf, r.starts[k]!, r.ends[k]!);
  }
  int(k: number): number {
    const r = this.record;
    return r.escaped[k] === 1 ? parseIntText(fieldText(r, k)) : parseIntBytes(r.buf, r.starts[k]!, r.ends[k]!);
  }
  isBlank(k: number): boolean {
    const r = this.record;
    for (let i = r.starts[k]!; i < r.ends[k]!; i++) if (r.buf[i] !== SPACE && r.buf[i] !== TAB) return r.escaped[k] === 1 ? false : fieldText(r, k).trim() === '';
    return true;
  }
}

/** A row of fast-csv: already strings. */
class TextRow implements Row {
  fields: readonly string[] = [];
  get length(): number {
    return this.fields.length;
  }
  text(k: number): string {
    return this.fields[k]!;
  }
  value(k: number): string {
    return this.fields[k]!.trim();
  }
  int(k: number): number {
    return parseIntText(this.fields[k]!);
  }
  isBlank(k: number): boolean {
    return this.fields[k]!.trim() === '';
  }
}

export interface RecordHandler {
  /** A non-blank row (the header is line 1). The row object is reused: read it before returning. */
  record(line: number, row: Row): void;
  /** A row whose quoting cannot be read (scanner path only: fast-csv stops the file instead). */
  malformed(line: number, reason: string): void;
}

export async function readRecords(path: string, name: string, parser: ParserName, handler: RecordHandler): Promise<void> {
  if (parser === 'fast-csv') return readWithFastCsv(path, name, handler);
  const raw = readFileSync(path);
  let bytes = raw;
  if (isGzipBytes(raw)) {
    try {
      bytes = gunzipSync(raw);
    } catch (error) {
      throw new EtlError('BAD_GZIP', `not a readable gzip file (${(error as Error).message})`, { file: name });
    }
  }
  let pos = hasBom(bytes) ? 3 : 0;
  const record = newTokenizedRecord();
  const row = new TokenizedRow(record);
  for (let line = 1; pos < bytes.length; line++) {
    tokenizeRecord(bytes, pos, bytes.length, true, record);
    pos = record.next;
    if (record.error !== undefined) handler.malformed(line, record.error);
    else if (!isBlankRecord(record)) handler.record(line, row);
  }
}

async function readWithFastCsv(path: string, name: string, handler: RecordHandler): Promise<void> {
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  const { parse } = await import('fast-csv'); // only this path needs it: keep it off the startup
  const raw = createReadStream(path);
  const input = isGzipBytes(head) ? raw.pipe(createGunzip()) : raw;
  let gzipFailure: Error | undefined;
  const parser = parse({ headers: false, ignoreEmpty: false });
  input.on('error', (error: Error) => {
    gzipFailure = error;
    parser.destroy(error);
  });
  let line = 0;
  const row = new TextRow();
  try {
    for await (const fields of input.pipe(parser) as AsyncIterable<string[]>) {
      line++;
      row.fields = fields;
      if (!isBlankRow(fields)) handler.record(line, row);
    }
  } catch (error) {
    raw.destroy();
    if (error instanceof EtlError) throw error;
    if (gzipFailure !== undefined) throw new EtlError('BAD_GZIP', `not a readable gzip file (${gzipFailure.message})`, { file: name });
    throw new EtlError('NOT_CSV', `fast-csv cannot read this row: ${(error as Error).message} (the default parser rejects such rows one by one)`, { file: name, line: line + 1 });
  }
}
