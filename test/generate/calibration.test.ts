/**
 * The generated data against the real data's figures (../shared/data/instacart/FACTS.md), at scale
 * 0.02 (4,124 users, ~68k orders, ~650k lines). The FACTS figures are repeated here as the expected data
 * rather than imported from the generator, so a wrong constant there fails here.
 */
import test from 'ava';
import { generateTemp, readLines, readOrders, readProducts, shares, toShares, type GeneratedData, type LineRow, type OrderRow, type ProductRow } from './generated-data.js';

const kFactsOrdersByDow = [600_905, 587_478, 467_260, 436_972, 426_339, 453_368, 448_761];
const kFactsOrdersByHour = [
  22_758, 12_398, 7_539, 5_474, 5_527, 9_569, 30_529, 91_868, 178_201, 257_812, 288_418, 284_728, 272_841, 277_999,
  283_042, 283_639, 272_553, 228_795, 182_912, 140_569, 104_292, 78_109, 61_468, 40_043,
];
const kFactsDaysSincePrior = [
  67_755, 145_247, 193_206, 217_005, 221_696, 214_503, 240_013, 320_608, 181_717, 118_188, 95_186, 80_970, 76_146,
  83_214, 100_230, 66_579, 46_941, 39_245, 35_881, 34_384, 38_527, 45_470, 32_012, 23_885, 20_712, 19_234, 19_016,
  22_013, 26_777, 19_191, 369_323,
];
/** Percentage points allowed for day and hour shares. */
const kSharePoints = 0.01;

let data: GeneratedData;
let orders: OrderRow[];
let prior: LineRow[];
let train: LineRow[];
let products: ProductRow[];

test.before(async () => {
  data = await generateTemp({ scale: 0.02, seed: 42 });
  orders = await readOrders(data.dir);
  prior = await readLines(data.dir, 'order_products__prior.csv');
  train = await readLines(data.dir, 'order_products__train.csv');
  products = await readProducts(data.dir);
});

test.after.always(async () => {
  await data?.cleanup();
});

function maxDeviation(actual: readonly number[], expected: readonly number[]): number {
  return Math.max(...actual.map((a, i) => Math.abs(a - expected[i]!)));
}

test('order shares by day of week are within 1 percentage point of FACTS', (t) => {
  const deviation = maxDeviation(shares(orders.map((o) => o.dow), 7), toShares(kFactsOrdersByDow));
  t.true(deviation < kSharePoints, `max deviation ${(deviation * 100).toFixed(2)} pp`);
});

test('order shares by hour of day are within 1 percentage point of FACTS', (t) => {
  const deviation = maxDeviation(shares(orders.map((o) => o.hour), 24), toShares(kFactsOrdersByHour));
  t.true(deviation < kSharePoints, `max deviation ${(deviation * 100).toFixed(2)} pp`);
});

test('days since prior order: blank exactly on first orders, spikes at 7 and 30, shares near FACTS', (t) => {
  t.is(orders.filter((o) => (o.days === null) !== (o.orderNumber === 1)).length, 0);
  const gaps = orders.flatMap((o) => (o.days === null ? [] : [o.days]));
  const s = shares(gaps, 31);
  t.true(s[7]! > s[6]! && s[7]! > s[8]!, 'a weekly spike at 7');
  t.is(s.indexOf(Math.max(...s)), 30, '30 (30 or more) is the most common gap');
  t.true(maxDeviation(s, toShares(kFactsDaysSincePrior)) < 0.015);
});

test('users have 4..100 orders numbered 1..n, all prior but the last (train or test)', (t) => {
  const byUser = new Map<number, OrderRow[]>();
  for (const o of orders) {
    let list = byUser.get(o.userId);
    if (list === undefined) byUser.set(o.userId, (list = []));
    list.push(o);
  }
  t.is(byUser.size, data.summary.users);
  const problems: string[] = [];
  let trainUsers = 0;
  for (const [user, list] of byUser) {
    if (list.length < 4 || list.length > 100) problems.push(`user ${user} has ${list.length} orders`);
    list.forEach((o, k) => {
      if (o.orderNumber !== k + 1) problems.push(`user ${user}: order_number ${o.orderNumber} at ${k + 1}`);
      const last = k === list.length - 1;
      if (last ? o.evalSet === 'prior' : o.evalSet !== 'prior') problems.push(`user ${user}: ${o.evalSet} at ${k + 1}`);
    });
    if (list.at(-1)!.evalSet === 'train') trainUsers++;
  }
  t.deepEqual(problems.slice(0, 5), []);
  const meanOrders = orders.length / byUser.size;
  t.true(meanOrders > 15.6 && meanOrders < 17.6, `mean orders per user ${meanOrders}`); // real 16.59
  t.true(Math.abs(trainUsers / byUser.size - 131_209 / 206_209) < 0.03);
});

test('orders are sorted by user then order number, and order ids are a permutation of 1..n', (t) => {
  const unsorted = orders.filter((b, i) => {
    const a = orders[i - 1];
    return a !== undefined && !(a.userId < b.userId || (a.userId === b.userId && a.orderNumber < b.orderNumber));
  });
  t.is(unsorted.length, 0);
  const ids = orders.map((o) => o.orderId).sort((a, b) => a - b);
  t.true(ids.every((id, i) => id === i + 1));
  // Not sequential per user: consecutive rows rarely have consecutive ids.
  const consecutive = orders.filter((o, i) => i > 0 && orders[i - 1]!.orderId + 1 === o.orderId).length;
  t.true(consecutive < orders.length * 0.01, `${consecutive} consecutive ids`);
});

test('order lines are sorted by order id then cart position, belong to the right eval set, no product twice', (t) => {
  const evalOf = new Map(orders.map((o) => [o.orderId, o.evalSet]));
  const problems: string[] = [];
  for (const [lines, evalSet] of [
    [prior, 'prior'],
    [train, 'train'],
  ] as const) {
    const inOrder = new Set<number>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const previous = lines[i - 1];
      if (previous === undefined || previous.orderId !== line.orderId) {
        inOrder.clear();
        if (line.addToCartOrder !== 1) problems.push(`${evalSet} row ${i}: cart position ${line.addToCartOrder} first`);
        if (previous !== undefined && previous.orderId > line.orderId) problems.push(`${evalSet} row ${i}: order ids not sorted`);
      } else if (line.addToCartOrder !== previous.addToCartOrder + 1) {
        problems.push(`${evalSet} row ${i}: cart position ${line.addToCartOrder} after ${previous.addToCartOrder}`);
      }
      if (evalOf.get(line.orderId) !== evalSet) problems.push(`${evalSet} row ${i}: order ${line.orderId} is ${evalOf.get(line.orderId)}`);
      if (inOrder.has(line.productId)) problems.push(`${evalSet} row ${i}: product ${line.productId} twice`);
      inOrder.add(line.productId);
    }
  }
  t.deepEqual(problems.slice(0, 5), []);
  const withLines = new Set([...prior, ...train].map((l) => l.orderId));
  t.is(orders.filter((o) => withLines.has(o.orderId) !== (o.evalSet !== 'test')).length, 0, 'lines for exactly the prior and train orders');
});

test('the reorder flag is 1 exactly when the user bought the product in an earlier order', (t) => {
  const linesOf = new Map<number, LineRow[]>();
  for (const line of [...prior, ...train]) {
    let list = linesOf.get(line.orderId);
    if (list === undefined) linesOf.set(line.orderId, (list = []));
    list.push(line);
  }
  let bought = new Set<number>();
  let user = -1;
  let wrong = 0;
  for (const o of orders) {
    if (o.userId !== user) {
      user = o.userId;
      bought = new Set();
    }
    const lines = linesOf.get(o.orderId) ?? [];
    for (const line of lines) if (line.reordered !== (bought.has(line.productId) ? 1 : 0)) wrong++;
    for (const line of lines) bought.add(line.productId);
  }
  t.is(wrong, 0);
});

test('baskets and reorders are near FACTS: mean 10.1 prior / 10.5 train, reorder rate 0.59, rising with order number', (t) => {
  const meanBasket = (lines: LineRow[]): number => lines.length / new Set(lines.map((l) => l.orderId)).size;
  t.true(Math.abs(meanBasket(prior) - 10.09) < 0.4, `prior ${meanBasket(prior)}`);
  t.true(Math.abs(meanBasket(train) - 10.55) < 0.6, `train ${meanBasket(train)}`);
  const sizes = new Map<number, number>();
  for (const line of prior) sizes.set(line.orderId, (sizes.get(line.orderId) ?? 0) + 1);
  t.true(Math.max(...sizes.values()) < 150);

  const rate = prior.reduce((sum, l) => sum + l.reordered, 0) / prior.length;
  t.true(Math.abs(rate - 0.59) < 0.02, `reorder rate ${rate}`);
  const orderNumberOf = new Map(orders.map((o) => [o.orderId, o.orderNumber]));
  const rateWhere = (keep: (n: number) => boolean): number => {
    const lines = prior.filter((l) => keep(orderNumberOf.get(l.orderId)!));
    return lines.reduce((sum, l) => sum + l.reordered, 0) / lines.length;
  };
  t.is(rateWhere((n) => n === 1), 0);
  t.true(rateWhere((n) => n === 2) < rateWhere((n) => n >= 5 && n < 10));
  t.true(rateWhere((n) => n >= 5 && n < 10) < rateWhere((n) => n >= 20));
});

test('line shares by department and price range are near FACTS and the course', (t) => {
  const productById = new Map(products.map((p) => [p.productId, p]));
  const departmentCounts = new Array<number>(22).fill(0);
  let low = 0;
  let mid = 0;
  let high = 0;
  let priceSum = 0;
  const productCounts = new Map<number, number>();
  for (const line of prior) {
    const product = productById.get(line.productId)!;
    departmentCounts[product.departmentId]!++;
    if (product.price <= 5) low++;
    else if (product.price <= 15) mid++;
    else high++;
    priceSum += product.price;
    productCounts.set(line.productId, (productCounts.get(line.productId) ?? 0) + 1);
  }
  const share = (n: number): number => n / prior.length;
  t.true(Math.abs(share(departmentCounts[4]!) - 0.2925) < 0.02, `produce ${share(departmentCounts[4]!)}`); // 9,479,291 / 32,404,859
  t.true(Math.abs(share(departmentCounts[16]!) - 0.1666) < 0.015, `dairy eggs ${share(departmentCounts[16]!)}`);
  t.true(Math.abs(share(departmentCounts[19]!) - 0.0891) < 0.015, `snacks ${share(departmentCounts[19]!)}`);
  t.true(Math.abs(share(low) - 0.313) < 0.03, `low ${share(low)}`);
  t.true(Math.abs(share(mid) - 0.675) < 0.03, `mid ${share(mid)}`);
  t.true(Math.abs(share(high) - 0.013) < 0.008, `high ${share(high)}`);
  t.true(Math.abs(priceSum / prior.length - 7.8) < 0.4, `mean price ${priceSum / prior.length}`);
  const top = [...productCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  for (const [id] of top) t.is(productById.get(id)!.departmentId, 4, `top product ${id} is produce`);
});
