/**
 * One generated data set and one run through the CLI, shared by the tests of a report test file: the
 * output folder (CSVs, workbook, report.html) and what the run printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestFn } from 'ava';
import { runCli } from '../helpers/cli.js';
import { parseExport } from '../analysis/compare.js';
import { generateData, once, scratchFolder } from '../analysis/cli-runs.js';

export interface ReportRun {
  data: string;
  out: string;
  stdout: string;
}

/** A memoized run over a small generated data set with faults (rejects, odd products). */
export function reportRun(test: TestFn, prefix: string): () => Promise<ReportRun> {
  const dir = scratchFolder(test, prefix);
  return once(async () => {
    const data = join(dir, 'data');
    const out = join(dir, 'out');
    await generateData(data, 0.004, 31, true);
    const result = await runCli(['run', '--data', data, '--out', out, '--workers', '2']);
    if (result.code !== 0) throw new Error(`run failed: ${result.stderr}`);
    return { data, out, stdout: result.stdout };
  });
}

/** A CSV export as header and rows of text cells (the analysis tests' reader). */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  return parseExport(readFileSync(path, 'utf8'), path);
}
