/**
 * The generator's only source of randomness: sfc32 (Chris Doty-Humphrey's "small fast chaotic" PRNG,
 * 128-bit state, passes PractRand to 2^40+ bytes), seeded per stream from (seed, stream, index).
 *
 * Why not Math.random: it cannot be seeded, and the files must be byte-identical for the same
 * (scale, seed) however many workers run. Every block of users gets its own stream keyed by its
 * block index, so a block's rows do not depend on which thread made them or in which order.
 */

/** Independent random streams; each value keys a separate sequence for the same seed. */
export const RngStream = {
  /** Orders per user, one stream per block (read by the main thread to lay out order ids). */
  OrderCounts: 1,
  /** Everything about a block's orders and lines, one stream per block. */
  BlockModel: 2,
  /** The permutation of order ids inside a block's id range. */
  OrderIds: 3,
  /** Product attributes: aisle, price, which id gets which popularity rank. */
  Catalogue: 4,
  /** Product names. */
  ProductNames: 5,
  /** Which products and customers carry the planted faults. */
  Faults: 6,
  /** Customers' date_joined (which also orders the file). */
  CustomerDates: 7,
  /** The shuffle of customers inside one date_joined. */
  CustomerOrder: 8,
  /** Customers' other columns, drawn in file order. */
  CustomerRows: 9,
} as const;
export type RngStream = (typeof RngStream)[keyof typeof RngStream];

const kTwoPow32 = 4294967296;
/** Outputs thrown away after seeding so that near-equal seeds give unrelated streams (the sfc32 author uses 12; 15 is cheap). */
const kWarmUpRounds = 15;

/** A seeded sfc32 generator. Methods are small so V8 inlines them in the hot loops. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < kWarmUpRounds; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of resolution (enough for every draw here). */
  float(): number {
    return this.uint32() / kTwoPow32;
  }

  /** A uniform integer in [0, n), for n up to 2^32 (bias below n / 2^32, negligible for our n < 2^25). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [lo, hi], both inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The generator for one stream of one seed. `seed` is a non-negative safe integer (its high 21 bits
 * count too), `index` is e.g. a block index.
 */
export function rngFor(seed: number, stream: RngStream, index = 0): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / kTwoPow32) >>> 0;
  let h = mix32(lo ^ 0x9e3779b9);
  h = mix32(h ^ hi ^ 0x7f4a7c15);
  h = mix32(h ^ Math.imul(stream, 0x632be59b));
  h = mix32(h ^ (index >>> 0));
  return new Rng(mix32(h ^ 0x1), mix32(h ^ 0x2), mix32(h ^ 0x3), mix32(h ^ 0x4));
}

/** Shuffle `values` in place (Fisher-Yates), uniformly over all permutations. */
export function shuffleInPlace(rng: Rng, values: { [i: number]: number; length: number }, start = 0, end = values.length): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + rng.int(i - start + 1);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
