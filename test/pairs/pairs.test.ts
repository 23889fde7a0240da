/**
 * Pairs bought together (issue 11) against a naive computation: every order's set of products (Map of
 * Sets), every pair of each set counted in a Map, measures by their SPEC.md formulas. The baskets come
 * in fragments placed anywhere (an order cut by a range boundary, spread over files or segments, or
 * with its lines apart in a file), with repeated lines of a product, over several sizes and thresholds.
 */
import test from 'ava';
import { buildPairTables, type Baskets, basketsOf, completeBaskets, countBaskets, ordersPerProduct, pairIndex, pairTables, planPairCount } from '../../src/pairs/index.js';
import { seededRandom } from '../../src/segments/kmeans.js';
import { byLift, byTogether, measureNumbers, naivePairs, type NaivePair } from '../analysis/oracle-pairs.js';

interface World {
  orders: Map<number, number[]>;
  aisle: Int32Array;
  department: Int32Array;
  parts: Baskets[];
}

/** Random orders over `products` products, cut into fragments spread over `partCount` parts in random order. */
function world(seed: number, orderCount: number, products: number, partCount: number): World {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const aisle = new Int32Array(products + 1);
  const department = new Int32Array(products + 1);
  for (let p = 1; p <= products; p++) {
    aisle[p] = 1 + pick(9);
    department[p] = 1 + Math.floor((aisle[p]! - 1) / 3);
  }
  const orders = new Map<number, number[]>();
  // Popular products first: a skewed draw, so that some pairs pass the thresholds and others do not.
  for (let o = 0; o < orderCount; o++) {
    const id = 2 + o * 3 + pick(3);
    const size = 1 + pick(9);
    orders.set(id, Array.from({ length: size }, () => 1 + Math.floor(products * random() ** 2)));
  }
  const fragments: [number, number[]][] = [];
  for (const [id, items] of orders) {
    let rest = [...items];
    while (rest.length > 0) {
      const take = random() < 0.25 ? 1 + pick(rest.length) : rest.length;
      fragments.push([id, rest.slice(0, take)]);
      rest = rest.slice(take);
    }
  }
  // Most fragments stay in order; some move elsewhere (lines of an order apart, other files).
  for (let k = 0; k < fragments.length; k++) {
    if (random() < 0.1) {
      const j = pick(fragments.length);
      [fragments[k], fragments[j]] = [fragments[j]!, fragments[k]!];
    }
  }
  const parts: Baskets[] = [];
  const per = Math.ceil(fragments.length / partCount);
  for (let p = 0; p < partCount; p++) parts.push(basketsOf(fragments.slice(p * per, (p + 1) * per)));
  return { orders, aisle, department, parts };
}

/** The naive pairs of a mapping of products, each order's items mapped and counted once (test/analysis/oracle-pairs.ts). */
function naive(orders: Map<number, number[]>, map: (p: number) => number, min: number): { pairs: NaivePair[]; orders: number } {
  const sets = [...orders.values()].map((items) => new Set(items.map(map)));
  return { pairs: naivePairs(sets, min), orders: sets.length };
}

const names = { aisleName: (id: number) => `aisle ${id}`, departmentName: (id: number) => `department ${id}`, productName: (id: number) => `product ${id}` };

for (const [seed, orders, products, parts, min, topN] of [
  [1, 400, 30, 1, 3, 10],
  [2, 1500, 60, 3, 5, 25],
  [3, 3000, 120, 7, 2, 40],
  [4, 800, 25, 4, 1, 500],
] as const) {
  test(`seed ${seed}: ${orders} orders in fragments over ${parts} part(s), at least ${min} orders together: the three tables equal the naive computation`, (t) => {
    const w = world(seed, orders, products, parts);
    const { tables, fragmented } = buildPairTables({ baskets: w.parts, orderSlots: orders * 3 + 5, known: w.aisle.map((a) => (a > 0 ? 1 : 0)), productAisle: w.aisle, productDepartment: w.department, ...names, minPairOrders: min, pairTopN: topN });
    const [productPairs, aislePairs, departmentPairs] = tables as [typeof tables[0], typeof tables[0], typeof tables[0]];
    t.true(fragmented.length > 0, 'some orders came in fragments');

    for (const [table, map, label] of [
      [aislePairs, (p: number) => w.aisle[p]!, names.aisleName],
      [departmentPairs, (p: number) => w.department[p]!, names.departmentName],
    ] as const) {
      const { pairs, orders: n } = naive(w.orders, map, min);
      const expected = pairs.sort(byLift).map((p) => [p.a, label(p.a), p.b, label(p.b), ...measureNumbers(p, n)]);
      t.true(expected.length > 0, `${table.name}: pairs to compare`);
      t.deepEqual(table.rows, expected, table.name);
    }

    const { pairs: all, orders: n } = naive(w.orders, (p) => p, min);
    const side = (p: number) => [p, `product ${p}`, `aisle ${w.aisle[p]}`, `department ${w.department[p]}`];
    const row = (ranking: string) => (p: NaivePair, r: number) => [ranking, r + 1, ...side(p.a), ...side(p.b), ...measureNumbers(p, n)];
    const expected = [...[...all].sort(byLift).slice(0, topN).map(row('lift')), ...[...all].sort(byTogether).slice(0, topN).map(row('orders together'))];
    t.true(expected.length > 0);
    t.deepEqual(productPairs.rows, expected, 'product_pairs');
    t.is(productPairs.columns.length, productPairs.rows[0]!.length);
  });
}

test('a basket counts an item once, fragments of one order make one basket, and the triangle index is dense', (t) => {
  const parts = [basketsOf([[7, [3, 3, 1]], [9, [2]]]), basketsOf([[7, [2, 3]], [9, [1, 1]]])];
  const { baskets, fragmented } = completeBaskets(parts, 10);
  t.deepEqual(fragmented, [7, 9]);
  const none = Int32Array.from([-1, -1, -1, -1]);
  const { products } = countBaskets(baskets, { candidate: Int32Array.from([-1, 0, 1, 2]), wides: 0, aisle: none, department: none, candidates: 3, aisleSlots: 0, departmentSlots: 0 });
  t.is(products.baskets, 2);
  t.deepEqual([...products.singles], [2, 2, 1]); // product 1 in both orders, 2 in both, 3 in order 7
  t.deepEqual([...products.pairs], [2, 1, 1]); // (1,2) both orders; (1,3) and (2,3) order 7
  t.deepEqual([...ordersPerProduct(baskets, 4)], [0, 2, 2, 1]);
  const k = 6;
  const seen = new Set<number>();
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) seen.add(pairIndex(i, j, k));
  t.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: (k * (k - 1)) / 2 }, (_, x) => x));
});

test('pairs in more orders than a 16-bit counter holds are counted exactly, whether their products are known wide by their orders or by a bound', (t) => {
  // Product 4 in orders 0 .. 99,999, 2 in 0 .. 69,999, 5 in 30,000 .. 95,999 (the three wide ones),
  // 1 in 34,465 .. 99,999 (65,535 orders, all with product 4: the most a narrow pair can hold), 3 in a
  // few. Wide products get the first indexes: their pairs with lower ids are written the other way round.
  const inOrders: [product: number, from: number, to: number][] = [[4, 0, 100_000], [2, 0, 70_000], [5, 30_000, 96_000], [1, 34_465, 100_000], [3, 99_990, 100_100]];
  const orders = new Map<number, number[]>();
  for (const [p, from, to] of inOrders) for (let o = from; o < to; o++) orders.set(o + 1, [...(orders.get(o + 1) ?? []), p]);
  const baskets = [basketsOf([...orders])];
  const aisle = Int32Array.from([0, 1, 1, 2, 2, 3]);
  const department = Int32Array.from([0, 1, 1, 1, 1, 2]);
  const catalogue = { known: Int32Array.from([0, 1, 1, 1, 1, 1]), productAisle: aisle, productDepartment: department, ...names };
  const { pairs: all, orders: n } = naive(orders, (p) => p, 1);
  t.true(all.some((p) => p.together > 0xffff) && all.some((p) => p.together === 0xffff));
  const side = (p: number) => [p, `product ${p}`, `aisle ${aisle[p]}`, `department ${department[p]}`];
  const row = (ranking: string) => (p: NaivePair, r: number) => [ranking, r + 1, ...side(p.a), ...side(p.b), ...measureNumbers(p, n)];
  const expected = [...[...all].sort(byLift).map(row('lift')), ...[...all].sort(byTogether).map(row('orders together'))];
  const settings = { minPairOrders: 1, pairTopN: 20 };
  // Wide by their orders counted (no bound given), and by a bound: lines per product, here more than
  // the orders of every product (product 1 too, so it is counted wide).
  const lines = Float64Array.from([0, 70_000, 70_000, 110, 100_000, 66_000]);
  for (const productLines of [undefined, lines]) {
    const plan = planPairCount(baskets, 100_200, catalogue, 1, productLines);
    t.deepEqual([...plan.ids], productLines === undefined ? [2, 4, 5, 1, 3] : [1, 2, 4, 5, 3]);
    t.is(plan.codes.wides, productLines === undefined ? 3 : 4);
    const [productPairs] = pairTables(countBaskets(plan.parts, plan.codes), plan.ids, catalogue, settings);
    t.deepEqual(productPairs!.rows, expected);
  }
  // A bound below a product's orders (product 5 said to be in 60,000) is an error, not a wrong count.
  const plan = planPairCount(baskets, 100_200, catalogue, 1, Float64Array.from([0, 70_000, 70_000, 110, 100_000, 60_000]));
  t.throws(() => countBaskets(plan.parts, plan.codes), { message: /not counted as wide/ });
});

test('more candidate products than the triangle takes is a config error that names a threshold that fits', (t) => {
  // 9,000 products in one order each, 1,000 of them in a second order: at least 1 order gives 9,000
  // candidates (over 8,192), at least 2 gives 1,000.
  const baskets = [basketsOf([...Array.from({ length: 900 }, (_, o): [number, number[]] => [o + 1, Array.from({ length: 10 }, (_, i) => o * 10 + i + 1)]), [901, Array.from({ length: 1000 }, (_, i) => i + 1)]])];
  const products = 9001;
  const catalogue = { known: new Int32Array(products).fill(1), productAisle: new Int32Array(products).fill(1), productDepartment: new Int32Array(products).fill(1), ...names };
  t.throws(() => planPairCount(baskets, 1000, catalogue, 1), { message: /minPairOrders 1 gives 9000 products .* set minPairOrders to 2 or more/ });
  t.is(planPairCount(baskets, 1000, catalogue, 2).ids.length, 1000);
});
