/**
 * Counting over complete baskets (one per order): how many baskets hold each item, and each unordered
 * pair of distinct items, an item counting once per basket however many lines name it. Items are mapped
 * first (`map[item]` = a dense index below `k`, or -1 to leave the item out): products to themselves
 * among the frequent ones, or products to their aisle or department, so one loop serves the three pair
 * tables. Pairs go to a dense triangle of k (k - 1) / 2 counters: pair (i, j), i < j, at
 * `pairIndex(i, j, k)`.
 */
import type { Baskets } from './baskets.js';

export interface PairCounts {
  /** Dense indexes. */
  k: number;
  /** Baskets (orders) counted. */
  baskets: number;
  /** Baskets holding item i. */
  singles: Float64Array;
  /** Baskets holding both items of a pair, at `pairIndex`; undefined when only singles were asked. */
  pairs: Uint32Array | undefined;
}

/** Position of pair (i, j), i < j < k, in the triangle: row i holds pairs (i, i+1 .. k-1). */
export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * Singles, and pairs when `withPairs`, over every basket of `parts` (fragments joined first; baskets
 * with order id -1 are skipped). `map` is indexed by item id; items beyond it are left out.
 */
export function countBaskets(parts: readonly Baskets[], map: Int32Array, k: number, withPairs: boolean): PairCounts {
  const singles = new Float64Array(k);
  const pairs = withPairs ? new Uint32Array((k * (k - 1)) / 2) : undefined;
  // Per basket, its distinct dense indexes: marked in `seen` with the basket's stamp, listed in `held`.
  const seen = new Uint32Array(k);
  let stamp = 0;
  let held = new Int32Array(64);
  let baskets = 0;
  for (const part of parts) {
    const { orderIds, starts, items } = part;
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      baskets++;
      stamp++;
      let n = 0;
      for (let i = starts[b]!; i < starts[b + 1]!; i++) {
        const item = items[i]!;
        const x = item < map.length ? map[item]! : -1;
        if (x < 0 || seen[x] === stamp) continue;
        seen[x] = stamp;
        if (n === held.length) {
          const grown = new Int32Array(n * 2);
          grown.set(held);
          held = grown;
        }
        held[n++] = x;
        singles[x]!++;
      }
      if (pairs === undefined || n < 2) continue;
      // Insertion sort: baskets hold a handful of items, where a typed array's sort costs more.
      for (let p = 1; p < n; p++) {
        const x = held[p]!;
        let q = p - 1;
        while (q >= 0 && held[q]! > x) {
          held[q + 1] = held[q]!;
          q--;
        }
        held[q + 1] = x;
      }
      for (let p = 0; p < n - 1; p++) {
        const i = held[p]!;
        const row = i * k - (i * (i + 1)) / 2 - i - 1;
        for (let q = p + 1; q < n; q++) pairs[row + held[q]!]!++;
      }
    }
  }
  return { k, baskets, singles, pairs };
}
