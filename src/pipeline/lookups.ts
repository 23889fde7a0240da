/**
 * The read-only lookups the order-line workers share (SharedArrayBuffers, never copied per worker), and
 * the orders table's round trip through the store's lookup cache.
 */
import { kProductPlace, kProductPrice, kProductStride, type SharedLookups } from '../../workers/protocol.js';
import type { OrdersTable } from '../reduce/orders.js';
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
  return {
    user: table.user,
    number: table.number,
    dow: table.dow,
    hour: table.hour,
    days: table.days,
    evalSet: table.evalSet,
    shape: new Float64Array([table.count, table.userSlots]),
  };
}

export function ordersFromArrays(arrays: Record<string, StoredArray>): OrdersTable {
  const user = arrays.user as Int32Array;
  const sharedUser = new Int32Array(new SharedArrayBuffer(user.byteLength));
  sharedUser.set(user);
  const shape = arrays.shape as Float64Array;
  return {
    slots: user.length,
    count: shape[0]!,
    userSlots: shape[1]!,
    user: sharedUser,
    number: arrays.number as Int32Array,
    dow: arrays.dow as Uint8Array,
    hour: arrays.hour as Uint8Array,
    days: arrays.days as Int8Array,
    evalSet: arrays.evalSet as Uint8Array,
  };
}
