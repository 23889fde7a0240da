/** Running the pipeline in tests, and reading its outputs. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline, type RunOptions, type RunResult } from '../../src/pipeline/run.js';
import { generateDataset } from '../../src/generate/index.js';

/** Run with test-friendly defaults: 2 worker threads (used even for small reads), tiny shards (so small files are still split). */
export function run(dataDir: string, outDir: string, extra: Partial<RunOptions> = {}): Promise<RunResult> {
  return runPipeline({ dataDir, outDir, workers: 2, parser: 'fast', full: false, minShardBytes: 4096, inlineBytes: 0, ...extra });
}

/**
 * Every export of an output directory: the CSVs and rejects.csv as text, report.html as text and the
 * workbook by its SHA-256 (its bytes are deterministic too), when present.
 */
export function readExports(outDir: string): Record<string, string> {
  const files: Record<string, string> = { 'rejects.csv': readFileSync(join(outDir, 'rejects.csv'), 'utf8') };
  for (const name of readdirSync(join(outDir, 'csv')).sort()) if (name.endsWith('.csv')) files[`csv/${name}`] = readFileSync(join(outDir, 'csv', name), 'utf8');
  if (existsSync(join(outDir, 'report.html'))) files['report.html'] = readFileSync(join(outDir, 'report.html'), 'utf8');
  if (existsSync(join(outDir, 'instacart_report.xlsx'))) files['instacart_report.xlsx'] = createHash('sha256').update(readFileSync(join(outDir, 'instacart_report.xlsx'))).digest('hex');
  return files;
}

export async function generate(dir: string, scale: number, seed: number, faults = false): Promise<void> {
  await generateDataset({ outDir: dir, scale, seed, faults, workers: 2 });
}

/** The project's seeded generator (mulberry32) for test inputs: repeatable random data, not an oracle. */
export { seededRandom as seeded } from '../../src/segments/kmeans.js';
