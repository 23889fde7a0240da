/**
 * One pass over the population (orders with at least one accepted line) that every table needing
 * orders or customers shares: orders per day x hour cell, and who the customers are. Grain of
 * `ordersByCell`: day x hour; of `isCustomer`: user_id.
 */
import { kDowHourCells } from '../../workers/protocol.js';
import type { AnalysisInput } from './input.js';

export interface Population {
  /** Population orders per day x hour cell (`dow * 24 + hour`). */
  ordersByCell: Float64Array;
  /** Population orders. */
  orders: number;
  /** 1 per user_id with at least one population order. */
  isCustomer: Uint8Array;
  customers: number;
}

export function scanPopulation(input: AnalysisInput): Population {
  const { dow, hour, user } = input.orders;
  const ordersByCell = new Float64Array(kDowHourCells);
  const isCustomer = new Uint8Array(input.orders.userSlots);
  let orders = 0;
  let customers = 0;
  const bits = input.totals.orderHasLines;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const id = (w << 5) + 31 - Math.clz32(word & -word);
      word &= word - 1;
      ordersByCell[dow[id]! * 24 + hour[id]!]!++;
      orders++;
      const u = user[id]!;
      if (isCustomer[u] === 0) {
        isCustomer[u] = 1;
        customers++;
      }
    }
  }
  return { ordersByCell, orders, isCustomer, customers };
}
