/** Shards start at row starts and cover the range exactly once. */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitIntoShards } from '../../src/shards/index.js';
import { tempDir } from '../helpers/temp.js';

test('each shard starts right after a row end, and the shards cover the range exactly', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'lines.csv');
  const rows = Array.from({ length: 5000 }, (_, k) => `${k},${(k * 7919) % 1000},${1 + (k % 30)},${k % 2}`);
  const text = `order_id,product_id,add_to_cart_order,reordered\n${rows.join('\n')}\n`;
  writeFileSync(path, text);
  const start = text.indexOf('\n') + 1;
  for (const count of [1, 2, 3, 7, 16]) {
    const shards = splitIntoShards(path, start, text.length, count, 1024);
    t.true(shards.length >= 1 && shards.length <= count);
    t.is(shards[0]!.start, start);
    t.is(shards.at(-1)!.end, text.length);
    for (let k = 1; k < shards.length; k++) {
      t.is(shards[k]!.start, shards[k - 1]!.end, 'no gap, no overlap');
      t.is(text[shards[k]!.start - 1], '\n', 'starts after a row end');
    }
  }
  t.is(splitIntoShards(path, start, text.length, 16, 1024).length, 16);
});

test('a range smaller than the smallest shard stays whole; a boundary already at a row start stays', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'lines.csv');
  writeFileSync(path, 'a\nbb\nccc\n');
  t.deepEqual(splitIntoShards(path, 0, 9, 4, 1024), [{ start: 0, end: 9 }]);
  // Targets 3 and 6 move forward to the next row starts, 5 and 9 (the end: no empty last shard).
  t.deepEqual(splitIntoShards(path, 0, 9, 3, 3), [{ start: 0, end: 5 }, { start: 5, end: 9 }]);
  // A target at a row start (2 = just after the first LF) stays there.
  t.deepEqual(splitIntoShards(path, 0, 4, 2, 2), [{ start: 0, end: 2 }, { start: 2, end: 4 }]);
});

test('one long row: fewer shards rather than a cut row', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'lines.csv');
  const text = `${'x'.repeat(10_000)}\nshort\n`;
  writeFileSync(path, text);
  const shards = splitIntoShards(path, 0, text.length, 4, 1024);
  t.true(shards.length < 4);
  for (const shard of shards.slice(1)) t.is(text[shard.start - 1], '\n');
});
