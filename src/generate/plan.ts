/**
 * The layout of a data set before any row is made: sizes from the scale, users cut into fixed blocks,
 * and each block's contiguous order-id range. Everything downstream is a function of this plan and the
 * seed, which is why the files do not depend on how many workers run.
 */
import { kRealProducts, kRealUsers } from './facts.js';
import { drawOrderCounts } from './orders-per-user.js';

/**
 * Users per block. Fixed (never derived from --workers) because blocks are the unit of randomness.
 * 4,096 users are ~68k orders and ~690k lines, ~13 MB of CSV: big enough that per-task overhead is
 * noise, small enough that a few blocks in flight stay well under 100 MB.
 */
export const kUsersPerBlock = 4096;

/** Fewest users at any scale, so tiny scales still have customers and orders to look at. */
export const kMinUsers = 10;
/** Catalogue size bounds: below 200 products baskets of 100+ items could not be filled. */
export const kMinProducts = 200;

/** One block of consecutive users and the order ids they own. */
export interface BlockPlan {
  /** 0-based block number; also keys the block's random streams. */
  readonly index: number;
  /** user_id of the block's first user. */
  readonly firstUserId: number;
  /** Users in the block (kUsersPerBlock except the last). */
  readonly userCount: number;
  /** Orders per user, in user order (4..100 each). */
  readonly orderCounts: Uint8Array;
  /** Smallest order_id of the block; its ids are firstOrderId .. firstOrderId + orderCount - 1. */
  readonly firstOrderId: number;
  /** Orders in the block (all eval sets). */
  readonly orderCount: number;
}

/** The whole data set's layout. */
export interface DatasetPlan {
  /** Size multiplier: 1 is the real data's size. */
  readonly scale: number;
  /** Seed of every random stream. */
  readonly seed: number;
  /** Number of users (user_id 1..users). */
  readonly users: number;
  /** Number of products (product_id 1..products). */
  readonly products: number;
  /** Total orders over all blocks. */
  readonly orders: number;
  /** Blocks in user order; their order-id ranges are consecutive. */
  readonly blocks: readonly BlockPlan[];
}

/** round(206,209 * scale), at least {@link kMinUsers}. */
export function usersForScale(scale: number): number {
  return Math.max(kMinUsers, Math.round(kRealUsers * scale));
}

/**
 * round(49,688 * sqrt(scale)) clamped to [200, 49,688]: a smaller sample keeps most of the catalogue
 * (scale 0.1 has 15,713 products), as a sample of real users would.
 */
export function productsForScale(scale: number): number {
  return Math.min(kRealProducts, Math.max(kMinProducts, Math.round(kRealProducts * Math.sqrt(scale))));
}

/** Lay out the data set. Draws every user's order count (~20 ms at scale 1). */
export function planDataset(scale: number, seed: number): DatasetPlan {
  const users = usersForScale(scale);
  const blocks: BlockPlan[] = [];
  let nextOrderId = 1;
  for (let index = 0, firstUserId = 1; firstUserId <= users; index++, firstUserId += kUsersPerBlock) {
    const userCount = Math.min(kUsersPerBlock, users - firstUserId + 1);
    const orderCounts = drawOrderCounts(seed, index, userCount);
    let orderCount = 0;
    for (let u = 0; u < userCount; u++) orderCount += orderCounts[u]!;
    blocks.push({ index, firstUserId, userCount, orderCounts, firstOrderId: nextOrderId, orderCount });
    nextOrderId += orderCount;
  }
  return { scale, seed, users, products: productsForScale(scale), orders: nextOrderId - 1, blocks };
}
