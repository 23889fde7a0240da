/**
 * The pair tables (SPEC.md section 3, "pairs bought together"): for two distinct items A and B of one
 * order, orders_together, support = orders_together / orders, confidence_a_to_b = orders_together /
 * orders holding A, lift = orders_together x orders / (orders holding A x orders holding B); A is the
 * item with the lower id. Pairs listed have at least `minPairOrders` orders together.
 * - `department_pairs`, `aisle_pairs`: every such pair, by lift (highest first), then orders together.
 * - `product_pairs`: the top `pairTopN` such pairs by lift and the top `pairTopN` by orders together,
 *   each list ranked in the `ranking` column.
 */
import type { Cell, Column, Table } from '../summaries/table.js';
import { pairIndex, type PairCounts } from '../../workers/index.js';

/** One pair of dense indexes with its counts. */
export interface Pair {
  i: number;
  j: number;
  together: number;
}

/** The measures of a pair, from its counts and the baskets (orders) counted. */
export function pairMeasures(together: number, holdingA: number, holdingB: number, orders: number): { support: number; confidenceAToB: number; confidenceBToA: number; lift: number } {
  return { support: together / orders, confidenceAToB: together / holdingA, confidenceBToA: together / holdingB, lift: (together * orders) / (holdingA * holdingB) };
}

/**
 * The pairs of `counts` with at least `min` baskets together, i < j (the pairs of two wide items from
 * their own counts).
 */
export function pairsAtLeast(counts: PairCounts, min: number): Pair[] {
  const { k, pairs } = counts;
  const wides = counts.wides ?? 0;
  const found: Pair[] = [];
  let at = 0;
  for (let i = 0; i < k - 1; i++) {
    for (let j = i + 1; j < k; j++, at++) if (pairs[at]! >= min && j >= wides) found.push({ i, j, together: pairs[at]! });
  }
  for (let i = 0; i < wides - 1; i++) {
    for (let j = i + 1; j < wides; j++) {
      const together = counts.widePairs![pairIndex(i, j, wides)]!;
      if (together >= min) found.push({ i, j, together });
    }
  }
  return found;
}

const lift = (p: Pair, c: PairCounts): number => (p.together * c.baskets) / (c.singles[p.i]! * c.singles[p.j]!);

/** By lift, highest first; ties by orders together, then by the ids (`id`: index -> id, when they differ). */
export function byLift(c: PairCounts, id: (x: number) => number = (x) => x): (a: Pair, b: Pair) => number {
  return (a, b) => lift(b, c) - lift(a, c) || b.together - a.together || id(a.i) - id(b.i) || id(a.j) - id(b.j);
}

/** By orders together, most first; ties by lift, then by the ids (`id`: index -> id, when they differ). */
export function bySupport(c: PairCounts, id: (x: number) => number = (x) => x): (a: Pair, b: Pair) => number {
  return (a, b) => b.together - a.together || lift(b, c) - lift(a, c) || id(a.i) - id(b.i) || id(a.j) - id(b.j);
}

const kMeasureColumns: Column[] = [
  { name: 'orders_a', kind: 'int' },
  { name: 'orders_b', kind: 'int' },
  { name: 'orders_together', kind: 'int' },
  { name: 'support', kind: 'share' },
  { name: 'confidence_a_to_b', kind: 'share' },
  { name: 'confidence_b_to_a', kind: 'share' },
  { name: 'lift', kind: 'decimal' },
];

function measureCells(p: Pair, c: PairCounts): Cell[] {
  const a = c.singles[p.i]!;
  const b = c.singles[p.j]!;
  const m = pairMeasures(p.together, a, b, c.baskets);
  return [a, b, p.together, m.support, m.confidenceAToB, m.confidenceBToA, m.lift];
}

/**
 * `department_pairs` or `aisle_pairs`: counts over dense indexes that are the ids themselves, every
 * pair with at least `min` orders together, by lift.
 */
export function groupPairTable(kind: 'department' | 'aisle', counts: PairCounts, min: number, name: (id: number) => string): Table {
  const pairs = pairsAtLeast(counts, min).sort(byLift(counts));
  return {
    name: `${kind}_pairs`,
    grain: `one row per pair of ${kind}s bought in the same order, in at least ${min.toLocaleString('en-US')} orders together; by lift`,
    columns: [{ name: `${kind}_a_id`, kind: 'int' }, { name: `${kind}_a`, kind: 'text' }, { name: `${kind}_b_id`, kind: 'int' }, { name: `${kind}_b`, kind: 'text' }, ...kMeasureColumns],
    rows: pairs.map((p) => [p.i, name(p.i), p.j, name(p.j), ...measureCells(p, counts)]),
  };
}

/** What a product row shows besides its id: name, aisle and department names. */
export interface ProductLabels {
  name(id: number): string;
  aisle(id: number): string;
  department(id: number): string;
}

/**
 * `product_pairs`: counts over dense indexes of the products in `ids` (index -> product id); the top
 * `topN` pairs by lift and the top `topN` by orders together, among pairs in at least `min` orders.
 */
export function productPairTable(counts: PairCounts, ids: Int32Array, min: number, topN: number, labels: ProductLabels): Table {
  // A is the product with the lower id (the indexes put the wide products first).
  const id = (x: number): number => ids[x]!;
  const pairs = pairsAtLeast(counts, min).map((p) => (id(p.i) < id(p.j) ? p : { i: p.j, j: p.i, together: p.together }));
  const product = (x: number): Cell[] => {
    const p = id(x);
    return [p, labels.name(p), labels.aisle(p), labels.department(p)];
  };
  const ranked = (ranking: string, order: (a: Pair, b: Pair) => number): Cell[][] =>
    [...pairs]
      .sort(order)
      .slice(0, topN)
      .map((p, r) => [ranking, r + 1, ...product(p.i), ...product(p.j), ...measureCells(p, counts)]);
  const side = (s: 'a' | 'b'): Column[] => [
    { name: `product_${s}_id`, kind: 'int' },
    { name: `product_${s}`, kind: 'text' },
    { name: `aisle_${s}`, kind: 'text' },
    { name: `department_${s}`, kind: 'text' },
  ];
  return {
    name: 'product_pairs',
    grain: `one row per ranked pair of products bought in the same order: the top ${topN} by lift and the top ${topN} by orders together, among pairs in at least ${min.toLocaleString('en-US')} orders together`,
    columns: [{ name: 'ranking', kind: 'text' }, { name: 'rank', kind: 'int' }, ...side('a'), ...side('b'), ...kMeasureColumns],
    rows: [...ranked('lift', byLift(counts, id)), ...ranked('orders together', bySupport(counts, id))],
  };
}
