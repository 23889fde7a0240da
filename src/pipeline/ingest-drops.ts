/**
 * Ingest of order drops, in two streaming passes so memory stays constant whatever the drop's size:
 * pass 1 adds the drop's orders to the orders lookup (before the workers get the lookups), pass 2
 * counts its lines with the same rules as the CSV lines (`LinesAccumulator`). An order that fails its
 * checks is not an order, so its lines are rejected as unknown order; an order repeating one already
 * ingested is rejected as a duplicate, and so are its lines.
 */
import type { Config } from '../config/index.js';
import { readDrop, jsonInt } from '../sources/drops.js';
import type { SourceFile } from '../sources/discover.js';
import { RejectCode } from '../sources/reject-codes.js';
import { newSourceReport, type SourceReport } from '../sources/report.js';
import { addRangeToReport } from '../reduce/report.js';
import { assembleOrders, type OrdersTable } from '../reduce/orders.js';
import { OrdersCollector, newOrderRows } from '../../workers/orders-collector.js';
import { LinesAccumulator } from '../../workers/lines-accumulator.js';
import { evalSetCodeText, type FieldText } from '../../workers/scan-numeric.js';
import type { LinesPartial, OrderRoles, SharedLookups } from '../../workers/protocol.js';

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

/** Pass 1: the drop's accepted orders join `table`. Returns the table, the account of the orders, and the verdicts. */
export async function addDropOrders(source: SourceFile, table: OrdersTable, config: Config, acceptedIds?: number[]): Promise<{ table: OrdersTable; report: SourceReport; verdicts: DropVerdicts; orders: number }> {
  const collector = new OrdersCollector(orderRoles, config.maxRejectDetails, 1024);
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
  const rows = collector.rows;
  const accepted = newOrderRows(rows.count);
  const seen = new Set<number>();
  for (let k = 0; k < rows.count; k++) {
    const id = rows.orderId[k]!;
    if ((id < table.slots && table.user[id] !== 0) || seen.has(id)) {
      collector.accepted--;
      collector.reject(rows.line[k]!, RejectCode.DUPLICATE_ORDER, orderRoles.orderId, String(id));
      verdicts.set(rows.line[k]!, RejectCode.DUPLICATE_ORDER);
      continue;
    }
    seen.add(id);
    const n = accepted.count++;
    for (const column of ['orderId', 'userId', 'orderNumber', 'dow', 'hour', 'days', 'evalSet', 'line'] as const) accepted[column][n] = rows[column][k]!;
  }
  const report = newSourceReport(source.name, 'drop');
  const details = collector.rejects;
  addRangeToReport(report, { rows: orders, read: collector.read, accepted: collector.accepted, rejectedByCode: details.rejectedByCode, rejects: details.details(), rejectsNotKept: details.notKept, bytes: source.size }, 0, orderFields, config.maxRejectDetails);
  report.rejects.sortByLine();
  return { table: assembleOrders(table, accepted, 0, report, config.maxRejectDetails, acceptedIds), report, verdicts, orders };
}

/** Pass 2: the drop's lines, checked and counted like order-lines rows. */
export async function addDropLines(source: SourceFile, lookups: SharedLookups, verdicts: DropVerdicts, config: Config): Promise<{ partial: LinesPartial; report: SourceReport }> {
  const sink = new LinesAccumulator(lookups, { orderId: 0, productId: 1, addToCartOrder: 2, reordered: 3 }, config.maxRejectDetails);
  const fields = new JsonFields();
  const vals = new Float64Array(lineFields.length);
  let products = 0;
  for await (const { line, value } of readDrop(source)) {
    if (!isObject(value) || !Array.isArray(value.products)) continue;
    for (const product of value.products) {
      products++;
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
  const report = newSourceReport(source.name, 'drop');
  const details = sink.rejects;
  addRangeToReport(report, { rows: products, read: sink.read, accepted: sink.accepted, rejectedByCode: details.rejectedByCode, rejects: details.details(), rejectsNotKept: details.notKept, bytes: source.size }, 0, lineFields, config.maxRejectDetails);
  return { partial, report };
}
