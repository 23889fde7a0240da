/**
 * Segment tables, crosstabs and the segment x department index (SPEC.md sections 3, 4 and 7), from the
 * customer table. Low-activity customers are left out of all but `segment_activity`. A row or cell that
 * describes fewer than `minCellCustomers` customers has every number blank (its customer count included)
 * and says so in `note`; totals and shares are computed from the true counts.
 */
import type { Config } from '../config/index.js';
import type { AnalysisInput, Cell, Column, Table } from '../summaries/index.js';
import { departmentName, ratio } from '../summaries/input.js';
import type { CustomerTable } from './customers.js';
import { kLowActivity } from './flags.js';

/** One way of splitting customers: a code per customer into `labels`. */
export interface SegmentDimension {
  /** Column and file name: `segment_<name>.csv`. */
  name: string;
  labels: readonly string[];
  codes: Uint8Array | Uint16Array;
}

/** The note on a blanked row or cell. */
export function smallCellNote(config: Config): string {
  return `fewer than ${config.minCellCustomers} customers: numbers left blank`;
}

/** 1 for each customer of normal activity: the customers every table but `segment_activity` covers. */
export function normalActivity(table: CustomerTable): Uint8Array {
  const out = new Uint8Array(table.count);
  for (let c = 0; c < table.count; c++) out[c] = table.activity[c] === kLowActivity ? 0 : 1;
  return out;
}

const kSegmentColumns: Column[] = [
  { name: 'customers', kind: 'int' },
  { name: 'share_of_customers', kind: 'share' },
  { name: 'orders', kind: 'int' },
  { name: 'items', kind: 'int' },
  { name: 'revenue', kind: 'money' },
  { name: 'avg_orders_per_customer', kind: 'decimal' },
  { name: 'avg_items_per_order', kind: 'decimal' },
  { name: 'avg_item_price', kind: 'decimal' },
  { name: 'avg_order_value', kind: 'decimal' },
  { name: 'avg_median_days', kind: 'decimal' },
];

/** Totals per segment value: customers, orders, items, known-price items, revenue cents, and median days. */
export interface SegmentSums {
  customers: Float64Array;
  orders: Float64Array;
  items: Float64Array;
  known: Float64Array;
  cents: Float64Array;
  days: Float64Array;
  withDays: Float64Array;
}

/**
 * `segment_<dimension>`: one row per segment value with customers, totals over them, ratios of totals
 * (`sums` from `segmentCubes`: normal-activity customers, every customer for `activity`).
 */
export function segmentTable(dim: SegmentDimension, sums: SegmentSums, input: AnalysisInput): Table {
  const n = dim.labels.length;
  const total = sums.customers.reduce((a, b) => a + b, 0);
  const { config, catalogue } = input;
  const prices = catalogue.hasPrices;
  const rows: Cell[][] = [];
  for (let k = 0; k < n; k++) {
    const customers = sums.customers[k]!;
    if (customers === 0) continue;
    if (customers < config.minCellCustomers) {
      rows.push([dim.labels[k]!, ...kSegmentColumns.map(() => null), smallCellNote(config)]);
      continue;
    }
    const revenue = sums.cents[k]! / 100;
    rows.push([
      dim.labels[k]!,
      customers,
      ratio(customers, total),
      sums.orders[k]!,
      sums.items[k]!,
      prices ? revenue : 'no prices',
      ratio(sums.orders[k]!, customers),
      ratio(sums.items[k]!, sums.orders[k]!),
      prices ? ratio(revenue, sums.known[k]!) : 'no prices',
      prices ? ratio(revenue, sums.orders[k]!) : 'no prices',
      ratio(sums.days[k]!, sums.withDays[k]!),
      null,
    ]);
  }
  return {
    name: `segment_${dim.name}`,
    grain: `one row per ${dim.name} value with customers${dim.name === 'activity' ? ' (all customers)' : ' (normal-activity customers)'}`,
    columns: [{ name: dim.name, kind: 'text' }, ...kSegmentColumns, { name: 'note', kind: 'text' }],
    rows,
  };
}

/** `crosstab_<a>_by_<b>`: customers per (a, b) cell and the cell's share of its row (a), normal activity only. */
export function crosstab(a: SegmentDimension, b: SegmentDimension, t: CustomerTable, config: Config, normal: Uint8Array): Table {
  const nb = b.labels.length;
  const cells = new Float64Array(a.labels.length * nb);
  const rowTotals = new Float64Array(a.labels.length);
  for (let c = 0; c < t.count; c++) {
    if (normal[c] === 0) continue;
    cells[a.codes[c]! * nb + b.codes[c]!]!++;
    rowTotals[a.codes[c]!]!++;
  }
  const rows: Cell[][] = [];
  for (let i = 0; i < a.labels.length; i++) {
    for (let j = 0; j < nb; j++) {
      const customers = cells[i * nb + j]!;
      if (customers === 0) continue;
      const small = customers < config.minCellCustomers;
      rows.push([a.labels[i]!, b.labels[j]!, small ? null : customers, small ? null : ratio(customers, rowTotals[i]!), small ? smallCellNote(config) : null]);
    }
  }
  return {
    name: `crosstab_${a.name}_by_${b.name}`,
    grain: `one row per ${a.name} x ${b.name} cell with customers (normal-activity customers)`,
    columns: [
      { name: a.name, kind: 'text' },
      { name: b.name, kind: 'text' },
      { name: 'customers', kind: 'int' },
      { name: 'share_of_row', kind: 'share' },
      { name: 'note', kind: 'text' },
    ],
    rows,
  };
}

/** Items and buying customers per (segment value, department), normal-activity customers. */
export interface DepartmentCube {
  /** `items[code * deptSlots + department]`, and the customers who bought there. */
  items: Float64Array;
  customers: Float64Array;
  /** Customers per segment value. */
  segmentCustomers: Float64Array;
}

/** A dimension's totals: per segment value, and per segment value x department. */
export interface SegmentCube {
  sums: SegmentSums;
  departments: DepartmentCube;
}

/**
 * Every dimension's totals. Adding each customer to each of the 14 dimensions (7 measures and ~12
 * departments each time) cost 270 ms at full scale; instead the dimensions are grouped into packs whose
 * joint codes stay below `kMaxJointCodes`, each customer is added once per pack (to its joint code), and
 * each joint code's totals are then added to the segments it stands for: 3-4 additions per customer.
 * Low-activity customers count only in `activity`'s measures.
 */
export function segmentCubes(dims: readonly SegmentDimension[], t: CustomerTable, input: AnalysisInput, normal: Uint8Array): SegmentCube[] {
  const slots = input.deptSlots;
  const cubes: SegmentCube[] = dims.map((d) => ({
    sums: { customers: new Float64Array(d.labels.length), orders: new Float64Array(d.labels.length), items: new Float64Array(d.labels.length), known: new Float64Array(d.labels.length), cents: new Float64Array(d.labels.length), days: new Float64Array(d.labels.length), withDays: new Float64Array(d.labels.length) },
    departments: { items: new Float64Array(d.labels.length * slots), customers: new Float64Array(d.labels.length * slots), segmentCustomers: new Float64Array(d.labels.length) },
  }));
  for (const pack of packsOf(dims)) {
    const joint = new Uint32Array(t.count);
    let radix = 1;
    for (const k of pack) {
      const codes = dims[k]!.codes;
      for (let c = 0; c < t.count; c++) joint[c]! += codes[c]! * radix;
      radix *= dims[k]!.labels.length;
    }
    const sums = new Float64Array(radix * kSums);
    const cells = new Float64Array(radix * slots * 2);
    addJoint(sums, cells, joint, slots, t, input.totals.userDeptItems, normal);
    marginalise(sums, cells, radix, pack, dims, cubes, slots);
  }
  const activity = dims.findIndex((d) => d.name === 'activity');
  if (activity >= 0) cubes[activity]!.sums = allCustomerSums(dims[activity]!, t);
  return cubes;
}

/** Sums per joint code: customers, orders, items, known items, cents, median days, customers with days. */
const kSums = 7;

/** Normal-activity customers' measures and departments, by joint code. */
function addJoint(sums: Float64Array, cells: Float64Array, joint: Uint32Array, slots: number, t: CustomerTable, userDept: Uint32Array, normal: Uint8Array): void {
  const { orders, items, knownItems, revenueCents, medianDays, userId } = t;
  const width = kSums;
  for (let c = 0; c < joint.length; c++) {
    if (normal[c] === 0) continue;
    const key = joint[c]!;
    const at = key * width;
    const days = medianDays[c]!;
    sums[at]! += 1;
    sums[at + 1]! += orders[c]!;
    sums[at + 2]! += items[c]!;
    sums[at + 3]! += knownItems[c]!;
    sums[at + 4]! += revenueCents[c]!;
    if (days === days) {
      sums[at + 5]! += days;
      sums[at + 6]! += 1;
    }
    const base = userId[c]! * slots;
    const cell = key * slots * 2;
    for (let d = 0; d < slots; d++) {
      const n = userDept[base + d]!;
      if (n === 0) continue;
      cells[cell + d * 2]! += n;
      cells[cell + d * 2 + 1]! += 1;
    }
  }
}

/** A pack's joint totals added to each of its dimensions' segments. */
function marginalise(sums: Float64Array, cells: Float64Array, radix: number, pack: readonly number[], dims: readonly SegmentDimension[], cubes: SegmentCube[], slots: number): void {
  for (let key = 0; key < radix; key++) {
    if (sums[key * kSums] === 0) continue;
    let rest = key;
    for (const k of pack) {
      const n = dims[k]!.labels.length;
      const segment = rest % n;
      rest = Math.floor(rest / n);
      const { sums: to, departments } = cubes[k]!;
      const from = key * kSums;
      to.customers[segment]! += sums[from]!;
      to.orders[segment]! += sums[from + 1]!;
      to.items[segment]! += sums[from + 2]!;
      to.known[segment]! += sums[from + 3]!;
      to.cents[segment]! += sums[from + 4]!;
      to.days[segment]! += sums[from + 5]!;
      to.withDays[segment]! += sums[from + 6]!;
      departments.segmentCustomers[segment]! += sums[from]!;
      for (let d = 0; d < slots; d++) {
        departments.items[segment * slots + d]! += cells[(key * slots + d) * 2]!;
        departments.customers[segment * slots + d]! += cells[(key * slots + d) * 2 + 1]!;
      }
    }
  }
}

/** A dimension's measures over every customer (`segment_activity` shows both activity rows). */
function allCustomerSums(dim: SegmentDimension, t: CustomerTable): SegmentSums {
  const n = dim.labels.length;
  const sums: SegmentSums = { customers: new Float64Array(n), orders: new Float64Array(n), items: new Float64Array(n), known: new Float64Array(n), cents: new Float64Array(n), days: new Float64Array(n), withDays: new Float64Array(n) };
  for (let c = 0; c < t.count; c++) {
    const k = dim.codes[c]!;
    sums.customers[k]!++;
    sums.orders[k]! += t.orders[c]!;
    sums.items[k]! += t.items[c]!;
    sums.known[k]! += t.knownItems[c]!;
    sums.cents[k]! += t.revenueCents[c]!;
    const days = t.medianDays[c]!;
    if (days === days) {
      sums.days[k]! += days;
      sums.withDays[k]!++;
    }
  }
  return sums;
}

/** Joint codes per pack stay below this: the pack's totals then fit in a few MB. */
const kMaxJointCodes = 32768;

/** Dimensions grouped, in order, into packs whose label counts multiply to at most `kMaxJointCodes`. */
function packsOf(dims: readonly SegmentDimension[]): number[][] {
  const packs: number[][] = [];
  let current: number[] = [];
  let product = 1;
  dims.forEach((dim, k) => {
    const n = Math.max(1, dim.labels.length);
    if (current.length > 0 && product * n > kMaxJointCodes) {
      packs.push(current);
      current = [];
      product = 1;
    }
    current.push(k);
    product *= n;
  });
  if (current.length > 0) packs.push(current);
  return packs;
}

/** The departments with items among the customers a cube covers, by id. */
function boughtDepartments(cube: DepartmentCube, slots: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < slots; d++) {
    let items = 0;
    for (let at = d; at < cube.items.length; at += slots) items += cube.items[at]!;
    if (items > 0) out.push(d);
  }
  return out;
}

/** `crosstab_<a>_by_department`: items per (a, department) and the cell's share of its row's items. */
export function departmentCrosstab(dim: SegmentDimension, cube: DepartmentCube, input: AnalysisInput): Table {
  const slots = input.deptSlots;
  const { config } = input;
  const rows: Cell[][] = [];
  for (let i = 0; i < dim.labels.length; i++) {
    if (cube.segmentCustomers[i] === 0) continue;
    let rowItems = 0;
    for (let d = 0; d < slots; d++) rowItems += cube.items[i * slots + d]!;
    for (const d of boughtDepartments(cube, slots)) {
      const customers = cube.customers[i * slots + d]!;
      if (customers === 0) continue;
      const small = customers < config.minCellCustomers;
      const items = cube.items[i * slots + d]!;
      rows.push([dim.labels[i]!, departmentName(input, d), small ? null : customers, small ? null : items, small ? null : ratio(items, rowItems), small ? smallCellNote(config) : null]);
    }
  }
  return {
    name: `crosstab_${dim.name}_by_department`,
    grain: `one row per ${dim.name} x department with items (normal-activity customers)`,
    columns: [
      { name: dim.name, kind: 'text' },
      { name: 'department', kind: 'text' },
      { name: 'customers', kind: 'int' },
      { name: 'items', kind: 'int' },
      { name: 'share_of_row', kind: 'share' },
      { name: 'note', kind: 'text' },
    ],
    rows,
  };
}

/**
 * `segment_department_index`: per (dimension, segment, department), the segment's items there, its share of
 * the segment's items, and the index against all (normal-activity) customers: 100 = like everyone.
 */
export function departmentIndex(dims: readonly SegmentDimension[], cubes: readonly DepartmentCube[], input: AnalysisInput): Table {
  const slots = input.deptSlots;
  const { config } = input;
  const all = new Float64Array(slots);
  const first = cubes[0];
  if (first !== undefined) for (let at = 0; at < first.items.length; at++) all[at % slots]! += first.items[at]!;
  const allItems = all.reduce((a, b) => a + b, 0);
  const rows: Cell[][] = [];
  dims.forEach((dim, k) => {
    const cube = cubes[k]!;
    for (let i = 0; i < dim.labels.length; i++) {
      const segmentCustomers = cube.segmentCustomers[i]!;
      if (segmentCustomers === 0) continue;
      let segmentItems = 0;
      for (let d = 0; d < slots; d++) segmentItems += cube.items[i * slots + d]!;
      for (let d = 0; d < slots; d++) {
        if (all[d] === 0) continue;
        const items = cube.items[i * slots + d]!;
        const customers = cube.customers[i * slots + d]!;
        const small = segmentCustomers < config.minCellCustomers || customers < config.minCellCustomers;
        const share = ratio(items, segmentItems);
        const index = share === null || allItems === 0 ? null : (share / (all[d]! / allItems)) * 100;
        rows.push([dim.name, dim.labels[i]!, departmentName(input, d), small ? null : items, small ? null : share, small ? null : index, small ? null : customers, small ? smallCellNote(config) : null]);
      }
    }
  });
  return {
    name: 'segment_department_index',
    grain: 'one row per dimension x segment x department (normal-activity customers; index 100 = like all of them)',
    columns: [
      { name: 'dimension', kind: 'text' },
      { name: 'segment', kind: 'text' },
      { name: 'department', kind: 'text' },
      { name: 'items', kind: 'int' },
      { name: 'share_of_segment_items', kind: 'share' },
      { name: 'index', kind: 'decimal' },
      { name: 'customers', kind: 'int' },
      { name: 'note', kind: 'text' },
    ],
    rows,
  };
}
