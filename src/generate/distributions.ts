/**
 * The sampling primitives the models are built from. Pure functions of an {@link Rng}; nothing here
 * knows about orders or files.
 */
import type { Rng } from './rng.js';

/**
 * Walker's alias method: O(1) draws from a fixed discrete distribution, one 32-bit draw each (the
 * integer part picks a column, the fraction decides between it and its alias). Used for the FACTS
 * histograms (7 days, 24 hours) and for product popularity (up to 49,688 products, where the fraction
 * keeps ~16 bits: a bias under 1e-5 of a product's share).
 */
export class AliasTable {
  /** Number of outcomes; draws are 0..size-1. */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`AliasTable: weight ${i} is ${w}`);
      total += w;
    }
    if (n === 0 || total <= 0) throw new RangeError('AliasTable: needs a positive total weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let nSmall = 0;
    let nLarge = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[nSmall++] = i;
      else large[nLarge++] = i;
    }
    while (nSmall > 0 && nLarge > 0) {
      const s = small[--nSmall]!;
      const l = large[nLarge - 1]!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) {
        nLarge--;
        small[nSmall++] = l;
      }
    }
    // Leftovers are 1 up to rounding error.
    while (nLarge > 0) {
      const l = large[--nLarge]!;
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    while (nSmall > 0) {
      const s = small[--nSmall]!;
      this.prob[s] = 1;
      this.alias[s] = s;
    }
  }

  /** One draw in 0..size-1. */
  sample(rng: Rng): number {
    const u = rng.float() * this.size;
    const i = u | 0;
    return u - i < this.prob[i]! ? i : this.alias[i]!;
  }
}

/**
 * A discrete distribution read by quantile: `at(q)` is the smallest outcome whose cumulative share
 * reaches q. Used where draws must be correlated through a shared quantile (the days-since-prior copula).
 */
export class QuantileTable {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    this.cumulative = new Float64Array(n);
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += weights[i]!;
      this.cumulative[i] = running / total;
    }
    this.cumulative[n - 1] = 1;
  }

  /** The outcome (0-based) at quantile q in [0, 1]. */
  at(q: number): number {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A standard normal draw (Box-Muller; the second value is dropped to keep the sampler stateless). */
export function sampleNormal(rng: Rng): number {
  const u1 = 1 - rng.float(); // (0, 1]: log stays finite
  const u2 = rng.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A Gamma(shape, 1) draw for shape >= 1 (Marsaglia and Tsang 2000: about 1.03 normal draws per value).
 * Divided by its shape it is a mean-1 multiplier with variance 1/shape, which is how the basket model
 * uses it.
 */
export function sampleGamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.float();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Poisson(mean) draw by Knuth's product of uniforms: about mean+1 uniform draws, fine for the basket
 * model's means (9 on average, rarely above 60). Means above 500 would underflow exp(); the callers cap far below.
 */
export function samplePoisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

/**
 * The standard normal CDF, via Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7, far below the 1/3.2M
 * resolution that matters for the days histogram).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
