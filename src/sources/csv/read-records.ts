/**
 * Whole-file record reading for the dimension files (products, departments, aisles, customers: at most a
 * few MB). Two readers behind one handler: the tokenizer over the whole buffer (default; quoted fields may
 * span lines) and fast-csv 5 (`--parser fast-csv`, the reference). Rows are numbered from 1 (the header);
 * blank rows take a number but reach no handler.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { EtlError } from '../../errors/index.js';
import type { ParserName } from '../../../workers/protocol.js';
import { isGzipBytes } from './header.js';
import { fieldText, isBlankRecord, isBlankRow, newTokenizedRecord, tokenizeRecord, type TokenizedRecord } from './tokenize.js';
import { parseIntBytes, parseIntText } from './fields.js';

/** One row's fields, decoded on demand. */
export interface Row {
  readonly length: number;
  /** Field k's text. */
  text(k: number): string;
  /** Field k as an integer by the CSV grammar (`parseIntText`), NaN when it is not one. */
  int(k: number): number;
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
  int(k: number): number {
    const r = this.record;
    return r.escaped[k] === 1 ? parseIntText(fieldText(r, k)) : parseIntBytes(r.buf, r.starts[k]!, r.ends[k]!);
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
  int(k: number): number {
    return parseIntText(this.fields[k]!);
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
  let pos = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
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
