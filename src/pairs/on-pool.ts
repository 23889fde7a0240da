/**
 * The pairs stage of a run: the baskets planned on the main thread (fragments joined, products coded),
 * counted on the worker threads in groups of about the same number of lines while the main thread
 * derives the other tables, and the groups' counts added into the three tables.
 */
import type { WorkerPool } from '../pool/index.js';
import type { Catalogue } from '../sources/products.js';
import type { Baskets, PairsTask } from '../../workers/protocol.js';
import { basketGroups, pairTables, planPairCount, sharedBaskets, sumCounts, type PairCatalogue, type PairSettings, type PairTables } from './index.js';

/**
 * Bytes of CSV per order line in the real files: the count runs where a read of that many bytes would
 * (on the main thread for a small data set, where starting threads costs more than they save; on the
 * threads always when a test sets the pool's inline bytes to 0).
 */
const kBytesPerLine = 17;

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

/** The catalogue as the pair tables see it: aisle, department and names per product. */
export function pairCatalogue(catalogue: Catalogue, aisles: ReadonlyMap<number, string>, departments: ReadonlyMap<number, string>): PairCatalogue {
  return {
    known: catalogue.known,
    productAisle: catalogue.aisle,
    productDepartment: catalogue.department,
    aisleName: (id) => aisles.get(id) ?? `aisle ${id}`,
    departmentName: (id) => departments.get(id) ?? `department ${id}`,
    productName: (id) => catalogue.names[id] ?? `product ${id}`,
  };
}

/** Plan the count now and post its tasks; `result()` adds their counts into the tables. */
export async function startPairCount(input: PairCountInput, pool: WorkerPool): Promise<{ result(): Promise<PairTables> }> {
  const lines = input.baskets.reduce((sum, part) => sum + part.starts[part.orderIds.length]!, 0);
  const threads = pool.usesThreads(lines * kBytesPerLine) ? pool.threads : 1;
  if (threads > 1) await pool.start(); // the threads boot while the baskets are planned
  const plan = planPairCount(input.baskets, input.orderSlots, input.catalogue, input.settings.minPairOrders, input.productLines);
  // On the threads, every array in shared memory (the reads' and the store's are; joined fragments are copied).
  const parts = threads > 1 ? plan.parts.map(sharedBaskets) : plan.parts;
  const tasks: PairsTask[] = basketGroups(parts, threads).map((group) => ({ kind: 'pairs', parts: group, codes: plan.codes }));
  const counting = pool.count(tasks);
  counting.catch(() => {}); // awaited by result()
  return {
    async result() {
      const counts = sumCounts((await counting).map((r) => r.counts));
      return { tables: pairTables(counts, plan.ids, input.catalogue, input.settings), candidates: plan.ids.length, fragmented: plan.fragmented };
    },
  };
}
