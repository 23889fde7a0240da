/**
 * The findings rules (issue 10) on small hand-made tables: the sentences follow the numbers (another
 * data set, other true sentences), every number is a quote of the cell it names, a missing or empty
 * table says nothing, and a mostly rejected input becomes a warning with its main reason.
 */
import test from 'ava';
import { headlineLines, plainText, writeFindings, type Quote, type Sentence } from '../../src/report/index.js';
import type { Cell, ColumnKind, Table } from '../../src/summaries/table.js';

function table(name: string, columns: [string, ColumnKind][], rows: Cell[][]): Table {
  return { name, grain: 'test', columns: columns.map(([n, kind]) => ({ name: n, kind })), rows };
}

const dayColumns: [string, ColumnKind][] = [
  ['day_of_week', 'int'], ['day_name', 'text'], ['orders', 'int'], ['items', 'int'], ['revenue', 'money'], ['avg_item_price', 'decimal'], ['avg_order_value', 'decimal'], ['share_of_orders', 'share'], ['busiest_day', 'text'], ['busiest_days', 'text'],
];
const kNames = ['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** orders_by_day with these orders per day (shares and labels computed here, naively). */
function days(orders: number[]): Table {
  const total = orders.reduce((a, b) => a + b, 0);
  const sorted = [...orders].sort((a, b) => b - a);
  return table('orders_by_day', dayColumns, orders.map((n, d) => [d, kNames[d]!, n, n * 10, n * 80, 8, 80, n / total, n === sorted[0] ? 'Busiest day' : n === sorted[6] ? 'Least busy' : 'Regularly busy', n >= sorted[1]! ? 'Busiest days' : n <= sorted[5]! ? 'Slowest days' : 'Regularly busy']));
}

const all = (sentences: readonly Sentence[]): string => sentences.map(plainText).join('\n');
const quotes = (sentences: readonly Sentence[]): Quote[] => sentences.flatMap((s) => s.filter((p): p is Quote => typeof p !== 'string'));

test('the busiest and quietest day follow the numbers', (t) => {
  const a = writeFindings([days([100, 300, 200, 200, 200, 200, 50])]);
  t.regex(all(a.sections[0]!.findings), /Sunday is the busiest day: 300 orders, 24\.0% of all orders\. Friday is the quietest, with 4\.0%/);
  t.regex(headlineLines(a)[0]!, /^Busiest day: Sunday \(24\.0% of orders\); quietest: Friday \(4\.0%\)/);
  const b = writeFindings([days([50, 100, 120, 130, 140, 150, 400])]);
  t.regex(all(b.sections[0]!.findings), /Friday is the busiest day: 400 orders/);
  t.regex(all(b.recommendations), /Serve more ads on Saturday, the quietest day/);
});

test('every number of a sentence is a quote of the cell it names', (t) => {
  const tables = [days([100, 300, 200, 200, 200, 200, 50])];
  const f = writeFindings(tables);
  const qs = quotes([...f.headlines, ...f.recommendations, ...f.sections.flatMap((s) => s.findings)]);
  t.true(qs.length >= 5);
  for (const q of qs) {
    const source = tables.find((x) => x.name === q.table)!;
    const k = source.columns.findIndex((c) => c.name === q.column);
    const cell = source.rows[q.row]![k] as number;
    t.true(Math.abs(Number(q.csv) - cell) < 1e-6, `${q.table} ${q.row} ${q.column}`);
  }
  for (const sentence of [...f.headlines, ...f.recommendations]) {
    for (const part of sentence) if (typeof part === 'string') t.false(/\d/.test(part.replace(/Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday/g, '')), `digits outside a quote: ${part}`);
  }
});

test('hours: ranges of the quietest hours run across midnight', (t) => {
  const columns: [string, ColumnKind][] = [['hour', 'int'], ['orders', 'int'], ['items', 'int'], ['revenue', 'money'], ['avg_item_price', 'decimal'], ['avg_order_value', 'decimal'], ['share_of_orders', 'share'], ['busiest_period_of_day', 'text']];
  const orders = Array.from({ length: 24 }, (_, h) => (h >= 23 || h <= 5 ? 10 + h : h >= 9 && h <= 16 ? 500 + h : 100 + h));
  const total = orders.reduce((a, b) => a + b, 0);
  const label = (h: number): string => (h >= 9 && h <= 16 ? 'Most orders' : h >= 23 || h <= 5 ? 'Fewest orders' : 'Average orders');
  const hours = table('orders_by_hour', columns, orders.map((n, h) => [h, n, n * 10, n * 80, 8, h === 14 ? 95 : h === 3 ? 120 : 80, n / total, label(h)]));
  const f = writeFindings([hours]);
  const text = all(f.sections[0]!.findings);
  t.regex(text, /the hours with fewest are 23:00–05:59/);
  t.regex(text, /The hours with most orders are 09:00–16:59/);
  t.regex(text, /Orders peak in the hour from 16:00/);
  const spend = all(f.sections[1]!.findings);
  t.regex(spend, /Outside the quietest hours, spend per order is highest in the hour from 14:00: \$95\.00/, 'a quiet hour is not the peak');
  t.regex(spend, /A quiet hour has the single highest value, \$120\.00 from 03:00/);
});

test('a missing or empty table says nothing, and the report still has its sections', (t) => {
  const f = writeFindings([table('orders_by_day', dayColumns, [])]);
  t.is(f.sections.length, 6);
  for (const section of f.sections) t.deepEqual(section.findings, []);
  t.deepEqual(f.headlines, []);
  t.deepEqual(f.recommendations, []);
});

test('a mostly rejected input is a warning with its main reason, first among the headlines', (t) => {
  const quality = table('data_quality', [['dataset', 'text'], ['check', 'text'], ['rows', 'int'], ['action', 'text']], [
    ['order_products__prior.csv', 'rows read', 1000, 'read'],
    ['order_products__prior.csv', 'rows accepted', 120, 'kept'],
    ['order_products__prior.csv', 'rejected: unknown order', 850, 'set aside'],
    ['order_products__prior.csv', 'rejected: unknown product', 30, 'set aside'],
    ['products.csv', 'rows read', 50, 'read'],
    ['products.csv', 'rows accepted', 50, 'kept'],
  ]);
  const f = writeFindings([quality, days([100, 300, 200, 200, 200, 200, 50])]);
  t.is(f.warnings.length, 1);
  t.regex(plainText(f.warnings[0]!), /most rows of order_products__prior\.csv were rejected: 120 of 1,000 accepted; the main reason is unknown order \(850 rows\)/);
  t.regex(headlineLines(f)[0]!, /^WARNING: most rows of order_products__prior\.csv/);
  const fine = writeFindings([table('data_quality', quality.columns.map((c) => [c.name, c.kind]) as [string, ColumnKind][], quality.rows.slice(4))]);
  t.deepEqual(fine.warnings, []);
});

test('segment differences: the widest gap that a dimension is not defined by, or "differ little"', (t) => {
  const columns: [string, ColumnKind][] = [['loyalty', 'text'], ['customers', 'int'], ['share_of_customers', 'share'], ['orders', 'int'], ['items', 'int'], ['revenue', 'money'], ['avg_orders_per_customer', 'decimal'], ['avg_items_per_order', 'decimal'], ['avg_item_price', 'decimal'], ['avg_order_value', 'decimal'], ['avg_median_days', 'decimal'], ['note', 'text']];
  const loyalty = table('segment_loyalty', columns, [
    ['Loyal customer', 100, 0.1, 6000, 60000, 480000, 60, 10, 8, 80, 5, null],
    ['Regular customer', 500, 0.5, 10000, 130000, 1040000, 20, 13, 8, 104, 9, null],
    ['New customer', 400, 0.4, 2800, 28000, 224000, 7, 10, 8, 80, 9.1, null],
  ]);
  const f = writeFindings([loyalty]);
  const text = all(f.sections[4]!.findings);
  t.regex(text, /Loyalty: the largest group is Regular customer \(50\.0% of customers\); the widest gap is in days between orders, 9\.1 \(New customer\) against 5\.0 \(Loyal customer\)/, 'orders per customer (what loyalty is defined by) is not the gap named');
  t.regex(all(f.recommendations), /Reward the loyal customers, who place 60\.0 orders each, and bring new customers \(7\.0 orders each\) back/);
  const alike = table('segment_loyalty', columns, loyalty.rows.map((row) => [...row.slice(0, 6), 20, 10, 8, 80, 9, null]));
  t.regex(all(writeFindings([alike]).sections[4]!.findings), /the groups differ little/);
});
