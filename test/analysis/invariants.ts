/**
 * Properties the exports must have whatever the data (STYLE.md item 7), read from the exports alone:
 * the same items, orders and revenue whichever table adds them up, shares that add up to 1, and every
 * input row either accepted or rejected with a reason. Each check returns its discrepancies (empty = holds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExport, qualityRows, readExportFile } from './compare.js';

interface Export {
  header: string[];
  rows: string[][];
}

function load(outDir: string, name: string): Export {
  return parseExport(readExportFile(outDir, name), `${name}.csv`);
}

function column(table: Export, name: string): string[] {
  const k = table.header.indexOf(name);
  if (k < 0) throw new Error(`no column ${name} in ${table.header.join(',')}`);
  return table.rows.map((r) => r[k]!);
}

/** Sum of an integer column. */
function sumInt(table: Export, name: string): number {
  return column(table, name).reduce((s, v) => s + Number(v), 0);
}

/** Sum of a money column in integer cents (exact), or undefined when the column says `no prices`. */
function sumCents(table: Export, name: string): number | undefined {
  const cells = column(table, name);
  if (cells.some((c) => c === 'no prices')) return undefined;
  return cells.reduce((s, v) => s + Math.round(Number(v) * 100), 0);
}

/** Totals that several tables add up in their own way must agree. */
export function totalsAgree(outDir: string): string[] {
  const problems: string[] = [];
  const day = load(outDir, 'orders_by_day');
  const hour = load(outDir, 'orders_by_hour');
  const dayHour = load(outDir, 'orders_by_day_hour');
  const departments = load(outDir, 'department_popularity');
  const aisles = load(outDir, 'aisle_popularity');
  const ranges = load(outDir, 'price_ranges');
  const flow = load(outDir, 'population_flow');
  const quality = qualityRows(readExportFile(outDir, 'data_quality'));
  const flowRow = (step: string, col: 'rows' | 'customers') => Number(column(flow, col)[column(flow, 'step').indexOf(step)]);

  const linesAccepted = [...quality].filter(([key]) => key.endsWith('|rows accepted') && /order_products|orders_products/i.test(key)).reduce((s, [, n]) => s + n, 0);
  const items: Record<string, number> = {
    'data_quality: rows accepted over order line files': linesAccepted,
    'population_flow: order lines accepted': flowRow('order lines accepted (known order and product)', 'rows'),
    'department_popularity.items': sumInt(departments, 'items'),
    'aisle_popularity.items': sumInt(aisles, 'items'),
    'price_ranges.items': sumInt(ranges, 'items'),
    'orders_by_day.items': sumInt(day, 'items'),
    'orders_by_hour.items': sumInt(hour, 'items'),
    'orders_by_day_hour.items': sumInt(dayHour, 'items'),
  };
  if (new Set(Object.values(items)).size !== 1) problems.push(`item totals differ: ${JSON.stringify(items)}`);

  const orders: Record<string, number> = {
    'population_flow: the population': flowRow('orders with lines: the population', 'rows'),
    'orders_by_day.orders': sumInt(day, 'orders'),
    'orders_by_hour.orders': sumInt(hour, 'orders'),
    'orders_by_day_hour.orders': sumInt(dayHour, 'orders'),
  };
  if (new Set(Object.values(orders)).size !== 1) problems.push(`order totals differ: ${JSON.stringify(orders)}`);
  const accepted = flowRow('orders accepted', 'rows');
  const without = flowRow('orders without lines (not in the population, e.g. test orders)', 'rows');
  if (accepted !== orders['population_flow: the population']! + without) problems.push(`population_flow: orders accepted ${accepted} != population ${orders['population_flow: the population']} + without lines ${without}`);

  const revenue: Record<string, number | undefined> = {
    'department_popularity.revenue': sumCents(departments, 'revenue'),
    'aisle_popularity.revenue': sumCents(aisles, 'revenue'),
    'price_ranges.revenue': sumCents(ranges, 'revenue'),
    'orders_by_day.revenue': sumCents(day, 'revenue'),
    'orders_by_hour.revenue': sumCents(hour, 'revenue'),
    'orders_by_day_hour.revenue': sumCents(dayHour, 'revenue'),
  };
  if (new Set(Object.values(revenue)).size !== 1) problems.push(`revenue totals (cents) differ: ${JSON.stringify(revenue)}`);

  const productsFile = [...new Set([...quality.keys()].map((k) => k.split('|')[0]!))].find((d) => /^products\.csv(\.gz)?$/i.test(d));
  const products = quality.get(`${productsFile}|rows accepted`) ?? 0;
  const duplicates = quality.get(`${productsFile}|exact duplicate row`) ?? 0;
  if (sumInt(ranges, 'products') !== products - duplicates) problems.push(`price_ranges.products ${sumInt(ranges, 'products')} != products accepted ${products} - exact duplicates ${duplicates}`);
  return problems;
}

/**
 * Each share column adds up to 1, within the rounding of its cells (n cells of 6 decimals can be off by
 * n * 0.5e-6). A share column of `no prices` is skipped; share_of_revenue is skipped when there is no revenue.
 */
export function sharesSumToOne(outDir: string): string[] {
  const problems: string[] = [];
  const checks: [string, string][] = [
    ['orders_by_day', 'share_of_orders'],
    ['orders_by_hour', 'share_of_orders'],
    ['price_ranges', 'share_of_items'],
    ['price_ranges', 'share_of_revenue'],
    ['department_popularity', 'share_of_items'],
    ['department_popularity', 'share_of_revenue'],
    ['aisle_popularity', 'share_of_items'],
  ];
  for (const [name, col] of checks) {
    const table = load(outDir, name);
    const cells = column(table, col);
    if (cells.some((c) => c === 'no prices')) continue;
    if (col === 'share_of_revenue' && sumCents(table, 'revenue') === 0) continue;
    const sum = cells.reduce((s, v) => s + Number(v), 0);
    const tolerance = cells.length * 0.5e-6 + 1e-9;
    if (Math.abs(sum - 1) > tolerance) problems.push(`${name}.${col} adds up to ${sum}, not 1 (tolerance ${tolerance})`);
  }
  return problems;
}

/**
 * Every row read is accepted or rejected with a reason (SPEC.md section 5), per dataset, and rejects.csv
 * lists as many rows per file and reason as data_quality counts (less any the export says it left out).
 */
export function everyRowAccounted(outDir: string): string[] {
  const problems: string[] = [];
  const quality = qualityRows(readExportFile(outDir, 'data_quality'));
  const datasets = new Set([...quality.keys()].map((k) => k.split('|')[0]!));
  const rejects = parseExport(readFileSync(join(outDir, 'rejects.csv'), 'utf8'), 'rejects.csv');
  const listed = new Map<string, number>();
  for (const r of rejects.rows) listed.set(`${r[0]}|rejected: ${r[2]}`, (listed.get(`${r[0]}|rejected: ${r[2]}`) ?? 0) + 1);
  for (const dataset of datasets) {
    const read = quality.get(`${dataset}|rows read`);
    const accepted = quality.get(`${dataset}|rows accepted`);
    if (read === undefined || accepted === undefined) {
      problems.push(`data_quality.csv: ${dataset} has no rows read / rows accepted`);
      continue;
    }
    let rejected = 0;
    let rejectedListed = 0;
    for (const [key, n] of quality) {
      if (!key.startsWith(`${dataset}|rejected: `)) continue;
      rejected += n;
      rejectedListed += listed.get(key) ?? 0;
    }
    if (read !== accepted + rejected) problems.push(`data_quality.csv ${dataset}: rows read ${read} != accepted ${accepted} + rejected ${rejected}`);
    const notListed = quality.get(`${dataset}|rejected rows not listed in rejects.csv`) ?? 0;
    if (rejectedListed !== rejected - notListed) problems.push(`rejects.csv lists ${rejectedListed} rows of ${dataset}; data_quality counts ${rejected} rejected, ${notListed} not listed`);
  }
  for (const key of listed.keys()) if (!quality.has(key)) problems.push(`rejects.csv has rows for ${key}, which data_quality.csv does not count`);
  return problems;
}

/** All the invariants above. */
export function checkInvariants(outDir: string): string[] {
  return [...totalsAgree(outDir), ...sharesSumToOne(outDir), ...everyRowAccounted(outDir)];
}
