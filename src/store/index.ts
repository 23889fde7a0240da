/**
 * The SQLite store (better-sqlite3): which sources were ingested and how far, each source's partial
 * aggregates (so a later run can add or take out one source), the row accounts and rejects, cached
 * lookups, and every summary table. WAL mode; a run writes everything in one `db.transaction`, so a run
 * that dies leaves the store as it was before or after, never between (better-sqlite3 rolls back and
 * rethrows).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { EtlError } from '../errors/index.js';
import type { SourceRole } from '../sources/discover.js';
import type { QualityCheck, SourceReport } from '../sources/report.js';
import type { Baskets } from '../../workers/protocol.js';
import { kRejectCodeCount, RejectList, type RejectColumns } from '../rejects/index.js';
import type { Table } from '../summaries/table.js';
import type { StoredArrays } from './codecs.js';
import { StoreLock } from './lock.js';
import { packArray, unpackArray } from './pack.js';
import { PackedPartial, type PackedArrays } from './partials.js';
import { basketRows, basketsFromRow, type BasketRow } from './baskets.js';
import { customerHashes, kCustomerTableSql, physicalColumns, writeCustomers, type StoredCustomers } from './customers.js';

export { PackedPartial, packPartial, type PackedArrays } from './partials.js';
export type { StoredArrays } from './codecs.js';

/**
 * better-sqlite3 is CommonJS: required, not imported, so Node skips scanning its source for named
 * exports (about 5 ms of every run, a tenth of a rerun with nothing new).
 */
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
type Database = BetterSqlite3.Database;

/** Bump when the schema or a stored layout changes: an older store is then rebuilt, not misread. */
export const kSchemaVersion = 8;

/** What the store knows about one ingested source. Grain: one row per source name. */
export interface StoredSource {
  name: string;
  role: SourceRole;
  /** File size and modification time when last ingested. */
  size: number;
  mtimeMs: number;
  /** Bytes of the file ingested (the prefix a rerun may extend). */
  ingestedBytes: number;
  /** Fingerprint of the ingested prefix (see `fingerprintPrefix`). */
  fingerprint: string;
  /** Rows consumed so far, header and blank rows included: the next appended row's line is rows + 1. */
  rows: number;
  /** The ingested prefix ends with a row end (else an append would continue its last row). */
  endsWithNewline: boolean;
  parser: string;
}

/** A source written by a run: its state and its whole account. */
export interface SourceWrite {
  state: StoredSource;
  report: SourceReport;
  /**
   * Kept rejects from this index on are new (an appended range's): they are stored as one more chunk
   * after the stored ones. 0 replaces the source's stored rejects with all of `report.rejects`.
   */
  rejectsFrom: number;
}

/**
 * A partial to store: `replace` drops the source's segments first; `append` adds one more segment. The
 * segment's baskets (each order's products, for the pairs) are stored beside it.
 */
export interface PartialWrite {
  source: string;
  mode: 'replace' | 'append';
  packed: PackedArrays;
  /** The segment's baskets, in parts (a read's ranges): stored in rows of whole baskets (store/baskets.ts). */
  baskets?: readonly Baskets[];
}

/**
 * A cached lookup to store under `key`: `replace` drops the lookup's parts first; `append` adds these
 * parts to the ones stored (their names must be new) and re-keys the lookup.
 */
export interface LookupWrite {
  name: string;
  key: string;
  mode: 'replace' | 'append';
  arrays: StoredArrays;
}

/** The store writes one stage implies; a run gathers every stage's into one transaction. */
export interface StoreWrites {
  /** Sources whose contribution is gone (removed or to be replaced): rows, partials, rejects deleted. */
  removedSources: string[];
  sources: SourceWrite[];
  partials: PartialWrite[];
  lookups: LookupWrite[];
}

export function noWrites(): StoreWrites {
  return { removedSources: [], sources: [], partials: [], lookups: [] };
}

/** Every stage's writes, in order, as one. */
export function mergeWrites(...all: readonly Partial<StoreWrites>[]): StoreWrites {
  const merged = noWrites();
  for (const w of all) {
    merged.removedSources.push(...(w.removedSources ?? []));
    merged.sources.push(...(w.sources ?? []));
    merged.partials.push(...(w.partials ?? []));
    merged.lookups.push(...(w.lookups ?? []));
  }
  return merged;
}

/** What the store says about the last run, typed (the meta table's keys live only in this module). */
export interface StoreState {
  /** Ingested sources, by name. */
  sources: StoredSource[];
  /** Runs committed so far; 0 for a new store. */
  generation: number;
  /** The generation whose exports were all written (behind `generation` when a run died writing them). */
  exportedGeneration: number;
  /** The ingest settings the partials were built with (see `ingestKey`). */
  ingestKey: string | undefined;
  /** The settings the derived tables were built with (the whole config). */
  summaryKey: string | undefined;
  /** The partial layout (department slots, aisle words) the stored partials have. */
  layout: string | undefined;
  /** Export files of the last run, relative to the output directory. */
  exports: string[];
  /** The headline findings of the last run whose exports were all written, as the terminal shows them. */
  headlines: string[];
}

/** What a run commits besides the writes of its stages. */
export interface RunMeta {
  ingestKey: string;
  summaryKey: string;
  layout: string;
  exports: string[];
}

/** The derived part of a run's commit: summary tables (each replacing its `summary_<name>`) and the customer table. */
export interface DerivedWrites {
  tables: readonly Table[];
  customers: StoredCustomers | undefined;
}

/** The lookup holding the customer table's row hashes as last written (see customers.ts). */
const kCustomerValues = 'customer_values';

/** The meta table's keys. */
const kMeta = {
  generation: 'generation',
  exportedGeneration: 'exported_generation',
  ingestKey: 'ingest_key',
  summaryKey: 'summary_key',
  layout: 'layout',
  exports: 'exports',
  headlines: 'headlines',
} as const;

export class Store {
  readonly db: Database;
  private readonly lock: StoreLock | undefined;

  /** A new store, in rollback-journal mode until its first commit switches it to WAL. */
  private walPending: boolean;

  private constructor(readonly path: string, db: Database, lock: StoreLock | undefined, walPending = false) {
    this.db = db;
    this.lock = lock;
    this.walPending = walPending;
  }

  /** Open (creating if needed) and lock the store at `path`. */
  static open(path: string): Store {
    mkdirSync(dirname(path), { recursive: true });
    const lock = StoreLock.acquire(path);
    let db: Database;
    let created: boolean;
    try {
      db = new Database(path);
      created = migrate(db, path);
    } catch (error) {
      lock.release();
      if (error instanceof EtlError) throw error;
      throw new EtlError('STORE', `cannot open the store ${path}: ${(error as Error).message}`, {}, { cause: error });
    }
    return new Store(path, db, lock, created);
  }

  /**
   * Open an existing store for reading only, without the run lock (WAL lets a reader see the last
   * committed state while a run writes). Undefined when there is no store yet.
   */
  static openReadOnly(path: string): Store | undefined {
    if (!existsSync(path)) return undefined;
    let db: Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new EtlError('STORE', `cannot open the store ${path}: ${(error as Error).message}`, {}, { cause: error });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== kSchemaVersion) {
      db.close();
      throw new EtlError('STORE', `${path} has store schema ${version}, this version reads ${kSchemaVersion}: the next run rebuilds it`);
    }
    return new Store(path, db, undefined);
  }

  close(): void {
    this.db.close();
    this.lock?.release();
  }

  /** True when another process holds the run lock. */
  static isLocked(path: string): boolean {
    return StoreLock.heldByOther(path);
  }

  private meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  state(): StoreState {
    return {
      sources: this.sources(),
      generation: Number(this.meta(kMeta.generation) ?? '0'),
      exportedGeneration: Number(this.meta(kMeta.exportedGeneration) ?? '0'),
      ingestKey: this.meta(kMeta.ingestKey),
      summaryKey: this.meta(kMeta.summaryKey),
      layout: this.meta(kMeta.layout),
      exports: JSON.parse(this.meta(kMeta.exports) ?? '[]') as string[],
      headlines: JSON.parse(this.meta(kMeta.headlines) ?? '[]') as string[],
    };
  }

  /**
   * Record that every export of `generation` is written, the report included, and the headlines it
   * ended with (a rerun with nothing new prints them again).
   */
  markExported(generation: number, headlines: readonly string[]): void {
    this.db.transaction(() => {
      this.setMeta(kMeta.exportedGeneration, String(generation));
      this.setMeta(kMeta.headlines, JSON.stringify(headlines));
    })();
  }

  sources(): StoredSource[] {
    const rows = this.db.prepare('SELECT * FROM sources ORDER BY name').all() as Record<string, unknown>[];
    return rows.map((row) => ({
      name: row.name as string,
      role: row.role as SourceRole,
      size: row.size as number,
      mtimeMs: row.mtime_ms as number,
      ingestedBytes: row.ingested_bytes as number,
      fingerprint: row.fingerprint as string,
      rows: row.rows as number,
      endsWithNewline: row.ends_with_newline === 1,
      parser: row.parser as string,
    }));
  }

  /** Rows of source `name` rejected, by reject code (zeros for a source not stored): the counts of `report` without its rows. */
  rejectedByCode(name: string): Float64Array {
    const byCode = new Float64Array(kRejectCodeCount);
    for (const row of this.db.prepare('SELECT code, rows FROM source_rejected WHERE source = ?').all(name) as { code: number; rows: number }[]) byCode[row.code] = row.rows;
    return byCode;
  }

  /** The stored report of a source (counts, checks and rejects), or undefined. */
  report(name: string): SourceReport | undefined {
    const source = this.db.prepare('SELECT role, count_read, count_accepted, rejects_not_kept FROM sources WHERE name = ?').get(name) as
      | { role: SourceRole; count_read: number; count_accepted: number; rejects_not_kept: number }
      | undefined;
    if (source === undefined) return undefined;
    const checks = this.db.prepare('SELECT check_name AS "check", rows, action FROM source_checks WHERE source = ? ORDER BY position').all(name) as QualityCheck[];
    const chunks = this.db.prepare('SELECT lines, codes, columns, column_names, value_list FROM rejects WHERE source = ? ORDER BY chunk').all(name) as RejectChunkRow[];
    // The stored rows as they are: one chunk taken over whole, several appended in order.
    const rejects = chunks.length === 1 ? RejectList.fromColumns(unpackRejects(chunks[0]!)) : new RejectList();
    if (chunks.length > 1) for (const chunk of chunks) rejects.append(RejectList.fromColumns(unpackRejects(chunk)));
    rejects.byCode.set(this.rejectedByCode(name));
    rejects.notKept = source.rejects_not_kept;
    return { name, role: source.role, read: source.count_read, accepted: source.count_accepted, checks, rejects };
  }

  /** A source's stored partial as packed segments (the first full read, then one per appended range). */
  partialSegments(source: string): PackedPartial[] {
    const rows = this.db.prepare('SELECT segment, name, data FROM partials WHERE source = ? ORDER BY segment').all(source) as { segment: number; name: string; data: Buffer }[];
    const segments = new Map<number, Record<string, Buffer>>();
    for (const row of rows) {
      const segment = segments.get(row.segment) ?? {};
      segment[row.name] = row.data;
      segments.set(row.segment, segment);
    }
    return [...segments.values()].map((blobs) => new PackedPartial(blobs));
  }

  /** A source's stored baskets, in segment order (as `partialSegments`), each segment in its parts. */
  basketSegments(source: string): Baskets[] {
    const rows = this.db.prepare('SELECT order_ids, starts, items, item_bytes FROM baskets WHERE source = ? ORDER BY segment, part').all(source) as BasketRow[];
    return rows.map((row) => basketsFromRow(row, source));
  }

  /** A cached lookup if stored under `key` (a fingerprint of what it was built from). */
  lookup(name: string, key: string): StoredArrays | undefined {
    const stored = this.db.prepare('SELECT key FROM lookups WHERE name = ?').get(name) as { key: string } | undefined;
    if (stored?.key !== key) return undefined;
    const rows = this.db.prepare('SELECT part, data FROM lookup_parts WHERE name = ?').all(name) as { part: string; data: Buffer }[];
    return Object.fromEntries(rows.map((row) => [row.part, unpackArray(row.data)]));
  }

  /** Rows of a stored summary table, as objects. */
  table(name: string): Record<string, unknown>[] {
    return this.db.prepare(`SELECT * FROM ${quoteIdentifier(`summary_${name}`)}`).all() as Record<string, unknown>[];
  }

  /**
   * Every stored summary table whole, in the order the run derived them: definitions (grain, column
   * kinds) and rows, as the run had them (a REAL round-trips a double exactly), so the report can be
   * rebuilt from the store alone.
   */
  tables(): Table[] {
    const definitions = this.db.prepare('SELECT name, grain, columns FROM summary_tables ORDER BY position').all() as { name: string; grain: string; columns: string }[];
    return definitions.map(({ name, grain, columns }) => ({
      name,
      grain,
      columns: JSON.parse(columns) as Table['columns'],
      rows: this.db.prepare(`SELECT * FROM ${quoteIdentifier(`summary_${name}`)} ORDER BY rowid`).raw().all() as Table['rows'],
    }));
  }

  /**
   * Apply a run's whole update atomically, as the next generation (returned). `beforeEnd` runs inside the
   * transaction, after every write.
   */
  commit(writes: StoreWrites, meta: RunMeta, derived: DerivedWrites, beforeEnd?: () => void): number {
    const db = this.db;
    const generation = this.state().generation + 1;
    const deleteSource = ['sources', 'source_rejected', 'source_checks', 'rejects', 'partials', 'baskets'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE ${table === 'sources' ? 'name' : 'source'} = ?`),
    );
    const insertSource = db.prepare(`INSERT INTO sources (name, role, size, mtime_ms, ingested_bytes, fingerprint, rows, ends_with_newline, parser, count_read, count_accepted, count_rejected, rejects_not_kept)
      VALUES (@name, @role, @size, @mtimeMs, @ingestedBytes, @fingerprint, @rows, @endsWithNewline, @parser, @read, @accepted, @rejected, @rejectsNotKept)`);
    const insertRejected = db.prepare('INSERT INTO source_rejected (source, code, rows) VALUES (?, ?, ?)');
    const insertCheck = db.prepare('INSERT INTO source_checks (source, position, check_name, rows, action) VALUES (?, ?, ?, ?, ?)');
    const insertRejects = db.prepare('INSERT INTO rejects (source, chunk, lines, codes, columns, column_names, value_list) VALUES (?, (SELECT COUNT(*) FROM rejects WHERE source = ?), ?, ?, ?, ?, ?)');
    const insertPartial = db.prepare('INSERT INTO partials (source, segment, name, data) VALUES (?, ?, ?, ?)');
    const insertBaskets = db.prepare('INSERT INTO baskets (source, segment, part, order_ids, starts, items, item_bytes) VALUES (@source, @segment, @part, @order_ids, @starts, @items, @item_bytes)');
    const nextSegment = db.prepare('SELECT COALESCE(MAX(segment) + 1, 0) AS next FROM partials WHERE source = ?');
    const rekeyLookup = db.prepare('UPDATE lookups SET key = ? WHERE name = ?');
    const deleteLookup = [db.prepare('DELETE FROM lookups WHERE name = ?'), db.prepare('DELETE FROM lookup_parts WHERE name = ?')];
    const insertLookup = db.prepare('INSERT INTO lookups (name, key) VALUES (?, ?)');
    const insertLookupPart = db.prepare('INSERT INTO lookup_parts (name, part, data) VALUES (?, ?, ?)');

    db.transaction(() => {
      for (const name of writes.removedSources) for (const statement of deleteSource) statement.run(name);
      for (const { state, report, rejectsFrom } of writes.sources) {
        for (const statement of deleteSource.slice(0, rejectsFrom === 0 ? 4 : 3)) statement.run(state.name);
        const rejects = report.rejects;
        insertSource.run({ ...state, endsWithNewline: state.endsWithNewline ? 1 : 0, read: report.read, accepted: report.accepted, rejected: rejects.total, rejectsNotKept: rejects.notKept });
        rejects.byCode.forEach((rows, code) => rows > 0 && insertRejected.run(state.name, code, rows));
        report.checks.forEach((check, position) => insertCheck.run(state.name, position, check.check, check.rows, check.action));
        if (rejects.length > rejectsFrom) {
          const chunk = packRejects(rejects.toColumns(rejectsFrom));
          insertRejects.run(state.name, state.name, chunk.lines, chunk.codes, chunk.columns, chunk.column_names, chunk.value_list);
        }
      }
      for (const { source, mode, packed, baskets } of writes.partials) {
        if (mode === 'replace') for (const statement of deleteSource.slice(4)) statement.run(source);
        const segment = (nextSegment.get(source) as { next: number }).next;
        for (const [name, data] of Object.entries(packed)) insertPartial.run(source, segment, name, data);
        (baskets ?? []).flatMap((part) => basketRows(part)).forEach((row, k) => insertBaskets.run({ source, segment, part: k, ...row }));
      }
      for (const { name, key, mode, arrays } of writes.lookups) {
        if (mode === 'append') {
          rekeyLookup.run(key, name);
        } else {
          for (const statement of deleteLookup) statement.run(name);
          insertLookup.run(name, key);
        }
        for (const [part, array] of Object.entries(arrays)) insertLookupPart.run(name, part, packArray(array));
      }
      this.setMeta(kMeta.generation, String(generation));
      this.setMeta(kMeta.ingestKey, meta.ingestKey);
      this.setMeta(kMeta.summaryKey, meta.summaryKey);
      this.setMeta(kMeta.layout, meta.layout);
      this.setMeta(kMeta.exports, JSON.stringify(meta.exports));
      replaceTables(db, derived.tables);
      if (derived.customers !== undefined) {
        const columns = physicalColumns(derived.customers);
        const hashes = customerHashes(columns);
        writeCustomers(db, derived.customers, columns, hashes, this.lookup(kCustomerValues, kCustomerValues));
        for (const statement of deleteLookup) statement.run(kCustomerValues);
        insertLookup.run(kCustomerValues, kCustomerValues);
        for (const [part, array] of Object.entries(hashes)) insertLookupPart.run(kCustomerValues, part, packArray(array));
      }
      beforeEnd?.();
    })();
    if (this.walPending) {
      // From now on WAL: readers (status) see the last commit while a run writes. (When a reader holds
      // the store this very moment SQLite keeps the journal mode; the next run switches it.)
      this.db.pragma('journal_mode = WAL');
      this.walPending = false;
    }
    return generation;
  }
}

/**
 * Pages of 64 kB: the store is mostly a few large blobs (partials, lookups), and on the benchmark
 * machine writing 54 MB of them took 125 ms with 64 kB pages against 590 ms with SQLite's default 4 kB
 * (reading 27 MB: 21 ms against 72 ms).
 */
const kPageSize = 65536;

/**
 * Open-time schema check; returns true when the store was created (or rebuilt) now. A new store stays in
 * rollback-journal mode until its first commit (see `Store.commit`): its first run writes every page
 * once, where WAL mode writes it twice (to the log, then into the file at the checkpoint).
 */
function migrate(db: Database, path: string): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > kSchemaVersion) throw new EtlError('STORE', `${path} was written by a newer instacart-etl (schema ${version}); use that version or a new --db`);
  if (version !== kSchemaVersion) {
    // A new file, or an older schema (nothing a rebuild cannot recompute): start clean, with big pages
    // (the page size can only change outside WAL mode, with a VACUUM).
    db.pragma('journal_mode = DELETE');
    for (const { type, name } of db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC").all() as { type: string; name: string }[]) {
      db.exec(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} ${quoteIdentifier(name)}`);
    }
    db.pragma(`page_size = ${kPageSize}`);
    db.exec('VACUUM');
  } else {
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = NORMAL');
  if (version === kSchemaVersion) return false;
  db.transaction(() => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- one row per ingested source
      CREATE TABLE sources (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
        ingested_bytes INTEGER NOT NULL, fingerprint TEXT NOT NULL, rows INTEGER NOT NULL,
        ends_with_newline INTEGER NOT NULL, parser TEXT NOT NULL,
        count_read INTEGER NOT NULL, count_accepted INTEGER NOT NULL, count_rejected INTEGER NOT NULL,
        rejects_not_kept INTEGER NOT NULL
      );
      -- one row per source x reject code with rows
      CREATE TABLE source_rejected (source TEXT NOT NULL, code INTEGER NOT NULL, rows INTEGER NOT NULL, PRIMARY KEY (source, code));
      -- one row per source x cleaning check
      CREATE TABLE source_checks (source TEXT NOT NULL, position INTEGER NOT NULL, check_name TEXT NOT NULL, rows INTEGER NOT NULL, action TEXT NOT NULL, PRIMARY KEY (source, position));
      -- rejected input rows kept in detail, one row per source x chunk (a run's batch), columnar:
      -- one row per rejected line would cost about 8 us an insert, 8 s for the real sample's 1M rejects
      CREATE TABLE rejects (source TEXT NOT NULL, chunk INTEGER NOT NULL, lines BLOB NOT NULL, codes BLOB NOT NULL, columns BLOB NOT NULL, column_names TEXT NOT NULL, value_list TEXT NOT NULL, PRIMARY KEY (source, chunk));
      -- one row per source x segment x partial array (packed typed array); a source's partial is the
      -- sum of its segments: segment 0 from a full read, one more per appended range
      CREATE TABLE partials (source TEXT NOT NULL, segment INTEGER NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (source, segment, name));
      -- one row per source x segment (as partials) x part (a read's range): the baskets, each order's
      -- products as its lines came (raw order ids, basket starts, product ids of item_bytes), for the pairs
      CREATE TABLE baskets (source TEXT NOT NULL, segment INTEGER NOT NULL, part INTEGER NOT NULL, order_ids BLOB NOT NULL, starts BLOB NOT NULL, items BLOB NOT NULL, item_bytes INTEGER NOT NULL, PRIMARY KEY (source, segment, part));
      -- cached lookups: one row per lookup, one per lookup x array
      CREATE TABLE lookups (name TEXT PRIMARY KEY, key TEXT NOT NULL);
      CREATE TABLE lookup_parts (name TEXT NOT NULL, part TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (name, part));
      -- one row per summary table the last run derived, in its order: what summary_<name> holds
      -- (columns: JSON [{name, kind}]), so that the report is rebuilt from the store alone
      CREATE TABLE summary_tables (name TEXT PRIMARY KEY, position INTEGER NOT NULL, grain TEXT NOT NULL, columns TEXT NOT NULL);
    `);
    // one row per customer (see customers.ts); the view `customers` is made by the first run
    db.exec(kCustomerTableSql);
    db.pragma(`user_version = ${kSchemaVersion}`);
  })();
  return true;
}

/**
 * Replace the store's summary tables by `tables`: their definitions in `summary_tables` (in order) and
 * each one's rows in `summary_<name>`; a table the run no longer makes is dropped.
 */
function replaceTables(db: Database, tables: readonly Table[]): void {
  const kept = new Set(tables.map((t) => t.name));
  for (const { name } of db.prepare('SELECT name FROM summary_tables').all() as { name: string }[]) {
    if (!kept.has(name)) db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(`summary_${name}`)}`);
  }
  db.exec('DELETE FROM summary_tables');
  const define = db.prepare('INSERT INTO summary_tables (name, position, grain, columns) VALUES (?, ?, ?, ?)');
  tables.forEach((table, position) => {
    define.run(table.name, position, table.grain, JSON.stringify(table.columns));
    replaceTable(db, table);
  });
}

/** Replace the store's copy of a summary table (named `summary_<name>`), typed by column kind. */
function replaceTable(db: Database, table: Table): void {
  const name = quoteIdentifier(`summary_${table.name}`);
  db.exec(`DROP TABLE IF EXISTS ${name}`);
  const columns = table.columns.map((c) => `${quoteIdentifier(c.name)} ${c.kind === 'text' ? 'TEXT' : c.kind === 'int' ? 'INTEGER' : 'REAL'}`);
  db.exec(`CREATE TABLE ${name} (${columns.join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${name} VALUES (${table.columns.map(() => '?').join(', ')})`);
  for (const row of table.rows) insert.run(...row);
}

interface RejectChunkRow {
  lines: Buffer;
  codes: Buffer;
  /** Packed Uint16Array: index into column_names per reject. */
  columns: Buffer;
  /** JSON array of column names. */
  column_names: string;
  /** JSON array: offending value per reject. */
  value_list: string;
}

function packRejects(c: RejectColumns): RejectChunkRow {
  return { lines: packArray(c.lines), codes: packArray(c.codes), columns: packArray(c.columns), column_names: JSON.stringify(c.columnNames), value_list: JSON.stringify(c.values) };
}

function unpackRejects(chunk: RejectChunkRow): RejectColumns {
  return {
    lines: unpackArray(chunk.lines) as Float64Array,
    codes: unpackArray(chunk.codes) as Uint8Array,
    columns: unpackArray(chunk.columns) as Uint16Array,
    columnNames: JSON.parse(chunk.column_names) as string[],
    values: JSON.parse(chunk.value_list) as string[],
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
