/**
 * What the clusters are: a profile per cluster in plain units, a short name generated from what sets it
 * apart from all customers, and the table of tried k with their silhouettes and the agreement across seeds.
 */
import type { AnalysisInput, Cell, Column, Table } from '../summaries/index.js';
import { departmentName, ratio } from '../summaries/input.js';
import type { Clustering } from './clusters.js';
import type { CustomerTable } from './customers.js';
import { kLowActivity } from './flags.js';
import { smallCellNote, type DepartmentCube } from './tables.js';

/** Per cluster: normal-activity totals and means in plain units. */
interface ClusterStats {
  customers: number;
  orders: number;
  items: number;
  known: number;
  cents: number;
  reorders: number;
  days: Mean;
  age: Mean;
  income: Mean;
  dependants: Mean;
}

class Mean {
  sum = 0;
  n = 0;
  add(v: number): void {
    if (Number.isNaN(v) || v < 0) return;
    this.sum += v;
    this.n++;
  }
  get value(): number | null {
    return this.n === 0 ? null : this.sum / this.n;
  }
}

function clusterStats(t: CustomerTable, clustering: Clustering): ClusterStats[] {
  const stats = Array.from({ length: clustering.k }, () => ({ customers: 0, orders: 0, items: 0, known: 0, cents: 0, reorders: 0, days: new Mean(), age: new Mean(), income: new Mean(), dependants: new Mean() }));
  for (let c = 0; c < t.count; c++) {
    if (t.activity[c] === kLowActivity) continue;
    const s = stats[clustering.labels[c]!]!;
    s.customers++;
    s.orders += t.orders[c]!;
    s.items += t.items[c]!;
    s.known += t.knownItems[c]!;
    s.cents += t.revenueCents[c]!;
    s.reorders += t.reorders[c]!;
    s.days.add(t.medianDays[c]!);
    s.age.add(t.age[c]!);
    s.income.add(t.income[c]!);
    s.dependants.add(t.dependants[c]!);
  }
  return stats;
}

/**
 * Catch-all departments (products without a department, "other"): no kind of product, so they never
 * name a cluster ("Young parents, breakfast and missing" reads as a fault, not a habit).
 */
const kCatchAllDepartments: ReadonlySet<string> = new Set(['missing', 'other']);

/** The departments a cluster buys most from, relative to everyone (index > 100), best first; catch-alls left out. */
function topDepartments(cube: DepartmentCube, cluster: number, input: AnalysisInput, count: number): number[] {
  const slots = input.deptSlots;
  const all = new Float64Array(slots);
  for (let at = 0; at < cube.items.length; at++) all[at % slots]! += cube.items[at]!;
  const allItems = all.reduce((a, b) => a + b, 0);
  let own = 0;
  for (let d = 0; d < slots; d++) own += cube.items[cluster * slots + d]!;
  const index = (d: number): number => (cube.items[cluster * slots + d]! / own) / (all[d]! / allItems);
  return [...all.keys()]
    .filter((d) => all[d]! > 0 && own > 0 && cube.customers[cluster * slots + d]! >= input.config.minCellCustomers && index(d) > 1 && !kCatchAllDepartments.has(departmentName(input, d)))
    .sort((a, b) => index(b) - index(a) || a - b)
    .slice(0, count);
}

/** A trait a cluster can stand out by: its mean against everyone's, in standard deviations. */
interface Trait {
  /** Feature column (see clusters.ts): behaviour 0-4, demographics after the departments. */
  feature: number;
  high?: string;
  low?: string;
}

/**
 * A name from what sets the cluster apart: up to two traits at least half a standard deviation from
 * everyone's mean (largest first), a noun from dependants, and the two departments with the highest index.
 */
export function clusterNames(t: CustomerTable, clustering: Clustering, cube: DepartmentCube, input: AnalysisInput): string[] {
  const { space } = clustering;
  const demo = 5 + space.departments.length;
  const traits: Trait[] = [
    { feature: 3, high: 'occasional', low: 'frequent' },
    { feature: 0, high: 'loyal', low: 'new' },
    { feature: 1, high: 'big-basket', low: 'small-basket' },
    { feature: 2, high: 'premium', low: 'budget' },
    { feature: 4, high: 'habitual', low: 'exploring' },
    { feature: demo, high: 'older', low: 'young' },
    { feature: demo + 1, high: 'high-income', low: 'low-income' },
  ];
  const stats = clusterStats(t, clustering);
  const values = (s: ClusterStats): number[] => {
    const v = new Array<number>(space.d).fill(Number.NaN);
    v[0] = s.orders / s.customers;
    v[1] = s.items / s.orders;
    v[2] = s.known > 0 ? s.cents / s.known / 100 : Number.NaN;
    v[3] = s.days.value ?? Number.NaN;
    v[4] = s.items > 0 ? s.reorders / s.items : Number.NaN;
    v[demo] = s.age.value ?? Number.NaN;
    v[demo + 1] = s.income.value ?? Number.NaN;
    v[demo + 2] = s.dependants.value ?? Number.NaN;
    return v;
  };
  const z = (v: number[], f: number): number => (Number.isNaN(v[f]!) || space.std[f] === 0 ? 0 : (v[f]! - space.mean[f]!) / space.std[f]!);
  const names = stats.map((s, cluster) => {
    if (s.customers === 0) return 'Empty cluster';
    const v = values(s);
    const words = traits
      .map((trait, order) => ({ trait, order, score: z(v, trait.feature) }))
      .filter((x) => Math.abs(x.score) >= 0.5)
      .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.order - b.order)
      .slice(0, 2)
      .map((x) => (x.score > 0 ? x.trait.high : x.trait.low)!);
    const parents = z(v, demo + 2);
    const noun = parents >= 0.5 ? 'parents' : parents <= -0.5 ? 'shoppers without children' : 'shoppers';
    const departments = topDepartments(cube, cluster, input, 2).map((d) => departmentName(input, d));
    const text = `${[...words, noun].join(' ')}${departments.length > 0 ? `, ${departments.join(' and ')}` : ''}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  });
  // Two clusters may read alike: number the repeats.
  return names.map((name, k) => {
    const before = names.slice(0, k).filter((n) => n === name).length;
    return before === 0 ? name : `${name} (${before + 1})`;
  });
}

/** `cluster_profiles`: per cluster its size, silhouette, typical values in plain units and its name. */
export function clusterProfiles(t: CustomerTable, clustering: Clustering, labels: readonly string[], names: readonly string[], cube: DepartmentCube, input: AnalysisInput): Table {
  const stats = clusterStats(t, clustering);
  const total = stats.reduce((sum, s) => sum + s.customers, 0);
  const { config } = input;
  const prices = input.catalogue.hasPrices;
  const rows: Cell[][] = stats.map((s, k) => {
    if (s.customers < config.minCellCustomers) return [labels[k]!, names[k]!, ...new Array<Cell>(12).fill(null), smallCellNote(config)];
    const top = topDepartments(cube, k, input, 3).map((d) => departmentName(input, d)).join(', ');
    return [
      labels[k]!,
      names[k]!,
      s.customers,
      ratio(s.customers, total),
      clustering.clusterSilhouette[k]!,
      ratio(s.orders, s.customers),
      ratio(s.items, s.orders),
      prices ? ratio(s.cents / 100, s.known) : 'no prices',
      s.days.value,
      ratio(s.reorders, s.items),
      top,
      s.age.value,
      s.income.value,
      s.dependants.value,
      null,
    ];
  });
  return { name: 'cluster_profiles', grain: 'one row per cluster, largest first (normal-activity customers)', columns: kClusterProfileColumns, rows };
}

export const kClusterProfileColumns: Column[] = [
  { name: 'cluster', kind: 'text' },
  { name: 'name', kind: 'text' },
  { name: 'customers', kind: 'int' },
  { name: 'share_of_customers', kind: 'share' },
  { name: 'silhouette', kind: 'share' },
  { name: 'avg_orders', kind: 'decimal' },
  { name: 'avg_items_per_order', kind: 'decimal' },
  { name: 'avg_item_price', kind: 'decimal' },
  { name: 'avg_days_between_orders', kind: 'decimal' },
  { name: 'reorder_share', kind: 'share' },
  { name: 'top_departments', kind: 'text' },
  { name: 'avg_age', kind: 'decimal' },
  { name: 'avg_income', kind: 'money' },
  { name: 'avg_dependants', kind: 'decimal' },
  { name: 'note', kind: 'text' },
];

/** `cluster_choice`: every k tried with its silhouette, the one kept, and how stable it is across seeds. */
export function clusterChoice(clustering: Clustering, input: AnalysisInput): Table {
  const seed = input.config.clusterSeed;
  return {
    name: 'cluster_choice',
    grain: 'one row per k tried',
    columns: kClusterChoiceColumns,
    rows: clustering.tried.map((tried) => {
      const chosen = tried.k === clustering.k;
      return [
        tried.k,
        tried.silhouette,
        chosen ? 'yes' : 'no',
        chosen ? clustering.agreement[0] : null,
        chosen ? clustering.agreement[1] : null,
        clustering.sampleSize,
        chosen ? `best silhouette; agreement = adjusted Rand index with the clusters of seeds ${seed + 1} and ${seed + 2} (1 = the same clusters, 0 = chance)` : null,
      ];
    }),
  };
}

export const kClusterChoiceColumns: Column[] = [
  { name: 'k', kind: 'int' },
  { name: 'silhouette', kind: 'share' },
  { name: 'chosen', kind: 'text' },
  { name: 'agreement_seed_2', kind: 'share' },
  { name: 'agreement_seed_3', kind: 'share' },
  { name: 'sample_customers', kind: 'int' },
  { name: 'note', kind: 'text' },
];
