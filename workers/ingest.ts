/**
 * One ingest task, whatever thread it runs on: read one range with the chosen reader into the task's
 * sink and return the partial, with the buffers worth moving rather than copying. The piscina adapter
 * (ingest-task.ts) moves them across threads; the main thread calls this directly for small reads.
 */
import { RejectList } from '../src/rejects/index.js';
import { LinesAccumulator } from './lines-accumulator.js';
import { OrdersCollector } from './orders-collector.js';
import { RangeReadError, readRange, type ScanFn } from './read-range.js';
import { NumericScanner } from './scan-numeric.js';
import { kPartialNames, type IngestTask, type LinesResult, type LinesTask, type OrdersResult, type OrdersTask, type TaskFailure } from './protocol.js';

/** A task's result, and the buffers to move (not copy) to the thread that asked. */
export interface TaskOutcome<R> {
  result: R | TaskFailure;
  buffers: ArrayBufferLike[];
}

export function runIngest(task: LinesTask): Promise<TaskOutcome<LinesResult>>;
export function runIngest(task: OrdersTask): Promise<TaskOutcome<OrdersResult>>;
export function runIngest(task: IngestTask): Promise<TaskOutcome<LinesResult | OrdersResult>>;
export async function runIngest(task: IngestTask): Promise<TaskOutcome<LinesResult | OrdersResult>> {
  try {
    return task.kind === 'lines' ? await readLines(task) : await readOrders(task);
  } catch (error) {
    if (error instanceof RangeReadError) return { result: { kind: 'failure', code: error.code, message: error.message, row: error.row }, buffers: [] };
    const e = error as Error & { code?: string };
    return { result: { kind: 'failure', code: e.code === 'LIMIT' ? 'LIMIT' : 'INTERNAL', message: e.message ?? String(error) }, buffers: [] };
  }
}

async function readLines(task: LinesTask): Promise<TaskOutcome<LinesResult>> {
  // About 17 bytes per order line in the real files: room for the range's baskets without growing.
  const sink = new LinesAccumulator(task.lookups, task.roles, new RejectList(task.maxRejectDetails, task.names), Math.ceil((task.end - task.start) / 14));
  const scanner = new NumericScanner({ kinds: task.kinds, names: task.names });
  const scan: ScanFn | undefined = isStandardLineLayout(task) ? (buf, start, end, firstLine) => sink.scanStandard(buf, start, end, firstLine, scanner) : undefined;
  const { rows, bytes } = await readRange(task, sink, scan);
  const partial = sink.finish();
  // Baskets are in shared memory (views, not moved): the pairs count reads them on any thread.
  const result: LinesResult = { kind: 'lines', partial, baskets: sink.takeBaskets()!, rows, bytes, read: sink.read, accepted: sink.accepted, rejects: sink.rejects.toTransfer() };
  return { result, buffers: kPartialNames.map((name) => partial[name].buffer) };
}

async function readOrders(task: OrdersTask): Promise<TaskOutcome<OrdersResult>> {
  // About 28 bytes per orders.csv row: room for the range's rows without growing.
  const sink = new OrdersCollector(task.roles, new RejectList(task.maxRejectDetails, task.names), Math.ceil((task.end - task.start) / 28));
  const scanner = new NumericScanner({ kinds: task.kinds, names: task.names });
  const scan: ScanFn | undefined = isStandardOrdersLayout(task) ? (buf, start, end, firstLine) => sink.scanStandard(buf, start, end, firstLine, scanner) : undefined;
  const { rows, bytes } = await readRange(task, sink, scan);
  const orders = sink.rows;
  const result: OrdersResult = { kind: 'orders', orders, rows, bytes, read: sink.read, accepted: sink.accepted, rejects: sink.rejects.toTransfer() };
  const columns = [orders.orderId, orders.userId, orders.orderNumber, orders.dow, orders.hour, orders.days, orders.evalSet, orders.line];
  return { result, buffers: columns.map((column) => column.buffer) };
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
