/**
 * `instacart generate` from the command line: help, exit codes and the one-line summary. Runs the
 * compiled CLI (dist/src/cli/main.js) as a child process.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kMain = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [kMain, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('generate --help exits 0 and describes every option', (t) => {
  const { code, stdout } = cli('generate', '--help');
  t.is(code, 0);
  for (const option of ['--out', '--scale', '--seed', '--faults', '--workers']) t.true(stdout.includes(option), option);
  t.regex(stdout, /real data/);
});

for (const [args, mentions] of [
  [['--scale', '0'], '--scale'],
  [['--scale', '11'], '--scale'],
  [['--scale', 'lots'], '--scale'],
  [['--seed', '1.5'], '--seed'],
  [['--seed', '-3'], '--seed'],
  [['--workers', '0'], '--workers'],
] as const) {
  test(`generate ${args.join(' ')} exits 2 with a one-line error naming ${mentions}`, (t) => {
    const { code, stderr, stdout } = cli('generate', '--out', join(tmpdir(), 'never-written'), ...args);
    t.is(code, 2);
    t.is(stdout, '');
    const lines = stderr.trimEnd().split('\n');
    t.is(lines.length, 1, stderr);
    t.true(lines[0]!.startsWith('instacart: '), stderr);
    t.true(lines[0]!.includes(mentions), stderr);
  });
}

test('generate writes the files and prints a one-line summary', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'instacart-generate-cli-'));
  try {
    const out = join(dir, 'nested', 'data');
    const { code, stdout, stderr } = cli('generate', '--out', out, '--scale', '0.001', '--seed', '1', '--workers', '1');
    t.is(code, 0, stderr);
    t.regex(stdout, /^generate: 7 files, [\d,]+ rows, [\d.]+ MB in .* in [\d.]+ s \(scale 0\.001, seed 1, 1 workers\)\n$/);
    t.deepEqual((await readdir(out)).sort(), [
      'aisles.csv',
      'customers.csv',
      'departments.csv',
      'manifest.json',
      'order_products__prior.csv',
      'order_products__train.csv',
      'orders.csv',
      'products.csv',
    ]);
    t.false(existsSync(join(out, 'orders.csv.partial')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
