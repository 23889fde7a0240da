/**
 * One pass over the population (orders with at least one accepted line) for the tables that count
 * orders: orders per day x hour cell. Grain of `ordersByCell`: day x hour.
 */
import { kDowHourCells } from '../../workers/protocol.js';
import type { AnalysisInput } from './input.js';

export interface Population {
  /** Population orders per day x hour cell (`dow * 24 + hour`). */
  ordersByCell: Float64Array;
  /** Population orders. */
  orders: number;
}

export function scanPopulation(input: AnalysisInput): Population {
  const { dow, hour } = input.orders;
  const ordersByCell = new Float64Array(kDowHourCells);
  let orders = 0;
  const bits = input.totals.orderHasLines;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const id = (w << 5) + 31 - Math.clz32(word & -word);
      word &= word - 1;
      ordersByCell[dow[id]! * 24 + hour[id]!]!++;
      orders++;
    }
  }
  return { ordersByCell, orders };
}
