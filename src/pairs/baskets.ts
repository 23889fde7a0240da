/**
 * Baskets: each order's products, in the order the lines came. A worker cuts its byte range into
 * baskets as the order id changes; an order cut by a range boundary, spread over two files or over an
 * appended segment, or whose lines are not together in a file, arrives as several fragments with the
 * same order id. `completeBaskets` makes one basket per order from them, so that pairs are counted over
 * whole orders whatever the layout of the files. Grain: one entry per basket (order or fragment).
 * The `Baskets` shape is the workers' (workers/protocol.ts), which make them.
 */
import type { Baskets } from '../../workers/protocol.js';

export type { Baskets } from '../../workers/protocol.js';

/** Baskets from lists (tests, and fragments completed on the main thread). */
export function basketsOf(list: readonly (readonly [orderId: number, items: readonly number[]])[]): Baskets {
  const orderIds = new Int32Array(list.length);
  const starts = new Uint32Array(list.length + 1);
  let total = 0;
  list.forEach(([id, items], b) => {
    orderIds[b] = id;
    total += items.length;
    starts[b + 1] = total;
  });
  const items = new Uint32Array(total);
  list.forEach(([, basket], b) => items.set(basket, starts[b]!));
  return { orderIds, starts, items };
}

/**
 * One basket per order from any number of fragments: baskets whose order id occurs once are kept as
 * they are (the common case, no copy of their items); the fragments of an order seen more than once are
 * joined into one basket, in one extra part after the others, and marked -1 where they were. `orderSlots` bounds the order ids (ids are
 * below it). Returns the complete baskets and the ids of the orders that came in fragments.
 */
export function completeBaskets(parts: readonly Baskets[], orderSlots: number): { baskets: Baskets[]; fragmented: number[] } {
  // First sighting of each order id (part and basket index).
  const firstPart = new Int32Array(orderSlots).fill(-1);
  const firstBasket = new Int32Array(orderSlots);
  const extra = new Map<number, number[]>();
  parts.forEach((part, p) => {
    const ids = part.orderIds;
    for (let b = 0; b < ids.length; b++) {
      const id = ids[b]!;
      if (firstPart[id] === -1) {
        firstPart[id] = p;
        firstBasket[id] = b;
      } else {
        let more = extra.get(id);
        if (more === undefined) extra.set(id, (more = []));
        more.push(p, b);
      }
    }
  });
  if (extra.size === 0) return { baskets: [...parts], fragmented: [] };
  // Fragments leave their parts (their order id becomes -1 there, a copy of the ids: the items stay
  // shared) and are joined into one extra part.
  const joined: [number, number[]][] = [];
  const ids = parts.map((part) => part.orderIds);
  const fragmented = [...extra.keys()].sort((a, b) => a - b);
  for (const id of fragmented) {
    const places = [firstPart[id]!, firstBasket[id]!, ...extra.get(id)!];
    const items: number[] = [];
    for (let k = 0; k < places.length; k += 2) {
      const p = places[k]!;
      const part = parts[p]!;
      const b = places[k + 1]!;
      for (let i = part.starts[b]!; i < part.starts[b + 1]!; i++) items.push(part.items[i]!);
      if (ids[p] === part.orderIds) ids[p] = part.orderIds.slice();
      ids[p]![b] = -1;
    }
    joined.push([id, items]);
  }
  const kept = parts.map((part, p) => (ids[p] === part.orderIds ? part : { ...part, orderIds: ids[p]! }));
  return { baskets: [...kept, basketsOf(joined)], fragmented };
}

/** `part` with every array in shared memory (copied unless it is already). */
export function sharedBaskets(part: Baskets): Baskets {
  const share = <T extends Int32Array | Uint32Array | Uint16Array>(array: T, make: (buffer: SharedArrayBuffer, length: number) => T): T => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const copy = make(new SharedArrayBuffer(array.byteLength), array.length);
    copy.set(array);
    return copy;
  };
  return {
    orderIds: share(part.orderIds, (b, n) => new Int32Array(b, 0, n)),
    starts: share(part.starts, (b, n) => new Uint32Array(b, 0, n)),
    items: part.items instanceof Uint16Array ? share(part.items, (b, n) => new Uint16Array(b, 0, n)) : share(part.items, (b, n) => new Uint32Array(b, 0, n)),
  };
}
