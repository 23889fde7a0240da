/**
 * Bad input and bad usage (issues 2 and 4): one readable line on stderr naming the file (and line),
 * exit 1 for a failed run with the store left as it was, exit 2 for bad usage or configuration.
 */
import test from 'ava';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../helpers/temp.js';
import { generate, readExports } from '../helpers/pipeline.js';
import { runCli } from '../helpers/cli.js';

/** A small data set with a store built from it; returns paths and the store's bytes before. */
async function withStore(t: import('ava').ExecutionContext) {
  const base = tempDir(t);
  const data = join(base, 'data');
  await generate(data, 0.002, 8);
  const out = join(base, 'out');
  const first = await runCli(['run', '--data', data, '--out', out]);
  t.is(first.code, 0, first.stderr);
  return { base, data, out, exports: readExports(out) };
}

async function expectFailure(t: import('ava').ExecutionContext, setup: (data: string) => void, message: RegExp) {
  const { data, out, exports } = await withStore(t);
  setup(data);
  const status = await runCli(['status', '--data', data, '--out', out, '--json']);
  const generation = JSON.parse(status.stdout).generation as number;
  const result = await runCli(['run', '--data', data, '--out', out]);
  t.is(result.code, 1);
  t.regex(result.stderr, message);
  t.is(result.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  t.notRegex(result.stderr, /\n\s+at /);
  const after = JSON.parse((await runCli(['status', '--data', data, '--out', out, '--json'])).stdout);
  t.is(after.generation, generation, 'the store is unchanged');
  t.deepEqual(readExports(out), exports, 'the exports are unchanged');
}

test('an empty orders.csv fails that source', async (t) => {
  await expectFailure(t, (data) => writeFileSync(join(data, 'orders.csv'), ''), /the file is empty \(expected a header row\) at orders\.csv/);
});

test('a missing orders.csv fails with the expected files named', async (t) => {
  await expectFailure(t, (data) => rmSync(join(data, 'orders.csv')), /lacks orders\.csv/);
});

test('an unreadable header names the expected columns', async (t) => {
  await expectFailure(
    t,
    (data) => writeFileSync(join(data, 'order_products__train.csv'), 'order_id,product,add_to_cart_order,reordered\n1,2,1,0\n'),
    /header lacks column product_id; expected columns order_id, product_id, add_to_cart_order, reordered \(found: order_id, product, add_to_cart_order, reordered\) at order_products__train\.csv:1/,
  );
});

test('a file that is not CSV at all fails that source', async (t) => {
  await expectFailure(t, (data) => writeFileSync(join(data, 'order_products__train.csv'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))), /not a CSV text file.*order_products__train\.csv/);
});

test('a truncated gzip fails that source', async (t) => {
  await expectFailure(
    t,
    (data) => {
      const gz = gzipSync(readFileSync(join(data, 'order_products__train.csv')));
      writeFileSync(join(data, 'order_products__extra.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    },
    /not a readable gzip file.*order_products__extra\.csv\.gz/,
  );
});

test('an order drop that is not valid JSON fails that drop', async (t) => {
  await expectFailure(
    t,
    (data) => {
      mkdirSync(join(data, 'incoming'));
      writeFileSync(join(data, 'incoming', 'broken.json'), '[{"order_id": 1, "products": [}]');
    },
    /not a valid order drop.*incoming\/broken\.json/,
  );
});

test('no input at all: a clear message and exit 1', async (t) => {
  const dir = tempDir(t);
  const result = await runCli(['run', '--data', join(dir, 'nothing'), '--out', join(dir, 'out')]);
  t.is(result.code, 1);
  t.regex(result.stderr, /data directory .*nothing does not exist/);
});

test('bad usage exits 2 with help', async (t) => {
  const unknown = await runCli(['run', '--wrokers', '2']);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /Unknown argument: wrokers/);
  const parser = await runCli(['run', '--parser', 'pandas']);
  t.is(parser.code, 2);
  t.regex(parser.stderr, /Invalid values/);
  const none = await runCli([]);
  t.is(none.code, 2);
});

test('a misspelled config option exits 2 and suggests the fix', async (t) => {
  const dir = tempDir(t);
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ minCellCustomer: 5 }));
  const result = await runCli(['run', '--data', dir, '--config', config]);
  t.is(result.code, 2);
  t.regex(result.stderr, /unknown option "minCellCustomer" \(did you mean "minCellCustomers"\?\)/);
});

test('--help on every command exits 0', async (t) => {
  for (const command of [[], ['run'], ['generate'], ['status']]) {
    const result = await runCli([...command, '--help']);
    t.is(result.code, 0, command.join(' '));
    t.regex(result.stdout, /--help/);
  }
});
