/**
 * The pairs count shared by threads (workers/pair-count.ts `countShare`): each takes groups, then bands,
 * from atomic counters in the count's memory. However the work falls (here: the same work run one
 * share after another, as on the main thread), the counts are the one-thread counts; and a share that
 * fails flags it, so that a share waiting for the groups stops instead of waiting for ever.
 */
import test from 'ava';
import { basketGroups, basketsOf, countBaskets, planPairCount } from '../../src/pairs/index.js';
import { countShare, layoutTriangle, listedGroups, pairLayout, productCounts, triangleBands, type PairWork } from '../../workers/pair-count.js';
import { seededRandom } from '../../src/segments/kmeans.js';

const random = seededRandom(11);
const orders: [number, number[]][] = Array.from({ length: 600 }, (_, o) => [o + 1, Array.from({ length: 1 + Math.floor(random() * 8) }, () => 1 + Math.floor(40 * random() ** 2))]);
const catalogue = {
  known: Int32Array.from({ length: 41 }, (_, p) => (p > 0 ? 1 : 0)),
  productAisle: Int32Array.from({ length: 41 }, (_, p) => (p > 0 ? 1 + (p % 6) : 0)),
  productDepartment: Int32Array.from({ length: 41 }, (_, p) => (p > 0 ? 1 + (p % 3) : 0)),
  aisleName: String,
  departmentName: String,
  productName: String,
};

test('a count shared out in groups and bands gives the counts of one pass over all baskets', (t) => {
  const plan = planPairCount([basketsOf(orders)], 700, catalogue, 3);
  const whole = countBaskets(plan.parts, plan.codes);
  const groups = basketGroups(plan.parts, 5);
  const { places, ...layout } = pairLayout(groups, plan.codes);
  const work: PairWork = { groups, codes: plan.codes, layout, places, bands: triangleBands(plan.codes.candidates) };
  countShare(work); // takes every group and band
  countShare(work); // finds nothing left
  const listed = listedGroups(layout, plan.codes, places);
  const products = productCounts(listed, plan.codes, layoutTriangle(layout));
  t.deepEqual([...products.pairs], [...whole.products.pairs]);
  t.deepEqual([...products.singles], [...whole.products.singles]);
  t.is(listed.reduce((n, l) => n + l.baskets, 0), 600);
});

test('a share that fails is flagged: a share waiting for the groups stops with an error, not for ever', (t) => {
  const plan = planPairCount([basketsOf(orders)], 700, catalogue, 3);
  const groups = basketGroups(plan.parts, 2);
  const { places, ...layout } = pairLayout(groups, plan.codes);
  // The first group's place is made too small for its baskets: listing it fails.
  const broken = [{ ...places[0]!, lines: 1 }, places[1]!];
  const work: PairWork = { groups, codes: plan.codes, layout, places: broken, bands: triangleBands(plan.codes.candidates) };
  t.throws(() => countShare(work), { instanceOf: RangeError });
  const started = Date.now();
  t.throws(() => countShare(work), { message: /another thread of the pairs count failed/ });
  t.true(Date.now() - started < 5000);
});
