/**
 * The pairs stage of a run: the baskets planned on the main thread (fragments joined, products coded),
 * counted on the worker threads while the main thread derives the other tables (pass 1 per group of
 * baskets of about the same number of lines, pass 2 per band of the product triangle), and the counts
 * written into the three tables.
 */
import type { WorkerPool } from '../pool/index.js';
import { aisleName, departmentName, type AnalysisInput } from '../summaries/input.js';
import { groupCounts, layoutTriangle, listedGroups, pairLayout, productCounts, triangleBands, whenListed, type PairCounts, type PairWork, type ProductCodes } from '../../workers/index.js';
import type { Baskets, PairsTask } from '../../workers/protocol.js';
import type { Table } from '../summaries/table.js';
import { basketGroups, groupPairTables, planPairCount, productPairTables, sharedBaskets, type GroupCounts, type PairCatalogue, type PairSettings, type PairTables } from './index.js';

/**
 * Bytes of CSV per order line in the real files: the count runs where a read of that many bytes would
 * (on the main thread for a small data set, where starting threads costs more than they save; on the
 * threads always when a test sets the pool's inline bytes to 0).
 */
const kBytesPerLine = 17;

/**
 * Groups of baskets per thread for the first pass: the bands wait for every group, so a thread that
 * ends its groups early idles; in smaller groups the threads' shares even out.
 */
const kGroupsPerThread = 4;

export interface PairCountInput {
  /** Every source's baskets, stored and read now. */
  baskets: readonly Baskets[];
  /** Accepted lines per product id (the totals'): the candidates are chosen from these. */
  productLines: ArrayLike<number>;
  /** Order ids are below this. */
  orderSlots: number;
  catalogue: PairCatalogue;
  settings: PairSettings;
}

/** The catalogue as the pair tables see it: aisle, department and names per product (names as the other tables write them). */
export function pairCatalogue(input: AnalysisInput): PairCatalogue {
  const { catalogue } = input;
  return {
    known: catalogue.known,
    productAisle: catalogue.aisle,
    productDepartment: catalogue.department,
    aisleName: (id) => aisleName(input, id),
    departmentName: (id) => departmentName(input, id),
    productName: (id) => catalogue.names[id]!,
  };
}

/**
 * Plan the count now and post its tasks: the lists of each group of baskets, then (as soon as they are
 * all there) every band of the product triangle, which the bands fill in shared memory. `groupTables`
 * are the aisle and department pairs, whole after the lists (the report can draw them while the bands
 * count); `result()` waits for the bands and gives the three tables.
 */
export async function startPairCount(input: PairCountInput, pool: WorkerPool): Promise<{ groupTables: Promise<Table[]>; result(): Promise<PairTables> }> {
  const lines = input.baskets.reduce((sum, part) => sum + part.starts[part.orderIds.length]!, 0);
  const threads = pool.usesThreads(lines * kBytesPerLine) ? pool.threads : 1;
  if (threads > 1) await pool.start(); // the threads boot while the baskets are planned
  const plan = planPairCount(input.baskets, input.orderSlots, input.catalogue, input.settings.minPairOrders, input.productLines);
  // On the threads, every array in shared memory (the reads' and the store's are; joined fragments are copied).
  const parts = threads > 1 ? plan.parts.map(sharedBaskets) : plan.parts;
  let groupsCounted: (counts: GroupCounts) => void = () => {};
  const groupTables = new Promise<Table[]>((resolve) => (groupsCounted = (counts) => resolve(groupPairTables(counts, input.catalogue, input.settings))));
  let counting: Promise<PairCounts> | undefined = countOnPool(pool, threads, basketGroups(parts, threads * kGroupsPerThread), plan.codes, groupsCounted);
  counting.catch(() => {}); // awaited by result()
  return {
    groupTables,
    async result() {
      const counts = await counting!;
      counting = undefined; // the counts hold the count's memory (its triangle): it goes with them
      const products = productPairTables(counts, plan.ids, input.catalogue, input.settings);
      return { tables: [products, ...(await groupTables)], candidates: plan.ids.length, fragmented: plan.fragmented };
    },
  };
}

/**
 * The product counts; the aisle and department ones go to `groupsCounted` as soon as they are whole
 * (after the first pass). One task per thread, each taking its share of the work (`countShare`).
 */
async function countOnPool(pool: WorkerPool, threads: number, groups: Baskets[][], codes: ProductCodes, groupsCounted: (counts: GroupCounts) => void): Promise<PairCounts> {
  const { places, ...layout } = pairLayout(groups, codes);
  const work: PairWork = { groups, codes, layout, places, bands: triangleBands(codes.candidates) };
  const counted = pool.count(Array.from({ length: threads }, (): PairsTask => ({ kind: 'pairs', work })));
  counted.catch(() => {}); // awaited below
  await whenListed(layout, groups.length);
  const listed = listedGroups(layout, codes, places);
  groupsCounted(groupCounts(listed));
  await counted;
  return productCounts(listed, codes, layoutTriangle(layout));
}
