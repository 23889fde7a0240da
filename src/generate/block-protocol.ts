/**
 * The typed protocol between the main thread and `workers/generate-block.ts` (piscina's types.ts
 * pattern): one task per block of users, one result of three CSV byte ranges moved back without copying.
 */

/** Generate one block: its orders rows and its prior and train lines. */
export interface BlockTask {
  /** The data set's seed. */
  readonly seed: number;
  /** Catalogue size; the worker rebuilds (and caches) the catalogue from (seed, productCount). */
  readonly productCount: number;
  /** 0-based block number; keys the block's random streams. */
  readonly blockIndex: number;
  /** user_id of the block's first user. */
  readonly firstUserId: number;
  /** Orders per user (4..100), drawn by the main thread; its length is the block's user count. */
  readonly orderCounts: Uint8Array;
  /** First order_id of the block's contiguous range. */
  readonly firstOrderId: number;
  /** Number of orders in the block (the sum of orderCounts). */
  readonly orderCount: number;
}

/** A generated block: CSV bytes without headers, ready to append to the three files in block order. */
export interface BlockResult {
  /** Echo of the task's block number (the main thread checks it). */
  readonly blockIndex: number;
  /** orders.csv rows, sorted by user_id then order_number, LF-terminated. */
  readonly ordersCsv: Uint8Array;
  /** order_products__prior.csv rows, sorted by order_id then add_to_cart_order. */
  readonly priorCsv: Uint8Array;
  /** order_products__train.csv rows, sorted like priorCsv. */
  readonly trainCsv: Uint8Array;
  /** Rows in ordersCsv. */
  readonly orderRows: number;
  /** Rows in priorCsv. */
  readonly priorRows: number;
  /** Rows in trainCsv. */
  readonly trainRows: number;
}
