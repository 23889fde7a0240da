/**
 * The naive pairs bought together (issue 11, SPEC.md section 3), from the oracle's accepted lines alone:
 * each order's set of products (a Map of Sets), every pair of each set counted in a Map keyed by the two
 * ids, for products, aisles and departments; measures as exact fractions; orders by exact lift (BigInt
 * cross-multiplication, no floating point), then orders together, then the ids.
 */
import { inert, type ExpectedCell, type ExpectedTable, type OracleData } from './oracle.js';

export interface PairSettings {
  minPairOrders: number;
  pairTopN: number;
}

export interface NaivePair {
  a: number;
  b: number;
  na: number;
  nb: number;
  together: number;
}

/** Every pair of `sets` (one set of item ids per order) with at least `min` orders together. */
export function naivePairs(sets: readonly Set<number>[], min: number): NaivePair[] {
  const single = new Map<number, number>();
  const together = new Map<string, number>();
  for (const set of sets) {
    const items = [...set].sort((x, y) => x - y);
    for (const x of items) single.set(x, (single.get(x) ?? 0) + 1);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const key = `${items[i]},${items[j]}`;
        together.set(key, (together.get(key) ?? 0) + 1);
      }
    }
  }
  return [...together]
    .filter(([, t]) => t >= min)
    .map(([key, t]) => {
      const [a, b] = key.split(',').map(Number) as [number, number];
      return { a, b, na: single.get(a)!, nb: single.get(b)!, together: t };
    });
}

/** Exact lift comparison: together / (na nb) (the orders count is common). */
function liftOrder(x: NaivePair, y: NaivePair): number {
  const left = BigInt(y.together) * BigInt(x.na) * BigInt(x.nb);
  const right = BigInt(x.together) * BigInt(y.na) * BigInt(y.nb);
  return left > right ? 1 : left < right ? -1 : 0;
}

/** By exact lift, highest first; ties by orders together, then the ids. */
export const byLift = (x: NaivePair, y: NaivePair): number => liftOrder(x, y) || y.together - x.together || x.a - y.a || x.b - y.b;
/** By orders together, most first; ties by exact lift, then the ids. */
export const byTogether = (x: NaivePair, y: NaivePair): number => y.together - x.together || liftOrder(x, y) || x.a - y.a || x.b - y.b;

/** A pair's counts and measures as numbers (SPEC.md formulas): orders_a, orders_b, together, support, confidence both ways, lift. */
export function measureNumbers(p: NaivePair, orders: number): number[] {
  return [p.na, p.nb, p.together, p.together / orders, p.together / p.na, p.together / p.nb, (p.together * orders) / (p.na * p.nb)];
}

const fraction = (num: number, den: number, decimals: number): ExpectedCell => ({ num: BigInt(num), den: BigInt(den), decimals });

function measures(p: NaivePair, orders: number): ExpectedCell[] {
  return [String(p.na), String(p.nb), String(p.together), fraction(p.together, orders, 6), fraction(p.together, p.na, 6), fraction(p.together, p.nb, 6), fraction(p.together * orders, p.na * p.nb, 4)];
}

const kMeasures = ['orders_a', 'orders_b', 'orders_together', 'support', 'confidence_a_to_b', 'confidence_b_to_a', 'lift'];

/** product_pairs, aisle_pairs and department_pairs as the run must export them. */
export function expectedPairTables(data: OracleData, settings: PairSettings): Record<'product_pairs' | 'aisle_pairs' | 'department_pairs', ExpectedTable> {
  const baskets = new Map<number, Set<number>>();
  for (const line of data.lines) {
    let set = baskets.get(line.order);
    if (set === undefined) baskets.set(line.order, (set = new Set()));
    set.add(line.product.id);
  }
  const orders = baskets.size;
  const productSets = [...baskets.values()];
  const mapped = (of: (id: number) => number): Set<number>[] => productSets.map((set) => new Set([...set].map(of)));
  const product = (id: number) => data.catalogue.get(id)!;
  const departmentName = (id: number): string => inert(data.departments.get(id) ?? `department ${id}`);
  const aisleName = (id: number): string => inert(data.aisles.get(id) ?? `aisle ${id}`);
  const min = settings.minPairOrders;

  const productPairs = naivePairs(productSets, min);
  const productCells = (id: number): ExpectedCell[] => [String(id), inert(product(id).name), aisleName(product(id).aisle), departmentName(product(id).department)];
  const ranked = (ranking: string, order: (x: NaivePair, y: NaivePair) => number): ExpectedCell[][] =>
    [...productPairs]
      .sort(order)
      .slice(0, settings.pairTopN)
      .map((p, r) => [ranking, String(r + 1), ...productCells(p.a), ...productCells(p.b), ...measures(p, orders)]);
  const side = (s: string): string[] => [`product_${s}_id`, `product_${s}`, `aisle_${s}`, `department_${s}`];
  const group = (kind: 'aisle' | 'department', of: (id: number) => number, name: (id: number) => string): ExpectedTable => ({
    columns: [`${kind}_a_id`, `${kind}_a`, `${kind}_b_id`, `${kind}_b`, ...kMeasures],
    rows: naivePairs(mapped(of), min)
      .sort(byLift)
      .map((p) => [String(p.a), name(p.a), String(p.b), name(p.b), ...measures(p, orders)]),
  });
  return {
    product_pairs: { columns: ['ranking', 'rank', ...side('a'), ...side('b'), ...kMeasures], rows: [...ranked('lift', byLift), ...ranked('orders together', byTogether)] },
    aisle_pairs: group('aisle', (id) => product(id).aisle, aisleName),
    department_pairs: group('department', (id) => product(id).department, departmentName),
  };
}
