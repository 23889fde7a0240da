/**
 * Piscina worker for `instacart generate`: one block of users per task. A thin adapter over
 * {@link generateBlock}; the three CSV byte arrays are moved (transferred, not copied) back to the main
 * thread, ~13 MB per block at scale 1.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { generateBlock } from '../src/generate/block.js';
import type { BlockTask } from '../src/generate/block-protocol.js';

export default function generateBlockTask(task: BlockTask) {
  const result = generateBlock(task);
  return move({
    [transferableSymbol]: [result.ordersCsv.buffer, result.priorCsv.buffer, result.trainCsv.buffer],
    [valueSymbol]: result,
  });
}
