/**
 * One ingest task, whatever thread it runs on: read one range with the chosen reader into the task's
 * sink and return the partial, with the buffers worth moving rather than copying. The piscina adapter
 * (ingest-task.ts) moves them across threads; the main thread calls this directly for small reads.
 */
import { LinesAccumulator } from './lines-accumulator.js';
import { OrdersCollector } from './orders-collector.js';
import { RangeReadError, readRange, type ScanFn } from './read-range.js';
import { NumericScanner } from './scan-numeric.js';
import { kLinesPartialArrays, type IngestResult, type IngestTask, type LinesTask, type OrderRows, type OrdersTask } from './protocol.js';

/** Failures are returned, not thrown, so their codes and row numbers survive the thread boundary. */
export interface TaskFailure {
  kind: 'failure';
  code: 'NOT_CSV' | 'BAD_GZIP' | 'LIMIT' | 'INTERNAL';
  message: string;
  /** 0-based row within the range, when known. */
  row?: number;
}

export async function runIngest(task: IngestTask): Promise<{ result: IngestResult | TaskFailure; buffers: ArrayBufferLike[] }> {
  try {
    if (task.kind === 'lines') {
      const sink = new LinesAccumulator(task.lookups, task.roles, task.maxRejectDetails);
      const scanner = new NumericScanner({ kinds: task.kinds, names: task.names });
      const scan: ScanFn | undefined = isStandardLineLayout(task) ? (buf, start, end, firstLine) => sink.scanStandard(buf, start, end, firstLine, scanner) : undefined;
      const { rows, bytes } = await readRange(task, sink, scan);
      const partial = sink.finish();
      const result = { kind: 'lines' as const, partial, rows, bytes, read: sink.read, accepted: sink.accepted, rejectedByCode: sink.rejects.rejectedByCode, rejects: sink.rejects.details(), rejectsNotKept: sink.rejects.notKept };
      return { result, buffers: kLinesPartialArrays.map((name) => partial[name].buffer) };
    }
    const sink = new OrdersCollector(task.roles, task.maxRejectDetails, Math.ceil((task.end - task.start) / 28));
    const scanner = new NumericScanner({ kinds: task.kinds, names: task.names });
    const scan: ScanFn | undefined = isStandardOrdersLayout(task) ? (buf, start, end, firstLine) => sink.scanStandard(buf, start, end, firstLine, scanner) : undefined;
    const { rows, bytes } = await readRange(task, sink, scan);
    const orders: OrderRows = sink.rows;
    const result = { kind: 'orders' as const, orders, rows, bytes, read: sink.read, accepted: sink.accepted, rejectedByCode: sink.rejects.rejectedByCode, rejects: sink.rejects.details(), rejectsNotKept: sink.rejects.notKept };
    const columns = [orders.orderId, orders.userId, orders.orderNumber, orders.dow, orders.hour, orders.days, orders.evalSet, orders.line];
    return { result, buffers: columns.map((column) => column.buffer) };
  } catch (error) {
    if (error instanceof RangeReadError) return { result: { kind: 'failure', code: error.code, message: error.message, row: error.row }, buffers: [] };
    const e = error as Error & { code?: string };
    return { result: { kind: 'failure', code: e.code === 'LIMIT' ? 'LIMIT' : 'INTERNAL', message: e.message ?? String(error) }, buffers: [] };
  }
}

/** The real files' header, in the real order: the fast loop's layout. */
function isStandardLineLayout(task: LinesTask): boolean {
  const { roles, kinds } = task;
  return kinds.length === 4 && roles.orderId === 0 && roles.productId === 1 && roles.addToCartOrder === 2 && roles.reordered === 3;
}

/** The real orders.csv header, in the real order: the orders fast loop's layout. */
function isStandardOrdersLayout(task: OrdersTask): boolean {
  const r = task.roles;
  return task.kinds.length === 7 && r.orderId === 0 && r.userId === 1 && r.evalSet === 2 && r.orderNumber === 3 && r.orderDow === 4 && r.orderHour === 5 && r.daysSincePrior === 6;
}
