/**
 * Grow a data directory by about 1% of its order lines, the way new data arrives: new orders appended
 * to orders.csv and their lines appended to order_products__prior.csv, both only at the end, so an
 * incremental run may read just the new bytes.
 *
 * To look like real orders, each new order copies the basket (products, cart positions, reordered
 * flags) of an existing prior order picked at random, gets a new order_id above the largest one, an
 * existing user_id with that user's order_number sequence continued, and the day, hour and
 * days_since_prior_order of another random existing non-first order. A seeded PRNG makes the same
 * input give the same bytes, so two bench runs time the same work.
 */
import { appendFileSync, closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/segments/kmeans.js';

export interface AppendSummary {
  /** New orders appended to orders.csv. */
  orders: number;
  /** New lines appended to order_products__prior.csv. */
  lines: number;
  /** Bytes appended to each file. */
  ordersBytes: number;
  linesBytes: number;
  /** First new order_id (the old maximum + 1). */
  firstOrderId: number;
  seconds: number;
}

/** Append about `targetLines` order lines (whole baskets) to `dir`'s orders.csv and order_products__prior.csv. */
export function appendNewOrders(dir: string, targetLines: number, seed: number): AppendSummary {
  const started = performance.now();
  const random = seededRandom(seed); // repeatability, not statistical quality
  const orders = scanOrders(join(dir, 'orders.csv'));
  const linesPath = join(dir, 'order_products__prior.csv');

  const orderRows: string[] = [];
  const lineRows: string[] = [];
  let nextOrderId = orders.maxOrderId + 1;
  const fd = openSync(linesPath, 'r');
  try {
    const size = statSync(linesPath).size;
    const skip = headerBytes(linesPath);
    const chunk = Buffer.allocUnsafe(kSampleBytes);
    let attempts = 0;
    while (lineRows.length < targetLines) {
      if (++attempts > targetLines * 10) throw new Error(`could not sample baskets from ${linesPath}`);
      const at = skip + Math.floor(random() * Math.max(1, size - skip - kSampleBytes));
      const n = readSync(fd, chunk, 0, kSampleBytes, at);
      const basket = wholeBasketIn(chunk.subarray(0, n));
      if (basket === undefined) continue;
      const orderId = nextOrderId++;
      const user = orders.users[Math.floor(random() * orders.users.length)]!;
      const orderNumber = ++orders.maxOrderNumber[user]!;
      const [dow, hour, days] = orders.nonFirstTimings[Math.floor(random() * orders.nonFirstTimings.length)]!;
      orderRows.push(orders.formatRow({ order_id: String(orderId), user_id: String(user), eval_set: 'prior', order_number: String(orderNumber), order_dow: dow, order_hour_of_day: hour, days_since_prior_order: days }));
      for (const rest of basket) lineRows.push(`${orderId},${rest}`);
    }
  } finally {
    closeSync(fd);
  }
  const ordersText = `${orders.endsWithNewline ? '' : '\n'}${orderRows.join('\n')}\n`;
  const linesText = `${endsWithNewline(linesPath) ? '' : '\n'}${lineRows.join('\n')}\n`;
  appendFileSync(join(dir, 'orders.csv'), ordersText);
  appendFileSync(linesPath, linesText);
  return {
    orders: orderRows.length,
    lines: lineRows.length,
    ordersBytes: Buffer.byteLength(ordersText),
    linesBytes: Buffer.byteLength(linesText),
    firstOrderId: orders.maxOrderId + 1,
    seconds: (performance.now() - started) / 1000,
  };
}

/** 8 kB holds a whole basket (at most ~100 lines of ~18 bytes) after the partial one a random offset lands in. */
const kSampleBytes = 8192;

/** What the appender needs from orders.csv. */
interface OrdersScan {
  maxOrderId: number;
  /** Highest order_number per user_id (index = user_id); incremented as orders are added. */
  maxOrderNumber: Int32Array;
  /** Every user_id that has an order. */
  users: Int32Array;
  /** [order_dow, order_hour_of_day, days_since_prior_order] as written, of orders that have a prior order. */
  nonFirstTimings: Array<[string, string, string]>;
  endsWithNewline: boolean;
  /** A new row with its fields in the file's header order (unknown columns left blank). */
  formatRow: (fields: Record<string, string>) => string;
}

/**
 * One pass over orders.csv (about 109 MB at scale 1), by header names so a different column order still
 * works. Plain split on commas: the generator's orders.csv has no quoted fields.
 */
function scanOrders(path: string): OrdersScan {
  const text = readFileSync(path, 'latin1');
  const firstNewline = text.indexOf('\n');
  const header = text.slice(0, firstNewline).replace(/\r$/, '').replace(/^\ufeff|^\xef\xbb\xbf/, '').split(',');
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${path} has no ${name} column`);
    return k;
  };
  const [cOrder, cUser, cNumber, cDow, cHour, cDays] = ['order_id', 'user_id', 'order_number', 'order_dow', 'order_hour_of_day', 'days_since_prior_order'].map(col) as [number, number, number, number, number, number];
  let maxOrderId = 0;
  let maxOrderNumber = new Int32Array(1 << 18);
  const nonFirstTimings: Array<[string, string, string]> = [];
  let start = firstNewline + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const row = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (row === '') continue;
    const f = row.split(',');
    const orderId = Number(f[cOrder]);
    const user = Number(f[cUser]);
    const number = Number(f[cNumber]);
    if (orderId > maxOrderId) maxOrderId = orderId;
    if (user >= maxOrderNumber.length) {
      const grown = new Int32Array(Math.max(user + 1, maxOrderNumber.length * 2));
      grown.set(maxOrderNumber);
      maxOrderNumber = grown;
    }
    if (number > maxOrderNumber[user]!) maxOrderNumber[user] = number;
    // Keep 1 in 16 timings: plenty to sample from, and far less memory than all 3.4M.
    if (f[cDays] !== '' && (orderId & 15) === 0) nonFirstTimings.push([f[cDow]!, f[cHour]!, f[cDays]!]);
  }
  const users: number[] = [];
  for (let u = 0; u < maxOrderNumber.length; u++) if (maxOrderNumber[u]! > 0) users.push(u);
  return {
    maxOrderId,
    maxOrderNumber,
    users: Int32Array.from(users),
    nonFirstTimings,
    endsWithNewline: text.endsWith('\n'),
    formatRow: (fields) => header.map((name) => fields[name] ?? '').join(','),
  };
}

/** Bytes of a file's header row, newline included (sampling never starts inside the header). */
function headerBytes(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const read = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, read).indexOf(0x0a) + 1;
}

/**
 * In a chunk starting at a random byte: skip the partial row and the rest of the order it belongs to,
 * then return the next order's whole basket as the text after each line's order_id, or undefined when
 * the chunk ends before that basket does.
 */
function wholeBasketIn(chunk: Buffer): string[] | undefined {
  const text = chunk.toString('latin1');
  const rows = text.split('\n');
  // rows[0] is partial; the last one may be too.
  const complete = rows.slice(1, -1).map((r) => r.replace(/\r$/, '')).filter((r) => r !== '');
  if (complete.length < 2) return undefined;
  const idOf = (row: string): string => row.slice(0, row.indexOf(','));
  let k = 0;
  const skipped = idOf(complete[0]!);
  while (k < complete.length && idOf(complete[k]!) === skipped) k++;
  if (k >= complete.length) return undefined;
  const id = idOf(complete[k]!);
  const basket: string[] = [];
  while (k < complete.length && idOf(complete[k]!) === id) basket.push(complete[k++]!.slice(id.length + 1));
  // Reaching the chunk's end means the basket may go on past it.
  return k < complete.length ? basket : undefined;
}

function endsWithNewline(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return true;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1);
  readSync(fd, buf, 0, 1, size - 1);
  closeSync(fd);
  return buf[0] === 0x0a;
}

