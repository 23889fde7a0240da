/**
 * The typed protocol between the main thread and the piscina workers (piscina's `types.ts` shape): task
 * and result shapes, the lookups the workers share, and the layout of the partial aggregates, described
 * once here: everything that allocates, merges, packs or stores a partial is derived from
 * `kLinesPartialLayout`. Partials are typed arrays that workers hand back with `Piscina.move()` and the
 * main thread adds up (or ORs, for the bit sets).
 */
import type { ParserName } from '../src/csv/index.js';
import type { RejectTransfer } from '../src/rejects/index.js';
import type { PairWork } from './pair-count.js';

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
  /** Keep at most this many rejected rows in detail (the rest are only counted). */
  maxRejectDetails: number;
}

/** Where a running task reports progress: `progress[2*slot]` = bytes read, `progress[2*slot+1]` = rows read. */
export interface ProgressSlot {
  progress: SharedArrayBuffer;
  slot: number;
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

/** A task as planned by the main thread, before the pool gives it a progress slot. */
export interface LinesTaskSpec extends RangeSpec {
  kind: 'lines';
  roles: LineRoles;
  lookups: SharedLookups;
}

export interface OrdersTaskSpec extends RangeSpec {
  kind: 'orders';
  roles: OrderRoles;
}

export type TaskSpec = LinesTaskSpec | OrdersTaskSpec;

/**
 * The pairs count (src/pairs): one task per thread, each its share of the same work (see `countShare`:
 * groups of baskets listed, then bands of the product triangle counted, all in one shared memory).
 */
export type PairsTask = { kind: 'pairs'; work: PairWork };

export type PairsResult = { kind: 'pairs' };
export type LinesTask = LinesTaskSpec & ProgressSlot;
export type OrdersTask = OrdersTaskSpec & ProgressSlot;
export type IngestTask = LinesTask | OrdersTask;

/** Fields of `SharedLookups.products`, per product: the stride and the offsets in it. */
export const kProductStride = 2;
export const kProductPrice = 0;
export const kProductPlace = 1;

/** Day x hour cells: index `dow * 24 + hour`. */
export const kDowHourCells = 7 * 24;

/** What a partial array is indexed by; with `PartialDims` it gives the array's length. */
export type PartialGrain = 'order bit' | 'day x hour' | 'product' | 'user' | 'user x department' | 'user x aisle bit';

/** The sizes the grains take: from the lookups a read runs with. */
export interface PartialDims {
  orderSlots: number;
  productSlots: number;
  userSlots: number;
  deptSlots: number;
  aisleWords: number;
}

export function grainLength(grain: PartialGrain, d: PartialDims): number {
  switch (grain) {
    case 'order bit':
      return (d.orderSlots + 31) >>> 5;
    case 'day x hour':
      return kDowHourCells;
    case 'product':
      return d.productSlots;
    case 'user':
      return d.userSlots;
    case 'user x department':
      return d.userSlots * d.deptSlots;
    case 'user x aisle bit':
      return d.userSlots * d.aisleWords;
  }
}

interface PartialArraySpec {
  /** Element type: Uint32 counters (and bit words), Float64 where a sum can pass 2^32 (cents, cells). */
  array: Uint32ArrayConstructor | Float64ArrayConstructor;
  /** How two partials combine: counters add, bit sets OR. */
  merge: 'add' | 'or';
  grain: PartialGrain;
}

/**
 * Partial aggregates of order lines, mergeable by addition (the bit sets by OR). Counts of lines are
 * "items"; revenue is the sum of known prices in cents. The order of the keys is the store's order.
 */
export const kLinesPartialLayout = {
  /** Bit per order_id, at word `id >> 5`: the order has at least one accepted line. */
  orderHasLines: { array: Uint32Array, merge: 'or', grain: 'order bit' },
  /** Per day x hour cell: accepted lines. */
  dowHourItems: { array: Float64Array, merge: 'add', grain: 'day x hour' },
  /** Per day x hour cell: lines with a known price. */
  dowHourKnownItems: { array: Float64Array, merge: 'add', grain: 'day x hour' },
  /** Per day x hour cell: revenue in cents. */
  dowHourRevenueCents: { array: Float64Array, merge: 'add', grain: 'day x hour' },
  /** Per day x hour cell: lines with reordered = 1. */
  dowHourReorders: { array: Float64Array, merge: 'add', grain: 'day x hour' },
  /** Accepted lines per product_id. */
  productItems: { array: Uint32Array, merge: 'add', grain: 'product' },
  /** Reordered lines per product_id. */
  productReorders: { array: Uint32Array, merge: 'add', grain: 'product' },
  /** Accepted lines per user_id. */
  userItems: { array: Uint32Array, merge: 'add', grain: 'user' },
  /** Lines with a known price per user_id. */
  userKnownItems: { array: Uint32Array, merge: 'add', grain: 'user' },
  /** Revenue per user_id, in cents. */
  userRevenueCents: { array: Float64Array, merge: 'add', grain: 'user' },
  /** Reordered lines per user_id. */
  userReorders: { array: Uint32Array, merge: 'add', grain: 'user' },
  /** Lines per user_id x department_id, at `user * deptSlots + department_id`. */
  userDeptItems: { array: Uint32Array, merge: 'add', grain: 'user x department' },
  /** Bit set per user_id x aisle_id, at word `user * aisleWords + (aisle >> 5)`: bought from that aisle. */
  userAisleBits: { array: Uint32Array, merge: 'or', grain: 'user x aisle bit' },
} as const satisfies Record<string, PartialArraySpec>;

export type PartialName = keyof typeof kLinesPartialLayout;

/** One typed array per entry of `kLinesPartialLayout`, of its element type. */
export type LinesPartial = { [K in PartialName]: InstanceType<(typeof kLinesPartialLayout)[K]['array']> };

/** The names of the partial arrays, in the layout's (and the store's) order. */
export const kPartialNames = Object.keys(kLinesPartialLayout) as PartialName[];

/** True when `array` has the element type the layout gives `name` (a stored blob is checked with it). */
export function isPartialArray<K extends PartialName>(name: K, array: ArrayBufferView): array is LinesPartial[K] {
  return array instanceof kLinesPartialLayout[name].array;
}

/** A partial whose every array is made by `make` (one call per name, in layout order). */
export function buildPartial(make: <K extends PartialName>(name: K) => LinesPartial[K]): LinesPartial {
  const partial: Partial<LinesPartial> = {};
  for (const name of kPartialNames) setPartialArray(partial, name, make(name));
  return partial as LinesPartial;
}

function setPartialArray<K extends PartialName>(partial: Partial<LinesPartial>, name: K, array: LinesPartial[K]): void {
  partial[name] = array;
}

/** A zeroed array of `name`'s type and length. */
export function allocatePartialArray<K extends PartialName>(name: K, length: number): LinesPartial[K] {
  const array = new kLinesPartialLayout[name].array(length);
  if (!isPartialArray(name, array)) throw new TypeError(`${name}: layout and type disagree`);
  return array;
}

/** A zeroed partial sized by `dims`. */
export function allocateLinesPartial(dims: PartialDims): LinesPartial {
  return buildPartial((name) => allocatePartialArray(name, grainLength(kLinesPartialLayout[name].grain, dims)));
}

/** The neutral partial: every array empty (merging with it changes nothing). */
export function emptyLinesPartial(): LinesPartial {
  return buildPartial((name) => allocatePartialArray(name, 0));
}

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

/** What every task returns besides its partial. */
export interface RangeCounts {
  /** Rows consumed, blank rows included (to number the next range's rows). */
  rows: number;
  /** Non-blank rows read: accepted + rejected. */
  read: number;
  accepted: number;
  /** Rejected rows, counted by code, kept in detail up to the cap; lines are 0-based within the range. */
  rejects: RejectTransfer;
  /** Bytes of the file read (compressed bytes for gzip files). */
  bytes: number;
}

/**
 * Baskets: each order's products as the lines came, cut where the order id changes (src/pairs joins
 * the fragments of an order cut by a range boundary or listed apart). Grain: one entry per basket.
 */
export interface Baskets {
  /** Order id of each basket; -1 for a fragment joined into another basket (skipped when counting). */
  orderIds: Int32Array;
  /** Basket b's items are `items[starts[b] .. starts[b + 1])`; `starts.length` = baskets + 1. */
  starts: Uint32Array;
  /** Product ids (16 bits when they fit); a product may repeat within a basket (it counts once). */
  items: Uint16Array | Uint32Array;
}

export interface LinesResult extends RangeCounts {
  kind: 'lines';
  partial: LinesPartial;
  /** The range's baskets (products bought together, src/pairs). */
  baskets: Baskets;
}

export interface OrdersResult extends RangeCounts {
  kind: 'orders';
  orders: OrderRows;
}

/** Failures are returned, not thrown, so their codes and row numbers survive the thread boundary. */
export interface TaskFailure {
  kind: 'failure';
  code: 'NOT_CSV' | 'BAD_GZIP' | 'LIMIT' | 'INTERNAL';
  message: string;
  /** 0-based row within the range, when known. */
  row?: number;
}

/** What a task of each kind gives back. */
export interface ResultOf {
  lines: LinesResult;
  orders: OrdersResult;
}

export type IngestResult = LinesResult | OrdersResult;

