/**
 * Main-thread side of ingest: plan the byte ranges of a source (shards), run them on the worker pool,
 * and fold the results: orders into the orders lookup, order lines into one partial per source.
 * Line numbers: a range's rows are numbered after all rows before it (the header is line 1).
 */
import type { Config } from '../config/index.js';
import type { SourceFile } from '../sources/discover.js';
import { readHeader, resolveColumns, type Header } from '../sources/csv/header.js';
import { newSourceReport, type SourceReport } from '../sources/report.js';
import { kMinShardBytes, splitIntoShards } from '../shards/index.js';
import { WorkerPool, type TaskSpec } from '../pool/index.js';
import { mergeLinesPartial, emptyLinesPartial } from '../reduce/lines.js';
import { addRangeToReport } from '../reduce/report.js';
import { assembleOrders, type OrdersTable } from '../reduce/orders.js';
import { FieldKind } from '../../workers/scan-numeric.js';
import type { LineRoles, LinesPartial, OrderRoles, OrdersResult, LinesResult, ParserName, SharedLookups } from '../../workers/protocol.js';

/** Where to start reading a source: from its header, or (append) after `rowsBefore` rows at byte `fromByte`. */
export interface ReadFrom {
  fromByte: number;
  rowsBefore: number;
}

/** What reading a range of a source gives besides its partial. */
export interface RangeRead {
  /** Counts and rejects of the rows read now (line numbers are absolute). */
  report: SourceReport;
  /** Rows consumed in the whole file so far (header and blank rows included). */
  rows: number;
  /** Bytes of the file now ingested. */
  bytes: number;
}

const orderColumns = {
  orderId: { name: 'order_id' },
  userId: { name: 'user_id' },
  evalSet: { name: 'eval_set' },
  orderNumber: { name: 'order_number' },
  orderDow: { name: 'order_dow' },
  orderHour: { name: 'order_hour_of_day' },
  daysSincePrior: { name: 'days_since_prior_order' },
};

const lineColumns = {
  orderId: { name: 'order_id' },
  productId: { name: 'product_id' },
  addToCartOrder: { name: 'add_to_cart_order' },
  reordered: { name: 'reordered' },
};

/** Field kinds by position: the wanted columns get `kind`, the rest are skipped. */
function kindsFor(header: Header, ints: readonly number[], evalSet = -1): Uint8Array {
  const kinds = new Uint8Array(header.names.length);
  for (const k of ints) kinds[k] = FieldKind.Int;
  if (evalSet >= 0) kinds[evalSet] = FieldKind.EvalSet;
  return kinds;
}

/** Tasks for a source's range: byte shards of a plain file, or the whole of a gzip file. */
function planTasks(source: SourceFile, header: Header, from: ReadFrom | undefined, pool: WorkerPool, minShardBytes: number, base: Omit<TaskSpec, 'file' | 'displayName' | 'start' | 'end' | 'gzip'>): TaskSpec[] {
  if (header.gzip) return [{ ...base, file: source.path, displayName: source.name, start: 0, end: source.size, gzip: true } as TaskSpec];
  const start = from?.fromByte ?? header.dataStart;
  return splitIntoShards(source.path, start, source.size, pool.threads, minShardBytes).map((shard) => ({ ...base, file: source.path, displayName: source.name, start: shard.start, end: shard.end, gzip: false }) as TaskSpec);
}

/** Absolute line base of each task: rows before it (header included), in task order. */
function lineBases(results: readonly { rows: number }[], rowsBefore: number): number[] {
  const bases: number[] = [];
  let rows = rowsBefore;
  for (const result of results) {
    bases.push(rows);
    rows += result.rows;
  }
  return bases;
}

export async function ingestOrders(
  source: SourceFile,
  parser: ParserName,
  pool: WorkerPool,
  config: Config,
  table: OrdersTable,
  from?: ReadFrom,
  minShardBytes = kMinShardBytes,
  acceptedIds?: number[],
): Promise<{ table: OrdersTable } & RangeRead> {
  const header = readHeader(source.path, source.name);
  const roles: OrderRoles = resolveColumns(header, orderColumns, source.name);
  const kinds = kindsFor(header, [roles.orderId, roles.userId, roles.orderNumber, roles.orderDow, roles.orderHour, roles.daysSincePrior], roles.evalSet);
  const tasks = planTasks(source, header, from, pool, minShardBytes, { kind: 'orders', parser, kinds, names: header.names, maxRejectDetails: config.maxRejectDetails, roles } as never);
  const rowsBefore = header.gzip ? 0 : (from?.rowsBefore ?? 1);
  const results = (await pool.run(tasks, `orders ${source.name}`, rowsBefore)) as OrdersResult[];
  const report = newSourceReport(source.name, 'orders');
  const bases = lineBases(results, rowsBefore);
  results.forEach((result, k) => {
    addRangeToReport(report, result, bases[k]! + 1, header.names, config.maxRejectDetails);
    table = assembleOrders(table, result.orders, bases[k]! + 1, report, config.maxRejectDetails, acceptedIds);
  });
  report.rejects.sortByLine();
  const rows = rowsBefore + results.reduce((sum, r) => sum + r.rows, 0);
  return { table, report, rows, bytes: source.size };
}

export async function ingestLines(
  source: SourceFile,
  parser: ParserName,
  pool: WorkerPool,
  config: Config,
  lookups: SharedLookups,
  from?: ReadFrom,
  minShardBytes = kMinShardBytes,
): Promise<{ partial: LinesPartial } & RangeRead> {
  const header = readHeader(source.path, source.name);
  const roles: LineRoles = resolveColumns(header, lineColumns, source.name);
  const kinds = kindsFor(header, [roles.orderId, roles.productId, roles.addToCartOrder, roles.reordered]);
  const tasks = planTasks(source, header, from, pool, minShardBytes, { kind: 'lines', parser, kinds, names: header.names, maxRejectDetails: config.maxRejectDetails, roles, lookups } as never);
  const rowsBefore = header.gzip ? 0 : (from?.rowsBefore ?? 1);
  const results = (await pool.run(tasks, `lines ${source.name}`, rowsBefore)) as LinesResult[];
  const report = newSourceReport(source.name, 'lines');
  const bases = lineBases(results, rowsBefore);
  let partial: LinesPartial | undefined;
  results.forEach((result, k) => {
    addRangeToReport(report, result, bases[k]! + 1, header.names, config.maxRejectDetails);
    // The first shard's arrays become the sum: no copy.
    partial = partial === undefined ? result.partial : mergeLinesPartial(partial, result.partial);
  });
  const rows = rowsBefore + results.reduce((sum, r) => sum + r.rows, 0);
  return { partial: partial ?? emptyLinesPartial(), report, rows, bytes: source.size };
}
