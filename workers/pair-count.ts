/**
 * Counting over complete baskets (one per order): how many baskets hold each item, and each unordered
 * pair of distinct items, an item counting once per basket however many lines name it. One pass serves
 * the three pair tables: each product id is coded once (`ProductCodes`) with its dense index among the
 * candidate products (or none), its aisle and its department. Pairs go to dense triangles of
 * k (k - 1) / 2 counters: pair (i, j), i < j, at `pairIndex(i, j, k)`.
 *
 * Aisles and departments are gathered per basket in bit sets (a few words) and products in a short
 * list with a stamp per product: no sorting of whole baskets, no hashing.
 */
import type { Baskets, PairsResult, PairsTask } from './protocol.js';

/** Counts of one kind of item (products, aisles or departments). */
export interface PairCounts {
  /** Dense indexes: items 0 .. k - 1. */
  k: number;
  /** Baskets (orders) counted. */
  baskets: number;
  /** Baskets holding item i. */
  singles: Float64Array;
  /** Baskets holding both items of a pair, at `pairIndex(i, j, k)`. */
  pairs: Uint32Array;
}

/** Position of pair (i, j), i < j < k, in the triangle: row i holds pairs (i, i+1 .. k-1). */
export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * What the pass needs to know of each product id: its dense index among the candidate products
 * (-1: not a candidate), its aisle and its department (dense indexes of their own, the ids themselves;
 * -1 leaves the product out of that table).
 */
export interface ProductCodes {
  candidate: Int32Array;
  aisle: Int32Array;
  department: Int32Array;
  candidates: number;
  aisleSlots: number;
  departmentSlots: number;
}

export interface AllCounts {
  products: PairCounts;
  aisles: PairCounts;
  departments: PairCounts;
}

/** Zero counts over `k` items. */
export function emptyCounts(k: number): PairCounts {
  return { k, baskets: 0, singles: new Float64Array(k), pairs: new Uint32Array(Math.max(0, (k * (k - 1)) / 2)) };
}

/**
 * Where row i of the triangle starts, minus i + 1 (so pair (i, j) is at `rows[i] + j`), as integers:
 * the same sum computed per pair with its `/ 2` is a double, and a double index costs V8 a slow store.
 */
function rowBases(k: number): Int32Array {
  return Int32Array.from({ length: k }, (_, i) => pairIndex(i, i + 1, k) - (i + 1));
}

/** Orders holding each product id (ids below `slots`): the candidates for pair counters are chosen from these. */
export function ordersPerProduct(parts: readonly Baskets[], slots: number): Float64Array {
  const orders = new Float64Array(slots);
  const seen = new Uint32Array(slots);
  let stamp = 0;
  for (const { orderIds, starts, items } of parts) {
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      stamp++;
      for (let i = starts[b]!; i < starts[b + 1]!; i++) {
        const p = items[i]!;
        if (p < slots && seen[p] !== stamp) {
          seen[p] = stamp;
          orders[p]!++;
        }
      }
    }
  }
  return orders;
}

/** Every count of the three tables, in one pass over the baskets (order id -1 = joined elsewhere: skipped). */
export function countBaskets(parts: readonly Baskets[], codes: ProductCodes): AllCounts {
  const products = emptyCounts(codes.candidates);
  const aisles = emptyCounts(codes.aisleSlots);
  const departments = emptyCounts(codes.departmentSlots);
  const slots = codes.candidate.length;
  // Aisle and department in one word per product (products are drawn at random: fewer arrays, fewer misses).
  const candidate = codes.candidate;
  const place = new Int32Array(slots);
  for (let p = 0; p < slots; p++) place[p] = ((codes.aisle[p]! + 1) << 16) | (codes.department[p]! + 1);
  const aisleBits = new Uint32Array((codes.aisleSlots + 31) >>> 5);
  const departmentBits = new Uint32Array((codes.departmentSlots + 31) >>> 5);
  const seen = new Uint32Array(codes.candidates);
  const productPairs = new PairSink(products.pairs);
  const [productRows, aisleRows, departmentRows] = [products.k, aisles.k, departments.k].map(rowBases) as [Int32Array, Int32Array, Int32Array];
  let held = new Int32Array(64);
  const list = new Int32Array(Math.max(codes.aisleSlots, codes.departmentSlots));
  let stamp = 0;
  let baskets = 0;
  for (const { orderIds, starts, items } of parts) {
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      baskets++;
      stamp++;
      let n = 0;
      for (let i = starts[b]!; i < starts[b + 1]!; i++) {
        const p = items[i]!;
        if (p >= slots) continue;
        const at = place[p]!;
        const a = (at >>> 16) - 1;
        if (a >= 0) aisleBits[a >>> 5]! |= 1 << (a & 31);
        const d = (at & 0xffff) - 1;
        if (d >= 0) departmentBits[d >>> 5]! |= 1 << (d & 31);
        const x = candidate[p]!;
        if (x < 0 || seen[x] === stamp) continue;
        seen[x] = stamp;
        if (n === held.length) {
          const grown = new Int32Array(n * 2);
          grown.set(held);
          held = grown;
        }
        held[n++] = x;
      }
      sortHeld(held, n);
      for (let q = 0; q < n; q++) {
        const i = held[q]!;
        products.singles[i]!++;
        const row = productRows[i]!;
        for (let r = q + 1; r < n; r++) productPairs.add(row + held[r]!);
      }
      countBits(aisles, aisleRows, aisleBits, list);
      countBits(departments, departmentRows, departmentBits, list);
    }
  }
  productPairs.flush();
  products.baskets = aisles.baskets = departments.baskets = baskets;
  return { products, aisles, departments };
}

/**
 * Increments of a large triangle, in batches sorted by block: a product triangle of thousands of
 * candidates is tens of MB, and each increment straight into it is a cache miss (about 40 ns on the
 * benchmark machine; 6 s for the full data set). Indexes are kept in a buffer and, when it is full,
 * put in order of their 64k-counter block (a counting sort), so that the increments of one block come
 * together while its 256 kB are in cache.
 */
class PairSink {
  private static readonly kBatch = 1 << 22;
  private static readonly kBlockBits = 16;
  private readonly pending = new Uint32Array(PairSink.kBatch);
  private readonly sorted = new Uint32Array(PairSink.kBatch);
  private readonly offsets: Uint32Array;
  private n = 0;

  constructor(private readonly target: Uint32Array) {
    this.offsets = new Uint32Array((target.length >>> PairSink.kBlockBits) + 2);
  }

  add(index: number): void {
    this.pending[this.n++] = index;
    if (this.n === PairSink.kBatch) this.flush();
  }

  flush(): void {
    const { pending, sorted, offsets, target, n } = this;
    const shift = PairSink.kBlockBits;
    offsets.fill(0);
    for (let i = 0; i < n; i++) offsets[(pending[i]! >>> shift) + 1]!++;
    for (let b = 1; b < offsets.length; b++) offsets[b]! += offsets[b - 1]!;
    for (let i = 0; i < n; i++) sorted[offsets[pending[i]! >>> shift]!++] = pending[i]!;
    for (let i = 0; i < n; i++) target[sorted[i]!]!++;
    this.n = 0;
  }
}

/** Insertion sort of `held[0 .. n)`: a basket holds a handful of items, where a typed array's sort costs more. */
function sortHeld(held: Int32Array, n: number): void {
  for (let p = 1; p < n; p++) {
    const x = held[p]!;
    let q = p - 1;
    while (q >= 0 && held[q]! > x) {
      held[q + 1] = held[q]!;
      q--;
    }
    held[q + 1] = x;
  }
}

/** The basket's distinct dense indexes `list[0 .. n)`, ascending, counted: singles, and pairs straight into a small triangle. */
function countSorted(c: PairCounts, rows: Int32Array, list: Int32Array, n: number): void {
  const { singles, pairs } = c;
  for (let p = 0; p < n; p++) {
    const i = list[p]!;
    singles[i]!++;
    const row = rows[i]!;
    for (let q = p + 1; q < n; q++) pairs[row + list[q]!]!++;
  }
}

/** The basket's bit set: its items listed in ascending order (clearing the set), then counted (no sort needed). */
function countBits(c: PairCounts, rows: Int32Array, bits: Uint32Array, list: Int32Array): void {
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      list[n++] = (w << 5) + 31 - Math.clz32(word & -word);
      word &= word - 1;
    }
    bits[w] = 0;
  }
  countSorted(c, rows, list, n);
}

/** `from` added into `into` (counts of disjoint groups of baskets over the same codes); returns `into`. */
export function addCounts(into: AllCounts, from: AllCounts): AllCounts {
  for (const kind of ['products', 'aisles', 'departments'] as const) {
    const a = into[kind];
    const b = from[kind];
    if (a.k !== b.k) throw new Error(`pair counts of ${kind} over ${a.k} and ${b.k} items cannot be added`);
    a.baskets += b.baskets;
    for (let i = 0; i < a.k; i++) a.singles[i]! += b.singles[i]!;
    const pairs = a.pairs;
    const more = b.pairs;
    for (let x = 0; x < pairs.length; x++) pairs[x]! += more[x]!;
  }
  return into;
}

/** A count task: a group of baskets (views shared with the other tasks), counted with `codes`. */
export function countPairs(task: PairsTask): { result: PairsResult; buffers: ArrayBufferLike[] } {
  const counts = countBaskets(task.parts, task.codes);
  return { result: { kind: 'pairs', counts }, buffers: [counts.products, counts.aisles, counts.departments].flatMap((c) => [c.singles.buffer, c.pairs.buffer]) };
}
