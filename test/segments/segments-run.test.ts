/**
 * The segments stage in a run (issue 9): clusters are deterministic and their choice is in the output;
 * the store's `customers` view answers SQL with every flag and no name, and an incremental run leaves it
 * as a fresh run writes it; customers.csv is written only when asked for.
 */
import test from 'ava';
import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeStatus } from '../../src/pipeline/status.js';
import { generate, run } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';
import { splitFields } from '../helpers/csv-fields.js';

let source: Promise<string> | undefined;
async function dataSet(t: import('ava').ExecutionContext): Promise<{ data: string; base: string }> {
  source ??= (async () => {
    const dir = join(tempDir(t, 'instacart-seg-src-'), 'data');
    await generate(dir, 0.01, 23);
    return dir;
  })();
  const base = tempDir(t);
  const data = join(base, 'data');
  cpSync(await source, data, { recursive: true });
  return { data, base };
}

const csvRows = (path: string): string[][] => readFileSync(path, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter((l) => l !== '').map(splitFields);

test('clusters: the same data gives the same clusters, byte for byte; every k tried is in cluster_choice', async (t) => {
  const { data, base } = await dataSet(t);
  await run(data, join(base, 'a'), { exportCustomers: true });
  await run(data, join(base, 'b'), { exportCustomers: true, workers: 1 });
  for (const file of ['csv/cluster_choice.csv', 'csv/cluster_profiles.csv', 'csv/segment_cluster.csv', 'customers.csv']) {
    t.true(readFileSync(join(base, 'a', file)).equals(readFileSync(join(base, 'b', file))), file);
  }
  const [header, ...rows] = csvRows(join(base, 'a', 'csv', 'cluster_choice.csv'));
  t.deepEqual(header!.slice(0, 3), ['k', 'silhouette', 'chosen']);
  t.deepEqual(rows.map((r) => r[0]), ['3', '4', '5', '6', '7', '8']);
  const chosen = rows.filter((r) => r[2] === 'yes');
  t.is(chosen.length, 1);
  t.is(Number(chosen[0]![1]), Math.max(...rows.map((r) => Number(r[1]))), 'the best silhouette is kept');
  t.true(Number(chosen[0]![3]) <= 1 && Number(chosen[0]![4]) <= 1 && chosen[0]![3] !== '', 'agreement with two other seeds');
  const profiles = csvRows(join(base, 'a', 'csv', 'cluster_profiles.csv'));
  t.is(profiles.length - 1, Number(chosen[0]![0]), 'one profile per cluster');
  t.true(profiles.slice(1).every((p) => /^\d+\. /.test(p[0]!) && p[1]!.length > 5), 'numbered clusters with names');
});

test('the store: SELECT loyalty, count(*) FROM customers works, with every flag and no name', async (t) => {
  const { data, base } = await dataSet(t);
  const out = join(base, 'out');
  await run(data, out, { exportCustomers: true });
  const db = new Database(join(out, 'instacart.db'), { readonly: true });
  t.teardown(() => db.close());
  const counts = db.prepare('SELECT loyalty, count(*) AS n FROM customers GROUP BY 1 ORDER BY 1').all() as { loyalty: string; n: number }[];
  const exported = csvRows(join(out, 'customers.csv'));
  const at = exported[0]!.indexOf('loyalty');
  const expected = new Map<string, number>();
  for (const row of exported.slice(1)) expected.set(row[at]!, (expected.get(row[at]!) ?? 0) + 1);
  t.deepEqual(counts, [...expected].sort((a, b) => a[0].localeCompare(b[0])).map(([loyalty, n]) => ({ loyalty, n })));
  const columns = (db.prepare('SELECT * FROM customers LIMIT 1').columns() as { name: string }[]).map((c) => c.name);
  t.deepEqual(columns, exported[0]);
  t.false(columns.some((c) => /name|surnam/i.test(c)));
  // The view's rows are customers.csv's rows: text alike, numbers within the CSV's rounding, blanks as NULL.
  const viewRows = db.prepare('SELECT * FROM customers ORDER BY user_id').raw().all() as unknown[][];
  t.is(viewRows.length, exported.length - 1);
  const same = (v: unknown, text: string): boolean => (v === null ? text === '' : typeof v === 'number' ? Math.abs(v - Number(text)) <= 5e-4 : String(v) === text);
  const mismatches = viewRows.flatMap((row, i) => row.map((v, k) => ({ column: columns[k], view: v, csv: exported[i + 1]![k]! })).filter((m) => !same(m.view, m.csv))).slice(0, 5);
  t.deepEqual(mismatches, []);
});

test('an incremental run leaves the customers table as a fresh run writes it', async (t) => {
  const { data, base } = await dataSet(t);
  const prior = join(data, 'order_products__prior.csv');
  const rows = readFileSync(prior, 'utf8').split('\n');
  const cut = Math.floor(rows.length * 0.9);
  writeFileSync(prior, rows.slice(0, cut).join('\n') + '\n');
  const incremental = join(base, 'inc');
  await run(data, incremental);
  appendFileSync(prior, rows.slice(cut).filter((r) => r !== '').join('\n') + '\n');
  const second = await run(data, incremental);
  t.is(second.rebuild, undefined);
  const fresh = join(base, 'fresh');
  await run(data, fresh, { full: true });
  const dump = (out: string): unknown[] => {
    const db = new Database(join(out, 'instacart.db'), { readonly: true });
    try {
      return db.prepare('SELECT * FROM customers ORDER BY user_id').raw().all();
    } finally {
      db.close();
    }
  };
  t.deepEqual(dump(incremental), dump(fresh));
});

test('customers.csv only when asked: a run asked for it with nothing new writes it, a later run without the flag removes it', async (t) => {
  const { data, base } = await dataSet(t);
  const out = join(base, 'out');
  await run(data, out);
  t.false(existsSync(join(out, 'customers.csv')));
  const status = storeStatus({ dataDir: data, outDir: out });
  t.is(status.outcome, 'up to date');
  const asked = await run(data, out, { exportCustomers: true });
  t.is(asked.outcome, 'derive', 'nothing new, but the file was asked for');
  t.true(existsSync(join(out, 'customers.csv')));
  t.true((await run(data, out, { exportCustomers: true })).upToDate, 'then up to date');
  const again = await run(data, out, { full: true });
  t.false(again.upToDate);
  t.false(existsSync(join(out, 'customers.csv')), 'not left stale beside newer tables');
});
