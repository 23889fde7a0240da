/** How a file compares with what the store recorded, and the plan that follows (issue 4's rules). */
import test from 'ava';
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compareFile, endsWithRowEnd, fingerprintPrefix, planIngest, planIsIdle } from '../../src/freshness/index.js';
import { discoverSources, type SourceFile } from '../../src/sources/discover.js';
import type { StoredSource } from '../../src/store/index.js';
import { tempDir } from '../helpers/temp.js';

function stored(file: SourceFile, rows = 3): StoredSource {
  return { name: file.name, role: file.role, size: file.size, mtimeMs: file.mtimeMs, ingestedBytes: file.size, fingerprint: fingerprintPrefix(file.path, file.size), rows, endsWithNewline: endsWithRowEnd(file.path, file.size), parser: 'fast' };
}

function fileAt(path: string, name: string): SourceFile {
  const s = statSync(path);
  return { role: 'lines', path, name, gzip: name.endsWith('.gz'), size: s.size, mtimeMs: s.mtimeMs };
}

test('unchanged, appended, changed: by size and the ingested prefix, only after a row end, never for gzip', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'order_products__prior.csv');
  writeFileSync(path, 'order_id,product_id,add_to_cart_order,reordered\n1,2,1,0\n');
  const before = stored(fileAt(path, 'order_products__prior.csv'));
  t.is(compareFile(fileAt(path, 'order_products__prior.csv'), before), 'unchanged');
  appendFileSync(path, '1,3,2,1\n');
  t.is(compareFile(fileAt(path, 'order_products__prior.csv'), before), 'appended');
  writeFileSync(path, 'order_id,product_id,add_to_cart_order,reordered\n9,2,1,0\n1,3,2,1\n');
  t.is(compareFile(fileAt(path, 'order_products__prior.csv'), before), 'changed', 'same length prefix, other bytes');
  writeFileSync(path, 'order_id,product_id,add_to_cart_order,reordered\n1,2,1');
  t.is(compareFile(fileAt(path, 'order_products__prior.csv'), before), 'changed', 'shorter');
  const open = stored(fileAt(path, 'order_products__prior.csv'));
  appendFileSync(path, ',0\n');
  t.is(compareFile(fileAt(path, 'order_products__prior.csv'), open), 'changed', 'the stored prefix did not end with a row end');
  const gz = join(dir, 'order_products__train.csv.gz');
  writeFileSync(gz, gzipSync('order_id,product_id,add_to_cart_order,reordered\n1,2,1,0\n'));
  const gzBefore = stored(fileAt(gz, 'order_products__train.csv.gz'));
  appendFileSync(gz, gzipSync('1,3,2,1\n'));
  t.is(compareFile(fileAt(gz, 'order_products__train.csv.gz'), gzBefore), 'changed');
});

test('the plan: new files are read, unchanged ones skipped, removed ones taken out, dimensions noted', (t) => {
  const dir = tempDir(t);
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
  write('orders.csv', 'order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order\n1,1,prior,1,2,9,\n');
  write('products.csv', 'product_id,product_name,aisle_id,department_id\n2,x,1,1\n');
  write('order_products__prior.csv', 'order_id,product_id,add_to_cart_order,reordered\n1,2,1,0\n');
  write('aisles.csv', 'aisle_id,aisle\n1,a\n');
  const first = discoverSources(dir);
  const none = planIngest(first, [], 'new store');
  t.is(none.rebuild, 'new store');
  const states: StoredSource[] = [first.orders!, first.products!, ...first.lines, first.aisles!].map((f) => stored(f));
  states.push({ ...stored(first.lines[0]!), name: 'order_products__old.csv' });
  const plan = planIngest(first, states, undefined);
  t.is(plan.rebuild, undefined);
  t.is(plan.lines[0]!.action, 'skip');
  t.deepEqual(plan.removed.map((s) => s.name), ['order_products__old.csv']);
  t.false(planIsIdle(plan), 'a removed file is work');
  t.deepEqual(plan.dimensionsChanged, []);
  write('aisles.csv', 'aisle_id,aisle\n1,b\n');
  write('order_products__train.csv', 'order_id,product_id,add_to_cart_order,reordered\n1,2,1,0\n');
  const second = planIngest(discoverSources(dir), states.slice(0, -1), undefined);
  t.deepEqual(second.dimensionsChanged, ['aisles.csv']);
  t.deepEqual(second.lines.map((l) => [l.source.name, l.action, l.reason]), [
    ['order_products__prior.csv', 'skip', 'unchanged'],
    ['order_products__train.csv', 'read', 'new file'],
  ]);
});
