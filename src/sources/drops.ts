/**
 * Order drops: `incoming/*.json` (one array of orders) and `incoming/*.ndjson` (one order per line),
 * read with stream-json one order at a time, so a drop of any size takes constant memory. Each order
 * carries the orders.csv fields and `products: [{product_id, add_to_cart_order, reordered}]`.
 * A drop's rows are numbered by order: line k is the k-th order object (its products share that line).
 */
import { createReadStream } from 'node:fs';
import { EtlError } from '../errors/index.js';
import { parseIntText } from '../csv/index.js';
import type { SourceFile } from './discover.js';

/** One order object of a drop as read: position (1-based) and the parsed JSON value. */
export interface DropItem {
  line: number;
  value: unknown;
}

/** Stream the order objects of a drop. Invalid JSON fails the drop with a clear error. */
export async function* readDrop(source: SourceFile): AsyncGenerator<DropItem> {
  const ndjson = source.name.toLowerCase().endsWith('.ndjson');
  // Loaded on use: most runs have no drops.
  const streamer = ndjson ? (await import('stream-json/streamers/stream-values.js')).streamValues : (await import('stream-json/streamers/stream-array.js')).streamArray;
  const stream = createReadStream(source.path).pipe(streamer.withParserAsStream());
  let line = 0;
  try {
    for await (const item of stream as AsyncIterable<{ key: number; value: unknown }>) {
      line++;
      yield { line, value: item.value };
    }
  } catch (error) {
    stream.destroy();
    throw new EtlError('BAD_JSON', `not a valid order drop (${(error as Error).message}; expected ${ndjson ? 'one JSON order object per line' : 'a JSON array of orders'})`, { file: source.name, line: line + 1 });
  }
}

/**
 * A JSON field as an integer by the CSV grammar: numbers must be integral, strings are parsed as CSV
 * text would be (`"15.0"` reads as 15). NaN when it is not an integer; `blank` for null, missing or ''.
 */
export function jsonInt(value: unknown): { value: number; blank: boolean; text: string } {
  if (value === null || value === undefined || value === '') return { value: NaN, blank: true, text: '' };
  if (typeof value === 'number') return { value: Number.isInteger(value) ? value : NaN, blank: false, text: String(value) };
  if (typeof value === 'string') return { value: parseIntText(value), blank: false, text: value };
  return { value: NaN, blank: false, text: JSON.stringify(value) ?? '' };
}
