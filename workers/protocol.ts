/**
 * The typed protocol between the main thread and the piscina workers (piscina's `types.ts` shape): task and
 * result shapes, and the layouts of the partial aggregates. Partials are typed arrays that workers hand
 * back with `Piscina.move()` and the main thread adds up (or ORs, for the aisle bitsets).
 */

/** Which CSV reader a task uses: the byte scanner (default) or the fast-csv reference path. */
export type ParserName = 'fast' | 'fast-csv';

/** Ids above these bounds are rejected as out of range: lookups are arrays indexed by id. */
export const kMaxOrderId = 1 << 26; // 67,108,864: 20x the real 3.42M orders
export const kMaxUserId = 1 << 24; // 16,777,216: 80x the real 206,209 users
export const kMaxProductId = 1 << 22; // 4,194,304: 80x the real 49,688 products

/** One byte range of one CSV file (or a whole gzip file) to read. */
export interface RangeSpec {
  /** Absolute path of the file. */
  file: string;
  /** Name shown in messages and rejects (relative to the data directory). */
  displayName: string;
  /** First byte of the range: a row start, after the header. Ignored for gzip files. */
  start: number;
  /** Byte just past the range: a row start or the file's end. Ignored for gzip files. */
  end: number;
  /** The file is gzip-compressed: read all of it, skipping the header row. */
  gzip: boolean;
  /** Reader to use. */
  parser: ParserName;
  /** Field kinds by position, from the header (see `FieldKind`). */
  kinds: Uint8Array;
  /** Column names by position. */
  names: string[];
  /** Where to report progress: `progress[2*slot]` = bytes read, `progress[2*slot+1]` = rows read. */
  progress: SharedArrayBuffer;
  slot: number;
  /** Keep at most this many rejected rows in detail (the rest are only counted). */
  maxRejectDetails: number;
}

/** Field positions of the order-line columns in this file's header. */
export interface LineRoles {
  orderId: number;
  productId: number;
  addToCartOrder: number;
  reordered: number;
}

/** Field positions of the orders columns in this file's header. */
export interface OrderRoles {
  orderId: number;
  userId: number;
  evalSet: number;
  orderNumber: number;
  orderDow: number;
  orderHour: number;
  daysSincePrior: number;
}

/** Read-only lookups shared by all workers (SharedArrayBuffers, never copied). */
export interface SharedLookups {
  /** user_id of each order_id; 0 = not an accepted order. Int32, length = max order id + 1. */
  orderUser: SharedArrayBuffer;
  /** Day x hour cell (`dow * 24 + hour`) of each order_id. Uint8, same length. */
  orderDowHour: SharedArrayBuffer;
  /**
   * Per product_id, two Int32 at `2 * id`: the price in cents (-1 unknown), then `aisle_id << 8 |
   * department_id`, or -1 when the id is not in the catalogue. Interleaved so a line's product costs one
   * cache line, not four (the catalogue's 49,688 products do not all fit a core's L2 otherwise).
   */
  products: SharedArrayBuffer;
  /** Slots per user in `userDeptItems` (max department_id + 1). */
  deptSlots: number;
  /** 32-bit words per user in `userAisleBits` (ceil((max aisle_id + 1) / 32)). */
  aisleWords: number;
  /** Users slots (max user_id + 1). */
  userSlots: number;
}

export interface LinesTask extends RangeSpec {
  kind: 'lines';
  roles: LineRoles;
  lookups: SharedLookups;
}

export interface OrdersTask extends RangeSpec {
  kind: 'orders';
  roles: OrderRoles;
}

export type IngestTask = LinesTask | OrdersTask;

/** Fields of `SharedLookups.products`, per product: the stride and the offsets in it. */
export const kProductStride = 2;
export const kProductPrice = 0;
export const kProductPlace = 1;

/** Day x hour cells: index `dow * 24 + hour`. */
export const kDowHourCells = 7 * 24;

/**
 * Partial aggregates of order lines, mergeable by addition (the bit sets by OR). Grain: per order_id
 * (only "has lines"), per day x hour, per product_id, per user_id, per user_id x department_id and
 * per user_id x aisle_id. Counts of lines are "items"; revenue is the sum of known prices in cents.
 */
export interface LinesPartial {
  /** Bit per order_id, at word `id >> 5`: the order has at least one accepted line. OR-merged. */
  orderHasLines: Uint32Array;
  /** Per day x hour cell: accepted lines. */
  dowHourItems: Float64Array;
  /** Per day x hour cell: lines with a known price. */
  dowHourKnownItems: Float64Array;
  /** Per day x hour cell: revenue in cents. */
  dowHourRevenueCents: Float64Array;
  /** Per day x hour cell: lines with reordered = 1. */
  dowHourReorders: Float64Array;
  /** Accepted lines per product_id. */
  productItems: Uint32Array;
  /** Reordered lines per product_id. */
  productReorders: Uint32Array;
  /** Accepted lines per user_id. */
  userItems: Uint32Array;
  /** Lines with a known price per user_id. */
  userKnownItems: Uint32Array;
  /** Revenue per user_id, in cents. */
  userRevenueCents: Float64Array;
  /** Reordered lines per user_id. */
  userReorders: Uint32Array;
  /** Lines per user_id x department_id, at `user * deptSlots + department_id`. */
  userDeptItems: Uint32Array;
  /** Bit set per user_id x aisle_id, at word `user * aisleWords + (aisle >> 5)`: bought from that aisle. OR-merged. */
  userAisleBits: Uint32Array;
}

/** The names of the LinesPartial arrays, in a fixed order (store keys, merge loops). */
export const kLinesPartialArrays = [
  'orderHasLines',
  'dowHourItems',
  'dowHourKnownItems',
  'dowHourRevenueCents',
  'dowHourReorders',
  'productItems',
  'productReorders',
  'userItems',
  'userKnownItems',
  'userRevenueCents',
  'userReorders',
  'userDeptItems',
  'userAisleBits',
] as const satisfies readonly (keyof LinesPartial)[];

/** The arrays merged by OR (bit sets); all others add. */
export const kBitSetArrays: ReadonlySet<keyof LinesPartial> = new Set(['orderHasLines', 'userAisleBits']);

/** Rows of orders.csv that passed the row checks, in file order (duplicates are resolved by the main thread). */
export interface OrderRows {
  count: number;
  orderId: Int32Array;
  userId: Int32Array;
  orderNumber: Int32Array;
  dow: Uint8Array;
  hour: Uint8Array;
  /** days_since_prior_order, -1 when blank. */
  days: Int8Array;
  /** 0 prior, 1 train, 2 test, 3 other. */
  evalSet: Uint8Array;
  /** Row number within the task's range (0-based), for duplicate-order rejects. */
  line: Float64Array;
}

/** Rejected rows kept in detail, in row order. `line` is 0-based within the task's range. */
export interface RejectDetails {
  count: number;
  line: Float64Array;
  code: Uint8Array;
  /** Column position of the offending field, -1 for whole-row problems. */
  column: Int16Array;
  /** The offending text (or a description for whole-row problems). */
  value: string[];
}

/** What every task returns besides its partial. */
export interface RangeCounts {
  /** Rows consumed, blank rows included (to number the next range's rows). */
  rows: number;
  /** Non-blank rows read: accepted + rejected. */
  read: number;
  accepted: number;
  /** Rejected rows per reject code. */
  rejectedByCode: Float64Array;
  rejects: RejectDetails;
  /** Rejected rows not kept in `rejects` (past maxRejectDetails). */
  rejectsNotKept: number;
  /** Bytes of the file read (compressed bytes for gzip files). */
  bytes: number;
}

export interface LinesResult extends RangeCounts {
  kind: 'lines';
  partial: LinesPartial;
}

export interface OrdersResult extends RangeCounts {
  kind: 'orders';
  orders: OrderRows;
}

export type IngestResult = LinesResult | OrdersResult;
