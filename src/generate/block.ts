/**
 * One block from task to CSV bytes: the function the piscina worker wraps, also callable in-process
 * (tests use it to check that the thread boundary changes nothing).
 */
import { encodeLines, encodeOrders } from './block-encode.js';
import { ModelScratch, buildModelTables, generateBlockModel, orderIdPermutation, type ModelTables } from './block-model.js';
import type { BlockResult, BlockTask } from './block-protocol.js';
import { buildCatalogue } from './catalogue.js';

let cached: { seed: number; productCount: number; tables: ModelTables; scratch: ModelScratch } | undefined;

/** Model tables and scratch for (seed, productCount), rebuilt only when they change (once per worker per run). */
function modelFor(seed: number, productCount: number): { tables: ModelTables; scratch: ModelScratch } {
  if (cached === undefined || cached.seed !== seed || cached.productCount !== productCount) {
    const tables = buildModelTables(buildCatalogue(seed, productCount));
    cached = { seed, productCount, tables, scratch: new ModelScratch(productCount) };
  }
  return cached;
}

/** Generate and encode one block. */
export function generateBlock(task: BlockTask): BlockResult {
  const { tables, scratch } = modelFor(task.seed, task.productCount);
  const model = generateBlockModel(task.seed, task.blockIndex, task.orderCounts, tables, scratch);
  if (model.orderCount !== task.orderCount) {
    throw new Error(`block ${task.blockIndex}: ${model.orderCount} orders made, plan says ${task.orderCount}`);
  }
  const ids = {
    firstUserId: task.firstUserId,
    orderCounts: task.orderCounts,
    firstOrderId: task.firstOrderId,
    permutation: orderIdPermutation(task.seed, task.blockIndex, model.orderCount),
  };
  const ordersCsv = encodeOrders(model, ids);
  const lines = encodeLines(model, ids, task.productCount);
  return {
    blockIndex: task.blockIndex,
    ordersCsv,
    priorCsv: lines.prior,
    trainCsv: lines.train,
    orderRows: model.orderCount,
    priorRows: model.priorLines,
    trainRows: model.trainLines,
  };
}
