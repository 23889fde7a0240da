/**
 * Counting over complete baskets (one per order): how many baskets hold each item, and each unordered
 * pair of distinct items, an item counting once per basket however many lines name it. Each product id
 * is coded once (`ProductCodes`) with its dense index among the candidate products (or none), its aisle
 * and its department. Pairs go to dense triangles of k (k - 1) / 2 counters: pair (i, j), i < j, at
 * `pairIndex(i, j, k)`.
 *
 * Two passes: `listBaskets` (per group of baskets) counts the aisle and department pairs and lists each
 * basket's candidate products (a stamp per id: no hashing); `countBand` (per band of the product
 * triangle, in WebAssembly: pair-kernels.wat) adds the pairs of every list whose first item is in the
 * band. The lists and the triangle are in one shared memory laid out by `pairLayout`. `countBaskets` is
 * both passes on one thread; src/pairs runs them on the pool.
 *
 * The product triangle has 16-bit counters (half the memory and cache of 32-bit ones, half the bands):
 * a pair is in at most as many baskets as either of its products, so only a pair of two "wide" products
 * (ones that may be in more than `kBandCountMax` baskets) can pass 65,535. The wide products are the
 * first candidates (indexes 0 .. wides - 1), so they start every sorted list, and the first pass counts
 * their pairs apart, exactly, in 32 bits (34 products at full scale: a small triangle).
 */
import { pairKernels, sharedMemory } from './pair-kernels.js';
import type { Baskets, PairsResult, PairsTask } from './protocol.js';

/** Counts of one kind of item (products, aisles or departments). */
export interface PairCounts {
  /** Dense indexes: items 0 .. k - 1. */
  k: number;
  /** Baskets (orders) counted. */
  baskets: number;
  /** Baskets holding item i. */
  singles: Float64Array;
  /** Baskets holding both items of a pair, at `pairIndex(i, j, k)` (16-bit for products: see `wides`). */
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

/** Where row i of the triangle starts, minus i + 1 (so pair (i, j) is at `rows[i] + j`): the kernels' row bases. */
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
 * Each basket's candidate products as a sorted list of distinct dense indexes, in the count's memory
 * (byte offsets): 16-bit indexes at `listsAt`, and `baskets` + 1 32-bit offsets into them at `offsetsAt`
 * (basket b's list is items offsets[b] .. offsets[b + 1]).
 */
export interface BasketLists {
  listsAt: number;
  offsetsAt: number;
  baskets: number;
}

/**
 * One group's room in the count's memory (byte offsets): its baskets copied in (product ids of
 * `itemBytes` bytes, and starts), which the first pass turns into its lists in place, and the pass's
 * counters and scratch.
 */
export interface ListsPlace {
  lines: number;
  baskets: number;
  itemBytes: number;
  itemsAt: number;
  startsAt: number;
  seenAt: number;
  aisleSeenAt: number;
  departmentSeenAt: number;
  aisleListAt: number;
  departmentListAt: number;
  singlesAt: number;
  aisleSinglesAt: number;
  departmentSinglesAt: number;
  aisleSquareAt: number;
  departmentSquareAt: number;
  widePairsAt: number;
}

/**
 * The count's shared memory (byte offsets): each product id's codes (32-bit, "none" coded as the
 * extra slot of each kind), the row bases of the triangle and of the wide pairs, the triangle of 16-bit
 * counters, and each group's place. Every thread reads and writes it in place, each its own parts.
 */
export interface PairLayout {
  memory: WebAssembly.Memory;
  /** The control words (see `countShare`), then each group's baskets listed. */
  controlAt: number;
  k: number;
  slots: number;
  candidateAt: number;
  aisleAt: number;
  departmentAt: number;
  rowsAt: number;
  wideRowsAt: number;
  triangleAt: number;
  places: ListsPlace[];
}

/** The memory for counting `groups` of baskets with `codes`: zeroed, the codes and row bases written. */
export function pairLayout(groups: readonly (readonly Baskets[])[], codes: ProductCodes): PairLayout {
  const k = codes.candidates;
  if (k > 0x10000) throw new Error(`${k} candidate products: the lists hold 16-bit indexes`);
  const { aisleSlots, departmentSlots, wides } = codes;
  const slots = codes.candidate.length;
  let end = 0;
  const take = (bytes: number): number => {
    const at = end;
    end += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const words = (n: number): number => take(n * 4);
  const controlAt = words(kControlWords + groups.length);
  const candidateAt = words(slots + 1);
  const aisleAt = words(slots + 1);
  const departmentAt = words(slots + 1);
  const rowsAt = words(k);
  const wideRowsAt = words(wides);
  const triangleAt = take(triangleSize(k) * 2);
  const places = groups.map((parts): ListsPlace => {
    const baskets = parts.reduce((n, part) => n + part.orderIds.length, 0);
    const lines = parts.reduce((n, part) => n + part.starts[part.orderIds.length]! - part.starts[0]!, 0);
    const itemBytes = parts.reduce((n, part) => Math.max(n, part.items.BYTES_PER_ELEMENT), 2);
    return {
      lines,
      baskets,
      itemBytes,
      itemsAt: take(lines * itemBytes),
      startsAt: words(baskets + 1),
      seenAt: words(k + 1),
      aisleSeenAt: words(aisleSlots + 1),
      departmentSeenAt: words(departmentSlots + 1),
      aisleListAt: words(aisleSlots + 1),
      departmentListAt: words(departmentSlots + 1),
      singlesAt: words(k + 1),
      aisleSinglesAt: words(aisleSlots),
      departmentSinglesAt: words(departmentSlots),
      aisleSquareAt: words(aisleSlots * aisleSlots),
      departmentSquareAt: words(departmentSlots * departmentSlots),
      widePairsAt: words(triangleSize(wides)),
    };
  });
  const memory = sharedMemory(end);
  // A product id's codes; "none" (and any id past the catalogue, read as id `slots`) is the extra slot.
  const coded = (at: number, of: Int32Array, none: number): void => {
    const to = new Int32Array(memory.buffer, at, slots + 1).fill(none);
    of.forEach((x, p) => x >= 0 && (to[p] = x));
  };
  coded(candidateAt, codes.candidate, k);
  coded(aisleAt, codes.aisle, aisleSlots);
  coded(departmentAt, codes.department, departmentSlots);
  new Int32Array(memory.buffer, rowsAt, k).set(rowBases(k));
  new Int32Array(memory.buffer, wideRowsAt, wides).set(rowBases(wides));
  return { memory, controlAt, k, slots, candidateAt, aisleAt, departmentAt, rowsAt, wideRowsAt, triangleAt, places };
}

/** The triangle of a layout, as 16-bit counters. */
export function layoutTriangle(layout: Pick<PairLayout, 'memory' | 'triangleAt' | 'k'>): Uint16Array {
  return new Uint16Array(layout.memory.buffer, layout.triangleAt, triangleSize(layout.k));
}

const triangleSize = (k: number): number => Math.max(0, (k * (k - 1)) / 2);

/** What the first pass gives: the aisle and department counts whole, the products' singles and wide pairs. */
export interface ListedBaskets {
  aisles: PairCounts;
  departments: PairCounts;
  /** Baskets holding each candidate product. */
  singles: Float64Array;
  /** Baskets holding each pair of wide candidates (a triangle over them). */
  widePairs: Uint32Array;
  baskets: number;
}

/**
 * Pass 1 over one group of baskets (order id -1 = joined elsewhere: skipped), in WebAssembly
 * (pair-kernels.wat): aisle and department pairs counted, the pairs of wide products counted, and each
 * basket's candidate products listed for the bands. The group is copied into its place first, without
 * the baskets joined elsewhere. Returns the baskets listed; `listedAt` reads the counts.
 */
export function listBaskets(parts: readonly Baskets[], codes: ProductCodes, layout: Omit<PairLayout, 'places'>, place: ListsPlace): number {
  const { memory } = layout;
  const items = place.itemBytes === 2 ? new Uint16Array(memory.buffer, place.itemsAt, place.lines) : new Uint32Array(memory.buffer, place.itemsAt, place.lines);
  const starts = new Uint32Array(memory.buffer, place.startsAt, place.baskets + 1);
  let line = 0;
  let basket = 0;
  for (const { orderIds, starts: from, items: of } of parts) {
    const n = orderIds.length;
    // Runs of baskets between those joined elsewhere (order id -1: a few), each copied whole.
    for (let b = 0, e = 0; b < n; b = e) {
      if (orderIds[b] === -1) {
        e = b + 1;
        continue;
      }
      for (e = b + 1; e < n && orderIds[e] !== -1; e++);
      items.set(of.subarray(from[b]!, from[e]!), line);
      for (let x = b; x < e; x++) starts[basket++] = line + from[x]! - from[b]!;
      line += from[e]! - from[b]!;
    }
  }
  starts[basket] = line;
  return pairKernels(memory).listBaskets(
    place.itemsAt, place.itemBytes, place.startsAt, basket,
    layout.slots, layout.candidateAt, layout.aisleAt, layout.departmentAt,
    codes.candidates, codes.aisleSlots, codes.departmentSlots, codes.wides, layout.wideRowsAt,
    place.seenAt, place.aisleSeenAt, place.departmentSeenAt, place.aisleListAt, place.departmentListAt,
    place.singlesAt, place.aisleSinglesAt, place.departmentSinglesAt,
    place.aisleSquareAt, place.departmentSquareAt, place.widePairsAt,
  );
}

/** What the first pass left in a group's place, `listed` baskets: its counts. */
export function listedAt(layout: Pick<PairLayout, 'memory'>, codes: ProductCodes, place: ListsPlace, listed: number): ListedBaskets {
  const { aisleSlots, departmentSlots, wides } = codes;
  const words = (at: number, n: number): Uint32Array => new Uint32Array(layout.memory.buffer, at, n);
  const squared = (n: number, singlesAt: number, squareAt: number): PairCounts => {
    const counts = emptyCounts(n);
    counts.baskets = listed;
    counts.singles.set(words(singlesAt, n));
    foldSquare(counts, words(squareAt, n * n));
    return counts;
  };
  return {
    aisles: squared(aisleSlots, place.aisleSinglesAt, place.aisleSquareAt),
    departments: squared(departmentSlots, place.departmentSinglesAt, place.departmentSquareAt),
    singles: Float64Array.from(words(place.singlesAt, codes.candidates)),
    widePairs: words(place.widePairsAt, triangleSize(wides)).slice(),
    baskets: listed,
  };
}

/**
 * Counters per band: a band of the product triangle is at most this many 16-bit counters (8 MB): on the
 * benchmark machine an increment at random in 8 MB costs about 3.6 ns, in the 66 MB triangle of 5,741
 * products (32-bit) about 33 ns (cache and TLB misses). Each band is one more pass over the lists, which
 * are read in order: at full scale, in JavaScript on one thread, 4 bands of 16-bit counters took 0.94 s,
 * 8 of 32-bit ones 1.34 s (and 16 bands of 1M 16-bit counters 1.48 s); in WebAssembly 4 bands take 0.43 s.
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
 * Pass 2, one band: the pairs (i, j) with lo <= i < hi of every group's lists, added into the layout's
 * triangle (bands do not overlap: any threads may count different bands at once).
 */
export function countBand(layout: Pick<PairLayout, 'memory' | 'rowsAt' | 'triangleAt'>, lists: readonly BasketLists[], lo: number, hi: number): void {
  const kernels = pairKernels(layout.memory);
  for (const group of lists) kernels.countBand(group.listsAt, group.offsetsAt, group.baskets, layout.rowsAt, lo, hi, layout.triangleAt);
}

/** Every count of the three tables: the lists, then each band, on this thread. */
export function countBaskets(parts: readonly Baskets[], codes: ProductCodes): AllCounts {
  const { places, ...layout } = pairLayout([parts], codes);
  countShare({ groups: [[...parts]], codes, layout, places, bands: triangleBands(codes.candidates) });
  const listed = listedGroups(layout, codes, places);
  return { products: productCounts(listed, codes, layoutTriangle(layout)), ...groupCounts(listed) };
}

/**
 * Control words of a count (32-bit, at `controlAt`): the next group and band to take, the groups
 * listed, a failure flag; then each group's baskets listed.
 */
const kNextGroup = 0;
const kGroupsListed = 1;
const kNextBand = 2;
const kFailed = 3;
const kControlWords = 4;

/** A count's work, the same for every thread: each takes groups, then (when all are listed) bands. */
export interface PairWork {
  groups: Baskets[][];
  codes: ProductCodes;
  layout: Omit<PairLayout, 'places'>;
  places: ListsPlace[];
  bands: [lo: number, hi: number][];
}

/**
 * One thread's share of a count: groups to list and bands to count are taken one at a time from the
 * control words (an atomic add), so the threads even out without the main thread handing work out
 * (its event loop is busy deriving); between the passes each waits for every group to be listed. Run
 * alone (one thread, or the first of several) it does all the work. A failure here is flagged, so the
 * others stop waiting.
 */
export function countShare(work: PairWork): void {
  const { groups, layout, places, bands } = work;
  const control = new Int32Array(layout.memory.buffer, layout.controlAt, kControlWords + groups.length);
  try {
    for (let g = Atomics.add(control, kNextGroup, 1); g < groups.length; g = Atomics.add(control, kNextGroup, 1)) {
      Atomics.store(control, kControlWords + g, listBaskets(groups[g]!, work.codes, layout, places[g]!));
      Atomics.add(control, kGroupsListed, 1);
      Atomics.notify(control, kGroupsListed);
    }
    for (let listed = Atomics.load(control, kGroupsListed); listed < groups.length; listed = Atomics.load(control, kGroupsListed)) {
      if (Atomics.load(control, kFailed) !== 0) throw new Error('another thread of the pairs count failed');
      Atomics.wait(control, kGroupsListed, listed, 1000);
    }
    const lists = places.map((place, g) => ({ listsAt: place.itemsAt, offsetsAt: place.startsAt, baskets: control[kControlWords + g]! }));
    for (let b = Atomics.add(control, kNextBand, 1); b < bands.length; b = Atomics.add(control, kNextBand, 1)) countBand(layout, lists, ...bands[b]!);
  } catch (error) {
    Atomics.store(control, kFailed, 1);
    Atomics.notify(control, kGroupsListed);
    throw error;
  }
}

/** Every group's counts, once listed. */
export function listedGroups(layout: Omit<PairLayout, 'places'>, codes: ProductCodes, places: readonly ListsPlace[]): ListedBaskets[] {
  const control = new Int32Array(layout.memory.buffer, layout.controlAt, kControlWords + places.length);
  return places.map((place, g) => listedAt(layout, codes, place, control[kControlWords + g]!));
}

/** Resolves when every group of a count is listed (the main thread waits without blocking). */
export async function whenListed(layout: Omit<PairLayout, 'places'>, groups: number): Promise<void> {
  const control = new Int32Array(layout.memory.buffer, layout.controlAt, kControlWords);
  for (let listed = Atomics.load(control, kGroupsListed); listed < groups && Atomics.load(control, kFailed) === 0; listed = Atomics.load(control, kGroupsListed)) {
    const waiting = Atomics.waitAsync(control, kGroupsListed, listed, 1000);
    if (waiting.async) await waiting.value;
  }
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

/** The aisle and department counts. */
export type GroupCounts = Pick<AllCounts, 'aisles' | 'departments'>;

/** The aisle and department counts of every group, added. */
export function groupCounts(listed: readonly ListedBaskets[]): GroupCounts {
  const [first, ...rest] = listed;
  return { aisles: rest.reduce((sum, l) => addCounts(sum, l.aisles), first!.aisles), departments: rest.reduce((sum, l) => addCounts(sum, l.departments), first!.departments) };
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

/** A pairs task: one thread's share of a count (see `countShare`). */
export function runPairsTask(task: PairsTask): { result: PairsResult; buffers: ArrayBufferLike[] } {
  countShare(task.work);
  return { result: { kind: 'pairs' }, buffers: [] };
}
