/**
 * How many orders each user has (4..100, the last one train or test). The main thread draws these first,
 * from their own stream per block, so it can hand every block a contiguous order-id range before any
 * worker starts; the worker then reads the same counts from the task.
 */
import { AliasTable } from './distributions.js';
import { Rng, RngStream, rngFor } from './rng.js';

/** Fewest and most orders per user in the real data (3..99 prior, then one train or test). */
export const kMinOrdersPerUser = 4;
export const kMaxOrdersPerUser = 100;

/**
 * 4 + a mixture of two geometrics (52 % with mean 5, 48 % with mean 21.06), capped at 100. Fitted by
 * maximum likelihood to the 6,044 complete users of the orders sample: it reproduces the mode at 4
 * (11.6 % of users), the long tail and the pile-up at 100 (0.56 % of users, real 0.67 %), and its mean
 * is 16.59 orders per user, so scale 1 has 206,209 * 16.59 = 3.42M orders like the real 3,421,083.
 */
const kShortShare = 0.52;
const kShortMeanExtra = 5;
const kLongMeanExtra = 21.06;

/** P(user has n orders) for n = 4..100, index n - 4. */
export function ordersPerUserDistribution(): Float64Array {
  const span = kMaxOrdersPerUser - kMinOrdersPerUser;
  const p1 = 1 / (1 + kShortMeanExtra);
  const p2 = 1 / (1 + kLongMeanExtra);
  const pmf = new Float64Array(span + 1);
  let below = 0;
  for (let k = 0; k < span; k++) {
    pmf[k] = kShortShare * p1 * Math.pow(1 - p1, k) + (1 - kShortShare) * p2 * Math.pow(1 - p2, k);
    below += pmf[k]!;
  }
  pmf[span] = 1 - below; // everything from 100 up lands on 100
  return pmf;
}

let table: AliasTable | undefined;

/** One user's order count. */
export function sampleOrdersPerUser(rng: Rng): number {
  table ??= new AliasTable(ordersPerUserDistribution());
  return kMinOrdersPerUser + table.sample(rng);
}

/** The order counts of one block's users, from the block's own stream: identical in main and workers. */
export function drawOrderCounts(seed: number, blockIndex: number, userCount: number): Uint8Array {
  const rng = rngFor(seed, RngStream.OrderCounts, blockIndex);
  const counts = new Uint8Array(userCount);
  for (let u = 0; u < userCount; u++) counts[u] = sampleOrdersPerUser(rng);
  return counts;
}
