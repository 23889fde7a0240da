/**
 * The tables the store caches as lookups, to and from stored arrays: the dimension tables (catalogue,
 * department and aisle names, customers), so a rerun whose products.csv and customers.csv did not change
 * loads them in milliseconds instead of parsing them again (0.3 s and 0.5 s at full scale on the benchmark
 * machine), and the orders lookup, with appended segments. Strings travel as UTF-8 JSON in a Uint8Array.
 */
import type { Catalogue } from '../sources/products.js';
import type { CodedColumn, CustomerTable } from '../sources/customers.js';
import { applyOrderRows, type OrdersTable } from '../reduce/orders.js';
import type { StoredArray } from './pack.js';

/** A cached lookup: its parts by name. */
export type StoredArrays = Record<string, StoredArray>;

/** A table's round trip through the lookup cache. */
export interface Codec<T> {
  to(value: T): StoredArrays;
  from(arrays: StoredArrays): T;
}

function json(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
}

function fromJson<T>(array: StoredArray | undefined): T {
  const bytes = array as Uint8Array;
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
}

export function catalogueToArrays(catalogue: Catalogue): StoredArrays {
  return {
    known: catalogue.known,
    department: catalogue.department,
    aisle: catalogue.aisle,
    priceCents: catalogue.priceCents,
    names: json(catalogue.names),
    shape: new Float64Array([catalogue.slots, catalogue.count, catalogue.hasPrices ? 1 : 0]),
  };
}

export function catalogueFromArrays(arrays: StoredArrays): Catalogue {
  const shape = arrays.shape as Float64Array;
  return {
    slots: shape[0]!,
    count: shape[1]!,
    hasPrices: shape[2] === 1,
    known: arrays.known as Uint8Array,
    department: arrays.department as Uint8Array,
    aisle: arrays.aisle as Uint16Array,
    priceCents: arrays.priceCents as Int32Array,
    names: fromJson<string[]>(arrays.names),
  };
}

export function namesToArrays(names: Map<number, string>): StoredArrays {
  return { entries: json([...names]) };
}

export function namesFromArrays(arrays: StoredArrays): Map<number, string> {
  return new Map(fromJson<[number, string][]>(arrays.entries));
}

const codedColumns = ['gender', 'state', 'familyStatus', 'dateJoined'] as const;

export function customersToArrays(customers: CustomerTable): StoredArrays {
  const arrays: StoredArrays = {
    known: customers.known,
    age: customers.age,
    dependants: customers.dependants,
    income: customers.income,
    shape: new Float64Array([customers.slots, customers.count]),
  };
  for (const name of codedColumns) {
    arrays[`${name}Codes`] = customers[name].codes;
    arrays[`${name}Values`] = json(customers[name].values);
  }
  return arrays;
}

export function customersFromArrays(arrays: StoredArrays): CustomerTable {
  const shape = arrays.shape as Float64Array;
  const coded = (name: (typeof codedColumns)[number]): CodedColumn => ({ codes: arrays[`${name}Codes`] as Uint16Array, values: fromJson<string[]>(arrays[`${name}Values`]) });
  return {
    slots: shape[0]!,
    count: shape[1]!,
    known: arrays.known as Uint8Array,
    age: arrays.age as Int16Array,
    dependants: arrays.dependants as Int8Array,
    income: arrays.income as Int32Array,
    gender: coded('gender'),
    state: coded('state'),
    familyStatus: coded('familyStatus'),
    dateJoined: coded('dateJoined'),
  };
}

/** The orders table as stored arrays (for the lookup cache). */
export function ordersToArrays(table: OrdersTable): StoredArrays {
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
export function ordersDeltaToArrays(table: OrdersTable, ids: readonly number[], segment: number): StoredArrays {
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
export function ordersDeltaCount(arrays: StoredArrays): number {
  let k = 0;
  while (arrays[`d${k}.orderId`] !== undefined) k++;
  return k;
}

export function ordersFromArrays(arrays: StoredArrays): OrdersTable {
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

export const catalogueCodec: Codec<Catalogue> = { to: catalogueToArrays, from: catalogueFromArrays };
export const namesCodec: Codec<Map<number, string>> = { to: namesToArrays, from: namesFromArrays };
export const customersCodec: Codec<CustomerTable> = { to: customersToArrays, from: customersFromArrays };
