/**
 * Reading the two big files on the worker pool: plan the byte ranges of a source (shards), post them,
 * and fold the results: orders into the orders lookup (first row wins), order lines into one partial
 * per source. Line numbers: a range's rows are numbered after all rows before it (the header is line 1).
 */
import type { Config } from '../config/index.js';
import { FieldKind, type ParserName } from '../csv/index.js';
import type { ReadFrom } from '../freshness/index.js';
import type { WorkerPool } from '../pool/index.js';
import { mergeLinesPartial } from '../reduce/lines.js';
import { acceptOrders, type OrdersTable } from '../reduce/orders.js';
import { addRangeToReport } from '../reduce/report.js';
import { kMinShardBytes, splitIntoShards } from '../shards/index.js';
import { readHeader, resolveColumns, type Header } from '../sources/csv/header.js';
import type { SourceFile } from '../sources/discover.js';
import { newSourceReport, type SourceReport } from '../sources/report.js';
import { emptyLinesPartial, type Baskets, type LineRoles, type LinesPartial, type OrderRoles, type RangeSpec, type SharedLookups, type TaskSpec } from '../../workers/protocol.js';

/** What every read needs besides its source. */
export interface ReadContext {
  parser: ParserName;
  pool: WorkerPool;
  config: Config;
  /** Smallest shard in bytes (tests set it low to exercise sharding on small files). */
  minShardBytes?: number;
}

/** What reading a range of a source gives besides its partial. */
export interface RangeRead {
  /** Counts and rejects of the rows read now (line numbers are absolute). */
  report: SourceReport;
  /** Rows consumed in the whole file so far (header and blank rows included). */
  rows: number;
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

/** The byte ranges of a source's read: shards of a plain file, or the whole of a gzip file. */
function ranges(source: SourceFile, header: Header, from: ReadFrom | undefined, ctx: ReadContext): Pick<RangeSpec, 'start' | 'end' | 'gzip'>[] {
  if (header.gzip) return [{ start: 0, end: source.size, gzip: true }];
  const start = from?.fromByte ?? header.dataStart;
  return splitIntoShards(source.path, start, source.size, ctx.pool.threads, ctx.minShardBytes ?? kMinShardBytes).map((shard) => ({ ...shard, gzip: false }));
}

/** The fields every task of a source shares. */
function rangeBase(source: SourceFile, header: Header, ctx: ReadContext): Omit<RangeSpec, 'start' | 'end' | 'gzip'> {
  return { file: source.path, displayName: source.name, parser: ctx.parser, kinds: new Uint8Array(), names: header.names, maxRejectDetails: ctx.config.maxRejectDetails };
}

/** Rows before the first task: the header (plain files; a gzip task counts its own), or the rows before an append. */
function rowsBeforeRead(header: Header, from: ReadFrom | undefined): number {
  return header.gzip ? 0 : (from?.rowsBefore ?? 1);
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

/** A read whose tasks are posted; `result()` waits for them and folds them. */
export interface Pending<T> {
  result(): Promise<T>;
}

export interface OrdersRangeRead extends RangeRead {
  /** The table given, extended by the read's new orders (it is the caller's to use from now on). */
  table: OrdersTable;
}

/**
 * Post a read of orders rows (the whole file, or its appended bytes) to add to `table` (handed over);
 * `acceptedIds`, when given, receives the order_ids accepted, in file order.
 */
export function postOrdersRead(source: SourceFile, ctx: ReadContext, table: OrdersTable, from?: ReadFrom, acceptedIds?: number[]): Pending<OrdersRangeRead> {
  const header = readHeader(source.path, source.name);
  const roles: OrderRoles = resolveColumns(header, orderColumns, source.name);
  const kinds = kindsFor(header, [roles.orderId, roles.userId, roles.orderNumber, roles.orderDow, roles.orderHour, roles.daysSincePrior], roles.evalSet);
  const base = { ...rangeBase(source, header, ctx), kinds, kind: 'orders' as const, roles };
  const tasks: Extract<TaskSpec, { kind: 'orders' }>[] = ranges(source, header, from, ctx).map((range) => ({ ...base, ...range }));
  const rowsBefore = rowsBeforeRead(header, from);
  const pending = ctx.pool.post(tasks, `orders ${source.name}`, rowsBefore);
  return {
    async result() {
      const results = await pending.result();
      const report = newSourceReport(source.name, 'orders', ctx.config.maxRejectDetails);
      const bases = lineBases(results, rowsBefore);
      let current = table;
      results.forEach((result, k) => {
        addRangeToReport(report, result, bases[k]! + 1);
        const accepted = acceptOrders(current, result.orders, bases[k]! + 1, report.rejects, { acceptedIds });
        report.accepted -= accepted.duplicates;
        current = accepted.table;
      });
      report.rejects.sortByLine();
      return { table: current, report, rows: rowsBefore + results.reduce((sum, r) => sum + r.rows, 0) };
    },
  };
}

export interface LinesRangeRead extends RangeRead {
  partial: LinesPartial;
  /** The baskets of each range, in range order (orders cut by a range boundary come in fragments). */
  baskets: Baskets[];
}

/** Post a read of order-line rows (the whole file, or its appended bytes) against `lookups`. */
export function postLinesRead(source: SourceFile, ctx: ReadContext, lookups: SharedLookups, from?: ReadFrom): Pending<LinesRangeRead> {
  const header = readHeader(source.path, source.name);
  const roles: LineRoles = resolveColumns(header, lineColumns, source.name);
  const kinds = kindsFor(header, [roles.orderId, roles.productId, roles.addToCartOrder, roles.reordered]);
  const base = { ...rangeBase(source, header, ctx), kinds, kind: 'lines' as const, roles, lookups };
  const tasks: Extract<TaskSpec, { kind: 'lines' }>[] = ranges(source, header, from, ctx).map((range) => ({ ...base, ...range }));
  const rowsBefore = rowsBeforeRead(header, from);
  const pending = ctx.pool.post(tasks, `lines ${source.name}`, rowsBefore);
  return {
    async result() {
      const results = await pending.result();
      const report = newSourceReport(source.name, 'lines', ctx.config.maxRejectDetails);
      const bases = lineBases(results, rowsBefore);
      let partial: LinesPartial | undefined;
      results.forEach((result, k) => {
        addRangeToReport(report, result, bases[k]! + 1);
        // The first shard's arrays become the sum: no copy.
        partial = partial === undefined ? result.partial : mergeLinesPartial(partial, result.partial);
      });
      return { partial: partial ?? emptyLinesPartial(), baskets: results.map((result) => result.baskets), report, rows: rowsBefore + results.reduce((sum, r) => sum + r.rows, 0) };
    },
  };
}
