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
  await generate(data, 0.002, 4);
  const out = join(base, 'out');
  // The first run holds the store for 20 s after reading orders (a fault-injection pause).
  const first = spawn(process.execPath, [cliPath, 'run', '--data', data, '--out', out], { stdio: 'ignore', env: { ...process.env, INSTACART_FAULT: 'pause:after-orders', INSTACART_PAUSE_MS: '20000' } });
  let firstDone = false;
  const firstExit = new Promise<number | null>((resolve) => first.on('close', (code) => ((firstDone = true), resolve(code))));
  const lock = join(out, 'instacart.db.lock');
  for (let i = 0; i < 1500 && !existsSync(lock); i++) await sleep(20);
  t.true(existsSync(lock), 'the first run took the lock');
  const second = await runCli(['run', '--data', data, '--out', out]);
  t.false(firstDone, 'the second run returned while the first still held the store: it did not wait');
  t.is(second.code, 1);
  t.regex(second.stderr, /another instacart run \(pid \d+\) is using .*instacart\.db/);
  t.is(await firstExit, 0, 'the first run finished normally');
  t.false(existsSync(lock), 'the lock is released');
});

test('a lock held by another live process is respected; one left by a dead process is taken over', async (t) => {
  const base = tempDir(t);
  const data = join(base, 'data');
  await generate(data, 0.002, 4);
  const out = join(base, 'out');
  const ok = await runCli(['run', '--data', data, '--out', out]);
  t.is(ok.code, 0, ok.stderr);
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  t.teardown(() => sleeper.kill());
  writeFileSync(join(out, 'instacart.db.lock'), `${sleeper.pid}\n`);
  const blocked = await runCli(['run', '--data', data, '--out', out, '--full']);
  t.is(blocked.code, 1);
  t.regex(blocked.stderr, new RegExp(`another instacart run \\(pid ${sleeper.pid}\\)`));
  writeFileSync(join(out, 'instacart.db.lock'), '999999999\n');
  const again = await runCli(['run', '--data', data, '--out', out, '--full']);
  t.is(again.code, 0, again.stderr);
});
