/**
 * The bench's pairs reference (bench/pairs-reference.ts: DuckDB SQL over the CSV files) and the pairs
 * core agree on generated data: every product, aisle and department pair in at least minPairOrders
 * orders, with the orders holding each item. Two independent computations of the same definitions,
 * so that the bench's equality check means something.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computePairsReference, type ReferencePair } from '../../bench/pairs-reference.js';
import { basketsOf, buildPairTables } from '../../src/pairs/index.js';
import { generate } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';

const rows = (file: string): string[][] => readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.replace(/\r$/, '').split(','));

test('DuckDB reference and pairs core: the same pairs in at least minPairOrders orders', async (t) => {
  const dir = tempDir(t);
  await generate(dir, 0.004, 11);
  const min = 15;
  const orders = new Set(rows(join(dir, 'orders.csv')).map((r) => Number(r[0])));
  const aisle = new Int32Array(60_000);
  const department = new Int32Array(60_000);
  for (const r of rows(join(dir, 'products.csv'))) {
    const id = Number(r[0]);
    if (aisle[id] !== 0) continue; // first row per id
    aisle[id] = Number(r[r.length - 3]);
    department[id] = Number(r[r.length - 2]);
  }
  const files = ['order_products__prior.csv', 'order_products__train.csv'];
  const fragments: [number, number[]][] = [];
  for (const file of files) {
    for (const [o, p] of rows(join(dir, file)).map((r) => [Number(r[0]), Number(r[1])] as const)) {
      if (!orders.has(o) || aisle[p] === 0) continue;
      if (fragments.length === 0 || fragments[fragments.length - 1]![0] !== o) fragments.push([o, []]);
      fragments[fragments.length - 1]![1].push(p);
    }
  }
  const ours = buildPairTables({
    baskets: [basketsOf(fragments)],
    orderSlots: [...orders].reduce((m, o) => Math.max(m, o), 0) + 1,
    known: aisle.map((a) => (a > 0 ? 1 : 0)),
    productAisle: aisle,
    productDepartment: department,
    aisleName: String,
    departmentName: String,
    productName: String,
    minPairOrders: min,
    pairTopN: 1_000_000,
  });
  const reference = await computePairsReference(dir, files, min);
  const [productPairs, aislePairs, departmentPairs] = ours.tables;
  const key = (p: ReferencePair): string => `${p.a},${p.b}: ${p.ordersA} ${p.ordersB} ${p.together}`;
  // product_pairs: the "orders together" ranking lists every pair at the threshold when pairTopN is large.
  const oursProducts = productPairs!.rows.filter((r) => r[0] === 'orders together').map((r) => ({ a: r[2] as number, b: r[6] as number, ordersA: r[10] as number, ordersB: r[11] as number, together: r[12] as number }));
  const oursGroup = (table: typeof aislePairs) => table!.rows.map((r) => ({ a: r[0] as number, b: r[2] as number, ordersA: r[4] as number, ordersB: r[5] as number, together: r[6] as number }));
  t.true(reference.productPairs.length > 20, `${reference.productPairs.length} product pairs`);
  t.deepEqual(oursProducts.map(key).sort(), reference.productPairs.map(key).sort());
  t.true(reference.aislePairs.length > 100, `${reference.aislePairs.length} aisle pairs`);
  t.deepEqual(oursGroup(aislePairs).map(key).sort(), reference.aislePairs.map(key).sort());
  t.deepEqual(oursGroup(departmentPairs).map(key).sort(), reference.departmentPairs.map(key).sort());
});
