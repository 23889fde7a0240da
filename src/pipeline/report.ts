/**
 * `instacart report`: the workbook and report.html rebuilt from the store alone (its tables, their
 * definitions and the settings they were made with), without reading the inputs. Uses the store's
 * read-only view, as `status` does: a run may be writing meanwhile, and each report file is replaced
 * whole, so a reader never sees half a file.
 */
import { join } from 'node:path';
import { validateConfig } from '../config/index.js';
import { EtlError } from '../errors/index.js';
import { buildReport, headlineLines, writeReport } from '../report/index.js';
import { Store } from '../store/index.js';
import { StageClock } from './clock.js';

export interface ReportOptions {
  outDir: string;
  dbPath?: string;
  timing?: boolean;
  log?: (line: string) => void;
}

export interface ReportResult {
  files: string[];
  headlines: string[];
  reportPath: string;
  seconds: number;
}

export async function reportFromStore(options: ReportOptions): Promise<ReportResult> {
  const dbPath = options.dbPath ?? join(options.outDir, 'instacart.db');
  const clock = new StageClock(options.timing === true ? (options.log ?? ((line) => process.stderr.write(`${line}\n`))) : undefined);
  const store = Store.openReadOnly(dbPath);
  if (store === undefined) throw new EtlError('USAGE', `no store at ${dbPath}: run \`instacart run\` first (or name the store with --db)`);
  try {
    const state = store.state();
    const tables = store.tables();
    if (state.summaryKey === undefined || tables.length === 0) throw new EtlError('USAGE', `${dbPath} holds no summary tables yet: run \`instacart run\` first`);
    const config = validateConfig(JSON.parse(state.summaryKey), `${dbPath} (the settings of its last run)`);
    clock.lap('read the store');
    const report = await buildReport({ tables, config }, (step) => clock.lap(step));
    const files = writeReport(options.outDir, report);
    clock.lap('report: written');
    return { files, headlines: headlineLines(report.findings), reportPath: files[files.length - 1]!, seconds: clock.seconds() };
  } finally {
    store.close();
  }
}
