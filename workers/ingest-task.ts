/**
 * The piscina worker: an adapter around `runIngest` (reads) and `runPairsTask` (pair counts) that moves
 * (not copies) the result's typed arrays back to the main thread (piscina's `examples/move`).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runIngest } from './ingest.js';
import { runPairsTask } from './pair-count.js';
import type { IngestTask, PairsTask } from './protocol.js';

export default async function ingest(task: IngestTask | PairsTask) {
  const { result, buffers } = task.kind === 'pairs' ? runPairsTask(task) : await runIngest(task);
  return move({ [transferableSymbol]: buffers, [valueSymbol]: result });
}
