/**
 * Are instacart's pair exports DuckDB's pairs (issue 11)? aisle_pairs.csv and department_pairs.csv must
 * hold exactly DuckDB's pairs at the threshold, each with the same orders of A, of B and together;
 * product_pairs.csv's two rankings must be the top N of DuckDB's product pairs by lift and by orders
 * together (ties by the other measure, then the ids), with the same counts.
 */
import { join } from 'node:path';
import type { CheckResult } from './compare.js';
import { readExport } from './export-csv.js';
import type { PairsReference, ReferencePair } from './pairs-reference.js';

const key = (p: { a: number; b: number; ordersA: number; ordersB: number; together: number }): string => `${p.a}-${p.b}: ${p.ordersA}, ${p.ordersB}, ${p.together}`;

function rowsAsPairs(rows: Record<string, string>[], kind: string): ReferencePair[] {
  return rows.map((r) => ({ a: Number(r[`${kind}_a_id`]), b: Number(r[`${kind}_b_id`]), ordersA: Number(r['orders_a']), ordersB: Number(r['orders_b']), together: Number(r['orders_together']) }));
}

function sameList(name: string, ours: readonly ReferencePair[], theirs: readonly ReferencePair[], differences: string[]): void {
  const a = ours.map(key);
  const b = theirs.map(key);
  if (a.length !== b.length) differences.push(`${name}: ${a.length} rows, DuckDB ${b.length}`);
  const k = a.findIndex((x, i) => x !== b[i]);
  if (k >= 0) differences.push(`${name} row ${k + 1}: ours ${a[k]}, DuckDB ${b[k] ?? 'none'}`);
}

export function checkPairs(csvDir: string, ref: PairsReference, topN: number): CheckResult {
  const differences: string[] = [];
  const sorted = (list: readonly ReferencePair[]): ReferencePair[] => [...list].sort((x, y) => x.a - y.a || x.b - y.b);
  for (const [kind, theirs] of [['aisle', ref.aislePairs], ['department', ref.departmentPairs]] as const) {
    sameList(`${kind}_pairs.csv`, sorted(rowsAsPairs(readExport(join(csvDir, `${kind}_pairs.csv`)).rows, kind)), sorted(theirs), differences);
  }
  const lift = (p: ReferencePair): number => (p.together * ref.orders) / (p.ordersA * p.ordersB);
  const byLift = (x: ReferencePair, y: ReferencePair): number => lift(y) - lift(x) || y.together - x.together || x.a - y.a || x.b - y.b;
  const byTogether = (x: ReferencePair, y: ReferencePair): number => y.together - x.together || lift(y) - lift(x) || x.a - y.a || x.b - y.b;
  const products = readExport(join(csvDir, 'product_pairs.csv')).rows;
  for (const [ranking, order] of [['lift', byLift], ['orders together', byTogether]] as const) {
    const ours = rowsAsPairs(products.filter((r) => r['ranking'] === ranking), 'product');
    sameList(`product_pairs.csv (${ranking})`, ours, [...ref.productPairs].sort(order).slice(0, topN), differences);
  }
  return {
    name: 'DuckDB pairs vs instacart pair exports',
    ok: differences.length === 0,
    summary: `${ref.aislePairs.length.toLocaleString('en-US')} aisle pairs, ${ref.departmentPairs.length} department pairs, top ${topN} of ${ref.productPairs.length.toLocaleString('en-US')} product pairs twice, over ${ref.orders.toLocaleString('en-US')} orders`,
    differences,
  };
}
