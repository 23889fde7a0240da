/** The pure model pieces: RNG streams, samplers, sizes by scale, the catalogue and the block layout. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../src/generate/index.js';
import { tempDir } from '../helpers/temp.js';
import { generateBlock } from '../../src/generate/block.js';
import { buildCatalogue, popularityByRank, productsPerDepartment } from '../../src/generate/catalogue.js';
import { AliasTable, QuantileTable, normalCdf } from '../../src/generate/distributions.js';
import { ordersPerUserDistribution } from '../../src/generate/orders-per-user.js';
import { planDataset, productsForScale, usersForScale } from '../../src/generate/plan.js';
import { RngStream, rngFor } from '../../src/generate/rng.js';

test('a stream is fixed by (seed, stream, index) and differs when any of them changes', (t) => {
  const draw = (seed: number, stream: RngStream, index: number) => Array.from({ length: 4 }, ((r) => () => r.uint32())(rngFor(seed, stream, index)));
  t.deepEqual(draw(42, RngStream.BlockModel, 3), draw(42, RngStream.BlockModel, 3));
  t.notDeepEqual(draw(42, RngStream.BlockModel, 3), draw(43, RngStream.BlockModel, 3));
  t.notDeepEqual(draw(42, RngStream.BlockModel, 3), draw(42, RngStream.OrderIds, 3));
  t.notDeepEqual(draw(42, RngStream.BlockModel, 3), draw(42, RngStream.BlockModel, 4));
  t.notDeepEqual(draw(2 ** 40, RngStream.BlockModel, 0), draw(0, RngStream.BlockModel, 0), 'high seed bits count');
});

test('floats are uniform in [0, 1)', (t) => {
  const rng = rngFor(1, RngStream.BlockModel);
  const deciles = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const u = rng.float();
    t.true(u >= 0 && u < 1);
    deciles[Math.floor(u * 10)]!++;
  }
  t.true(deciles.every((n) => Math.abs(n - 10_000) < 500));
});

test('the alias table draws each outcome with its weight', (t) => {
  const weights = [5, 0, 1, 3, 1];
  const table = new AliasTable(weights);
  const rng = rngFor(2, RngStream.BlockModel);
  const counts = new Array<number>(5).fill(0);
  for (let i = 0; i < 200_000; i++) counts[table.sample(rng)]!++;
  counts.forEach((n, i) => t.true(Math.abs(n / 200_000 - weights[i]! / 10) < 0.005, `outcome ${i}`));
  t.throws(() => new AliasTable([0, 0]));
});

test('quantile table and normal CDF', (t) => {
  const table = new QuantileTable([1, 1, 2]);
  t.is(table.at(0), 0);
  t.is(table.at(0.25), 0);
  t.is(table.at(0.26), 1);
  t.is(table.at(0.99), 2);
  t.true(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  t.true(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
});

test('orders per user: 4..100, mean 16.59 so scale 1 has ~3.42M orders', (t) => {
  const pmf = ordersPerUserDistribution();
  t.is(pmf.length, 97);
  t.true(Math.abs(pmf.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  const mean = pmf.reduce((sum, p, k) => sum + p * (k + 4), 0);
  t.true(Math.abs(mean - 3_421_083 / 206_209) < 0.02, `mean ${mean}`);
  t.is(pmf.indexOf(Math.max(...pmf)), 0, 'mode at 4 orders');
});

test('sizes by scale: users round(206,209 s) >= 10, products round(49,688 sqrt s) in [200, 49,688]', (t) => {
  t.is(usersForScale(1), 206_209);
  t.is(usersForScale(0.1), 20_621);
  t.is(usersForScale(0.00001), 10);
  t.is(productsForScale(1), 49_688);
  t.is(productsForScale(0.1), 15_713);
  t.is(productsForScale(0.00001), 200);
  t.is(productsForScale(4), 49_688);
});

test('the plan gives blocks consecutive users and consecutive order-id ranges', (t) => {
  const plan = planDataset(0.05, 1);
  let user = 1;
  let order = 1;
  for (const block of plan.blocks) {
    t.is(block.firstUserId, user);
    t.is(block.firstOrderId, order);
    t.is(block.orderCounts.reduce((a, b) => a + b, 0), block.orderCount);
    user += block.userCount;
    order += block.orderCount;
  }
  t.is(user - 1, plan.users);
  t.is(order - 1, plan.orders);
});

test('catalogue: department products and popularity shares follow FACTS; the most popular products are produce', (t) => {
  for (const count of [200, 15_713, 49_688]) {
    const perDepartment = productsPerDepartment(count);
    t.is(perDepartment.reduce((a, b) => a + b, 0), count);
    t.true(perDepartment.every((n) => n >= 1));
  }
  const catalogue = buildCatalogue(42, 49_688);
  const byDepartment = new Array<number>(22).fill(0);
  catalogue.popularity.forEach((p, i) => (byDepartment[catalogue.departmentId[i]!]! += p));
  t.true(Math.abs(byDepartment[4]! - 9_479_291 / 32_404_859) < 0.005, `produce ${byDepartment[4]}`);
  t.true(Math.abs(byDepartment[16]! - 5_398_747 / 32_404_859) < 0.005, `dairy eggs ${byDepartment[16]}`);
  const ranked = [...catalogue.popularity.keys()].sort((a, b) => catalogue.popularity[b]! - catalogue.popularity[a]!);
  t.true(ranked.slice(0, 10).every((i) => catalogue.departmentId[i] === 4));
  const byRank = popularityByRank(49_688);
  t.true(Math.abs(byRank[0]! - 0.0126) < 0.001, 'top product ~1.3 % of new picks');
});

test('a block made in-process equals the same block made by a worker thread (the generated files), and is the same when made twice', async (t) => {
  const dir = tempDir(t);
  await generateDataset({ outDir: dir, scale: 0.025, seed: 11, faults: false, workers: 2 });
  const plan = planDataset(0.025, 11);
  t.true(plan.blocks.length >= 2, 'more than one block, so the threads made several');
  const files = {
    orders: readFileSync(join(dir, 'orders.csv')),
    prior: readFileSync(join(dir, 'order_products__prior.csv')),
    train: readFileSync(join(dir, 'order_products__train.csv')),
  };
  // Each file is its header, then the blocks' bytes in block order.
  const at = { orders: files.orders.indexOf(0x0a) + 1, prior: files.prior.indexOf(0x0a) + 1, train: files.train.indexOf(0x0a) + 1 };
  for (const block of plan.blocks) {
    const task = {
      seed: 11,
      productCount: plan.products,
      blockIndex: block.index,
      firstUserId: block.firstUserId,
      orderCounts: block.orderCounts,
      firstOrderId: block.firstOrderId,
      orderCount: block.orderCount,
    };
    const made = generateBlock(task);
    t.is(made.orderRows, block.orderCount);
    t.is(Buffer.from(made.priorCsv).toString('latin1').split('\n').length - 1, made.priorRows);
    for (const [name, bytes] of [['orders', made.ordersCsv], ['prior', made.priorCsv], ['train', made.trainCsv]] as const) {
      const inFile = files[name].subarray(at[name], at[name] + bytes.length);
      t.true(Buffer.from(bytes).equals(inFile), `block ${block.index}, ${name}: in-process bytes equal the thread-made file's`);
      at[name] += bytes.length;
    }
    const again = generateBlock(task);
    t.true(Buffer.from(again.priorCsv).equals(Buffer.from(made.priorCsv)) && Buffer.from(again.ordersCsv).equals(Buffer.from(made.ordersCsv)), `block ${block.index} made twice`);
  }
  t.deepEqual(at, { orders: files.orders.length, prior: files.prior.length, train: files.train.length }, 'the blocks make up the whole files');
});
