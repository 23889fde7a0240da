/**
 * Products bought together (issue 11): from every order's basket, the pairs of products, aisles and
 * departments bought in the same order, counted exactly over all orders, with support, confidence both
 * ways and lift. Product pairs use the Apriori bound: a pair can be in `minPairOrders` orders only if
 * both its products are, so only those products get pair counters (a dense triangle over them).
 *
 * Three steps: `planPairCount` joins the fragments of each order into one basket and codes each
 * product (candidate index, aisle, department); the counts are made per group of baskets
 * (workers/pair-count.ts; on the pool: `startPairCount`) and added; `pairTables` writes the tables
 * from the counts. `buildPairTables` is the three in a row on one thread.
 */
import { EtlError } from '../errors/index.js';
import type { Table } from '../summaries/table.js';
import { countBaskets, kBandCountMax, ordersPerProduct, type AllCounts, type GroupCounts, type PairCounts, type ProductCodes } from '../../workers/index.js';
import { completeBaskets, type Baskets } from './baskets.js';
import { groupPairTable, productPairTable, type ProductLabels } from './tables.js';

export { basketsOf, completeBaskets, sharedBaskets, type Baskets } from './baskets.js';
export { countBaskets, ordersPerProduct, pairIndex, type AllCounts, type GroupCounts, type PairCounts, type ProductCodes } from '../../workers/index.js';
export { pairMeasures } from './tables.js';

/** What the pair tables need of the catalogue: per product id its aisle and department (0: none), and names. */
export interface PairCatalogue {
  /** Per product id: 1 when it is in the catalogue. */
  known: ArrayLike<number>;
  productAisle: ArrayLike<number>;
  productDepartment: ArrayLike<number>;
  aisleName(id: number): string;
  departmentName(id: number): string;
  productName(id: number): string;
}

export interface PairSettings {
  minPairOrders: number;
  pairTopN: number;
}

export interface PairInput extends PairCatalogue, PairSettings {
  /** Baskets as read: fragments of one order (several ranges, files or segments) are joined here. */
  baskets: readonly Baskets[];
  /** Order ids are below this. */
  orderSlots: number;
}

/**
 * Products given pair counters at most: a triangle of 8,192 is 33.5M 16-bit counters, 67 MB (one, shared
 * by the threads). A lower `minPairOrders` than the data allows is an error that says which would do.
 */
export const kMaxPairCandidates = 8192;

/** The count to make: complete baskets, one per order, and how each product is coded. */
export interface PairPlan {
  /** One basket per order (the fragments of an order marked -1 where they were, joined in a last part). */
  parts: Baskets[];
  codes: ProductCodes;
  /** Candidate index -> product id: the wide products first, each group in id order. */
  ids: Int32Array;
  /** Orders whose lines came in more than one fragment. */
  fragmented: number[];
}

/**
 * `productLines`, when given, are the accepted lines per product id (the run's totals have them): at
 * least the orders holding the product, so the products with that many lines include every product in
 * enough orders, and cost no pass over the baskets. Without them the orders are counted.
 */
export function planPairCount(baskets: readonly Baskets[], orderSlots: number, catalogue: PairCatalogue, minPairOrders: number, productLines?: ArrayLike<number>): PairPlan {
  const complete = completeBaskets(baskets, orderSlots);
  const slots = catalogue.productAisle.length;
  const inCatalogue = (p: number): boolean => catalogue.known[p] === 1;
  // The candidates: products in enough orders (the Apriori bound), or with enough lines (a superset).
  const orders = productLines ?? ordersPerProduct(complete.baskets, slots);
  const chosen = Int32Array.from({ length: slots }, (_, p) => p).filter((p) => inCatalogue(p) && (orders[p] ?? 0) >= minPairOrders);
  if (chosen.length > kMaxPairCandidates) throw tooManyCandidates(ordersPerProduct(complete.baskets, slots), minPairOrders);
  // Wide first: products that may be in more orders than a 16-bit counter of the triangle holds.
  const wide = (p: number): boolean => orders[p]! > kBandCountMax;
  const ids = Int32Array.from([...chosen.filter(wide), ...chosen.filter((p) => !wide(p))]);
  const candidate = new Int32Array(slots).fill(-1);
  ids.forEach((p, x) => (candidate[p] = x));
  const grouped = (of: ArrayLike<number>): Int32Array => Int32Array.from({ length: slots }, (_, p) => (inCatalogue(p) && of[p]! > 0 ? of[p]! : -1));
  const aisle = grouped(catalogue.productAisle);
  const department = grouped(catalogue.productDepartment);
  const slotsOf = (codes: Int32Array): number => codes.reduce((max, x) => Math.max(max, x), 0) + 1;
  const codes: ProductCodes = { candidate, wides: chosen.filter(wide).length, aisle, department, candidates: ids.length, aisleSlots: slotsOf(aisle), departmentSlots: slotsOf(department) };
  return { parts: complete.baskets, codes, ids, fragmented: complete.fragmented };
}

function tooManyCandidates(orders: Float64Array, minPairOrders: number): EtlError {
  const candidates = orders.filter((n) => n >= minPairOrders).length;
  const enough = Float64Array.from(orders).sort().reverse()[kMaxPairCandidates]! + 1;
  const mb = Math.round((candidates * (candidates - 1)) / 1e6);
  return new EtlError('CONFIG', `minPairOrders ${minPairOrders} gives ${candidates} products in that many orders; pair counters for them would take ${mb} MB (at most ${kMaxPairCandidates} products are counted): set minPairOrders to ${enough} or more in the config file`);
}

/**
 * The baskets of `parts` cut into `groups` of about the same number of lines, each a list of views
 * (slices of the parts: no copy).
 */
export function basketGroups(parts: readonly Baskets[], groups: number): Baskets[][] {
  const lines = parts.reduce((sum, part) => sum + part.starts[part.orderIds.length]! - part.starts[0]!, 0);
  const out: Baskets[][] = Array.from({ length: groups }, () => []);
  let done = 0;
  for (const part of parts) {
    const n = part.orderIds.length;
    let from = 0;
    while (from < n) {
      // The group this basket's lines fall in, and the last basket before the group's end.
      const group = Math.min(groups - 1, Math.floor((done * groups) / Math.max(1, lines)));
      const end = ((group + 1) * lines) / groups;
      let to = from + 1;
      while (to < n && done + part.starts[to]! - part.starts[from]! < end) to++;
      if (group === groups - 1) to = n;
      out[group]!.push({ orderIds: part.orderIds.subarray(from, to), starts: part.starts.subarray(from, to + 1), items: part.items });
      done += part.starts[to]! - part.starts[from]!;
      from = to;
    }
  }
  return out;
}

/** What a product row shows of the catalogue. */
function productLabels(catalogue: PairCatalogue): ProductLabels {
  return {
    name: catalogue.productName,
    aisle: (id) => catalogue.aisleName(catalogue.productAisle[id]!),
    department: (id) => catalogue.departmentName(catalogue.productDepartment[id]!),
  };
}

/** `product_pairs` from the product counts of a plan (`ids`: its candidates). */
export function productPairTables(products: PairCounts, ids: Int32Array, catalogue: PairCatalogue, settings: PairSettings): Table {
  return productPairTable(products, ids, settings.minPairOrders, settings.pairTopN, productLabels(catalogue));
}

/** `aisle_pairs` and `department_pairs`. */
export function groupPairTables(counts: GroupCounts, catalogue: PairCatalogue, settings: PairSettings): Table[] {
  return [groupPairTable('aisle', counts.aisles, settings.minPairOrders, catalogue.aisleName), groupPairTable('department', counts.departments, settings.minPairOrders, catalogue.departmentName)];
}

/** The three tables from the counts of a plan. */
export function pairTables(counts: AllCounts, ids: Int32Array, catalogue: PairCatalogue, settings: PairSettings): Table[] {
  return [productPairTables(counts.products, ids, catalogue, settings), ...groupPairTables(counts, catalogue, settings)];
}

export interface PairTables {
  tables: Table[];
  /** Products with at least minPairOrders orders (the ones given pair counters). */
  candidates: number;
  /** Orders whose lines came in more than one fragment. */
  fragmented: number[];
}

/** Plan, count and tables on this thread (tests; the run counts on the pool). */
export function buildPairTables(input: PairInput): PairTables {
  const plan = planPairCount(input.baskets, input.orderSlots, input, input.minPairOrders);
  const counts = countBaskets(plan.parts, plan.codes);
  return { tables: pairTables(counts, plan.ids, input, input), candidates: plan.ids.length, fragmented: plan.fragmented };
}
