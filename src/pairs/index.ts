/**
 * Products bought together (issue 11): from every order's basket, the pairs of products, aisles and
 * departments bought in the same order, counted exactly over all orders, with support, confidence both
 * ways and lift. Product pairs use the Apriori bound: a pair can be in `minPairOrders` orders only if
 * both its products are, so only those products get pair counters (a dense triangle over them).
 *
 * Three steps: `planPairCount` joins the fragments of each order into one basket (flat, in shared
 * memory for the worker threads) and codes each product (candidate index, aisle, department); the
 * counts are made per group of baskets (workers/pair-count.ts, on the pool: `startPairCount`) and
 * added; `pairTables` writes the tables from the counts. `buildPairTables` is the three in a row on
 * one thread. Pure but for the pool.
 */
import { EtlError } from '../errors/index.js';
import type { Table } from '../summaries/table.js';
import { addCounts, countBaskets, ordersPerProduct, type AllCounts, type ProductCodes } from '../../workers/index.js';
import { completeBaskets, flatBaskets, type Baskets } from './baskets.js';
import { groupPairTable, productPairTable, type ProductLabels } from './tables.js';

export { basketsOf, completeBaskets, flatBaskets, type Baskets } from './baskets.js';
export { countBaskets, ordersPerProduct, pairIndex, type AllCounts, type PairCounts, type ProductCodes } from '../../workers/index.js';
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
 * Products given pair counters at most: a triangle of 8,192 is 33.5M counters, 134 MB per counting
 * thread. A lower `minPairOrders` than the data allows is an error that says which would do.
 */
export const kMaxPairCandidates = 8192;

/** The count to make: complete baskets, one per order, and how each product is coded. */
export interface PairPlan {
  /** One basket per order, flat (in shared memory when asked). */
  baskets: Baskets;
  codes: ProductCodes;
  /** Candidate index -> product id. */
  ids: Int32Array;
  /** Orders whose lines came in more than one fragment. */
  fragmented: number[];
}

export function planPairCount(parts: readonly Baskets[], orderSlots: number, catalogue: PairCatalogue, minPairOrders: number, shared = false): PairPlan {
  const complete = completeBaskets(parts, orderSlots);
  const baskets = flatBaskets(complete.baskets, shared);
  const slots = catalogue.productAisle.length;
  const inCatalogue = (p: number): boolean => catalogue.known[p] === 1;
  // Orders per product, then the candidates: products in enough orders (the Apriori bound).
  const orders = ordersPerProduct([baskets], slots);
  const ids = Int32Array.from({ length: slots }, (_, p) => p).filter((p) => inCatalogue(p) && orders[p]! >= minPairOrders);
  if (ids.length > kMaxPairCandidates) throw tooManyCandidates(orders, ids.length, minPairOrders);
  const candidate = new Int32Array(slots).fill(-1);
  ids.forEach((p, x) => (candidate[p] = x));
  const grouped = (of: ArrayLike<number>): Int32Array => Int32Array.from({ length: slots }, (_, p) => (inCatalogue(p) && of[p]! > 0 ? of[p]! : -1));
  const aisle = grouped(catalogue.productAisle);
  const department = grouped(catalogue.productDepartment);
  const slotsOf = (codes: Int32Array): number => codes.reduce((max, x) => Math.max(max, x), 0) + 1;
  const codes: ProductCodes = { candidate, aisle, department, candidates: ids.length, aisleSlots: slotsOf(aisle), departmentSlots: slotsOf(department) };
  return { baskets, codes, ids, fragmented: complete.fragmented };
}

function tooManyCandidates(orders: Float64Array, candidates: number, minPairOrders: number): EtlError {
  const sorted = Float64Array.from(orders).sort().reverse();
  const enough = sorted[kMaxPairCandidates]! + 1;
  const mb = Math.round((candidates * (candidates - 1) * 2) / 1e6);
  return new EtlError('CONFIG', `minPairOrders ${minPairOrders} gives ${candidates} products with that many orders; pair counters for them would take ${mb} MB per thread (at most ${kMaxPairCandidates} products are counted): set minPairOrders to ${enough} or more in the config file`);
}

/** Baskets `[0, baskets)` cut into `groups` runs of about the same number of lines. */
export function basketGroups(baskets: Baskets, groups: number): [from: number, to: number][] {
  const n = baskets.orderIds.length;
  const lines = baskets.starts[n]!;
  const cuts = [0];
  let b = 0;
  for (let g = 1; g < groups; g++) {
    const target = (lines * g) / groups;
    while (b < n && baskets.starts[b]! < target) b++;
    cuts.push(Math.max(b, cuts.at(-1)!));
  }
  cuts.push(n);
  return cuts.slice(1).map((to, g) => [cuts[g]!, to] as [number, number]);
}

/** The three tables from the counts of a plan. */
export function pairTables(counts: AllCounts, ids: Int32Array, catalogue: PairCatalogue, settings: PairSettings): Table[] {
  const labels: ProductLabels = {
    name: catalogue.productName,
    aisle: (id) => catalogue.aisleName(catalogue.productAisle[id]!),
    department: (id) => catalogue.departmentName(catalogue.productDepartment[id]!),
  };
  return [
    productPairTable(counts.products, ids, settings.minPairOrders, settings.pairTopN, labels),
    groupPairTable('aisle', counts.aisles, settings.minPairOrders, catalogue.aisleName),
    groupPairTable('department', counts.departments, settings.minPairOrders, catalogue.departmentName),
  ];
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
  const counts = countBaskets([plan.baskets], plan.codes);
  return { tables: pairTables(counts, plan.ids, input, input), candidates: plan.ids.length, fragmented: plan.fragmented };
}

/** Counts of groups of baskets added into the first. */
export function sumCounts(parts: readonly AllCounts[]): AllCounts {
  return parts.slice(1).reduce((sum, part) => addCounts(sum, part), parts[0]!);
}
