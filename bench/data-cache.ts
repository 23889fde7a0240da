/**
 * The bench's data set: generated once with the project's own generator and cached outside git in
 * `.bench-cache/data-scale<S>-seed<N>/` (scale 1 is ~725 MB and takes the generator a while). The cache
 * is trusted only when manifest.json names the same scale and seed, no planted faults, and every file
 * still has the size the manifest recorded: a copy someone appended to by hand is regenerated.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../src/generate/index.js';

export interface BenchDataset {
  /** Absolute path of the data directory. */
  dir: string;
  manifest: Manifest;
  /** True when this bench generated it; false when the cache was reused. */
  generated: boolean;
  /** Seconds spent generating (0 when reused). */
  generateSeconds: number;
}

/** The cache directory for a scale and seed. */
export function datasetDir(projectRoot: string, scale: number, seed: number): string {
  return join(projectRoot, '.bench-cache', `data-scale${scale}-seed${seed}`);
}

/** Why a cached directory cannot be used, or undefined when it can. */
export function cacheProblem(dir: string, scale: number, seed: number): string | undefined {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return 'no manifest.json';
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return 'manifest.json is not JSON';
  }
  if (manifest.scale !== scale || manifest.seed !== seed) return `manifest says scale ${manifest.scale} seed ${manifest.seed}`;
  // The bench times the plain data set; the DuckDB reference does not implement every cleaning rule
  // (repeated order ids, malformed rows: see duckdb-queries.ts), so planted faults are not welcome.
  if (manifest.faults) return 'generated with --faults';
  for (const [name, file] of Object.entries(manifest.files ?? {})) {
    const path = join(dir, name);
    if (!existsSync(path)) return `${name} is missing`;
    const size = statSync(path).size;
    if (size !== file.bytes) return `${name} is ${size} bytes, manifest says ${file.bytes}`;
  }
  return undefined;
}

/**
 * Reuse the cached data set or generate it with `node dist/src/cli/main.js generate` (a child, so the
 * generator's memory never inflates the bench process that later polls the measured children).
 */
export async function ensureDataset(projectRoot: string, scale: number, seed: number, log: (line: string) => void): Promise<BenchDataset> {
  const dir = datasetDir(projectRoot, scale, seed);
  const problem = cacheProblem(dir, scale, seed);
  let generateSeconds = 0;
  if (problem !== undefined) {
    log(`data: generating scale ${scale} seed ${seed} into ${dir} (${existsSync(dir) ? `cache unusable: ${problem}` : 'no cache yet'})`);
    rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    await runToCompletion(process.execPath, [join(projectRoot, 'dist/src/cli/main.js'), 'generate', '--out', dir, '--scale', String(scale), '--seed', String(seed)], projectRoot);
    generateSeconds = (performance.now() - started) / 1000;
    const after = cacheProblem(dir, scale, seed);
    if (after !== undefined) throw new Error(`the generator's output in ${dir} is not usable: ${after}`);
  } else {
    log(`data: reusing ${dir}`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return { dir, manifest, generated: problem !== undefined, generateSeconds };
}

function runToCompletion(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${args.slice(1, 2).join(' ')} failed (exit ${code ?? signal})`))));
  });
}

/**
 * Read every file once so all workloads start with the data in the page cache. Without this the first
 * workload pays the disk reads and every later one does not, which would favour whoever runs second.
 * Returns the bytes read.
 */
export async function warmPageCache(paths: string[]): Promise<number> {
  let total = 0;
  for (const path of paths) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) total += (chunk as Buffer).length;
  }
  return total;
}
