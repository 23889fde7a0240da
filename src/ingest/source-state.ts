/**
 * What the store records of a source a run has read: its size, how far it was ingested, a fingerprint
 * of that prefix and whether it ends with a row end (so the next run can tell "unchanged", "appended to"
 * and "changed"), and the rows consumed (so appended rows keep their line numbers).
 */
import type { ParserName } from '../csv/index.js';
import { endsWithRowEnd, fingerprintPrefix } from '../freshness/index.js';
import type { SourceFile } from '../sources/discover.js';
import type { SourceReport } from '../sources/report.js';
import type { SourceWrite, StoredSource } from '../store/index.js';

export function sourceState(source: SourceFile, rows: number, parser: ParserName): StoredSource {
  return {
    name: source.name,
    role: source.role,
    size: source.size,
    mtimeMs: source.mtimeMs,
    ingestedBytes: source.size,
    fingerprint: fingerprintPrefix(source.path, source.size),
    rows,
    endsWithNewline: endsWithRowEnd(source.path, source.size),
    parser,
  };
}

/** The store write of a source read now: whole (`rejectsFrom` 0), or appended to its stored account. */
export function sourceWrite(source: SourceFile, rows: number, parser: ParserName, report: SourceReport, rejectsFrom = 0): SourceWrite {
  return { state: sourceState(source, rows, parser), report, rejectsFrom };
}
