/**
 * Baskets in the store (store/baskets.ts): a part cut into rows of whole baskets reads back as the same
 * baskets, however the rows fall (a basket longer than a row alone in its row, an empty part one row).
 */
import test from 'ava';
import { basketsOf } from '../../src/pairs/index.js';
import { basketRows, basketsFromRow } from '../../src/store/baskets.js';
import { seededRandom } from '../../src/segments/kmeans.js';

const plain = (parts: { orderIds: ArrayLike<number>; starts: ArrayLike<number>; items: ArrayLike<number> }[]) =>
  parts.flatMap(({ orderIds, starts, items }) => Array.from(orderIds, (id, b) => [id, [...Array.prototype.slice.call(items, starts[b]!, starts[b + 1]!)]]));

test('a part stored in rows of whole baskets reads back as the same baskets', (t) => {
  const random = seededRandom(5);
  const baskets: [number, number[]][] = Array.from({ length: 500 }, (_, o) => [o * 2 + 1, Array.from({ length: Math.floor(random() * 30) }, () => 1 + Math.floor(random() * 1000))]);
  const part = basketsOf(baskets);
  for (const maxLines of [1, 7, 64, 1000, 1 << 20]) {
    const rows = basketRows(part, maxLines);
    const back = rows.map((row) => basketsFromRow(row, 'x.csv'));
    t.deepEqual(plain(back), plain([part]), `rows of ${maxLines} lines`);
    // Every row starts at its own first line and holds at most maxLines lines, or one basket.
    for (const b of back) {
      t.is(b.starts[0], 0);
      t.true(b.items.length <= maxLines || b.orderIds.length === 1);
    }
    if (maxLines >= 1 << 20) t.is(rows.length, 1);
  }
  const empty = basketRows(basketsOf([]));
  t.is(empty.length, 1);
  t.deepEqual(plain(empty.map((row) => basketsFromRow(row, 'x.csv'))), []);
});
