/**
 * What a run has to do, decided by comparing each input file with what the store recorded (size,
 * modification time, fingerprint of the ingested prefix). An order-line file that is unchanged is
 * skipped; one that grew with the same prefix has only its new bytes read; any other change, a new
 * file, or a removed one changes only that file's contribution. orders.csv or products.csv changed
 * other than by appending (or a changed setting that shapes ingest) means a full rebuild.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { DataDir, SourceFile } from '../sources/discover.js';
import { kSchemaVersion, type StoreState, type StoredSource } from '../store/index.js';
import type { Config } from '../config/index.js';
import { fingerprintPrefix } from './fingerprint.js';

/** Where to start reading a source: from its header, or (append) after `rowsBefore` rows at byte `fromByte`. */
export interface ReadFrom {
  fromByte: number;
  rowsBefore: number;
}

export type FileState = 'unchanged' | 'appended' | 'changed';

/** How a file compares with its stored state. Only plain files that ended with LF can be appended to. */
export function compareFile(file: SourceFile, stored: StoredSource): FileState {
  if (file.size < stored.ingestedBytes) return 'changed';
  if (fingerprintPrefix(file.path, stored.ingestedBytes) !== stored.fingerprint) return 'changed';
  if (file.size === stored.ingestedBytes) return 'unchanged';
  if (isGzipFile(file.path) || !stored.endsWithNewline) return 'changed';
  return 'appended';
}

export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** One source's action: skip it, read its appended bytes, or read it all (replacing what is stored). */
export interface SourcePlan {
  source: SourceFile;
  action: 'skip' | 'append' | 'read';
  /** Why, in words for the run summary and `status`. */
  reason: string;
  /** For `append`: where the new bytes start. */
  from?: ReadFrom;
  stored?: StoredSource;
}

export interface IngestPlan {
  /** Set when everything is rebuilt from scratch, with the reason. */
  rebuild: string | undefined;
  orders: SourcePlan;
  products: SourcePlan;
  /** Order-line files and order drops present now, in name order. */
  lines: SourcePlan[];
  drops: SourcePlan[];
  /** Stored line and drop sources that are no longer present. */
  removed: StoredSource[];
  /** departments, aisles, customers when present: skip (unchanged since the last run) or read. */
  dimensions: SourcePlan[];
  /** Dimension files (departments, aisles, customers) changed, added or removed since the last run. */
  dimensionsChanged: string[];
}

/**
 * Compare `data` with the store. `rebuild` forces a full rebuild with that reason (`--full`, a new
 * store, changed ingest settings).
 */
export function planIngest(data: DataDir, stored: readonly StoredSource[], rebuild: string | undefined): IngestPlan {
  const byName = new Map(stored.map((s) => [s.name, s]));
  const ofRole = (role: StoredSource['role']): StoredSource[] => stored.filter((s) => s.role === role);
  const plan = (source: SourceFile, reasonOnRead: string): SourcePlan => {
    const previous = byName.get(source.name);
    if (rebuild !== undefined || previous === undefined || previous.role !== source.role) {
      return { source, action: 'read', reason: rebuild ?? (previous === undefined ? 'new file' : 'role changed'), ...(previous ? { stored: previous } : {}) };
    }
    const state = compareFile(source, previous);
    if (state === 'unchanged') return { source, action: 'skip', reason: 'unchanged', stored: previous };
    if (state === 'appended') {
      return { source, action: 'append', reason: `${source.size - previous.ingestedBytes} bytes appended`, from: { fromByte: previous.ingestedBytes, rowsBefore: previous.rows }, stored: previous };
    }
    return { source, action: 'read', reason: reasonOnRead, stored: previous };
  };

  const orders = plan(data.orders!, 'changed');
  const products = plan(data.products!, 'changed');
  let reason = rebuild;
  if (reason === undefined && orders.action === 'read') reason = orders.stored ? `${orders.source.name} changed other than by appending rows` : `${orders.source.name} is new`;
  if (reason === undefined && products.action === 'read') reason = products.stored ? `${products.source.name} changed other than by appending rows` : `${products.source.name} is new`;
  const storedOrders = ofRole('orders')[0];
  if (reason === undefined && storedOrders !== undefined && storedOrders.name !== data.orders!.name) reason = 'the orders file was renamed';
  const drops = data.drops.map((drop) => plan(drop, 'changed'));
  const presentDrops = new Set(data.drops.map((d) => d.name));
  const goneDrop = ofRole('drop').find((d) => !presentDrops.has(d.name));
  if (reason === undefined && goneDrop !== undefined) reason = `order drop ${goneDrop.name} was removed (its orders are part of the orders lookup)`;
  const changedDrop = drops.find((d) => d.stored !== undefined && d.action !== 'skip');
  if (reason === undefined && changedDrop !== undefined) reason = `order drop ${changedDrop.source.name} changed`;
  if (reason !== undefined && rebuild === undefined) return planIngest(data, stored, reason);

  const presentLines = new Set(data.lines.map((l) => l.name));
  const dimensionsChanged: string[] = [];
  const dimensions: SourcePlan[] = [];
  for (const role of ['departments', 'aisles', 'customers'] as const) {
    const file = data[role];
    const previous = ofRole(role)[0];
    if (file === undefined) {
      if (previous !== undefined) dimensionsChanged.push(`${previous.name} removed`);
      continue;
    }
    const unchanged = rebuild === undefined && previous !== undefined && previous.name === file.name && compareFile(file, previous) === 'unchanged';
    if (!unchanged) dimensionsChanged.push(file.name);
    dimensions.push({ source: file, action: unchanged ? 'skip' : 'read', reason: unchanged ? 'unchanged' : previous === undefined ? 'new file' : 'changed', ...(previous ? { stored: previous } : {}) });
  }
  return {
    rebuild: reason,
    orders,
    products,
    lines: data.lines.map((line) => plan(line, 'changed other than by appending rows')),
    drops,
    removed: ofRole('lines').filter((s) => !presentLines.has(s.name)),
    dimensions,
    dimensionsChanged,
  };
}

/** True when the plan reads nothing and removes nothing. */
export function planIsIdle(plan: IngestPlan): boolean {
  return (
    plan.rebuild === undefined &&
    plan.orders.action === 'skip' &&
    plan.products.action === 'skip' &&
    plan.lines.every((l) => l.action === 'skip') &&
    plan.drops.every((d) => d.action === 'skip') &&
    plan.removed.length === 0
  );
}

/** Settings that change how rows are ingested: when they change, stored partials are stale. */
export function ingestKey(config: Config): string {
  return JSON.stringify({ schema: kSchemaVersion, priceOutlierMax: config.priceOutlierMax });
}

/** Why the store cannot be extended and must be rebuilt, before looking at any file. */
export function forcedRebuild(state: StoreState, config: Config): string | undefined {
  if (state.sources.length === 0) return 'new store';
  if (state.ingestKey !== ingestKey(config)) return 'ingest settings changed (priceOutlierMax or store version)';
  return undefined;
}

/** Settings that change the derived tables (all of them, as the summary key): when they change, tables are stale. */
export function summaryKey(config: Config): string {
  return JSON.stringify(config);
}
