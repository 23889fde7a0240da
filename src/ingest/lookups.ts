/**
 * The read-only lookups the order-line workers share (SharedArrayBuffers, never copied per worker), and
 * the layout of the per-user partial arrays they imply.
 */
import { kProductPlace, kProductPrice, kProductStride, type SharedLookups } from '../../workers/protocol.js';
import type { OrdersTable } from '../reduce/orders.js';
import type { Catalogue } from '../sources/products.js';

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
