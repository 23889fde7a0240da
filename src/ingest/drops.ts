/**
 * Ingest of order drops, in two streaming passes so memory stays constant whatever the drop's size:
 * pass 1 adds the drop's orders to the orders lookup (before the workers get the lookups), pass 2
 * counts its lines with the same rules as the CSV lines (`LinesAccumulator`). An order that fails its
 * checks is not an order, so its lines are rejected as unknown order; an order repeating one already
 * ingested is rejected as a duplicate, and so are its lines.
 */
import type { Config } from '../config/index.js';
import { evalSetCodeText, type ParserName } from '../csv/index.js';
import type { IngestPlan } from '../freshness/index.js';
import { acceptOrders, type OrdersTable } from '../reduce/orders.js';
import type { PartialPart } from '../reduce/totals.js';
import { RejectCode, RejectList } from '../rejects/index.js';
import { readDrop, jsonInt } from '../sources/drops.js';
import type { SourceFile } from '../sources/discover.js';
import { mergeReports, type SourceReport } from '../sources/report.js';
import { mergeWrites, packPartial, type Store, type StoreWrites } from '../store/index.js';
import { LinesAccumulator, OrdersCollector, type FieldText } from '../../workers/index.js';
import type { Baskets, LinesPartial, OrderRoles, SharedLookups } from '../../workers/protocol.js';
import { sourceWrite } from './source-state.js';

const orderFields = ['order_id', 'user_id', 'eval_set', 'order_number', 'order_dow', 'order_hour_of_day', 'days_since_prior_order'] as const;
const orderRoles: OrderRoles = { orderId: 0, userId: 1, evalSet: 2, orderNumber: 3, orderDow: 4, orderHour: 5, daysSincePrior: 6 };
const lineFields = ['order_id', 'products[].product_id', 'products[].add_to_cart_order', 'products[].reordered'] as const;

/** What pass 1 decided about the drop's orders that are not accepted: their line -> the code their lines get. */
export type DropVerdicts = Map<number, RejectCode>;

/** A FieldText over the current JSON object's fields. */
class JsonFields implements FieldText {
  texts: string[] = [];
  blanks: boolean[] = [];
  text(k: number): string {
    return this.texts[k] ?? '';
  }
  isEmpty(k: number): boolean {
    return this.blanks[k] ?? true;
  }
  load(values: unknown[], vals: Float64Array, evalSetAt = -1): void {
    values.forEach((value, k) => {
      const parsed = jsonInt(value);
      this.texts[k] = parsed.text;
      this.blanks[k] = parsed.blank;
      vals[k] = k === evalSetAt ? evalSetCodeText(typeof value === 'string' ? value : '') : parsed.value;
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Pass 1 of one drop: the account of its orders, and the verdicts its lines will get. */
export interface DropOrdersRead {
  report: SourceReport;
  verdicts: DropVerdicts;
  /** Order objects in the drop. */
  orders: number;
}

/** Pass 1: the drop's accepted orders join `table` (handed over; use the one returned). */
export async function addDropOrders(source: SourceFile, table: OrdersTable, config: Config, acceptedIds?: number[]): Promise<{ table: OrdersTable } & DropOrdersRead> {
  const collector = new OrdersCollector(orderRoles, new RejectList(config.maxRejectDetails, orderFields), 1024);
  const fields = new JsonFields();
  const vals = new Float64Array(orderFields.length);
  const verdicts: DropVerdicts = new Map();
  let orders = 0;
  for await (const { line, value } of readDrop(source)) {
    orders++;
    if (!isObject(value)) {
      collector.reject(line, RejectCode.FIELD_COUNT, -1, 'not an order object');
      verdicts.set(line, RejectCode.UNKNOWN_ORDER);
      continue;
    }
    fields.load(orderFields.map((name) => value[name]), vals, orderRoles.evalSet);
    const before = collector.rejects.total;
    collector.record(line, vals, fields);
    if (collector.rejects.total > before) verdicts.set(line, RejectCode.UNKNOWN_ORDER);
  }
  // Repeats of an order already known (orders.csv, an earlier drop, or earlier in this drop) are duplicates.
  const duplicateLines: number[] = [];
  const accepted = acceptOrders(table, collector.rows, 0, collector.rejects, { acceptedIds, duplicateLines });
  for (const line of duplicateLines) verdicts.set(line, RejectCode.DUPLICATE_ORDER);
  const rejects = collector.rejects;
  rejects.sortByLine();
  const report: SourceReport = { name: source.name, role: 'drop', read: collector.read, accepted: collector.accepted - accepted.duplicates, checks: [], rejects };
  return { table: accepted.table, report, verdicts, orders };
}

/** Pass 2: the drop's lines, checked and counted like order-lines rows. */
export async function addDropLines(source: SourceFile, lookups: SharedLookups, verdicts: DropVerdicts, config: Config): Promise<{ partial: LinesPartial; baskets: Baskets; report: SourceReport }> {
  // About 40 bytes of JSON per product line: room for the drop's baskets without growing.
  const sink = new LinesAccumulator(lookups, { orderId: 0, productId: 1, addToCartOrder: 2, reordered: 3 }, new RejectList(config.maxRejectDetails, lineFields), Math.ceil(source.size / 40));
  const fields = new JsonFields();
  const vals = new Float64Array(lineFields.length);
  for await (const { line, value } of readDrop(source)) {
    if (!isObject(value) || !Array.isArray(value.products)) continue;
    for (const product of value.products) {
      const verdict = verdicts.get(line);
      if (verdict !== undefined) {
        sink.reject(line, verdict, 0, jsonInt(value.order_id).text);
        continue;
      }
      if (!isObject(product)) {
        sink.reject(line, RejectCode.FIELD_COUNT, -1, 'not a product object');
        continue;
      }
      fields.load([value.order_id, product.product_id, product.add_to_cart_order, product.reordered], vals);
      sink.record(line, vals, fields);
    }
  }
  const partial = sink.finish();
  return { partial, baskets: sink.takeBaskets()!, report: { name: source.name, role: 'drop', read: sink.read, accepted: sink.accepted, checks: [], rejects: sink.rejects } };
}

/** The drops' first pass over every new or changed drop (in name order), before any line is counted. */
export interface DropOrdersStage {
  table: OrdersTable;
  /** Pass 1 of each drop read now, by name. */
  reads: Map<string, DropOrdersRead>;
  /** order_ids the drops added, in order. */
  addedIds: number[];
  bytesRead: number;
}

/** Drops, pass 1: their orders join the orders lookup (`table`, handed over: use the one returned). */
export async function readDropOrders(plan: IngestPlan, table: OrdersTable, config: Config): Promise<DropOrdersStage> {
  const reads = new Map<string, DropOrdersRead>();
  const addedIds: number[] = [];
  let current = table;
  let bytesRead = 0;
  for (const dropPlan of plan.drops) {
    if (plan.rebuild === undefined && dropPlan.action === 'skip') continue;
    const added = await addDropOrders(dropPlan.source, current, config, addedIds);
    current = added.table;
    reads.set(dropPlan.source.name, added);
    bytesRead += dropPlan.source.size;
  }
  return { table: current, reads, addedIds, bytesRead };
}

/** Drops, pass 2: their lines counted (drops read now), or their stored partials (the others). */
export interface DropLinesStage {
  parts: PartialPart[];
  /** Each drop's baskets (stored, or read now), in plan order. */
  baskets: Baskets[];
  reports: SourceReport[];
  writes: StoreWrites;
  linesRead: number;
  linesAccepted: number;
}

export async function readDropLines(plan: IngestPlan, orders: DropOrdersStage, lookups: SharedLookups, store: Store, config: Config, parser: ParserName): Promise<DropLinesStage> {
  const stage: DropLinesStage = { parts: [], baskets: [], reports: [], writes: mergeWrites(), linesRead: 0, linesAccepted: 0 };
  for (const dropPlan of plan.drops) {
    const name = dropPlan.source.name;
    const added = orders.reads.get(name);
    if (added === undefined) {
      stage.parts.push(...store.partialSegments(name).map((packed) => ({ packed })));
      stage.baskets.push(...store.basketSegments(name));
      stage.reports.push(store.report(name)!);
      continue;
    }
    const lines = await addDropLines(dropPlan.source, lookups, added.verdicts, config);
    stage.linesRead += lines.report.read;
    stage.linesAccepted += lines.report.accepted;
    const report = mergeReports(added.report, lines.report);
    report.checks = [
      { check: 'orders in the drop', rows: added.orders, action: 'accepted orders join the orders lookup' },
      { check: 'order lines in the drop', rows: lines.report.read, action: 'counted like order-lines rows' },
    ];
    report.rejects.sortByLine();
    stage.writes = mergeWrites(stage.writes, { partials: [{ source: name, mode: 'replace', packed: packPartial(lines.partial), baskets: [lines.baskets] }], sources: [sourceWrite(dropPlan.source, added.orders, parser, report)] });
    stage.parts.push({ fresh: lines.partial });
    stage.baskets.push(lines.baskets);
    stage.reports.push(report);
  }
  return stage;
}
