/**
 * Why a run rebuilds, restarts or re-reads (issues 4 and 8): each reason a user can meet is named in the
 * run's result, and the exports after it equal a fresh run over the same data, byte for byte.
 */
import test from 'ava';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { gzipSync } from 'node:zlib';
import type { RunResult } from '../../src/pipeline/run.js';
import { generate, readExports, run } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';

let source: Promise<string> | undefined;
async function dataSet(t: import('ava').ExecutionContext): Promise<{ data: string; out: string; base: string }> {
  source ??= (async () => {
    const dir = join(tempDir(t, 'instacart-reasons-src-'), 'data');
    await generate(dir, 0.002, 41);
    return dir;
  })();
  const base = tempDir(t);
  const data = join(base, 'data');
  cpSync(await source, data, { recursive: true });
  return { data, out: join(base, 'out'), base };
}

/** The exports of a fresh, full run over `data` as it is now. */
async function fresh(base: string, data: string): Promise<Record<string, string>> {
  const out = join(base, `fresh-${Math.random().toString(36).slice(2)}`);
  await run(data, out, { full: true });
  return readExports(out);
}

/** Run, collecting the run's log lines (restarts are logged). */
async function runLogged(data: string, out: string, extra: Parameters<typeof run>[2] = {}): Promise<RunResult & { log: string[] }> {
  const log: string[] = [];
  const result = await run(data, out, { ...extra, log: (line) => log.push(line) });
  return { ...result, log };
}

function rows(path: string): { header: string; body: string[] } {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  return { header: lines[0]!, body: lines.slice(1) };
}

/** A drop of `orders` (rows of orders.csv) with one line each, as NDJSON. */
function dropOf(orderRows: string[], productId: number): string {
  return orderRows
    .map((row) => {
      const [orderId, userId, evalSet, number, dow, hour, days] = row.split(',');
      return JSON.stringify({ order_id: Number(orderId), user_id: Number(userId), eval_set: evalSet, order_number: Number(number), order_dow: Number(dow), order_hour_of_day: Number(hour), days_since_prior_order: days === '' ? null : Number(days), products: [{ product_id: productId, add_to_cart_order: 1, reordered: 0 }] });
    })
    .join('\n') + '\n';
}

test('--full rebuilds, and says so', async (t) => {
  const { data, out } = await dataSet(t);
  await run(data, out);
  const result = await run(data, out, { full: true });
  t.is(result.rebuild, '--full');
  t.true(result.actions.every((a) => a.action === 'read' && a.reason === '--full'));
});

test('a changed price-outlier setting rebuilds the partials', async (t) => {
  const { data, out, base } = await dataSet(t);
  await run(data, out);
  const config = join(base, 'outliers.json');
  writeFileSync(config, JSON.stringify({ priceOutlierMax: 10 }));
  const result = await run(data, out, { configFile: config });
  t.is(result.rebuild, 'ingest settings changed (priceOutlierMax or store version)');
  const expectedOut = join(base, 'expected');
  await run(data, expectedOut, { configFile: config, full: true });
  t.deepEqual(readExports(out), readExports(expectedOut));
});

test('orders.csv edited other than by appending: a full rebuild', async (t) => {
  const { data, out, base } = await dataSet(t);
  await run(data, out);
  const orders = join(data, 'orders.csv');
  const { header, body } = rows(orders);
  writeFileSync(orders, [header, ...body.slice(0, -5)].join('\n') + '\n');
  const result = await run(data, out);
  t.is(result.rebuild, 'orders.csv changed other than by appending rows');
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('orders.csv replaced by orders.csv.gz: a full rebuild, the new file named', async (t) => {
  const { data, out, base } = await dataSet(t);
  await run(data, out);
  writeFileSync(join(data, 'orders.csv.gz'), gzipSync(readFileSync(join(data, 'orders.csv'))));
  rmSync(join(data, 'orders.csv'));
  const result = await run(data, out);
  t.is(result.rebuild, 'orders.csv.gz is new');
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('a removed or changed order drop: a full rebuild, the drop named', async (t) => {
  const { data, out, base } = await dataSet(t);
  const orders = join(data, 'orders.csv');
  const { header, body } = rows(orders);
  writeFileSync(orders, [header, ...body.slice(0, -20)].join('\n') + '\n');
  mkdirSync(join(data, 'incoming'));
  writeFileSync(join(data, 'incoming', 'a.ndjson'), dropOf(body.slice(-20, -10), 1));
  writeFileSync(join(data, 'incoming', 'b.ndjson'), dropOf(body.slice(-10), 2));
  await run(data, out);
  writeFileSync(join(data, 'incoming', 'b.ndjson'), dropOf(body.slice(-10), 3));
  t.is((await run(data, out)).rebuild, 'order drop incoming/b.ndjson changed');
  t.deepEqual(readExports(out), await fresh(base, data));
  rmSync(join(data, 'incoming', 'a.ndjson'));
  t.is((await run(data, out)).rebuild, 'order drop incoming/a.ndjson was removed (its orders are part of the orders lookup)');
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('appended orders repeating a drop order: the run restarts as a full rebuild (the orders.csv row must win)', async (t) => {
  const { data, out, base } = await dataSet(t);
  const orders = join(data, 'orders.csv');
  const { header, body } = rows(orders);
  writeFileSync(orders, [header, ...body.slice(0, -10)].join('\n') + '\n');
  mkdirSync(join(data, 'incoming'));
  writeFileSync(join(data, 'incoming', 'a.ndjson'), dropOf(body.slice(-10), 1));
  await run(data, out);
  appendFileSync(orders, body.slice(-10).join('\n') + '\n'); // the same orders, now in orders.csv
  const result = await runLogged(data, out);
  const reason = 'appended orders repeat order ids that may come from a drop (a fresh run would keep the orders.csv row)';
  t.is(result.rebuild, reason);
  t.true(result.log.includes(`rebuilding everything: ${reason}`));
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('a store whose orders lookup is gone: the run restarts as a full rebuild', async (t) => {
  const { data, out, base } = await dataSet(t);
  const prior = join(data, 'order_products__prior.csv');
  const { header, body } = rows(prior);
  writeFileSync(prior, [header, ...body.slice(0, -10)].join('\n') + '\n');
  await run(data, out);
  const db = new Database(join(out, 'instacart.db'));
  db.prepare("DELETE FROM lookups WHERE name = 'orders'").run();
  db.close();
  appendFileSync(prior, body.slice(-10).join('\n') + '\n');
  const result = await runLogged(data, out);
  t.is(result.rebuild, 'the cached orders lookup is missing');
  t.true(result.log.includes('rebuilding everything: the cached orders lookup is missing'));
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('appended products with a new department id: the run restarts as a full rebuild (the partial layout changed)', async (t) => {
  const { data, out, base } = await dataSet(t);
  await run(data, out);
  const products = rows(join(data, 'products.csv'));
  const lastId = Number(products.body.at(-1)!.split(',')[0]);
  appendFileSync(join(data, 'products.csv'), `${lastId + 1},A new kind of thing,1,99,3.5\n`);
  appendFileSync(join(data, 'order_products__prior.csv'), `${rows(join(data, 'orders.csv')).body[0]!.split(',')[0]},${lastId + 1},99,0\n`);
  const result = await runLogged(data, out);
  t.is(result.rebuild, 'the catalogue has new department or aisle ids (the partial layout changed)');
  t.deepEqual(readExports(out), await fresh(base, data));
});

test('lines rejected as unknown orders are read again when those orders arrive', async (t) => {
  const { data, out, base } = await dataSet(t);
  const orders = join(data, 'orders.csv');
  const { header, body } = rows(orders);
  writeFileSync(orders, [header, ...body.slice(0, -10)].join('\n') + '\n');
  const first = await run(data, out);
  t.is(first.rebuild, 'new store');
  const rejects = readFileSync(join(out, 'rejects.csv'), 'utf8');
  t.regex(rejects, /unknown order/, 'their lines are rejected as unknown orders first');
  appendFileSync(orders, body.slice(-10).join('\n') + '\n');
  const second = await run(data, out);
  t.is(second.rebuild, undefined);
  const reread = second.actions.filter((a) => a.reason === 'rows rejected as unknown order or product may now be known');
  t.true(reread.length >= 1, JSON.stringify(second.actions));
  t.true(reread.every((a) => a.action === 'read'));
  t.deepEqual(readExports(out), await fresh(base, data));
  t.notRegex(readFileSync(join(out, 'rejects.csv'), 'utf8'), /unknown order/, 'and none is left');
});
