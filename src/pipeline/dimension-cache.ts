/**
 * The dimension tables (catalogue, department and aisle names, customers) to and from the store's
 * lookup cache, so a rerun whose products.csv and customers.csv did not change loads them in
 * milliseconds instead of parsing them again (0.3 s and 0.5 s at full scale on the benchmark machine).
 * Strings travel as UTF-8 JSON in a Uint8Array.
 */
import type { Catalogue } from '../sources/products.js';
import type { CodedColumn, CustomerTable } from '../sources/customers.js';
import type { StoredArray } from '../store/pack.js';

function json(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
}

function fromJson<T>(array: StoredArray | undefined): T {
  const bytes = array as Uint8Array;
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
}

export function catalogueToArrays(catalogue: Catalogue): Record<string, StoredArray> {
  return {
    known: catalogue.known,
    department: catalogue.department,
    aisle: catalogue.aisle,
    priceCents: catalogue.priceCents,
    names: json(catalogue.names),
    shape: new Float64Array([catalogue.slots, catalogue.count, catalogue.hasPrices ? 1 : 0]),
  };
}

export function catalogueFromArrays(arrays: Record<string, StoredArray>): Catalogue {
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

export function namesToArrays(names: Map<number, string>): Record<string, StoredArray> {
  return { entries: json([...names]) };
}

export function namesFromArrays(arrays: Record<string, StoredArray>): Map<number, string> {
  return new Map(fromJson<[number, string][]>(arrays.entries));
}

const codedColumns = ['gender', 'state', 'familyStatus', 'dateJoined'] as const;

export function customersToArrays(customers: CustomerTable): Record<string, StoredArray> {
  const arrays: Record<string, StoredArray> = {
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

export function customersFromArrays(arrays: Record<string, StoredArray>): CustomerTable {
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
