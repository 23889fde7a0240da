/**
 * Counting over complete baskets (one per order): how many baskets hold each item, and each unordered
 * pair of distinct items, an item counting once per basket however many lines name it. Each product id
 * is coded once (`ProductCodes`) with its dense index among the candidate products (or none), its aisle
 * and its department. Pairs go to dense triangles of k (k - 1) / 2 counters: pair (i, j), i < j, at
 * `pairIndex(i, j, k)`.
 *
 * Two passes: `listBaskets` (per group of baskets) counts the aisle and department pairs and lists each
 * basket's candidate products (a stamp per id: no hashing); `countBand` (per band of the product
 * triangle) adds the pairs of every list whose first item is in the band. `countBaskets` is both on one
 * thread; src/pairs runs them on the pool.
 *
 * The product triangle has 16-bit counters (half the memory and cache of 32-bit ones, half the bands):
 * a pair is in at most as many baskets as either of its products, so only a pair of two "wide" products
 * (ones that may be in more than `kBandCountMax` baskets) can pass 65,535. The wide products are the
 * first candidates (indexes 0 .. wides - 1), so they start every sorted list, and the first pass counts
 * their pairs apart, exactly, in 32 bits (34 products at full scale: a small triangle).
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
  /** Baskets holding both items of a pair, at `pairIndex(i, j, k)` (16-bit for products: see `wide`). */
  pairs: Uint32Array | Uint16Array;
  /**
   * When `pairs` is 16-bit: items 0 .. wides - 1 are wide, and the counts of their pairs are in
   * `widePairs` (at `pairIndex(i, j, wides)`), not in `pairs`.
   */
  wides?: number;
  widePairs?: Uint32Array;
}

/** A 16-bit counter of the product triangle holds up to this. */
export const kBandCountMax = 0xffff;

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
  /** Candidates 0 .. wides - 1 are the wide ones: they may be in more than `kBandCountMax` baskets. */
  wides: number;
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

/**
 * Each basket's candidate products as a sorted list of distinct dense indexes (a basket b's list is
 * `lists[offsets[b] .. offsets[b + 1])`), in shared memory: the band counts read them on any thread.
 */
export interface BasketLists {
  /** 16-bit: src/pairs counts at most 8,192 candidates. */
  lists: Uint16Array;
  offsets: Uint32Array;
}

/** What the first pass gives: the aisle and department counts whole, the products' singles, wide pairs and lists. */
export interface ListedBaskets {
  aisles: PairCounts;
  departments: PairCounts;
  /** Baskets holding each candidate product. */
  singles: Float64Array;
  /** Baskets holding each pair of wide candidates (a triangle over them). */
  widePairs: Uint32Array;
  baskets: number;
  lists: BasketLists;
}

/**
 * Pass 1 over the baskets (order id -1 = joined elsewhere: skipped): aisle and department pairs counted
 * (small triangles, in cache), the pairs of wide products counted, and each basket's candidate products
 * listed for the bands.
 */
export function listBaskets(parts: readonly Baskets[], codes: ProductCodes): ListedBaskets {
  const k = codes.candidates;
  const aisleSlots = codes.aisleSlots;
  const departmentSlots = codes.departmentSlots;
  const slots = codes.candidate.length;
  if (k > 0x10000) throw new Error(`${k} candidate products: the lists hold 16-bit indexes`);
  // Every product coded, "none" as one more slot (k, aisleSlots, departmentSlots) whose stamp is always
  // the current basket's: an item is added to a list as `list[n] = x; n += fresh` (no branch to mispredict).
  // A product id past the codes (none in the catalogue) reads the extra last slot: none of the three.
  const noneAs = (codes: Int32Array, none: number): Int32Array => {
    const coded = new Int32Array(slots + 1).fill(none);
    codes.forEach((x, p) => x >= 0 && (coded[p] = x));
    return coded;
  };
  const candidate = noneAs(codes.candidate, k);
  const aisle = noneAs(codes.aisle, aisleSlots);
  const department = noneAs(codes.department, departmentSlots);
  const seen = new Uint32Array(k + 1);
  const aisleSeen = new Uint32Array(aisleSlots + 1);
  const departmentSeen = new Uint32Array(departmentSlots + 1);
  const aisleList = new Int32Array(aisleSlots + 1);
  const departmentList = new Int32Array(departmentSlots + 1);
  const singles = new Float64Array(k + 1);
  // Aisles and departments counted in full squares (both orders of a pair: no sort), folded into the
  // triangles at the end.
  const aisles = emptyCounts(aisleSlots);
  const departments = emptyCounts(departmentSlots);
  const aisleSquare = new Uint32Array(aisleSlots * aisleSlots);
  const departmentSquare = new Uint32Array(departmentSlots * departmentSlots);
  const wides = codes.wides;
  const widePairs = new Uint32Array((wides * (wides - 1)) / 2 || 0);
  const wideRows = rowBases(wides);
  let basketCount = 0;
  let lineCount = 0;
  for (const { orderIds, starts } of parts) {
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      basketCount++;
      lineCount += starts[b + 1]! - starts[b]!;
    }
  }
  const lists = new Uint16Array(new SharedArrayBuffer((lineCount + 1) * 2));
  const offsets = new Uint32Array(new SharedArrayBuffer((basketCount + 1) * 4));
  const fresh = (before: number, stamp: number): number => {
    const d = before ^ stamp;
    return (d | -d) >>> 31;
  };
  let stamp = 0;
  let basket = 0;
  let at = 0;
  for (const { orderIds, starts, items } of parts) {
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      stamp++;
      seen[k] = aisleSeen[aisleSlots] = departmentSeen[departmentSlots] = stamp;
      const first = at;
      let na = 0;
      let nd = 0;
      const end = starts[b + 1]!;
      for (let i = starts[b]!; i < end; i++) {
        const p = Math.min(items[i]!, slots);
        const a = aisle[p]!;
        aisleList[na] = a;
        na += fresh(aisleSeen[a]!, stamp);
        aisleSeen[a] = stamp;
        const d = department[p]!;
        departmentList[nd] = d;
        nd += fresh(departmentSeen[d]!, stamp);
        departmentSeen[d] = stamp;
        const x = candidate[p]!;
        const f = fresh(seen[x]!, stamp);
        seen[x] = stamp;
        singles[x]! += f;
        lists[at] = x;
        at += f;
      }
      sortRange(lists, first, at);
      offsets[++basket] = at;
      countSquare(aisles.singles, aisleSquare, aisleSlots, aisleList, na);
      countSquare(departments.singles, departmentSquare, departmentSlots, departmentList, nd);
      // The wide candidates start the sorted list.
      for (let p = first; p < at && lists[p]! < wides; p++) {
        const row = wideRows[lists[p]!]!;
        for (let q = p + 1; q < at && lists[q]! < wides; q++) widePairs[row + lists[q]!]!++;
      }
    }
  }
  foldSquare(aisles, aisleSquare);
  foldSquare(departments, departmentSquare);
  aisles.baskets = departments.baskets = basketCount;
  return { aisles, departments, singles: singles.subarray(0, k), widePairs, baskets: basketCount, lists: { lists: lists.subarray(0, at), offsets } };
}

/**
 * Counters per band: a band of the product triangle is at most this many 16-bit counters (8 MB): on the
 * benchmark machine an increment at random in 8 MB costs about 3.6 ns, in the 66 MB triangle of 5,741
 * products (32-bit) about 33 ns (cache and TLB misses). Each band is one more pass over the lists, which
 * are read in order: at full scale 4 bands took 0.94 s on one thread, 8 bands of 32-bit counters 1.34 s.
 */
export const kBandCounters = 4 << 20;

/** Rows `[lo, hi)` of the triangle over `k` items, each band at most `kBandCounters` counters (a row longer than that is a band alone). */
export function triangleBands(k: number): [lo: number, hi: number][] {
  const bands: [number, number][] = [];
  let lo = 0;
  while (lo < k - 1) {
    let hi = lo + 1;
    while (hi < k - 1 && pairIndex(hi, hi + 1, k) + (k - hi - 1) - pairIndex(lo, lo + 1, k) <= kBandCounters) hi++;
    bands.push([lo, hi]);
    lo = hi;
  }
  return bands;
}

/**
 * Pass 2, one band: the pairs (i, j) with lo <= i < hi of every listed basket, added into `band`, the
 * triangle's counters of rows lo .. hi - 1 (at `pairIndex(i, j, k) - pairIndex(lo, lo + 1, k)`).
 */
export function countBand(listed: readonly BasketLists[], k: number, lo: number, hi: number, band: Uint16Array): void {
  const rows = rowBases(k);
  const base = pairIndex(lo, lo + 1, k);
  for (const { lists, offsets } of listed) {
    const baskets = offsets.length - 1;
    for (let b = 0; b < baskets; b++) {
      const end = offsets[b + 1]!;
      let q = offsets[b]!;
      while (q < end && lists[q]! < lo) q++;
      for (; q < end; q++) {
        const i = lists[q]!;
        if (i >= hi) break;
        const row = rows[i]! - base;
        for (let r = q + 1; r < end; r++) band[row + lists[r]!]!++;
      }
    }
  }
}

/** Every count of the three tables: the lists, then each band, on this thread. */
export function countBaskets(parts: readonly Baskets[], codes: ProductCodes): AllCounts {
  const listed = listBaskets(parts, codes);
  const k = codes.candidates;
  const pairs = new Uint16Array(Math.max(0, (k * (k - 1)) / 2));
  for (const [lo, hi] of triangleBands(k)) countBand([listed.lists], k, lo, hi, pairs.subarray(pairIndex(lo, lo + 1, k), pairIndex(hi, hi + 1, k)));
  return { products: productCounts([listed], codes, pairs), aisles: listed.aisles, departments: listed.departments };
}

/**
 * The product counts from the first pass of every group and the triangle the bands filled: the wide
 * pairs added up. A narrow candidate found in more baskets than a 16-bit counter holds would mean its
 * pairs were cut short: an error, not a wrong count.
 */
export function productCounts(listed: readonly ListedBaskets[], codes: ProductCodes, pairs: Uint16Array): PairCounts {
  const k = codes.candidates;
  const singles = new Float64Array(k);
  const widePairs = new Uint32Array(listed[0]?.widePairs.length ?? 0);
  for (const l of listed) {
    for (let i = 0; i < k; i++) singles[i]! += l.singles[i]!;
    for (let x = 0; x < widePairs.length; x++) widePairs[x]! += l.widePairs[x]!;
  }
  for (let i = codes.wides; i < k; i++) {
    if (singles[i]! > kBandCountMax) throw new Error(`candidate ${i} is in ${singles[i]} baskets but was not counted as wide (more than ${kBandCountMax})`);
  }
  return { k, baskets: listed.reduce((n, l) => n + l.baskets, 0), singles, pairs, wides: codes.wides, widePairs };
}

/** Insertion sort of `a[from .. to)`: a basket holds a handful of items, where a typed array's sort costs more. */
function sortRange(a: Uint16Array, from: number, to: number): void {
  for (let p = from + 1; p < to; p++) {
    const x = a[p]!;
    let q = p - 1;
    while (q >= from && a[q]! > x) {
      a[q + 1] = a[q]!;
      q--;
    }
    a[q + 1] = x;
  }
}

/** A basket's distinct items `list[0 .. n)` (any order): singles, and each pair in both cells of a k x k square. */
function countSquare(singles: Float64Array, square: Uint32Array, k: number, list: Int32Array, n: number): void {
  for (let p = 0; p < n; p++) {
    const i = list[p]!;
    singles[i]!++;
    const row = i * k;
    for (let q = p + 1; q < n; q++) square[row + list[q]!]!++;
  }
}

/** The square's pair counts (i, j) + (j, i) into the triangle of `c`. */
function foldSquare(c: PairCounts, square: Uint32Array): void {
  const k = c.k;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) c.pairs[pairIndex(i, j, k)] = square[i * k + j]! + square[j * k + i]!;
}

/** `from` added into `into` (counts of disjoint groups of baskets over the same items); returns `into`. */
export function addCounts(into: PairCounts, from: PairCounts): PairCounts {
  if (into.k !== from.k) throw new Error(`pair counts over ${into.k} and ${from.k} items cannot be added`);
  into.baskets += from.baskets;
  for (let i = 0; i < into.k; i++) into.singles[i]! += from.singles[i]!;
  const pairs = into.pairs;
  const more = from.pairs;
  for (let x = 0; x < pairs.length; x++) pairs[x]! += more[x]!;
  return into;
}

/** A pairs task on any thread: pass 1 over a group of baskets, or pass 2 over one band of the shared triangle. */
export function runPairsTask(task: PairsTask): { result: PairsResult; buffers: ArrayBufferLike[] } {
  if (task.step === 'lists') {
    const listed = listBaskets(task.parts, task.codes);
    const buffers = [listed.aisles, listed.departments].flatMap((c) => [c.singles.buffer, c.pairs.buffer]);
    return { result: { kind: 'pairs', step: 'lists', listed }, buffers: [...buffers, listed.singles.buffer, listed.widePairs.buffer] };
  }
  countBand(task.lists, task.k, task.lo, task.hi, task.band);
  return { result: { kind: 'pairs', step: 'band' }, buffers: [] };
}
