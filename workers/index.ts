/**
 * What the main thread may use of the workers folder: the task runners (for work small enough to run
 * inline), the two sinks with their row rules, which the order drops feed on the main thread so
 * that a drop's rows are checked and counted exactly like CSV rows, and the pair counter (its counts
 * are added on the main thread). Everything else is internal.
 */
export { runIngest, type TaskOutcome } from './ingest.js';
export { LinesAccumulator } from './lines-accumulator.js';
export { OrdersCollector, newOrderRows } from './orders-collector.js';
export type { FieldText } from './scan-numeric.js';
export { countBaskets, groupCounts, kBandCountMax, layoutTriangle, listedGroups, ordersPerProduct, pairIndex, pairLayout, productCounts, runPairsTask, triangleBands, whenListed, type AllCounts, type GroupCounts, type PairCounts, type PairWork, type ProductCodes } from './pair-count.js';
