/**
 * Products bought together (issue 11): from every order's basket, the pairs of products, aisles and
 * departments bought in the same order, counted exactly over all orders, with support, confidence both
 * ways and lift. Product pairs use the Apriori bound: a pair can be in `minPairOrders` orders only if
 * both its products are, so only those products get pair counters (a dense triangle over them).
 * Pure: baskets and the catalogue in, tables out.
 */
import type { Table } from '../summaries/table.js';
import { completeBaskets, type Baskets } from './baskets.js';
import { countBaskets, ordersPerProduct } from './count.js';
import { groupPairTable, productPairTable, type ProductLabels } from './tables.js';

export { basketsOf, completeBaskets, type Baskets } from './baskets.js';
export { countBaskets, ordersPerProduct, pairIndex, type AllCounts, type PairCounts, type ProductCodes } from './count.js';
export { pairMeasures } from './tables.js';

export interface PairInput {
  /** Baskets as read: fragments of one order (several ranges, files or segments) are joined here. */
  baskets: readonly Baskets[];
  /** Order ids are below this. */
  orderSlots: number;
  /** Per product id: its aisle and department id (0 = not in the catalogue: left out). */
  productAisle: ArrayLike<number>;
  productDepartment: ArrayLike<number>;
  aisleName(id: number): string;
  departmentName(id: number): string;
  productName(id: number): string;
  minPairOrders: number;
  pairTopN: number;
}

export interface PairTables {
  tables: Table[];
  /** Products with at least minPairOrders orders (the ones given pair counters). */
  candidates: number;
  /** Orders whose lines came in more than one fragment. */
  fragmented: number[];
}

export function buildPairTables(input: PairInput): PairTables {
  const { baskets, fragmented } = completeBaskets(input.baskets, input.orderSlots);
  const slots = input.productAisle.length;
  const inCatalogue = (p: number): boolean => input.productAisle[p]! > 0;
  // Orders per product, then the candidates: products in enough orders (the Apriori bound).
  const orders = ordersPerProduct(baskets, slots);
  const ids = Int32Array.from({ length: slots }, (_, p) => p).filter((p) => inCatalogue(p) && orders[p]! >= input.minPairOrders);
  const candidate = new Int32Array(slots).fill(-1);
  ids.forEach((p, x) => (candidate[p] = x));
  const grouped = (of: ArrayLike<number>): Int32Array => Int32Array.from({ length: slots }, (_, p) => (inCatalogue(p) && of[p]! > 0 ? of[p]! : -1));
  const aisle = grouped(input.productAisle);
  const department = grouped(input.productDepartment);
  const slotsOf = (codes: Int32Array): number => codes.reduce((max, x) => Math.max(max, x), 0) + 1;
  const counted = countBaskets(baskets, { candidate, aisle, department, candidates: ids.length, aisleSlots: slotsOf(aisle), departmentSlots: slotsOf(department) });
  const labels: ProductLabels = {
    name: input.productName,
    aisle: (id) => input.aisleName(input.productAisle[id]!),
    department: (id) => input.departmentName(input.productDepartment[id]!),
  };
  return {
    tables: [
      productPairTable(counted.products, ids, input.minPairOrders, input.pairTopN, labels),
      groupPairTable('aisle', counted.aisles, input.minPairOrders, input.aisleName),
      groupPairTable('department', counted.departments, input.minPairOrders, input.departmentName),
    ],
    candidates: ids.length,
    fragmented,
  };
}
