/**
 * The shopping model for one block of users: every order's day, hour and gap, and every basket line with
 * an exact reorder flag. Pure: typed arrays in, typed arrays out, one random stream per block. No text,
 * no I/O (the CSV bytes are made by {@link ./block-encode.ts}).
 */
import type { Catalogue } from './catalogue.js';
import { AliasTable, QuantileTable, normalCdf, sampleGamma, sampleNormal, samplePoisson } from './distributions.js';
import {
  kMeanPriorBasket,
  kMeanTrainBasket,
  kOrdersByDaysSincePrior,
  kOrdersByDow,
  kOrdersByHour,
  kRealProducts,
  kRealTrainUsers,
  kRealUsers,
} from './facts.js';
import { kMaxOrdersPerUser } from './orders-per-user.js';
import { Rng, RngStream, rngFor, shuffleInPlace } from './rng.js';

/** eval_set codes in the model's arrays. */
export const EvalSet = { Prior: 0, Train: 1, Test: 2 } as const;
export type EvalSet = (typeof EvalSet)[keyof typeof EvalSet];

/** Share of users whose last order is train, not test: 131,209 / 206,209 = 63.6 %. */
const kTrainShare = kRealTrainUsers / kRealUsers;

/**
 * Basket size = 1 + Poisson(mean * U * O), U ~ Gamma(5)/5 per user (some users buy big baskets), O ~
 * Gamma(3.5)/3.5 per order. Chosen against the real train sizes: mean 10.09 prior / 10.55 train, mode 5,
 * median 8 (51 % of orders have at most 8 items, real prior sample 51.3 %), 2.5 % single-item orders
 * (real 5 %), 2.5 % above 30 (real 2.9 %). Sizes above 125 are redrawn (the real maximum is 145 over
 * 32M lines; the model's tail would reach ~140).
 */
const kUserBasketShape = 5;
const kOrderBasketShape = 3.5;
const kMaxBasket = 125;
const kPriorPoissonMean = kMeanPriorBasket - 1;
const kTrainPoissonMean = kMeanTrainBasket - 1;

/**
 * Gaps (days_since_prior_order) come from a Gaussian copula: each order's quantile is
 * Phi(rho * z_user + sqrt(1 - rho^2) * z_order), read off the FACTS histogram. Every order still follows
 * the real histogram exactly (spikes at 7 and 30), but a user's gaps are correlated (rho^2 = 0.36),
 * so users have a cadence: per-user median gaps spread over the course's frequency segments (scale 1:
 * 67 % of users at most 10 days, 23 % 10-20, 10 % above 20) instead of nearly all being 7.
 */
const kGapHabit = 0.6;
const kGapNoise = Math.sqrt(1 - kGapHabit * kGapHabit);

/**
 * Reorder intent for order k >= 2: loyalty * (0.865 - 0.58 * exp(-(k - 2) / 8)), loyalty uniform in
 * [0.7, 1.2] per user, capped at 0.95. An intended reorder picks uniformly among the user's earlier
 * purchases (so staples bought often come back often); otherwise a product is drawn by popularity,
 * which is itself a reorder when the user happened to buy it before. The flag is computed exactly
 * from the user's history. Tuned so that prior lines have a reorder rate of ~0.59 (FACTS), rising from
 * 0.25 on second orders to 0.55 around order 10, 0.70 around 20 and 0.80 beyond 20 (scale 1).
 */
const kReorderCeiling = 0.865;
const kReorderRise = 0.58;
const kReorderOrders = 8;
const kLoyaltyMin = 0.7;
const kLoyaltySpan = 0.5;
const kReorderCap = 0.95;
/** Attempts to find a product not yet in the basket before giving up on a line (never needed in practice). */
const kReorderTries = 4;
const kNewProductTries = 32;
/**
 * A popularity pick is often a product the user already bought (then it is a reorder too), more often
 * in small catalogues, whose head is heavier. Without a correction the prior reorder rate was 0.613 at
 * scale 0.02 (7,027 products), 0.600 at 0.1 and 0.589 at 1; the intent is therefore scaled by
 * 1 - 0.025 * ln(49,688 / products), which keeps the rate at ~0.59 at every scale.
 */
const kIntentLossPerLog = 0.025;

/** Distributions shared by all blocks of one catalogue (built once per worker). */
export interface ModelTables {
  /** The catalogue the products come from. */
  readonly catalogue: Catalogue;
  /** Product index (product_id - 1) by popularity. */
  readonly popularity: AliasTable;
  /** order_dow by the FACTS histogram. */
  readonly dow: AliasTable;
  /** order_hour_of_day by the FACTS histogram. */
  readonly hour: AliasTable;
  /** days_since_prior_order by quantile. */
  readonly gap: QuantileTable;
  /** Multiplier of the reorder intent for this catalogue size (see kIntentLossPerLog). */
  readonly intentScale: number;
}

export function buildModelTables(catalogue: Catalogue): ModelTables {
  return {
    catalogue,
    popularity: new AliasTable(catalogue.popularity),
    dow: new AliasTable(kOrdersByDow),
    hour: new AliasTable(kOrdersByHour),
    gap: new QuantileTable(kOrdersByDaysSincePrior),
    intentScale: 1 - kIntentLossPerLog * Math.log(kRealProducts / catalogue.productCount),
  };
}

/**
 * One block's orders in user order (user, then order_number) and their lines. Grain: one entry per
 * order in the order arrays; one entry per order line in the line arrays.
 */
export interface BlockModel {
  /** Orders in the block. */
  readonly orderCount: number;
  /** order_number of each order (1-based within its user). */
  readonly orderNumber: Uint8Array;
  /** eval_set of each order ({@link EvalSet}). */
  readonly evalSet: Uint8Array;
  /** order_dow, 0..6. */
  readonly dow: Uint8Array;
  /** order_hour_of_day, 0..23. */
  readonly hour: Uint8Array;
  /** days_since_prior_order, 0..30, or -1 for a user's first order (written blank). */
  readonly daysSincePrior: Int8Array;
  /** Lines of order i are lineStart[i] .. lineStart[i + 1] - 1, in add_to_cart_order. */
  readonly lineStart: Int32Array;
  /** product_id of each line. */
  readonly lineProduct: Int32Array;
  /** 1 if the user bought the product in an earlier order, else 0. */
  readonly lineReordered: Uint8Array;
  /** Lines in prior orders. */
  readonly priorLines: number;
  /** Lines in train orders. */
  readonly trainLines: number;
}

/**
 * Working arrays reused from block to block in one worker: without reuse each block leaves ~8 MB of
 * garbage (line arrays for ~690k lines, two stamp arrays of the catalogue's size).
 */
export class ModelScratch {
  /** boughtStamp[p] === user serial: the current user bought product p in an earlier order. */
  readonly boughtStamp: Int32Array;
  /** basketStamp[p] === basket serial: product p is already in the current basket. */
  readonly basketStamp: Int32Array;
  /** The current user's earlier purchases, repeats included (at most 99 prior baskets of 125). */
  readonly history = new Int32Array(kMaxOrdersPerUser * kMaxBasket);
  /** Line arrays; grown as needed and kept. */
  lineProduct: Int32Array = new Int32Array(1 << 20);
  lineReordered: Uint8Array = new Uint8Array(1 << 20);

  constructor(productCount: number) {
    this.boughtStamp = new Int32Array(productCount + 1);
    this.basketStamp = new Int32Array(productCount + 1);
  }
}

/**
 * Generate a block's orders and lines. `orderCounts` are the block's users' order counts, in user order.
 * The returned line arrays are views into `scratch`: valid until its next use.
 */
export function generateBlockModel(
  seed: number,
  blockIndex: number,
  orderCounts: Uint8Array,
  tables: ModelTables,
  scratch = new ModelScratch(tables.catalogue.productCount),
): BlockModel {
  const rng = rngFor(seed, RngStream.BlockModel, blockIndex);
  let orderCount = 0;
  for (let u = 0; u < orderCounts.length; u++) orderCount += orderCounts[u]!;

  const orderNumber = new Uint8Array(orderCount);
  const evalSet = new Uint8Array(orderCount);
  const dow = new Uint8Array(orderCount);
  const hour = new Uint8Array(orderCount);
  const daysSincePrior = new Int8Array(orderCount);
  const lineStart = new Int32Array(orderCount + 1);
  let lineProduct = scratch.lineProduct;
  let lineReordered = scratch.lineReordered;
  let lineCount = 0;
  let priorLines = 0;
  let trainLines = 0;

  // Membership by stamp, so nothing is cleared per user or basket; serials restart per block, so clear once.
  const { boughtStamp, basketStamp, history } = scratch;
  boughtStamp.fill(0);
  basketStamp.fill(0);
  let basketSerial = 0;

  let order = 0;
  for (let u = 0; u < orderCounts.length; u++) {
    const userSerial = u + 1;
    const orders = orderCounts[u]!;
    const lastEval = rng.chance(kTrainShare) ? EvalSet.Train : EvalSet.Test;
    const basketScale = sampleGamma(rng, kUserBasketShape) / kUserBasketShape;
    const loyalty = (kLoyaltyMin + kLoyaltySpan * rng.float()) * tables.intentScale;
    const gapHabit = kGapHabit * sampleNormal(rng);
    let historyLength = 0;

    for (let k = 1; k <= orders; k++, order++) {
      const ev = k < orders ? EvalSet.Prior : lastEval;
      orderNumber[order] = k;
      evalSet[order] = ev;
      dow[order] = tables.dow.sample(rng);
      hour[order] = tables.hour.sample(rng);
      daysSincePrior[order] = k === 1 ? -1 : tables.gap.at(normalCdf(gapHabit + kGapNoise * sampleNormal(rng)));
      lineStart[order] = lineCount;
      if (ev === EvalSet.Test) continue; // test baskets are not published

      const size = basketSize(rng, basketScale, ev === EvalSet.Train ? kTrainPoissonMean : kPriorPoissonMean);
      if (lineCount + size > lineProduct.length) {
        const grown = Math.ceil((lineCount + size) * 1.5);
        lineProduct = scratch.lineProduct = growInt32(lineProduct, grown);
        lineReordered = scratch.lineReordered = growUint8(lineReordered, grown);
      }
      const reorderIntent =
        k === 1 ? 0 : Math.min(kReorderCap, loyalty * (kReorderCeiling - kReorderRise * Math.exp(-(k - 2) / kReorderOrders)));
      basketSerial++;
      for (let j = 0; j < size; j++) {
        let product = 0;
        if (historyLength > 0 && rng.float() < reorderIntent) {
          for (let t = 0; t < kReorderTries; t++) {
            const candidate = history[rng.int(historyLength)]!;
            if (basketStamp[candidate] !== basketSerial) {
              product = candidate;
              break;
            }
          }
        }
        if (product === 0) {
          for (let t = 0; t < kNewProductTries; t++) {
            const candidate = tables.popularity.sample(rng) + 1;
            if (basketStamp[candidate] !== basketSerial) {
              product = candidate;
              break;
            }
          }
          if (product === 0) break; // the catalogue's head is exhausted for this basket: a shorter basket
        }
        basketStamp[product] = basketSerial;
        lineProduct[lineCount] = product;
        lineReordered[lineCount] = boughtStamp[product] === userSerial ? 1 : 0;
        lineCount++;
      }
      // Only now do this basket's products count as bought "in an earlier order".
      for (let l = lineStart[order]!; l < lineCount; l++) {
        const product = lineProduct[l]!;
        boughtStamp[product] = userSerial;
        history[historyLength++] = product;
      }
      if (ev === EvalSet.Prior) priorLines += lineCount - lineStart[order]!;
      else trainLines += lineCount - lineStart[order]!;
    }
  }
  lineStart[orderCount] = lineCount;
  return {
    orderCount,
    orderNumber,
    evalSet,
    dow,
    hour,
    daysSincePrior,
    lineStart,
    lineProduct: lineProduct.subarray(0, lineCount),
    lineReordered: lineReordered.subarray(0, lineCount),
    priorLines,
    trainLines,
  };
}

function basketSize(rng: Rng, userScale: number, poissonMean: number): number {
  for (;;) {
    const mean = poissonMean * userScale * (sampleGamma(rng, kOrderBasketShape) / kOrderBasketShape);
    const size = 1 + samplePoisson(rng, mean);
    if (size <= kMaxBasket) return size;
  }
}

/**
 * A random permutation of 0..orderCount-1: position i (the block's i-th order in user order) gets
 * order_id firstOrderId + permutation[i], so ids look random relative to users, as in the real file.
 */
export function orderIdPermutation(seed: number, blockIndex: number, orderCount: number): Int32Array {
  const rng = rngFor(seed, RngStream.OrderIds, blockIndex);
  const permutation = new Int32Array(orderCount);
  for (let i = 0; i < orderCount; i++) permutation[i] = i;
  shuffleInPlace(rng, permutation);
  return permutation;
}

function growInt32(values: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(values);
  return grown;
}

function growUint8(values: Uint8Array, length: number): Uint8Array {
  const grown = new Uint8Array(length);
  grown.set(values);
  return grown;
}
