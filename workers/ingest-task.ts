/**
 * The piscina worker: an adapter around `runIngest` that moves (not copies) the result's typed arrays
 * back to the main thread (piscina's `examples/move`).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runIngest } from './ingest.js';
import type { IngestTask } from './protocol.js';

export default async function ingest(task: IngestTask) {
  const { result, buffers } = await runIngest(task);
  return move({ [transferableSymbol]: buffers, [valueSymbol]: result });
}
