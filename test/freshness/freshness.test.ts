/**
 * One freshness decision for `run` and `status` (issue 8): for every outcome (up to date, derive only,
 * ingest, full rebuild), `status` says what the next `run` then does, with the same reason, and the
 * `status` sentence for it. The case that used to disagree is here: a config file that changes only
 * the analysis settings.
 */
import test from 'ava';
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeStatus } from '../../src/pipeline/status.js';
import type { RunResult } from '../../src/pipeline/run.js';
import { generate, readExports, run } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';

let source: Promise<string> | undefined;
/** One generated data set for the file, copied per test. */
async function dataSet(t: import('ava').ExecutionContext): Promise<{ data: string; out: string; base: string }> {
  source ??= (async () => {
    const dir = join(tempDir(t, 'instacart-fresh-src-'), 'data');
    await generate(dir, 0.002, 31);
    return dir;
  })();
  const base = tempDir(t);
  const data = join(base, 'data');
  cpSync(await source, data, { recursive: true });
  return { data, out: join(base, 'out'), base };
}

/** `status` now, then `run`: both must name the same outcome and reason. */
async function statusThenRun(t: import('ava').ExecutionContext, data: string, out: string, configFile?: string): Promise<{ status: ReturnType<typeof storeStatus>; result: RunResult }> {
  const status = storeStatus({ dataDir: data, outDir: out, ...(configFile ? { configFile } : {}) });
  const result = await run(data, out, configFile ? { configFile } : {});
  t.is(result.outcome as string | undefined, status.outcome, `status said ${status.rerun}`);
  return { status, result };
}

test('a new store: status and run agree on a full rebuild', async (t) => {
  const { data, out } = await dataSet(t);
  const { status, result } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'full rebuild');
  t.is(result.rebuild, 'new store');
});

test('nothing changed: status says up to date and run does nothing', async (t) => {
  const { data, out } = await dataSet(t);
  await run(data, out);
  const { status, result } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'up to date');
  t.is(status.rerun, 'nothing to do: the store and exports are up to date');
  t.true(result.upToDate);
});

test('a config that changes only the analysis settings: status and run agree on deriving again', async (t) => {
  const { data, out, base } = await dataSet(t);
  await run(data, out);
  const before = readExports(out);
  const sunday = join(base, 'sunday.json');
  writeFileSync(sunday, JSON.stringify({ weekStartsOn: 'sunday' }));
  const { status, result } = await statusThenRun(t, data, out, sunday);
  t.is(status.outcome, 'derive');
  t.is(status.rerun, 'nothing new to read; tables and exports to rebuild: the analysis settings changed');
  t.false(result.upToDate);
  t.is(result.rebuild, undefined);
  t.is(result.bytesRead, 0, 'nothing was read');
  t.not(readExports(out)['csv/orders_by_day.csv'], before['csv/orders_by_day.csv'], 'day names changed');
  t.regex(readExports(out)['csv/orders_by_day.csv']!, /0,Sunday,/);
  t.is(storeStatus({ dataDir: data, outDir: out, configFile: sunday }).outcome, 'up to date', 'then up to date under that config');
  t.is(storeStatus({ dataDir: data, outDir: out }).outcome, 'derive', 'and stale again under the defaults');
});

test('a changed dimension file: derive only, naming the file', async (t) => {
  const { data, out } = await dataSet(t);
  await run(data, out);
  const aisles = join(data, 'aisles.csv');
  writeFileSync(aisles, readFileSync(aisles, 'utf8').replace(/\n(\d+),([^\n]+)\n/, '\n$1,renamed aisle\n'));
  const { status, result } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'derive');
  t.is(status.rerun, 'nothing new to read; tables and exports to rebuild: aisles.csv changed');
  t.regex(readExports(out)['csv/aisle_popularity.csv']!, /renamed aisle/);
  t.false(result.upToDate);
});

test('a missing export: derive only, and the run writes it again', async (t) => {
  const { data, out } = await dataSet(t);
  await run(data, out);
  const expected = readExports(out);
  rmSync(join(out, 'csv', 'price_ranges.csv'));
  const { status } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'derive');
  t.is(status.rerun, 'nothing new to read; tables and exports to rebuild: exports are missing');
  t.deepEqual(readExports(out), expected);
});

test('appended order lines: ingest, naming the file and the bytes', async (t) => {
  const { data, out } = await dataSet(t);
  const prior = join(data, 'order_products__prior.csv');
  const rows = readFileSync(prior, 'utf8').split('\n');
  const head = rows.slice(0, rows.length - 30).join('\n') + '\n';
  const tail = rows.slice(rows.length - 30).join('\n');
  writeFileSync(prior, head);
  await run(data, out);
  appendFileSync(prior, tail);
  const { status, result } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'ingest');
  t.is(status.rerun, `work to do: order_products__prior.csv (${Buffer.byteLength(tail)} bytes appended)`);
  t.is(result.rebuild, undefined);
  t.deepEqual(result.actions.find((a) => a.name === 'order_products__prior.csv'), { name: 'order_products__prior.csv', action: 'append', reason: `${Buffer.byteLength(tail)} bytes appended` });
});

test('products.csv edited in place: status and run agree on a full rebuild with the reason', async (t) => {
  const { data, out } = await dataSet(t);
  await run(data, out);
  const products = join(data, 'products.csv');
  writeFileSync(products, readFileSync(products, 'utf8').replace(/\n1,[^,]*,/, '\n1,Edited product,'));
  const { status, result } = await statusThenRun(t, data, out);
  t.is(status.outcome, 'full rebuild');
  t.is(status.rerun, 'full rebuild: products.csv changed other than by appending rows');
  t.is(result.rebuild, 'products.csv changed other than by appending rows');
});
