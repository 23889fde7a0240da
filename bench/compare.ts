/**
 * Is the bench comparing the same work? Two checks:
 * - checkAgainstReference: every Q1-Q4 number in instacart's exports against DuckDB's aggregates of the
 *   same CSV files (counts and cents exactly; exported averages and rates within their rounding);
 * - compareExportDirs: two instacart runs' exports byte for byte (fast vs fast-csv; incremental vs a
 *   full run over the same data), which SPEC.md section 5 says must be identical.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExport } from './export-csv.js';
import type { GroupCell, ReferenceResults, TimeCell } from './reference.js';

/** The outcome of one check, for the report. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** One line of what was compared, e.g. "1,234 values in 7 tables". */
  summary: string;
  /** Every difference, one readable line each (the report prints the first few). */
  differences: string[];
}

/** How an exported cell is compared with its exact value from the reference. */
type Expect =
  | { kind: 'int'; value: number }
  /** Exported in dollars with 2 decimals; compared in cents, exactly. */
  | { kind: 'money'; cents: number }
  /** Exported rounded to `decimals`; must be within half a unit of the last place of the exact ratio. */
  | { kind: 'ratio'; value: number; decimals: number };

interface TableSpec {
  file: string;
  /** The key of a row, from its cells (e.g. `day_of_week=3`). */
  keyOf: (row: Record<string, string>, index: number) => string;
  /** Expected cells per key; the key set must equal the export's (rows only for groups with items). */
  expected: Map<string, Record<string, Expect>>;
}

export function checkAgainstReference(csvDir: string, ref: ReferenceResults): CheckResult {
  const differences: string[] = [];
  let values = 0;
  for (const spec of tableSpecs(ref)) {
    const path = join(csvDir, spec.file);
    if (!existsSync(path)) {
      differences.push(`${spec.file}: missing from instacart's exports`);
      continue;
    }
    const seen = new Set<string>();
    readExport(path).rows.forEach((row, index) => {
      const key = spec.keyOf(row, index);
      seen.add(key);
      const expected = spec.expected.get(key);
      if (expected === undefined) {
        differences.push(`${spec.file} ${key}: row in instacart's export, not in DuckDB's result`);
        return;
      }
      for (const [column, want] of Object.entries(expected)) {
        values++;
        const got = row[column];
        const problem = got === undefined ? 'column missing' : mismatch(got, want);
        if (problem !== undefined) differences.push(`${spec.file} ${key} ${column}: ${problem}`);
      }
    });
    for (const key of spec.expected.keys()) if (!seen.has(key)) differences.push(`${spec.file} ${key}: in DuckDB's result, missing from instacart's export`);
  }
  return {
    name: 'DuckDB reference vs instacart exports',
    ok: differences.length === 0,
    summary: `${values.toLocaleString('en-US')} values in 7 tables (counts and cents exact, rates within rounding)`,
    differences,
  };
}

/** Undefined when the exported text matches the expectation, else "instacart X, DuckDB Y". */
function mismatch(text: string, want: Expect): string | undefined {
  const got = Number(text);
  if (text.trim() === '' || !Number.isFinite(got)) return `instacart "${text}", DuckDB ${show(want)}`;
  switch (want.kind) {
    case 'int':
      return got === want.value ? undefined : `instacart ${fmt(got)}, DuckDB ${fmt(want.value)} (diff ${fmt(got - want.value)})`;
    case 'money': {
      const cents = Math.round(got * 100);
      return cents === want.cents ? undefined : `instacart ${text}, DuckDB ${(want.cents / 100).toFixed(2)} (diff ${((cents - want.cents) / 100).toFixed(2)})`;
    }
    case 'ratio':
      return Math.abs(got - want.value) <= 0.5 * 10 ** -want.decimals + 1e-9 ? undefined : `instacart ${text}, DuckDB ${want.value.toFixed(want.decimals + 2)}`;
  }
}

function show(want: Expect): string {
  return want.kind === 'money' ? (want.cents / 100).toFixed(2) : String(want.value);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function tableSpecs(ref: ReferenceResults): TableSpec[] {
  const totalOrders = Object.values(ref.byDay).reduce((s, c) => s + c.orders, 0);
  const totalItems = Object.values(ref.byDay).reduce((s, c) => s + c.items, 0);
  const totalRevenue = Object.values(ref.byDay).reduce((s, c) => s + c.revenueCents, 0);
  const time = (c: TimeCell, withAverages: boolean): Record<string, Expect> => ({
    orders: { kind: 'int', value: c.orders },
    items: { kind: 'int', value: c.items },
    revenue: { kind: 'money', cents: c.revenueCents },
    ...(withAverages
      ? {
          avg_item_price: { kind: 'ratio', value: ratio(c.revenueCents / 100, c.knownItems), decimals: 4 },
          avg_order_value: { kind: 'ratio', value: ratio(c.revenueCents / 100, c.orders), decimals: 4 },
          share_of_orders: { kind: 'ratio', value: ratio(c.orders, totalOrders), decimals: 6 },
        }
      : {}),
  });
  const group = (c: GroupCell, withCustomers: boolean): Record<string, Expect> => ({
    items: { kind: 'int', value: c.items },
    revenue: { kind: 'money', cents: c.revenueCents },
    reorder_rate: { kind: 'ratio', value: ratio(c.reorders, c.items), decimals: 6 },
    ...(withCustomers ? { customers: { kind: 'int', value: c.customers }, share_of_items: { kind: 'ratio', value: ratio(c.items, totalItems), decimals: 6 } } : {}),
  });
  const mapOf = <T>(record: Record<string, T>, prefix: string, f: (v: T) => Record<string, Expect>): Map<string, Record<string, Expect>> =>
    new Map(Object.entries(record).map(([k, v]) => [`${prefix}=${k}`, f(v)]));
  return [
    { file: 'orders_by_day.csv', keyOf: (r) => `day_of_week=${r['day_of_week']}`, expected: mapOf(ref.byDay, 'day_of_week', (c) => time(c, true)) },
    { file: 'orders_by_hour.csv', keyOf: (r) => `hour=${r['hour']}`, expected: mapOf(ref.byHour, 'hour', (c) => time(c, true)) },
    { file: 'orders_by_day_hour.csv', keyOf: (r) => `day_of_week x hour=${r['day_of_week']}x${r['hour']}`, expected: mapOf(ref.byDayHour, 'day_of_week x hour', (c) => time(c, false)) },
    {
      file: 'price_ranges.csv',
      keyOf: (r) => `price_range=${r['price_range']}`,
      expected: mapOf(ref.priceRanges, 'price_range', (c) => ({
        products: { kind: 'int', value: c.products },
        items: { kind: 'int', value: c.items },
        revenue: { kind: 'money', cents: c.revenueCents },
        share_of_items: { kind: 'ratio', value: ratio(c.items, totalItems), decimals: 6 },
        share_of_revenue: { kind: 'ratio', value: ratio(c.revenueCents, totalRevenue), decimals: 6 },
      })),
    },
    { file: 'department_popularity.csv', keyOf: (r) => `department_id=${r['department_id']}`, expected: mapOf(ref.departments, 'department_id', (c) => group(c, true)) },
    { file: 'aisle_popularity.csv', keyOf: (r) => `aisle_id=${r['aisle_id']}`, expected: mapOf(ref.aisles, 'aisle_id', (c) => group(c, true)) },
    {
      file: 'top_products.csv',
      keyOf: (_r, index) => `rank=${index + 1}`,
      expected: new Map(ref.topProducts.map((p, index) => [`rank=${index + 1}`, { product_id: { kind: 'int', value: p.productId }, ...group(p, false) }])),
    },
  ];
}

/**
 * The files of two export folders (`<out>/csv/*.csv`) byte for byte. Exports carry no timestamps or
 * paths (SPEC.md section 6), so two runs over the same data must give identical bytes.
 */
export function compareExportDirs(name: string, csvDirA: string, csvDirB: string, also: readonly string[] = []): CheckResult {
  const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')).sort() : []);
  const a = files(csvDirA);
  const b = files(csvDirB);
  const differences: string[] = [];
  for (const f of a) if (!b.includes(f)) differences.push(`${f}: only in ${csvDirA}`);
  for (const f of b) if (!a.includes(f)) differences.push(`${f}: only in ${csvDirB}`);
  const common = a.filter((f) => b.includes(f));
  for (const f of common) {
    const x = readFileSync(join(csvDirA, f));
    const y = readFileSync(join(csvDirB, f));
    if (!x.equals(y)) differences.push(`${f}: differs (${firstDifferentLine(x.toString('utf8'), y.toString('utf8'))})`);
  }
  // Files beside csv/ (report.html, the workbook), relative to its parent.
  for (const f of also) {
    const [x, y] = [join(csvDirA, '..', f), join(csvDirB, '..', f)];
    if (!existsSync(x) || !existsSync(y)) differences.push(`${f}: missing`);
    else if (!readFileSync(x).equals(readFileSync(y))) differences.push(`${f}: differs`);
  }
  return { name, ok: differences.length === 0 && common.length > 0, summary: `${common.length + also.length} export files compared byte for byte`, differences };
}

function firstDifferentLine(x: string, y: string): string {
  const xs = x.split('\r\n');
  const ys = y.split('\r\n');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (xs[i] !== ys[i]) return `line ${i + 1}: "${xs[i] ?? '<none>'}" vs "${ys[i] ?? '<none>'}"`;
  }
  return 'same lines, different bytes';
}
