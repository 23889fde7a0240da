/**
 * Crash safety (issue 4): a run killed with SIGKILL at any point leaves the store as it was before the
 * run or after it (PRAGMA integrity_check passes; the generation is the old one before the commit, the
 * new one from it on), and the next run finishes the job: its exports equal a clean run's. Every named
 * point of the run is tried, killed by the run itself and from outside while it holds the store (with
 * the workers' reads in flight at the `-posted` points).
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp.js';
import { generate, readExports, run } from '../helpers/pipeline.js';
import { kFaultPoints, type FaultPoint } from '../../src/pipeline/fault.js';

const cli = new URL('../../src/cli/main.js', import.meta.url).pathname;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `instacart run ...args`; with `killOn`, the run is killed (SIGKILL) as soon as its stderr says that. */
function runCli(args: string[], env: Record<string, string> = {}, killOn?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'run', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killOn !== undefined && stderr.includes(killOn)) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function storeState(db: string): { integrity: string; generation: string | undefined } {
  const handle = new Database(db, { readonly: true });
  try {
    const integrity = (handle.pragma('integrity_check', { simple: true }) as string) ?? '';
    const row = handle.prepare("SELECT value FROM meta WHERE key = 'generation'").get() as { value: string } | undefined;
    return { integrity, generation: row?.value };
  } finally {
    handle.close();
  }
}

/** A data set (A) with a store built from it, and the rows (B) a second run will add. */
async function prepare(t: import('ava').ExecutionContext) {
  const base = tempDir(t);
  const source = join(base, 'source');
  await generate(source, 0.02, 5);
  const data = join(base, 'data');
  cpSync(source, data, { recursive: true });
  const lines = readFileSync(join(data, 'order_products__prior.csv'), 'utf8').split('\n');
  const cut = Math.floor(lines.length * 0.8);
  writeFileSync(join(data, 'order_products__prior.csv'), lines.slice(0, cut).join('\n') + '\n');
  const rest = lines.slice(cut).filter((l) => l !== '').join('\n') + '\n';
  // The expected result: a clean, full run over the final data.
  const finalData = join(base, 'final');
  cpSync(data, finalData, { recursive: true });
  appendFileSync(join(finalData, 'order_products__prior.csv'), rest);
  const clean = join(base, 'clean');
  await run(finalData, clean, { full: true });
  return { base, data, rest, expected: readExports(clean) };
}

/** Points after the commit: the run's update is in the store. */
const committed = (point: FaultPoint): boolean => kFaultPoints.indexOf(point) > kFaultPoints.indexOf('inside-commit');

for (const point of kFaultPoints) {
  test(`killed at ${point}: the store is as before or after, and a rerun finishes the job`, async (t) => {
    const { base, data, rest, expected } = await prepare(t);
    const out = join(base, 'out');
    await run(data, out);
    const db = join(out, 'instacart.db');
    const before = storeState(db);
    appendFileSync(join(data, 'order_products__prior.csv'), rest);
    const killed = await runCli(['--data', data, '--out', out, '--workers', '2'], { INSTACART_FAULT: point });
    t.is(killed.signal, 'SIGKILL', killed.stderr);
    const after = storeState(db);
    t.is(after.integrity, 'ok');
    t.is(after.generation, committed(point) ? String(Number(before.generation) + 1) : before.generation);
    const rerun = await runCli(['--data', data, '--out', out, '--workers', '2']);
    t.is(rerun.code, 0, rerun.stderr);
    t.deepEqual(readExports(out), expected);
    t.is(storeState(db).integrity, 'ok');
  });
}

test('killed from outside at every point of a full ingest (reads in flight included): never between, and the rerun finishes the job', async (t) => {
  const { base, data, rest, expected } = await prepare(t);
  appendFileSync(join(data, 'order_products__prior.csv'), rest);
  const out = join(base, 'out');
  const db = join(out, 'instacart.db');
  let generation: string | undefined;
  for (const point of kFaultPoints) {
    const killed = await runCli(['--data', data, '--out', out, '--workers', '2', '--full', '--min-shard-bytes', '4096', '--inline-bytes', '0'], { INSTACART_FAULT: `pause:${point}`, INSTACART_PAUSE_MS: '60000' }, `fault: paused at ${point}`);
    t.is(killed.signal, 'SIGKILL', `killed while paused at ${point}: ${killed.stderr}`);
    const state = storeState(db);
    t.is(state.integrity, 'ok', `after a kill at ${point}`);
    const expectedGeneration = committed(point) ? String(Number(generation ?? '0') + 1) : generation;
    t.is(state.generation, expectedGeneration, `the store is as before or after the run killed at ${point}`);
    generation = state.generation;
  }
  const rerun = await runCli(['--data', data, '--out', out, '--workers', '2']);
  t.is(rerun.code, 0, rerun.stderr);
  t.deepEqual(readExports(out), expected);
});
