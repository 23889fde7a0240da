/**
 * Running the built CLI (the real entry point) for the analysis tests, in a scratch folder shared by
 * the tests of one file and removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestFn } from 'ava';
import { runCli } from '../helpers/cli.js';

/** A scratch folder for one test file, removed when its tests are done (pass, fail or timeout). */
export function scratchFolder(test: TestFn, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  test.after.always(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Run `instacart <args>`; throws with the CLI's stderr unless it exits with 0. */
export async function cli(args: string[]): Promise<void> {
  const result = await runCli(args);
  if (result.code !== 0) throw new Error(`instacart ${args.join(' ')} exited with ${result.code}: ${result.stderr.trim()}`);
}

/** `instacart generate` into `dir`. */
export function generateData(dir: string, scale: number, seed: number, faults: boolean): Promise<void> {
  return cli(['generate', '--out', dir, '--scale', String(scale), '--seed', String(seed), ...(faults ? ['--faults'] : [])]);
}

/** `instacart run --data dataDir --out outDir ...extra`. */
export function runData(dataDir: string, outDir: string, extra: string[] = []): Promise<void> {
  return cli(['run', '--data', dataDir, '--out', outDir, ...extra]);
}

/** Memoize an async step so that the tests of a file share it (and its failure). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= make());
}
