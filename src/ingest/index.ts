/**
 * Ingest: the stages that read the inputs and turn them into the orders lookup, the dimension tables and
 * one partial per order-lines source, each returning the store writes it implies. The run calls them in
 * order (src/pipeline/run-stages.ts); reads of the big files are posted to the workers when their
 * `start…` call returns and gathered with `result()`.
 */
export { readOtherDimensions, readProducts, type Dimension, type DimensionContext, type OtherDimensions } from './dimensions.js';
export { readDropLines, readDropOrders, type DropLinesStage, type DropOrdersStage } from './drops.js';
export { rejectedUnknownIds, startLines, type LineAction, type LinesStage } from './lines.js';
export { buildSharedLookups, partialLayout, type PartialLayout } from './lookups.js';
export { ordersLookupWrite, startOrders, type OrdersStage, type Restart } from './orders.js';
export type { Pending, ReadContext } from './tasks.js';
