/**
 * The segments stage (key question 5): the customer table with every flag and cluster, the segment
 * tables, crosstabs, the segment x department index, the cluster profiles and choice, and the population
 * flow. A pure function of the derive input: the merged partials, the orders lookup and customers.csv.
 */
import type { AnalysisInput, Cell, Column, Table } from '../summaries/index.js';
import { clusterCustomers, type Clustering } from './clusters.js';
import { buildCustomerTable, customerInput, kHabits, textOf, type CustomerTable } from './customers.js';
import { kLabels, kLowActivity } from './flags.js';
import { populationFlow } from './flow.js';
import { clusterChoice, clusterNames, clusterProfiles, kClusterChoiceColumns, kClusterProfileColumns } from './profiles.js';
import { crosstab, departmentCrosstab, departmentIndex, normalActivity, segmentCubes, segmentTable, type SegmentDimension } from './tables.js';

export { kLabels } from './flags.js';
export type { CustomerInput, CustomerTable, TextColumn } from './customers.js';


export interface Segments {
  tables: Table[];
  customers: CustomerTable;
  /** Cluster of each customer (0-based) and the clusters' labels (`1. <name>`); undefined without clusters. */
  clusters: { codes: Uint8Array; labels: string[] } | undefined;
}

/**
 * The segments before the clusters: every table that does not need them (the report thread draws their
 * charts while the main thread clusters), and what `withClusters` needs to add them.
 */
export interface SegmentsBeforeClusters extends Segments {
  clusters: undefined;
  basis: ClusterBasis;
}

interface ClusterBasis {
  normal: ReturnType<typeof normalActivity>;
  dims: SegmentDimension[];
  cubes: ReturnType<typeof segmentCubes>;
  /** The customer and department crosstabs, which no cluster enters. */
  crosstabs: Table[];
  flow: Table;
}

/** The customer-count crosstabs (SPEC.md section 4, and age x income for the report). */
const kCrosstabs: [string, string][] = [
  ['region', 'spending'],
  ['loyalty', 'spending'],
  ['loyalty', 'shopper_time'],
  ['profile', 'region'],
  ['family_status', 'age_group'],
  ['age_group', 'income_group'],
];

/** The department crosstabs (items). */
const kDepartmentCrosstabs = ['income_group', 'profile'];

/** The dimensions that do not need the clusters, in table order: `cluster` goes after `shopper_time`. */
function fixedDimensions(t: CustomerTable): SegmentDimension[] {
  return [
    { name: 'loyalty', labels: kLabels.loyalty, codes: t.loyalty },
    { name: 'spending', labels: kLabels.spending, codes: t.spending },
    { name: 'frequency', labels: kLabels.frequency, codes: t.frequency },
    { name: 'activity', labels: kLabels.activity, codes: t.activity },
    { name: 'region', labels: kLabels.region, codes: t.region },
    { name: 'age_group', labels: kLabels.age_group, codes: t.ageGroup },
    { name: 'income_group', labels: kLabels.income_group, codes: t.incomeGroup },
    { name: 'family_status', labels: t.familyStatusLabels, codes: t.familyStatusCode },
    { name: 'profile', labels: kLabels.profile, codes: t.profile },
    { name: 'shopper_time', labels: kLabels.shopper_time, codes: t.shopperTime },
    ...kHabits.map((h) => ({ name: h.dimension, labels: kLabels.habit, codes: t.habits[h.dimension] })),
  ];
}

const kClusterAfter = 'shopper_time';

/** The segments of `input`: `withClusters(segmentsBeforeClusters(input), input)`. */
export function buildSegments(input: AnalysisInput): Segments {
  return withClusters(segmentsBeforeClusters(input), input);
}

/** The customer table and every segment table, crosstab and index without the clusters. */
export function segmentsBeforeClusters(input: AnalysisInput): SegmentsBeforeClusters {
  const t = buildCustomerTable(customerInput(input));
  const normal = normalActivity(t);
  const dims = fixedDimensions(t);
  const cubes = segmentCubes(dims, t, input, normal);
  const byName = new Map(dims.map((d) => [d.name, d]));
  const departmentsOf = (name: string) => cubes[dims.findIndex((d) => d.name === name)]!.departments;
  const crosstabs = [
    ...kCrosstabs.map(([a, b]) => crosstab(byName.get(a)!, byName.get(b)!, t, input.config, normal)),
    ...kDepartmentCrosstabs.map((name) => departmentCrosstab(byName.get(name)!, departmentsOf(name), input)),
  ];
  const basis: ClusterBasis = { normal, dims, cubes, crosstabs, flow: populationFlow(input, t) };
  return { tables: segmentTables(basis, [], input), customers: t, clusters: undefined, basis };
}

/**
 * The segments with the clusters (k-means; see clusters.ts): the cluster segment table after
 * shopper_time, the cluster rows of the department index, the cluster profiles and choice. (Clustering
 * on a second thread while the main thread made the other tables was tried: on the 2-vCPU benchmark
 * machine the two threads slowed each other down about 1.8x, and the stage took 0.62 s instead of 0.55 s.)
 */
export function withClusters(before: SegmentsBeforeClusters, input: AnalysisInput): Segments {
  const { customers: t, basis } = before;
  const clustering = clusterCustomers(t, customerInput(input));
  if (clustering === undefined) return { tables: segmentTables(basis, unclustered(t, input), input), customers: t, clusters: undefined };
  const provisional = { name: 'cluster', labels: Array.from({ length: clustering.k }, (_, k) => String(k + 1)), codes: clustering.labels };
  const cube = segmentCubes([provisional], t, input, basis.normal)[0]!;
  const names = clusterNames(t, clustering, cube.departments, input);
  const clusters = { codes: clustering.labels, labels: names.map((name, k) => `${k + 1}. ${name}`) };
  const at = basis.dims.findIndex((d) => d.name === kClusterAfter) + 1;
  const dims = [...basis.dims.slice(0, at), { name: 'cluster', labels: clusters.labels, codes: clusters.codes }, ...basis.dims.slice(at)];
  const cubes = [...basis.cubes.slice(0, at), cube, ...basis.cubes.slice(at)];
  const clusterTables = [clusterProfiles(t, clustering, clusters.labels, names, cube.departments, input), clusterChoice(clustering, input)];
  return { tables: segmentTables({ ...basis, dims, cubes }, clusterTables, input), customers: t, clusters };
}

/** The segment tables in export order: one per dimension, the crosstabs, the index, then `clusterTables` and the flow. */
function segmentTables(basis: ClusterBasis, clusterTables: Table[], input: AnalysisInput): Table[] {
  const { dims, cubes } = basis;
  return [
    ...dims.map((d, k) => segmentTable(d, cubes[k]!.sums, input)),
    ...basis.crosstabs,
    departmentIndex(dims, cubes.map((c) => c.departments), input),
    ...clusterTables,
    basis.flow,
  ];
}

export type { Clustering };

/**
 * Too few customers to cluster (fewer than 2 x clusterMaxK of normal activity): the cluster tables are
 * still written, empty, and cluster_choice says why, so a reader of a small data set is not left guessing.
 */
function unclustered(t: CustomerTable, input: AnalysisInput): Table[] {
  const normal = t.activity.reduce((n, a) => n + (a === kLowActivity ? 0 : 1), 0);
  const noSegments = { name: 'cluster', labels: [], codes: new Uint8Array(0) };
  const noSums = { customers: new Float64Array(0), orders: new Float64Array(0), items: new Float64Array(0), known: new Float64Array(0), cents: new Float64Array(0), days: new Float64Array(0), withDays: new Float64Array(0) };
  return [
    segmentTable(noSegments, noSums, input),
    { name: 'cluster_profiles', grain: 'one row per cluster (none: too few customers)', columns: kClusterProfileColumns, rows: [] },
    {
      name: 'cluster_choice',
      grain: 'one row per k tried (none: too few customers)',
      columns: kClusterChoiceColumns,
      rows: [[null, null, 'no', null, null, normal, `too few normal-activity customers to cluster (${normal}; at least ${input.config.clusterMaxK * 2} needed)`]],
    },
  ];
}

/** `customers.csv` (only on request): one row per customer with every flag, never a name. */
export function customersExport(segments: Segments, input: AnalysisInput): Table {
  const t = segments.customers;
  const label = (labels: readonly string[], codes: Uint8Array | Uint16Array) => (c: number): Cell => labels[codes[c]!]!;
  const known = (v: number): Cell => (v < 0 ? null : v);
  const prices = input.catalogue.hasPrices;
  const columns: [Column, (c: number) => Cell][] = [
    [{ name: 'user_id', kind: 'int' }, (c) => t.userId[c]!],
    [{ name: 'orders', kind: 'int' }, (c) => t.orders[c]!],
    [{ name: 'items', kind: 'int' }, (c) => t.items[c]!],
    [{ name: 'revenue', kind: 'money' }, (c) => (prices ? t.revenueCents[c]! / 100 : 'no prices')],
    [{ name: 'avg_item_price', kind: 'decimal' }, (c) => (prices ? (t.knownItems[c]! > 0 ? t.revenueCents[c]! / 100 / t.knownItems[c]! : null) : 'no prices')],
    [{ name: 'reorder_share', kind: 'share' }, (c) => (t.items[c]! > 0 ? t.reorders[c]! / t.items[c]! : null)],
    [{ name: 'max_order', kind: 'int' }, (c) => t.maxOrder[c]!],
    [{ name: 'loyalty', kind: 'text' }, label(kLabels.loyalty, t.loyalty)],
    [{ name: 'spending', kind: 'text' }, label(kLabels.spending, t.spending)],
    [{ name: 'median_days', kind: 'decimal' }, (c) => (Number.isNaN(t.medianDays[c]!) ? null : t.medianDays[c]!)],
    [{ name: 'frequency', kind: 'text' }, label(kLabels.frequency, t.frequency)],
    [{ name: 'activity', kind: 'text' }, label(kLabels.activity, t.activity)],
    [{ name: 'shopper_time', kind: 'text' }, label(kLabels.shopper_time, t.shopperTime)],
    [{ name: 'gender', kind: 'text' }, (c) => textOf(t.gender, c) || 'Unknown'],
    [{ name: 'state', kind: 'text' }, (c) => textOf(t.state, c) || 'Unknown'],
    [{ name: 'region', kind: 'text' }, label(kLabels.region, t.region)],
    [{ name: 'age', kind: 'int' }, (c) => known(t.age[c]!)],
    [{ name: 'age_group', kind: 'text' }, label(kLabels.age_group, t.ageGroup)],
    [{ name: 'income', kind: 'int' }, (c) => known(t.income[c]!)],
    [{ name: 'income_group', kind: 'text' }, label(kLabels.income_group, t.incomeGroup)],
    [{ name: 'family_status', kind: 'text' }, label(t.familyStatusLabels, t.familyStatusCode)],
    [{ name: 'dependants', kind: 'int' }, (c) => known(t.dependants[c]!)],
    [{ name: 'parent', kind: 'text' }, label(kLabels.parent, t.parent)],
    [{ name: 'profile', kind: 'text' }, label(kLabels.profile, t.profile)],
    ...kHabits.map((h): [Column, (c: number) => Cell] => [{ name: h.dimension, kind: 'text' }, label(kLabels.habit, t.habits[h.dimension])]),
    [{ name: 'date_joined', kind: 'text' }, (c) => textOf(t.dateJoined, c) || null],
    [{ name: 'cluster', kind: 'text' }, (c) => (segments.clusters === undefined ? null : segments.clusters.labels[segments.clusters.codes[c]!]!)],
  ];
  return {
    name: 'customers',
    grain: 'one row per customer (a user with an order in the population), by user_id; no names',
    columns: columns.map(([column]) => column),
    rows: Array.from({ length: t.count }, (_, c) => columns.map(([, cell]) => cell(c))),
  };
}
