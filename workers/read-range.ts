/**
 * Adapters that feed one byte range of a CSV file to a RecordSink: the scanner path reads the range in
 * large chunks with readSync and hands complete rows to `NumericScanner.scanRange`; the fast-csv path
 * streams the same bytes through fast-csv and converts each row with `recordFromTexts`. Gzip files are
 * read whole (a gzip stream cannot be entered in the middle), skipping their header row.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'fast-csv';
import { NumericScanner, recordFromTexts, type RecordSink } from './scan-numeric.js';
import { CR, hasBom, isBlankRow, LF, newTokenizedRecord, tokenizeRecord, type ScanLayout } from '../src/csv/index.js';
import type { ProgressSlot, RangeSpec } from './protocol.js';

/** 4 MiB chunks: large enough that per-chunk overhead vanishes, small enough to stay in L2/L3-friendly sizes. */
const kChunkBytes = 4 << 20;

/** A row could not be read at all by the chosen reader (only the fast-csv path stops like this). */
export class RangeReadError extends Error {
  constructor(
    message: string,
    /** 0-based row within the range (the header of a gzip file is row 0). */
    readonly row: number,
    readonly code: 'NOT_CSV' | 'BAD_GZIP',
  ) {
    super(message);
  }
}

export interface RangeOutcome {
  /** Rows consumed, blank ones included (for a gzip file: the header too). */
  rows: number;
  /** Bytes of the file read. */
  bytes: number;
}

/** Scans the complete rows of `buf[start, end)`, numbering them from `firstLine`; returns rows consumed. */
export type ScanFn = (buf: Buffer, start: number, end: number, firstLine: number) => number;

/**
 * Read `spec`'s range into `sink`. `scan` replaces the scanner's generic row loop (the order-line fast
 * loop); it must give the same results as `NumericScanner.scanRange` into `sink`.
 */
export async function readRange(spec: RangeSpec & ProgressSlot, sink: RecordSink, scan?: ScanFn): Promise<RangeOutcome> {
  const progress = new Float64Array(spec.progress);
  const report = (bytes: number, rows: number): void => {
    progress[2 * spec.slot] = bytes;
    progress[2 * spec.slot + 1] = rows;
  };
  const layout: ScanLayout = { kinds: spec.kinds, names: spec.names };
  if (spec.parser === 'fast-csv') return readWithFastCsv(spec, layout, sink, report);
  const scanner = new NumericScanner(layout);
  const scanRows: ScanFn = scan ?? ((buf, start, end, firstLine) => scanner.scanRange(buf, start, end, sink, firstLine));
  if (spec.gzip) return scanGzip(spec, scanRows, report);
  return scanPlain(spec, scanRows, report);
}

/** Offset just past the last complete row in `buf[0, length)`, or 0 when there is none. */
export function lastRowBoundary(buf: Uint8Array, length: number): number {
  const lf = buf.lastIndexOf(LF, length - 1);
  if (lf >= 0) return lf + 1;
  // A file with lone-CR row ends: a CR is a boundary unless it is the last byte (an LF may follow).
  const cr = buf.lastIndexOf(CR, length - 2);
  return cr >= 0 ? cr + 1 : 0;
}

function scanPlain(spec: RangeSpec, scanRows: ScanFn, report: (b: number, r: number) => void): RangeOutcome {
  let buf = Buffer.allocUnsafe(kChunkBytes);
  const fd = openSync(spec.file, 'r');
  let rows = 0;
  try {
    let pos = spec.start;
    let carry = 0;
    while (pos < spec.end) {
      if (carry === buf.length) {
        // One row longer than the buffer: give it room rather than cut it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const n = readSync(fd, buf, carry, Math.min(buf.length - carry, spec.end - pos), pos);
      if (n === 0) throw new RangeReadError(`file ended at byte ${pos}, expected ${spec.end} (was it truncated while reading?)`, rows, 'NOT_CSV');
      pos += n;
      const available = carry + n;
      const cut = pos >= spec.end ? available : lastRowBoundary(buf, available);
      rows += scanRows(buf, 0, cut, rows);
      buf.copy(buf, 0, cut, available);
      carry = available - cut;
      report(pos - spec.start, rows);
    }
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: spec.end - spec.start };
}

async function scanGzip(spec: RangeSpec, scanRows: ScanFn, report: (b: number, r: number) => void): Promise<RangeOutcome> {
  const raw = createReadStream(spec.file);
  const gunzip = createGunzip();
  let buf = Buffer.allocUnsafe(kChunkBytes);
  let carry = 0;
  let rows = 0;
  let headerSkipped = false;
  const header = newTokenizedRecord();
  const consume = (cut: number): void => {
    let start = 0;
    if (!headerSkipped) {
      if (cut >= 3 && hasBom(buf)) start = 3;
      tokenizeRecord(buf, start, cut, false, header);
      start = header.next;
      rows = 1;
      headerSkipped = true;
    }
    rows += scanRows(buf, start, cut, rows);
  };
  try {
    for await (const chunk of raw.pipe(gunzip) as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        if (carry === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, carry);
          buf = bigger;
        }
        const n = chunk.copy(buf, carry, offset);
        offset += n;
        const available = carry + n;
        const cut = lastRowBoundary(buf, available);
        if (cut > 0) consume(cut);
        buf.copy(buf, 0, cut, available);
        carry = available - cut;
      }
      report(raw.bytesRead, rows);
    }
  } catch (error) {
    raw.destroy();
    throw new RangeReadError(`not a readable gzip file (${(error as Error).message})`, rows, 'BAD_GZIP');
  }
  if (carry > 0) consume(carry);
  return { rows, bytes: raw.bytesRead };
}

async function readWithFastCsv(spec: RangeSpec, layout: ScanLayout, sink: RecordSink, report: (b: number, r: number) => void): Promise<RangeOutcome> {
  const vals = new Float64Array(layout.kinds.length);
  let current: string[] = [];
  const text = {
    text: (k: number) => current[k] ?? '',
    isEmpty: (k: number) => current[k] === '',
  };
  const raw = spec.gzip ? createReadStream(spec.file) : createReadStream(spec.file, { start: spec.start, end: spec.end - 1 });
  const input = spec.gzip ? raw.pipe(createGunzip()) : raw;
  let rows = 0;
  let skipHeader = spec.gzip;
  const parser = parse({ headers: false, ignoreEmpty: false });
  let gzipFailure: Error | undefined;
  input.on('error', (error: Error) => {
    gzipFailure = error;
    parser.destroy(error);
  });
  try {
    for await (const row of input.pipe(parser) as AsyncIterable<string[]>) {
      const line = rows++;
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      if (isBlankRow(row)) continue;
      current = row;
      recordFromTexts(layout, row, vals, sink, line, text);
      if ((rows & 0xffff) === 0) report(raw.bytesRead, rows);
    }
  } catch (error) {
    raw.destroy();
    if (gzipFailure !== undefined) throw new RangeReadError(`not a readable gzip file (${gzipFailure.message})`, rows, 'BAD_GZIP');
    throw new RangeReadError(`fast-csv cannot read this row: ${(error as Error).message}`, rows, 'NOT_CSV');
  }
  report(raw.bytesRead, rows);
  return { rows, bytes: spec.gzip ? raw.bytesRead : spec.end - spec.start };
}
