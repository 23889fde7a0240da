/**
 * Baskets in the store: each segment's baskets as raw little-endian arrays (order ids, basket starts,
 * product ids of 2 or 4 bytes), in rows of whole baskets (`basketRows`). Raw, not packed: they hold no runs of zeros, and at
 * full scale (95 MB) the packing pass cost more than it saved. Read back into shared memory, where
 * the pairs count reads them on any thread without a copy.
 */
import { EtlError } from '../errors/index.js';
import type { Baskets } from '../../workers/protocol.js';

export interface BasketRow {
  order_ids: Buffer;
  starts: Buffer;
  items: Buffer;
  /** Bytes per product id: 2 or 4. */
  item_bytes: number;
}

const bytesOf = (a: Int32Array | Uint32Array | Uint16Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Lines per stored row at most: a part is cut into rows of whole baskets of up to this many lines
 * (2 MB of 16-bit product ids). SQLite and the binding each copy a blob they write, so one row per read
 * range (33 MB at full scale) added twice that to the peak memory of the commit; rows of 2 MB add 4 MB,
 * and were written in half the time (measured on the benchmark machine).
 */
export const kBasketRowLines = 1 << 20;

/** A part as rows of whole baskets, each starting at its own first line (the product ids are views: no copy). */
export function basketRows(part: Baskets, maxLines = kBasketRowLines): BasketRow[] {
  const { orderIds, starts, items } = part;
  const rows: BasketRow[] = [];
  const count = orderIds.length;
  let from = 0;
  while (from < count || (from === 0 && rows.length === 0)) {
    let to = from + 1;
    while (to < count && starts[to + 1]! - starts[from]! <= maxLines) to++;
    to = Math.min(to, count);
    const first = starts[from]!;
    rows.push({
      order_ids: bytesOf(orderIds.subarray(from, to)),
      starts: bytesOf(starts.subarray(from, to + 1).map((s) => s - first)),
      items: bytesOf(items.subarray(first, starts[to]!)),
      item_bytes: items.BYTES_PER_ELEMENT,
    });
    from = to;
  }
  return rows;
}

function shared<T>(ctor: { new (buffer: SharedArrayBuffer): T }, bytes: Buffer): T {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new ctor(buffer);
}

/** A row read back, into shared memory. */
export function basketsFromRow(row: BasketRow, source: string): Baskets {
  const count = row.order_ids.length / 4;
  if (row.starts.length !== (count + 1) * 4 || (row.item_bytes !== 2 && row.item_bytes !== 4) || row.items.length % row.item_bytes !== 0) {
    throw new EtlError('STORE', `the store's baskets of ${source} are damaged (sizes do not match): run with --full`);
  }
  return { orderIds: shared(Int32Array, row.order_ids), starts: shared(Uint32Array, row.starts), items: row.item_bytes === 2 ? shared(Uint16Array, row.items) : shared(Uint32Array, row.items) };
}
