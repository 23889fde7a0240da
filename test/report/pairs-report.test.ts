/**
 * The report's "bought together" section (issue 11) on pair tables made by the pairs core from small
 * hand-made baskets: the sentences follow the numbers (the most frequent pair, the strongest lift, the
 * aisles, the departments), every number is a quote of the cell it names, the three charts are drawn,
 * and without pair tables there is no such section.
 */
import test from 'ava';
import { basketsOf, buildPairTables } from '../../src/pairs/index.js';
import { buildCharts } from '../../src/report/charts.js';
import { plainText, writeFindings, type Quote, type Sentence } from '../../src/report/index.js';
import type { Table } from '../../src/summaries/table.js';

/**
 * 300 orders: milk and bread together in 120 (the most frequent pair), caviar and blini only together,
 * in 30 (the strongest pull), the rest one product each; milk and bread share the dairy and bakery aisles.
 */
function pairTables(): Table[] {
  const names = ['', 'Milk', 'Bread', 'Caviar', 'Blini', 'Tea'];
  const aisle = Int32Array.from([0, 1, 2, 3, 2, 4]);
  const department = Int32Array.from([0, 1, 1, 2, 1, 3]);
  const list: [number, number[]][] = [];
  let id = 1;
  for (let k = 0; k < 120; k++) list.push([id++, [1, 2]]);
  for (let k = 0; k < 30; k++) list.push([id++, [3, 4]]);
  for (let k = 0; k < 100; k++) list.push([id++, [1 + (k % 2), 5]]);
  for (let k = 0; k < 50; k++) list.push([id++, [5]]);
  return buildPairTables({
    baskets: [basketsOf(list)],
    orderSlots: id,
    known: aisle.map((a) => (a > 0 ? 1 : 0)),
    productAisle: aisle,
    productDepartment: department,
    aisleName: (a) => ['', 'dairy', 'bakery', 'deli', 'tea'][a]!,
    departmentName: (d) => ['', 'fresh', 'fine food', 'drinks'][d]!,
    productName: (p) => names[p]!,
    minPairOrders: 20,
    pairTopN: 10,
  }).tables;
}

const all = (sentences: readonly Sentence[]): string => sentences.map(plainText).join('\n');
const quotes = (sentences: readonly Sentence[]): Quote[] => sentences.flatMap((s) => s.filter((p): p is Quote => typeof p !== 'string'));

test('the bought-together section follows the pair tables, every number a quote of its cell', (t) => {
  const tables = pairTables();
  const f = writeFindings(tables);
  const section = f.sections.find((s) => s.id === 'pairs')!;
  t.truthy(section);
  const text = all(section.findings);
  t.regex(text, /Milk and Bread are bought together most often: in 120 orders \(40\.0% of orders\); 70\.6% of the orders with Milk also hold Bread\./);
  t.regex(text, /The strongest pull between two products: Caviar with Blini, bought together (\d|\.)+ times as often as chance would predict \(lift\), in 30 orders\./);
  t.regex(text, /Among aisles, .+ go together most by lift/);
  t.regex(text, /Among departments, .+ go together most/);
  t.regex(all(f.recommendations), /Bundle or cross-promote Caviar with Blini/);
  t.regex(all(f.headlines), /Bought together most: Milk and Bread \(120 orders\)\./);
  const qs = quotes([...f.headlines, ...f.recommendations, ...section.findings]);
  t.true(qs.length >= 8);
  for (const q of qs) {
    const source = tables.find((x) => x.name === q.table)!;
    const k = source.columns.findIndex((c) => c.name === q.column);
    t.true(Math.abs(Number(q.csv) - (source.rows[q.row]![k] as number)) < 1e-6, `${q.table} ${q.row} ${q.column}`);
  }
  // Caviar and Blini are each in the same 30 orders: lift = 30 x 300 / (30 x 30) = 10.
  const lift = qs.find((q) => q.table === 'product_pairs' && q.column === 'lift')!;
  t.is(Number(lift.csv), 10);
  t.deepEqual(section.charts, ['pairs-orders', 'pairs-lift', 'aisle-affinity']);
  t.deepEqual(
    buildCharts(tables).map((c) => c.id),
    ['pairs-orders', 'pairs-lift', 'aisle-affinity'],
  );
});

test('without pair tables the report has no bought-together section and no pair charts', (t) => {
  const f = writeFindings([]);
  t.false(f.sections.some((s) => s.id === 'pairs'));
  t.deepEqual(buildCharts([]).map((c) => c.id), []);
});
