/**
 * The read-only lookups the order-line workers share (SharedArrayBuffers, never copied per worker), and
 * the orders table's round trip through the store's lookup cache.
 */
import { kProductPlace, kProductPrice, kProductStride, type SharedLookups } from '../../workers/protocol.js';
import { applyOrderRows, type OrdersTable } from '../reduce/orders.js';
import type { Catalogue } from '../sources/products.js';
import type { StoredArray } from '../store/pack.js';

/** The catalogue as the workers read it: see `SharedLookups.products`. */
function packProducts(catalogue: Catalogue): SharedArrayBuffer {
  const products = new Int32Array(new SharedArrayBuffer(catalogue.slots * kProductStride * 4));
  for (let id = 0; id < catalogue.slots; id++) {
    products[id * kProductStride + kProductPrice] = catalogue.priceCents[id]!;
    products[id * kProductStride + kProductPlace] = catalogue.known[id] === 1 ? (catalogue.aisle[id]! << 8) | catalogue.department[id]! : -1;
  }
  return products.buffer as SharedArrayBuffer;
}

/** The layout of per-user partial arrays: it must not change between runs that share partials. */
export interface PartialLayout {
  deptSlots: number;
  aisleWords: number;
}

export function partialLayout(catalogue: Catalogue): PartialLayout {
  let maxDept = 0;
  let maxAisle = 0;
  for (let id = 0; id < catalogue.slots; id++) {
    if (catalogue.known[id] === 0) continue;
    if (catalogue.department[id]! > maxDept) maxDept = catalogue.department[id]!;
    if (catalogue.aisle[id]! > maxAisle) maxAisle = catalogue.aisle[id]!;
  }
  return { deptSlots: maxDept + 1, aisleWords: (maxAisle + 32) >>> 5 };
}

export function buildSharedLookups(orders: OrdersTable, catalogue: Catalogue, layout: PartialLayout): SharedLookups {
  const dowHour = new Uint8Array(new SharedArrayBuffer(orders.slots));
  for (let id = 0; id < orders.slots; id++) dowHour[id] = orders.dow[id]! * 24 + orders.hour[id]!;
  return {
    orderUser: orders.user.buffer as SharedArrayBuffer,
    orderDowHour: dowHour.buffer as SharedArrayBuffer,
    products: packProducts(catalogue),
    deptSlots: layout.deptSlots,
    aisleWords: layout.aisleWords,
    userSlots: orders.userSlots,
  };
}

/** The orders table as stored arrays (for the lookup cache). */
export function ordersToArrays(table: OrdersTable): Record<string, StoredArray> {
  // order_number is stored in 8 or 16 bits when it fits (real data: 1-100), a third of the lookup's bytes.
  let maxNumber = 0;
  for (let id = 0; id < table.slots; id++) if (table.number[id]! > maxNumber) maxNumber = table.number[id]!;
  return {
    user: table.user,
    number: maxNumber <= 0xff ? Uint8Array.from(table.number) : maxNumber <= 0xffff ? Uint16Array.from(table.number) : table.number,
    dow: table.dow,
    hour: table.hour,
    days: table.days,
    evalSet: table.evalSet,
    shape: new Float64Array([table.count, table.userSlots]),
  };
}

/**
 * Orders added since the cached table was written (appended orders.csv rows, drops), as one more
 * segment of the cached lookup: `d<k>.<column>` parts. Re-writing the whole 27 MB table for a 1% append
 * would cost more than the append itself.
 */
export function ordersDeltaToArrays(table: OrdersTable, ids: readonly number[], segment: number): Record<string, StoredArray> {
  const pick = <T extends Int32Array | Uint8Array | Int8Array>(column: T, Kind: new (n: number) => T): T => {
    const out = new Kind(ids.length);
    ids.forEach((id, k) => (out[k] = column[id]!));
    return out;
  };
  return {
    [`d${segment}.orderId`]: Int32Array.from(ids),
    [`d${segment}.userId`]: pick(table.user, Int32Array),
    [`d${segment}.orderNumber`]: pick(table.number, Int32Array),
    [`d${segment}.dow`]: pick(table.dow, Uint8Array),
    [`d${segment}.hour`]: pick(table.hour, Uint8Array),
    [`d${segment}.days`]: pick(table.days, Int8Array),
    [`d${segment}.evalSet`]: pick(table.evalSet, Uint8Array),
  };
}

/** How many appended segments a cached orders lookup holds. */
export function ordersDeltaCount(arrays: Record<string, StoredArray>): number {
  let k = 0;
  while (arrays[`d${k}.orderId`] !== undefined) k++;
  return k;
}

export function ordersFromArrays(arrays: Record<string, StoredArray>): OrdersTable {
  const user = arrays.user as Int32Array;
  const sharedUser = new Int32Array(new SharedArrayBuffer(user.byteLength));
  sharedUser.set(user);
  const shape = arrays.shape as Float64Array;
  let table: OrdersTable = {
    slots: user.length,
    count: shape[0]!,
    userSlots: shape[1]!,
    user: sharedUser,
    number: arrays.number instanceof Int32Array ? arrays.number : Int32Array.from(arrays.number!),
    dow: arrays.dow as Uint8Array,
    hour: arrays.hour as Uint8Array,
    days: arrays.days as Int8Array,
    evalSet: arrays.evalSet as Uint8Array,
  };
  const deltas = ordersDeltaCount(arrays);
  for (let k = 0; k < deltas; k++) {
    const orderId = arrays[`d${k}.orderId`] as Int32Array;
    table = applyOrderRows(table, {
      count: orderId.length,
      orderId,
      userId: arrays[`d${k}.userId`] as Int32Array,
      orderNumber: arrays[`d${k}.orderNumber`] as Int32Array,
      dow: arrays[`d${k}.dow`] as Uint8Array,
      hour: arrays[`d${k}.hour`] as Uint8Array,
      days: arrays[`d${k}.days`] as Int8Array,
      evalSet: arrays[`d${k}.evalSet`] as Uint8Array,
      line: new Float64Array(orderId.length),
    });
  }
  return table;
}
