/**
 * k-means and the measures that judge it, on typed arrays (rows of `d` features in one Float64Array).
 * Pure and seeded: the same points and seed give the same centres, assignments and scores, bit for bit
 * (JavaScript's double arithmetic is exact IEEE 754, and every sum runs in a fixed order).
 *
 * Why our own: ml-kmeans 7 (mljs, maintained, MIT) fitted k = 3..8 on 3,000 x 29 points in 416 ms and
 * assigned 206k customers in 178 ms on the benchmark machine, with no silhouette; these loops do both
 * in about a tenth of that (README, "Customer segments"), which the rerun budget needs.
 */

/** A small seeded generator (mulberry32): uniform floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Squared distance between row `i` of `a` and row `j` of `b` (both with `d` columns). */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let sum = 0;
  const ai = i * d;
  const bj = j * d;
  for (let f = 0; f < d; f++) {
    const diff = a[ai + f]! - b[bj + f]!;
    sum += diff * diff;
  }
  return sum;
}

/**
 * The nearest centre of row `i` (ties to the lower centre). The hot loop of k-means: written out, with
 * two running sums (even and odd columns) so that the additions overlap; 1.4x faster than one sum.
 */
export function nearest(points: Float64Array, i: number, centres: Float64Array, k: number, d: number): number {
  let best = 0;
  let bestDistance = Infinity;
  const at = i * d;
  for (let c = 0, ct = 0; c < k; c++, ct += d) {
    let even = 0;
    let odd = 0;
    let f = 0;
    for (; f + 1 < d; f += 2) {
      const a = points[at + f]! - centres[ct + f]!;
      const b = points[at + f + 1]! - centres[ct + f + 1]!;
      even += a * a;
      odd += b * b;
    }
    if (f < d) {
      const a = points[at + f]! - centres[ct + f]!;
      even += a * a;
    }
    const sum = even + odd;
    if (sum < bestDistance) {
      bestDistance = sum;
      best = c;
    }
  }
  return best;
}

export interface KMeansResult {
  /** k rows of d features. */
  centres: Float64Array;
  /** Cluster of each point. */
  labels: Uint8Array;
  /** Sum of squared distances to the assigned centres. */
  inertia: number;
  iterations: number;
}

/** k-means++ seeding: the first centre at random, each next one drawn with probability proportional to D^2. */
function seedCentres(points: Float64Array, n: number, d: number, k: number, random: () => number): Float64Array {
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = squaredDistance(points, i, centres, c, d);
      if (distance < closest[i]!) closest[i] = distance;
      total += closest[i]!;
    }
    if (c + 1 === k) break;
    let target = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= closest[i]!;
      if (target < 0) {
        pick = i;
        break;
      }
    }
  }
  return centres;
}

/**
 * Lloyd's iterations from k-means++ seeds, until no point moves or after `maxIterations` (20: on the
 * generated data the assignments hardly move after 15).
 */
export function kMeans(points: Float64Array, n: number, d: number, k: number, seed: number, maxIterations = 20): KMeansResult {
  const random = seededRandom(seed);
  const centres = seedCentres(points, n, d, k, random);
  const labels = new Uint8Array(n).fill(255);
  const sums = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearest(points, i, centres, k, d);
      if (c !== labels[i]) {
        labels[i] = c;
        moved++;
      }
    }
    if (moved === 0) break;
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      sizes[c]!++;
      for (let f = 0; f < d; f++) sums[c * d + f]! += points[i * d + f]!;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        // An empty cluster takes the point farthest from its centre (the first such point).
        let far = 0;
        let farDistance = -1;
        for (let i = 0; i < n; i++) {
          const distance = squaredDistance(points, i, centres, labels[i]!, d);
          if (distance > farDistance) {
            farDistance = distance;
            far = i;
          }
        }
        centres.set(points.subarray(far * d, far * d + d), c * d);
        continue;
      }
      for (let f = 0; f < d; f++) centres[c * d + f] = sums[c * d + f]! / sizes[c]!;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(points, i, centres, labels[i]!, d);
  return { centres, labels, inertia, iterations };
}

/** Euclidean distances between every pair of the first `n` rows: `n * n`, symmetric. */
export function distanceMatrix(points: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const distance = Math.sqrt(squaredDistance(points, i, points, j, d));
      out[i * n + j] = distance;
      out[j * n + i] = distance;
    }
  }
  return out;
}

/**
 * Silhouette of each of `n` points labelled into `k` clusters: (b - a) / max(a, b), where a is the mean
 * distance to the other points of its cluster and b the lowest mean distance to another cluster's points;
 * 0 for a point alone in its cluster (Rousseeuw 1987).
 */
export function silhouettes(distances: Float64Array, labels: Uint8Array, n: number, k: number): Float64Array {
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  const out = new Float64Array(n);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[labels[j]!]! += distances[i * n + j]!;
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    out[i] = b === Infinity ? 0 : (b - a) / Math.max(a, b);
  }
  return out;
}

/** n choose 2. */
function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** The adjusted Rand index of two labellings of the same points (Hubert and Arabie 1985): 1 = the same partition. */
export function adjustedRandIndex(a: Uint8Array, b: Uint8Array, n: number): number {
  let ka = 1;
  let kb = 1;
  for (let i = 0; i < n; i++) {
    ka = Math.max(ka, a[i]! + 1);
    kb = Math.max(kb, b[i]! + 1);
  }
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) table[a[i]! * kb + b[i]!]!++;
  let index = 0;
  const rows = new Float64Array(ka);
  const cols = new Float64Array(kb);
  for (let x = 0; x < ka; x++) {
    for (let y = 0; y < kb; y++) {
      const cell = table[x * kb + y]!;
      index += pairs(cell);
      rows[x]! += cell;
      cols[y]! += cell;
    }
  }
  const rowPairs = rows.reduce((s, v) => s + pairs(v), 0);
  const colPairs = cols.reduce((s, v) => s + pairs(v), 0);
  const expected = (rowPairs * colPairs) / pairs(n);
  const max = (rowPairs + colPairs) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
