/**
 * Baskets in the store: each segment's baskets as raw little-endian arrays (order ids, basket starts,
 * product ids of 2 or 4 bytes), one row per part. Raw, not packed: they hold no runs of zeros, and at
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

/** A part as a row (views of its arrays: no copy). */
export function basketRow(part: Baskets): BasketRow {
  return { order_ids: bytesOf(part.orderIds), starts: bytesOf(part.starts), items: bytesOf(part.items), item_bytes: part.items.BYTES_PER_ELEMENT };
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
