/**
 * The orders stage: the orders lookup (order_id -> user, number, day, hour, days since prior), from the
 * store's cache (orders.csv's ingested prefix plus the drops ingested with it) extended by appended
 * rows, or read whole. Its tasks are posted when `startOrders` returns, so the main thread can read
 * products.csv while the workers read orders.csv.
 */
import type { IngestPlan } from '../freshness/index.js';
import { emptyOrdersTable, type OrdersTable } from '../reduce/orders.js';
import { RejectCode } from '../rejects/index.js';
import { mergeReports, type SourceReport } from '../sources/report.js';
import { ordersDeltaCount, ordersDeltaToArrays, ordersFromArrays, ordersToArrays, type StoredArrays } from '../store/codecs.js';
import { mergeWrites, noWrites, type LookupWrite, type Store, type StoreWrites, type StoredSource } from '../store/index.js';
import { sourceWrite } from './source-state.js';
import { postOrdersRead, type Pending, type ReadContext } from './tasks.js';

/** A stage found that only a full rebuild can be exact: the run starts over with this reason. */
export interface Restart {
  restart: string;
}

export interface OrdersStage {
  /** The orders lookup; later stages extend it (drops) and hand it on. */
  table: OrdersTable;
  report: SourceReport;
  /** The cached lookup it was built from, if any (the next lookup write may append to it). */
  cached: StoredArrays | undefined;
  /** order_ids added to the cached lookup in this run (appended rows), in order. */
  addedIds: number[];
  writes: StoreWrites;
  bytesRead: number;
}

/** Appends add segments; past this many, a lookup or a source's partial is written whole again. */
export const kMaxSegments = 8;

/** The orders lookup cache is valid for orders.csv's ingested prefix plus the drops ingested with it. */
export function ordersCacheKey(states: readonly StoredSource[]): string {
  return states.filter((s) => s.role === 'orders' || s.role === 'drop').map((s) => `${s.name}:${s.fingerprint}`).sort().join('|');
}

export function startOrders(plan: IngestPlan, store: Store, stored: readonly StoredSource[], ctx: ReadContext): Pending<OrdersStage | Restart> {
  const rebuild = plan.rebuild !== undefined;
  const ordersPlan = plan.orders;
  const source = ordersPlan.source;
  const cached = rebuild || ordersPlan.action === 'read' ? undefined : store.lookup('orders', ordersCacheKey(stored));
  if (cached === undefined) {
    if (!rebuild && ordersPlan.action !== 'read') return { result: async () => ({ restart: 'the cached orders lookup is missing' }) };
    const reading = postOrdersRead(source, ctx, emptyOrdersTable());
    return {
      async result() {
        const read = await reading.result();
        const writes = mergeWrites({ sources: [sourceWrite(source, read.rows, ctx.parser, read.report)] });
        return { table: read.table, report: read.report, cached, addedIds: [], writes, bytesRead: source.size };
      },
    };
  }
  const storedReport = store.report(source.name)!;
  const table = ordersFromArrays(cached);
  if (ordersPlan.action !== 'append') return { result: async () => ({ table, report: storedReport, cached, addedIds: [], writes: noWrites(), bytesRead: 0 }) };
  const from = ordersPlan.from!;
  const addedIds: number[] = [];
  const reading = postOrdersRead(source, ctx, table, from, addedIds);
  return {
    async result() {
      const read = await reading.result();
      if (stored.some((s) => s.role === 'drop') && read.report.rejects.byCode[RejectCode.DUPLICATE_ORDER]! > 0) {
        return { restart: 'appended orders repeat order ids that may come from a drop (a fresh run would keep the orders.csv row)' };
      }
      const report = mergeReports(storedReport, read.report);
      const writes = mergeWrites({ sources: [sourceWrite(source, read.rows, ctx.parser, report, storedReport.rejects.length)] });
      return { table: read.table, report, cached, addedIds, writes, bytesRead: source.size - from.fromByte };
    },
  };
}

/**
 * The orders lookup's store write, once drops have joined it: whole after a full read; after appends and
 * drops, only the new orders as one more segment, until segments hold more than 5% of the orders or
 * there are `kMaxSegments` of them (then whole again); nothing when nothing changed.
 */
export function ordersLookupWrite(orders: OrdersStage, table: OrdersTable, addedIds: readonly number[], storedBefore: readonly StoredSource[], statesAfter: readonly StoredSource[]): LookupWrite[] {
  const key = ordersCacheKey(statesAfter);
  const { cached } = orders;
  if (cached === undefined) return [{ name: 'orders', key, mode: 'replace', arrays: ordersToArrays(table) }];
  if (addedIds.length === 0 && key === ordersCacheKey(storedBefore)) return [];
  const deltas = ordersDeltaCount(cached);
  let inDeltas = addedIds.length;
  for (let k = 0; k < deltas; k++) inDeltas += cached[`d${k}.orderId`]!.length;
  if (inDeltas > table.count * 0.05 || deltas + 1 > kMaxSegments) return [{ name: 'orders', key, mode: 'replace', arrays: ordersToArrays(table) }];
  return [{ name: 'orders', key, mode: 'append', arrays: ordersDeltaToArrays(table, addedIds, deltas) }];
}
