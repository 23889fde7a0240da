/**
 * Pairs bought together on the real train lines (../shared/data/instacart/order_products__train.csv.gz,
 * 131,209 orders, 1,384,617 lines), when present, against the naive computation: each order's set of
 * products, every pair of every set counted in a Map (about 4.6M distinct pairs), measures by their
 * SPEC.md formulas. Twice: the pairs core on baskets cut where the order id changes, as the workers
 * cut them; and the whole pipeline (`instacart run` on the real lines, products, aisles and departments,
 * with an orders.csv made for the train orders since the real one here is a sample) against the
 * oracle's naive pairs, export by export.
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { basketsOf, buildPairTables } from '../../src/pairs/index.js';
import { splitFields } from '../helpers/csv-fields.js';
import { computeOracle } from '../analysis/oracle.js';
import { byLift, byTogether, expectedPairTables, measureNumbers, naivePairs, type NaivePair } from '../analysis/oracle-pairs.js';
import { compareTable, readExportFile } from '../analysis/compare.js';
import { runData, scratchFolder } from '../analysis/cli-runs.js';

const kDir = resolve(process.cwd(), '../shared/data/instacart');
const kLines = resolve(kDir, 'order_products__train.csv.gz');
const kMin = 50;
const kTopN = 100;

const rowsOf = (file: string): string[] => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1).filter((l) => l.trim() !== '');

if (!existsSync(kLines)) {
  test.skip(`pairs on the real train lines: skipped, ${kLines} does not exist here (it runs where ../shared/data/instacart is, as in CI)`, () => {});
} else {
  test(`real train lines: product, aisle and department pairs in at least ${kMin} orders equal the naive computation`, (t) => {
    const aisle = new Int32Array(50_000);
    const department = new Int32Array(50_000);
    const productName = new Map<number, string>();
    for (const row of rowsOf(resolve(kDir, 'products.csv.gz'))) {
      const [id, name, a, d] = splitFields(row.replace(/\r$/, ''));
      aisle[Number(id)] = Number(a);
      department[Number(id)] = Number(d);
      productName.set(Number(id), name!);
    }
    const fragments: [number, number[]][] = [];
    const sets = new Map<number, Set<number>>();
    for (const row of rowsOf(kLines)) {
      const [o, p] = row.split(',').map(Number) as [number, number];
      if (fragments.length === 0 || fragments[fragments.length - 1]![0] !== o) fragments.push([o, []]);
      fragments[fragments.length - 1]![1].push(p);
      let set = sets.get(o);
      if (set === undefined) sets.set(o, (set = new Set()));
      set.add(p);
    }
    const { tables, fragmented } = buildPairTables({
      baskets: [basketsOf(fragments)],
      orderSlots: [...sets.keys()].reduce((max, o) => Math.max(max, o), 0) + 1,
      known: aisle.map((a) => (a > 0 ? 1 : 0)),
      productAisle: aisle,
      productDepartment: department,
      aisleName: (id) => `aisle ${id}`,
      departmentName: (id) => `department ${id}`,
      productName: (id) => productName.get(id)!,
      minPairOrders: kMin,
      pairTopN: kTopN,
    });
    t.deepEqual(fragmented, [], 'the file lists each order together');

    // The naive computation (test/analysis/oracle-pairs.ts): every pair of every order's set, in a Map.
    const n = sets.size;
    t.is(n, 131_209);
    const naive = (map: (p: number) => number) => naivePairs([...sets.values()].map((set) => new Set([...set].map(map))), kMin);
    const rowOf = (p: NaivePair) => measureNumbers(p, n);

    const [products, aisles, departments] = tables;
    const aislePairs = naive((p) => aisle[p]!).sort(byLift);
    t.true(aislePairs.length > 1000, `${aislePairs.length} aisle pairs`);
    t.deepEqual(aisles!.rows, aislePairs.map((p) => [p.a, `aisle ${p.a}`, p.b, `aisle ${p.b}`, ...rowOf(p)]));
    const departmentPairs = naive((p) => department[p]!).sort(byLift);
    t.deepEqual(departments!.rows, departmentPairs.map((p) => [p.a, `department ${p.a}`, p.b, `department ${p.b}`, ...rowOf(p)]));
    const productPairs = naive((p) => p);
    t.true(productPairs.length > 5000, `${productPairs.length} product pairs in at least ${kMin} orders`);
    const side = (p: number) => [p, productName.get(p)!, `aisle ${aisle[p]}`, `department ${department[p]}`];
    const ranked = (ranking: string, list: NaivePair[]) => list.slice(0, kTopN).map((p, r) => [ranking, r + 1, ...side(p.a), ...side(p.b), ...rowOf(p)]);
    t.deepEqual(products!.rows, [...ranked('lift', [...productPairs].sort(byLift)), ...ranked('orders together', [...productPairs].sort(byTogether))]);
    // The pair most often bought together in these orders: a bag of organic bananas with organic strawberries.
    const top = products!.rows.find((r) => r[0] === 'orders together')!;
    t.deepEqual([top[3], top[7]], ['Bag of Organic Bananas', 'Organic Strawberries']);
    t.is(top[12], 3074);
  });
}

if (existsSync(kLines)) {
  const root = scratchFolder(test, 'instacart-real-pairs-');
  test(`real train lines through the pipeline: every pair export equals the naive pairs (at least ${kMin} orders)`, async (t) => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    for (const name of ['order_products__train.csv.gz', 'products.csv.gz', 'aisles.csv.gz', 'departments.csv.gz']) symlinkSync(join(kDir, name), join(dataDir, name));
    // One made-up customer per train order (the real orders.csv here is a sample of users 1-6044).
    const ids = [...new Set(rowsOf(kLines).map((row) => Number(row.slice(0, row.indexOf(',')))))];
    const orders = ids.map((id, k) => `${id},${k + 1},train,1,${id % 7},${id % 24},`);
    writeFileSync(join(dataDir, 'orders.csv'), `order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order\n${orders.join('\n')}\n`);
    const settings = { minPairOrders: kMin, pairTopN: kTopN };
    const configFile = join(root, 'config.json');
    writeFileSync(configFile, JSON.stringify(settings));
    const outDir = join(root, 'out');
    await runData(dataDir, outDir, ['--config', configFile]);
    const oracle = computeOracle(dataDir);
    t.is(new Set(oracle.data.lines.map((l) => l.order)).size, 131_209, 'every train order is in the population');
    const expected = expectedPairTables(oracle.data, settings);
    t.true(expected.aisle_pairs.rows.length > 1000, `${expected.aisle_pairs.rows.length} aisle pairs`);
    const problems = Object.entries(expected).flatMap(([name, table]) => compareTable(`${name}.csv`, table, readExportFile(outDir, name)));
    t.deepEqual(problems, []);
  });
}
