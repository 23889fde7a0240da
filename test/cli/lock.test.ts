/**
 * One run at a time per store (issue 4): a second run while one is running fails at once with a clear
 * message instead of waiting or corrupting; a lock left by a killed run is taken over.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '../helpers/temp.js';
import { generate } from '../helpers/pipeline.js';
import { cliPath, runCli } from '../helpers/cli.js';

test('a second run on the same store fails at once while the first holds it', async (t) => {
  const base = tempDir(t);
  const data = join(base, 'data');
  await generate(data, 0.03, 4);
  const out = join(base, 'out');
  const first = spawn(process.execPath, [cliPath, 'run', '--data', data, '--out', out, '--workers', '1'], { stdio: 'ignore' });
  const firstDone = new Promise<number | null>((resolve) => first.on('close', resolve));
  const lock = join(out, 'instacart.db.lock');
  for (let i = 0; i < 200 && !existsSync(lock); i++) await sleep(20);
  t.true(existsSync(lock), 'the first run took the lock');
  const started = Date.now();
  const second = await runCli(['run', '--data', data, '--out', out]);
  t.is(second.code, 1);
  t.regex(second.stderr, /another instacart run \(pid \d+\) is using .*instacart\.db/);
  t.true(Date.now() - started < 5000, 'it did not wait');
  t.is(await firstDone, 0, 'the first run finished normally');
  t.false(existsSync(lock), 'the lock is released');
});

test('a lock left by a process that no longer exists is taken over', async (t) => {
  const base = tempDir(t);
  const data = join(base, 'data');
  await generate(data, 0.002, 4);
  const out = join(base, 'out');
  const ok = await runCli(['run', '--data', data, '--out', out]);
  t.is(ok.code, 0, ok.stderr);
  writeFileSync(join(out, 'instacart.db.lock'), '999999999\n');
  const again = await runCli(['run', '--data', data, '--out', out, '--full']);
  t.is(again.code, 0, again.stderr);
});
