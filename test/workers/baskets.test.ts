/**
 * The workers' baskets (issue 11): the products of the accepted lines, cut where the order id changes.
 * Read whole or cut into ranges at any row, by either CSV path, the baskets joined per order
 * (src/pairs completeBaskets) hold exactly each order's accepted lines; a file listing an order's lines
 * apart gives fragments that are joined the same way, and named.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinesAccumulator } from '../../workers/lines-accumulator.js';
import { NumericScanner } from '../../workers/scan-numeric.js';
import { readRange } from '../../workers/read-range.js';
import type { LineRoles, SharedLookups } from '../../workers/protocol.js';
import { FieldKind, type ParserName } from '../../src/csv/index.js';
import { RejectList } from '../../src/rejects/index.js';
import { completeBaskets, type Baskets } from '../../src/pairs/index.js';
import { seededRandom } from '../../src/segments/kmeans.js';
import { tempDir } from '../helpers/temp.js';

/** Orders 1-50 and products 1-30 are known; 51-55 and 31-35 are not. */
function lookups(): SharedLookups {
  const orderUser = new Int32Array(new SharedArrayBuffer(60 * 4));
  const orderDowHour = new Uint8Array(new SharedArrayBuffer(60));
  for (let o = 1; o <= 50; o++) orderUser[o] = 1 + (o % 7);
  const packed = new Int32Array(new SharedArrayBuffer(40 * 8)).fill(-1);
  for (let p = 1; p <= 30; p++) {
    packed[2 * p] = 100 + p;
    packed[2 * p + 1] = ((1 + (p % 9)) << 8) | (1 + (p % 5));
  }
  return { orderUser: orderUser.buffer as SharedArrayBuffer, orderDowHour: orderDowHour.buffer as SharedArrayBuffer, products: packed.buffer as SharedArrayBuffer, deptSlots: 6, aisleWords: 1, userSlots: 8 };
}

const kHeader = ['order_id', 'product_id', 'add_to_cart_order', 'reordered'];
const roles: LineRoles = { orderId: 0, productId: 1, addToCartOrder: 2, reordered: 3 };

async function basketsOfRange(parser: ParserName, file: string, start: number, end: number): Promise<Baskets> {
  const kinds = new Uint8Array(4).fill(FieldKind.Int);
  const sink = new LinesAccumulator(lookups(), roles, new RejectList(100, kHeader), 8);
  const scanner = new NumericScanner({ kinds, names: kHeader });
  await readRange(
    { file, displayName: 'lines.csv', start, end, gzip: false, parser, kinds, names: kHeader, progress: new SharedArrayBuffer(16), slot: 0, maxRejectDetails: 100 },
    sink,
    parser === 'fast' ? (buf, s, e, first) => sink.scanStandard(buf, s, e, first, scanner) : undefined,
  );
  sink.finish();
  return sink.takeBaskets()!;
}

/** Each order's items, sorted, from complete baskets; orders by id. */
function perOrder(parts: Baskets[]): [number, number[]][] {
  const orders = new Map<number, number[]>();
  for (const { orderIds, starts, items } of completeBaskets(parts, 60).baskets) {
    for (let b = 0; b < orderIds.length; b++) {
      if (orderIds[b] === -1) continue;
      t_unique(orders, orderIds[b]!);
      orders.set(orderIds[b]!, Array.from(items.subarray(starts[b]!, starts[b + 1]!)).sort((x, y) => x - y));
    }
  }
  return [...orders].sort(([a], [b]) => a - b);
}

/** Complete baskets hold each order once. */
function t_unique(orders: Map<number, number[]>, id: number): void {
  if (orders.has(id)) throw new Error(`order ${id} in two complete baskets`);
}

/** A lines file: orders in turn (some unknown), 1-9 lines each, some products unknown or repeated, CRLF and quoted rows; `apart` moves some lines elsewhere. */
function linesFile(seed: number, apart: boolean): { rows: string[]; expected: Map<number, number[]>; apartOrders: Set<number> } {
  const random = seededRandom(seed);
  const rows: [number, string][] = [];
  const expected = new Map<number, number[]>();
  for (let o = 1; o <= 55; o++) {
    if (random() < 0.15) continue;
    const lines = 1 + Math.floor(random() * 9);
    for (let k = 0; k < lines; k++) {
      const p = 1 + Math.floor(random() * 35);
      const row = random() < 0.1 ? `"${o}",${p},${k + 1},1` : `${o},${p},${k + 1},${k % 2}`;
      rows.push([o, row]);
      if (o <= 50 && p <= 30) expected.set(o, [...(expected.get(o) ?? []), p]);
    }
  }
  const apartOrders = new Set<number>();
  if (apart) {
    // Twelve rows move to the end of the file.
    for (let k = 0; k < 12; k++) {
      const i = Math.floor(random() * rows.length);
      const [moved] = rows.splice(i, 1);
      rows.push(moved!);
    }
    // An order is apart when its accepted rows are not consecutive among the accepted rows (a rejected
    // row between two of its rows does not cut it: rejected rows make no basket).
    const accepted = rows.filter(([o, row]) => o <= 50 && Number(row.split(',')[1]) <= 30);
    const lastAt = new Map<number, number>();
    accepted.forEach(([o], i) => {
      if (lastAt.has(o) && lastAt.get(o) !== i - 1) apartOrders.add(o);
      lastAt.set(o, i);
    });
  }
  for (const list of expected.values()) list.sort((x, y) => x - y);
  return { rows: rows.map(([o, row], i) => (i % 7 === 3 ? `${row}\r` : row) + (o === 0 ? '' : '')), expected, apartOrders };
}

for (const apart of [false, true]) {
  for (const parser of ['fast', 'fast-csv'] as const) {
    test(`${apart ? 'lines of some orders apart' : 'lines grouped by order'}, ${parser}: the baskets of any cut into ranges join into each order's accepted lines`, async (t) => {
      const dir = tempDir(t);
      for (const seed of [1, 2, 3]) {
        const { rows, expected, apartOrders } = linesFile(seed, apart);
        t.is(apartOrders.size > 0, apart, 'moved rows leave some orders apart');
        const file = join(dir, `lines-${seed}.csv`);
        const text = kHeader.join(',') + '\n' + rows.join('\n') + '\n';
        writeFileSync(file, text);
        const rowStarts: number[] = [];
        let at = text.indexOf('\n') + 1;
        while (at < text.length) {
          rowStarts.push(at);
          at = text.indexOf('\n', at) + 1;
        }
        for (const cuts of [1, 2, 3, 5, 9]) {
          const starts = Array.from({ length: cuts }, (_, k) => rowStarts[Math.floor((k * rowStarts.length) / cuts)]!);
          const ranges = starts.map((s, k) => [s, starts[k + 1] ?? text.length] as const);
          const parts = await Promise.all(ranges.map(([s, e]) => basketsOfRange(parser, file, s, e)));
          t.deepEqual(perOrder(parts), [...expected].sort(([a], [b]) => a - b), `seed ${seed}, ${cuts} range(s)`);
          const { fragmented } = completeBaskets(parts, 60);
          if (cuts === 1) t.deepEqual(fragmented, [...apartOrders].sort((a, b) => a - b), 'fragments named: the orders listed apart');
          for (const o of apartOrders) t.true(fragmented.includes(o), `order ${o}, listed apart, is joined`);
        }
      }
    });
  }
}

test('no baskets unless asked for: the accumulator keeps none by default', (t) => {
  const sink = new LinesAccumulator(lookups(), roles, new RejectList(10, kHeader));
  sink.finish();
  t.is(sink.takeBaskets(), undefined);
});
