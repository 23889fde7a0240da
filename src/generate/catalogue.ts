/**
 * The product catalogue's numbers: each product's department, aisle, price and popularity. A pure
 * function of (seed, product count), so every worker rebuilds the same catalogue instead of receiving it.
 * Names are made separately ({@link ./product-names.ts}), only by the main thread.
 */
import { kPriorLinesByDepartment, kProductsByDepartment, kRealProducts } from './facts.js';
import { Rng, RngStream, rngFor, shuffleInPlace } from './rng.js';
import { kAisleIdsByDepartment, kDepartments } from './taxonomy.js';

/** Numeric product attributes; arrays are indexed by product_id - 1. */
export interface Catalogue {
  /** Number of products; product ids are 1..productCount. */
  readonly productCount: number;
  /** department_id of each product (1..21). */
  readonly departmentId: Uint8Array;
  /** aisle_id of each product (1..134). */
  readonly aisleId: Uint8Array;
  /** Price in tenths of a dollar (58 is 5.8), before any planted outlier. */
  readonly priceTenths: Uint16Array;
  /** Relative weight of the product when a user picks something new (sums to 1). */
  readonly popularity: Float64Array;
}

/**
 * Popularity by rank r = 1..P is (r + 2)^-0.74 * exp(-r / (12,000 * P / 49,688)): a Zipf-Mandelbrot
 * head with an exponential cut-off. Fitted to the product shares of the real train lines: top product
 * 1.3 % of lines (real 1.35 %), top 10 7.2 % (6.9 %), top 100 22.6 % (22.7 %), top 1,000 51 % (52.6 %),
 * top 10,000 90 % (90.4 %). The cut-off scales with P so smaller catalogues keep the same shape.
 */
const kZipfExponent = 0.74;
const kZipfOffset = 2;
const kZipfCutoffAtFullScale = 12_000;

/**
 * Prices per department in tenths, uniform over [min, max], as in the course file: most departments
 * 1.0-15.0, snacks 1.6-7.0, meat seafood 8.0-25.0. Over lines this gives a mean of about 7.9 and
 * Low (<= 5) 31 %, Mid 67.5 %, High (> 15) 1.3 % (the course's 31.3 / 67.5 / 1.3 %).
 */
const kDefaultPriceTenths = [10, 150] as const;
/** Prices are drawn in runs of this many products, one per tenth of the department's range. */
const kPriceStrata = 10;
const kPriceTenthsByDepartment: Readonly<Record<string, readonly [number, number]>> = {
  snacks: [16, 70],
  'meat seafood': [80, 250],
};

/** Products per department for a catalogue of `productCount`: the real proportions, at least one each. */
export function productsPerDepartment(productCount: number): Int32Array {
  const n = kProductsByDepartment.length;
  if (productCount < n) throw new RangeError(`catalogue needs at least ${n} products`);
  const counts = new Int32Array(n).fill(1);
  const spare = productCount - n;
  const remainders: [number, number][] = [];
  let given = 0;
  for (let d = 0; d < n; d++) {
    const exact = (spare * kProductsByDepartment[d]!) / kRealProducts;
    const whole = Math.floor(exact);
    counts[d]! += whole;
    given += whole;
    remainders.push([exact - whole, d]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < spare - given; k++) counts[remainders[k]![1]]!++;
  return counts;
}

/** Popularity weights by rank (rank 1 first), normalised to sum 1. */
export function popularityByRank(productCount: number): Float64Array {
  const cutoff = (kZipfCutoffAtFullScale * productCount) / kRealProducts;
  const weights = new Float64Array(productCount);
  let total = 0;
  for (let r = 1; r <= productCount; r++) {
    const w = Math.pow(r + kZipfOffset, -kZipfExponent) * Math.exp(-r / cutoff);
    weights[r - 1] = w;
    total += w;
  }
  for (let i = 0; i < productCount; i++) weights[i]! /= total;
  return weights;
}

/**
 * A product's share of lines is a little below its popularity weight w, because a basket holds a product
 * at most once: a basket of B picks contains it with probability 1 - (1 - w)^B, not B * w. With B = 10
 * (the mean basket) that is 6 % less for the top product and nothing for the tail. Measured without
 * this: produce ended at 27.4 % of lines at scale 0.02 and 28.6 % at scale 1 instead of 29.3 %.
 */
const kMeanBasket = 10;

function expectedLineShare(weight: number): number {
  return (1 - Math.pow(1 - weight, kMeanBasket)) / kMeanBasket;
}

/**
 * Which department each popularity rank goes to. Greedy: walking down the ranks, give each to the
 * department that still needs the most line share per product it still has to fill. Produce needs 29 %
 * of lines from 3.4 % of the products, so it takes the top ranks (the real top 25 are 24 produce items),
 * and every department ends within a fraction of a percent of its FACTS line share.
 */
export function departmentByRank(productCount: number, weights: Float64Array): Uint8Array {
  const n = kDepartments.length;
  const slots = productsPerDepartment(productCount);
  const totalLines = kPriorLinesByDepartment.reduce((a, b) => a + b, 0);
  const needed = new Float64Array(n);
  for (let d = 0; d < n; d++) needed[d] = kPriorLinesByDepartment[d]! / totalLines;
  const result = new Uint8Array(productCount);
  for (let r = 0; r < productCount; r++) {
    let best = -1;
    let bestNeed = -Infinity;
    for (let d = 0; d < n; d++) {
      if (slots[d] === 0) continue;
      const need = needed[d]! / slots[d]!;
      if (need > bestNeed) {
        bestNeed = need;
        best = d;
      }
    }
    result[r] = best + 1;
    slots[best]!--;
    needed[best]! -= expectedLineShare(weights[r]!);
  }
  return result;
}

/** Build the catalogue for (seed, productCount). Deterministic; about 10 ms at 49,688 products. */
export function buildCatalogue(seed: number, productCount: number): Catalogue {
  const rng = rngFor(seed, RngStream.Catalogue);
  const byRank = popularityByRank(productCount);
  const departmentOfRank = departmentByRank(productCount, byRank);

  // Product ids carry no information: rank r becomes a random id.
  const idOfRank = new Int32Array(productCount);
  for (let r = 0; r < productCount; r++) idOfRank[r] = r + 1;
  shuffleInPlace(rng, idOfRank);

  const departmentId = new Uint8Array(productCount);
  const popularity = new Float64Array(productCount);
  for (let r = 0; r < productCount; r++) {
    const index = idOfRank[r]! - 1;
    departmentId[index] = departmentOfRank[r]!;
    popularity[index] = byRank[r]!;
  }

  const aislePickers = kAisleIdsByDepartment.map((aisleIds) => aislePicker(rng, aisleIds));
  const aisleId = new Uint8Array(productCount);
  for (let index = 0; index < productCount; index++) aisleId[index] = aislePickers[departmentId[index]! - 1]!(rng);

  // Prices, stratified by popularity within each department: walking down a department's ranks in
  // runs of 10, each run takes one price from each tenth of the range, in random order. Independent
  // uniform prices would leave the line-weighted price mix to the luck of the few products that carry
  // most lines (at scale 0.02 the Low share then drifted to 27.7 % instead of ~31 %).
  const priceTenths = new Uint16Array(productCount);
  const strata = kDepartments.map(() => new Int32Array(kPriceStrata));
  const seen = new Int32Array(kDepartments.length);
  for (let r = 0; r < productCount; r++) {
    const d = departmentOfRank[r]! - 1;
    const run = strata[d]!;
    const k = seen[d]!++ % kPriceStrata;
    if (k === 0) {
      for (let s = 0; s < kPriceStrata; s++) run[s] = s;
      shuffleInPlace(rng, run);
    }
    const [lo, hi] = kPriceTenthsByDepartment[kDepartments[d]!] ?? kDefaultPriceTenths;
    const u = (run[k]! + rng.float()) / kPriceStrata;
    priceTenths[idOfRank[r]! - 1] = lo + Math.floor(u * (hi - lo + 1));
  }
  return { productCount, departmentId, aisleId, priceTenths, popularity };
}

/** Aisles of a department get uneven sizes: each a weight uniform in [0.4, 1.6]. */
function aislePicker(rng: Rng, aisleIds: readonly number[]): (r: Rng) => number {
  const weights = aisleIds.map(() => 0.4 + 1.2 * rng.float());
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const w of weights) cumulative.push((running += w / total));
  return (r) => {
    const u = r.float();
    for (let k = 0; k < cumulative.length - 1; k++) if (u < cumulative[k]!) return aisleIds[k]!;
    return aisleIds[aisleIds.length - 1]!;
  };
}
