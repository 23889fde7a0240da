/**
 * The piscina worker: an adapter around `runIngest` that moves (not copies) the result's typed arrays
 * back to the main thread.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runIngest, type TaskFailure } from './ingest.js';
import type { IngestResult, IngestTask } from './protocol.js';

export type { TaskFailure } from './ingest.js';

export default async function ingest(task: IngestTask): Promise<IngestResult | TaskFailure> {
  const { result, buffers } = await runIngest(task);
  return moved(result, buffers);
}

/** Return `value` with these buffers transferred, not cloned (piscina's Transferable protocol). */
function moved<T extends object>(value: T, buffers: ArrayBufferLike[]): T {
  return Piscina.move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return value;
    },
  } as never) as unknown as T;
}
