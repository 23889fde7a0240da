/**
 * Customer clusters (SPEC.md section 3): k-means over standardised behaviour and demographics, k chosen
 * by silhouette over clusterMinK..clusterMaxK on a seeded sample of normal-activity customers (its
 * means and deviations standardise every customer), every customer then assigned to the nearest centre. The agreement with the clusterings of two other seeds
 * (adjusted Rand index on the same sample) says how stable they are.
 *
 * Features, each standardised over normal-activity customers (a missing value counts as the mean):
 * orders, items per order, average item price, median days between orders, reorder share, the share of
 * the customer's items in each department, age, income, dependants. The department shares are scaled
 * down so that together they weigh as much as the five behaviour features (21 department columns would
 * otherwise decide every cluster on their own).
 */
import type { CustomerInput, CustomerTable } from './customers.js';
import { kLowActivity } from './flags.js';
import { adjustedRandIndex, distanceMatrix, kMeans, nearest, seededRandom, silhouettes } from './kmeans.js';

/** The behaviour features before the departments, and the demographics after them. */
const kBehaviour = ['orders', 'items per order', 'average item price', 'median days', 'reorder share'] as const;
const kDemographics = ['age', 'income', 'dependants'] as const;

/** How a customer becomes a row of numbers. */
export interface FeatureSpace {
  /** Department ids with items, in the order of their columns. */
  departments: number[];
  /** Columns: behaviour, then departments, then demographics. */
  d: number;
  /** Means and standard deviations over the sample (a random sample of normal-activity customers). */
  mean: Float64Array;
  std: Float64Array;
  /** Weight of each column after standardising. */
  weight: Float64Array;
}

/** Customer `c`'s raw features into `out` at `at` (NaN where unknown). */
function rawFeatures(t: CustomerTable, input: CustomerInput, departments: readonly number[], c: number, out: Float64Array, at: number): void {
  const items = t.items[c]!;
  out[at] = t.orders[c]!;
  out[at + 1] = items / t.orders[c]!;
  out[at + 2] = t.knownItems[c]! > 0 ? t.revenueCents[c]! / t.knownItems[c]! / 100 : Number.NaN;
  out[at + 3] = t.medianDays[c]!;
  out[at + 4] = items > 0 ? t.reorders[c]! / items : Number.NaN;
  const base = t.userId[c]! * input.deptSlots;
  const userDept = input.totals.userDeptItems;
  for (let k = 0; k < departments.length; k++) out[at + 5 + k] = items > 0 ? (userDept[base + departments[k]!] ?? 0) / items : Number.NaN;
  const after = at + 5 + departments.length;
  out[after] = t.age[c]! >= 0 ? t.age[c]! : Number.NaN;
  out[after + 1] = t.income[c]! >= 0 ? t.income[c]! : Number.NaN;
  out[after + 2] = t.dependants[c]! >= 0 ? t.dependants[c]! : Number.NaN;
}

/** The departments with items (from the per-product totals: no pass over the customers). */
function boughtDepartments(input: CustomerInput): number[] {
  const { catalogue, totals } = input;
  const bought = new Uint8Array(input.deptSlots);
  const n = Math.min(catalogue.slots, totals.productItems.length);
  for (let p = 0; p < n; p++) if (totals.productItems[p]! > 0 && catalogue.known[p] === 1) bought[catalogue.department[p]!] = 1;
  return [...bought.keys()].filter((dept) => bought[dept] === 1);
}

/** A seeded sample of normal-activity customers (partial Fisher-Yates over them, in user_id order). */
function sampleOf(t: CustomerTable, size: number, seed: number): Int32Array {
  const candidates = new Int32Array(t.count);
  let m = 0;
  for (let c = 0; c < t.count; c++) if (t.activity[c] !== kLowActivity) candidates[m++] = c;
  const n = Math.min(size, m);
  const random = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (m - i));
    const swap = candidates[i]!;
    candidates[i] = candidates[j]!;
    candidates[j] = swap;
  }
  return candidates.slice(0, n);
}

/** The feature space of a sample: its customers' raw rows, their means and standard deviations, the weights. */
export function featureSpace(t: CustomerTable, input: CustomerInput, sample: Int32Array): { space: FeatureSpace; raw: Float64Array } {
  const departments = boughtDepartments(input);
  const d = kBehaviour.length + departments.length + kDemographics.length;
  const raw = new Float64Array(sample.length * d);
  const sum = new Float64Array(d);
  const squares = new Float64Array(d);
  const count = new Float64Array(d);
  sample.forEach((c, i) => {
    rawFeatures(t, input, departments, c, raw, i * d);
    for (let f = 0; f < d; f++) {
      const v = raw[i * d + f]!;
      if (v !== v) continue;
      sum[f]! += v;
      squares[f]! += v * v;
      count[f]!++;
    }
  });
  const mean = Float64Array.from(sum, (s, f) => (count[f]! > 0 ? s / count[f]! : 0));
  const std = Float64Array.from(squares, (q, f) => (count[f]! > 1 ? Math.sqrt(Math.max(0, q / count[f]! - mean[f]! ** 2)) : 0));
  const weight = new Float64Array(d).fill(1);
  const departmentWeight = departments.length > 0 ? Math.sqrt(kBehaviour.length / departments.length) : 1;
  for (let k = 0; k < departments.length; k++) weight[kBehaviour.length + k] = departmentWeight;
  return { space: { departments, d, mean, std, weight }, raw };
}

/** Standardise and weight row `at` of `rows` in place (a missing value counts as the mean: 0). */
function standardise(space: FeatureSpace, rows: Float64Array, at: number): void {
  const { d, mean, std, weight } = space;
  for (let f = 0; f < d; f++) {
    const v = rows[at + f]!;
    rows[at + f] = v !== v || std[f] === 0 ? 0 : ((v - mean[f]!) / std[f]!) * weight[f]!;
  }
}

/** Customers as standardised rows. */
function rowsOf(t: CustomerTable, input: CustomerInput, space: FeatureSpace, customers: Int32Array): Float64Array {
  const rows = new Float64Array(customers.length * space.d);
  customers.forEach((c, i) => {
    rawFeatures(t, input, space.departments, c, rows, i * space.d);
    standardise(space, rows, i * space.d);
  });
  return rows;
}

/** One tried k. */
export interface TriedK {
  k: number;
  /** Mean silhouette over the sample. */
  silhouette: number;
}

export interface Clustering {
  /** The k kept and every k tried. */
  k: number;
  tried: TriedK[];
  /** Agreement with the clusterings of seeds `clusterSeed + 1` and `+ 2` (adjusted Rand index on the sample). */
  agreement: [number, number];
  /** Cluster of every customer (0-based, clusters numbered by size, largest first). */
  labels: Uint8Array;
  /** Mean silhouette of each cluster over the sample. */
  clusterSilhouette: Float64Array;
  space: FeatureSpace;
  /** Normal-activity customers in the fitting sample. */
  sampleSize: number;
}

/** The silhouette is computed on the first points of the (random) sample: its cost and memory grow with the square. */
const kSilhouettePoints = 2000;

export function clusterCustomers(t: CustomerTable, input: CustomerInput): Clustering | undefined {
  const { config } = input;
  const sample = sampleOf(t, config.clusterSampleSize, config.clusterSeed);
  const n = sample.length;
  if (n < config.clusterMaxK * 2) return undefined;
  const { space, raw: rows } = featureSpace(t, input, sample);
  for (let i = 0; i < n; i++) standardise(space, rows, i * space.d);
  const ns = Math.min(n, kSilhouettePoints);
  const distances = distanceMatrix(rows, ns, space.d);
  const tried: TriedK[] = [];
  let best: { k: number; silhouette: number; fit: ReturnType<typeof kMeans>; each: Float64Array } | undefined;
  for (let k = config.clusterMinK; k <= config.clusterMaxK; k++) {
    const fit = kMeans(rows, n, space.d, k, config.clusterSeed);
    const each = silhouettes(distances, fit.labels, ns, k);
    const silhouette = each.reduce((a, b) => a + b, 0) / ns;
    tried.push({ k, silhouette });
    if (best === undefined || silhouette > best.silhouette) best = { k, silhouette, fit, each };
  }
  const chosen = best!;
  const agreement = [1, 2].map((delta) => agreementWithSeed(t, input, space, rows, n, chosen.k, chosen.fit.labels, config.clusterSeed + delta)) as [number, number];
  const { labels, order } = assignAll(t, input, space, chosen.fit.centres, chosen.k);
  const clusterSilhouette = new Float64Array(chosen.k);
  const counts = new Float64Array(chosen.k);
  for (let i = 0; i < ns; i++) {
    const cluster = order[chosen.fit.labels[i]!]!;
    clusterSilhouette[cluster]! += chosen.each[i]!;
    counts[cluster]!++;
  }
  for (let c = 0; c < chosen.k; c++) clusterSilhouette[c] = counts[c]! > 0 ? clusterSilhouette[c]! / counts[c]! : 0;
  return { k: chosen.k, tried, agreement, labels, clusterSilhouette, space, sampleSize: n };
}

/** The clustering of another seed (its own sample and starts), compared on this seed's sample. */
function agreementWithSeed(t: CustomerTable, input: CustomerInput, space: FeatureSpace, rows: Float64Array, n: number, k: number, labels: Uint8Array, seed: number): number {
  const other = sampleOf(t, input.config.clusterSampleSize, seed);
  const fit = kMeans(rowsOf(t, input, space, other), other.length, space.d, k, seed);
  const theirs = new Uint8Array(n);
  for (let i = 0; i < n; i++) theirs[i] = nearest(rows, i, fit.centres, k, space.d);
  return adjustedRandIndex(labels, theirs, n);
}

/** Every customer to its nearest centre; clusters renumbered by normal-activity size, largest first. */
function assignAll(t: CustomerTable, input: CustomerInput, space: FeatureSpace, centres: Float64Array, k: number): { labels: Uint8Array; order: Uint8Array } {
  const labels = new Uint8Array(t.count);
  const row = new Float64Array(space.d);
  const sizes = new Float64Array(k);
  for (let c = 0; c < t.count; c++) {
    rawFeatures(t, input, space.departments, c, row, 0);
    standardise(space, row, 0);
    labels[c] = nearest(row, 0, centres, k, space.d);
    if (t.activity[c] !== kLowActivity) sizes[labels[c]!]!++;
  }
  const bySize = Array.from({ length: k }, (_, c) => c).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const order = new Uint8Array(k);
  bySize.forEach((c, rank) => (order[c] = rank));
  for (let c = 0; c < t.count; c++) labels[c] = order[labels[c]!]!;
  return { labels, order };
}
