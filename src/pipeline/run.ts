/**
 * `instacart run`: the whole flow, sources -> shards -> workers -> reduce -> store -> derive -> exports.
 * This module decides whether there is anything to do (the freshness stage, shared with `status`) and
 * holds what even a run with nothing new does; the stages themselves are in run-stages.ts, loaded only
 * when there is work, so a rerun with nothing new stays a fraction of a second.
 * Incremental by default; the store update is one transaction and exports are replaced file by file
 * atomically after it commits, so a run that dies leaves the store as before or after.
 */
import { join } from 'node:path';
import { loadConfig, type Config } from '../config/index.js';
import type { ParserName } from '../csv/index.js';
import { EtlError } from '../errors/index.js';
import { decideFreshness, type Freshness } from '../freshness/index.js';
import { discoverSources, hasInputs, type DataDir, type SourceFile } from '../sources/discover.js';
import { Store, type StoreState } from '../store/index.js';
import { kHtmlFile } from '../report/files.js';
import { StageClock } from './clock.js';

export interface RunOptions {
  dataDir: string;
  outDir: string;
  /** Store path; default `<outDir>/instacart.db`. */
  dbPath?: string;
  workers: number;
  parser: ParserName;
  configFile?: string;
  /** Rebuild everything from the data, ignoring what the store holds. */
  full: boolean;
  /** Generate the default sample into `dataDir` first when it holds no input (`npm start`). */
  generateIfEmpty?: boolean;
  /** Smallest shard in bytes (tests set it low to exercise sharding on small files). */
  minShardBytes?: number;
  /** Reads up to this many bytes run on the main thread (default 16 MiB; tests set 0 to use threads). */
  inlineBytes?: number;
  /** Print each stage's time on stderr (`--timing`). */
  timing?: boolean;
  /** Also write `customers.csv`, one row per customer with every flag (`--export-customers`). */
  exportCustomers?: boolean;
  /** Print progress notes (stderr). */
  log?: (line: string) => void;
}

/** What a run did, for the CLI's summary and for tests. */
export interface RunResult {
  /** What the freshness stage found (`up to date`: nothing was done). */
  outcome: Freshness['outcome'];
  /** Nothing was new: the store and exports were already up to date. */
  upToDate: boolean;
  /** Why everything was rebuilt, if it was (a restart's reason when a run found it had to start over). */
  rebuild: string | undefined;
  /** Per source: what was done. */
  actions: { name: string; action: string; reason: string }[];
  /** Order lines read in this run (all files), and how many were accepted. */
  linesRead: number;
  linesAccepted: number;
  /** Bytes of input read in this run. */
  bytesRead: number;
  seconds: number;
  dbPath: string;
  exports: string[];
  /** The headline findings (5-8 lines) the terminal ends with; a warning, if any, first. */
  headlines: string[];
  /** report.html, the page to open. */
  reportPath: string;
  generated: boolean;
}

/** What every stage of one run can see. */
export interface RunContext {
  options: RunOptions;
  config: Config;
  data: DataDir & { orders: SourceFile; products: SourceFile };
  store: Store;
  /** The store's state before this run. */
  state: StoreState;
  dbPath: string;
  clock: StageClock;
  generated: boolean;
  log: (line: string) => void;
}

export function requireInputs(data: DataDir): DataDir & { orders: SourceFile; products: SourceFile } {
  const missing = [
    data.orders === undefined ? 'orders.csv' : undefined,
    data.products === undefined ? 'products.csv' : undefined,
    data.lines.length === 0 && data.drops.length === 0 ? 'an order-lines file (order_products__prior.csv, order_products__train.csv or any order_products*.csv) or order drops in incoming/' : undefined,
  ].filter((m): m is string => m !== undefined);
  if (data.orders === undefined || data.products === undefined || missing.length > 0) {
    throw new EtlError('FILE_MISSING', `${data.dir} lacks ${missing.join(' and ')}${data.ignored.length > 0 ? ` (found: ${data.ignored.join(', ')})` : ''}; run "instacart generate --out ${data.dir}" for a sample data set`);
  }
  return { ...data, orders: data.orders, products: data.products };
}

/** `npm start` on a fresh clone: the default sample, generated into the data directory first. */
async function generateIfEmpty(options: RunOptions, log: (line: string) => void): Promise<boolean> {
  if (!options.generateIfEmpty || hasInputs(options.dataDir)) return false;
  const { generateDataset, formatGenerateSummary, kGenerateDefaults } = await import('../generate/index.js');
  log(`${options.dataDir} holds no input: generating the default sample (scale ${kGenerateDefaults.scale}, seed ${kGenerateDefaults.seed}) there first`);
  const summary = await generateDataset({ ...kGenerateDefaults, outDir: options.dataDir, workers: options.workers, progress: true });
  log(formatGenerateSummary(summary));
  return true;
}

export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? (() => {});
  const clock = new StageClock(options.timing ? log : undefined);
  const config = loadConfig(options.configFile);
  const generated = await generateIfEmpty(options, log);
  const data = requireInputs(discoverSources(options.dataDir));
  const dbPath = options.dbPath ?? join(options.outDir, 'instacart.db');
  const store = Store.open(dbPath);
  try {
    const state = store.state();
    const freshness = decideFreshness({ data, state, config, full: options.full, outDir: options.outDir, exports: { perCustomer: options.exportCustomers === true } });
    clock.lap('freshness');
    const run: RunContext = { options, config, data, store, state, dbPath, clock, generated, log };
    if (freshness.outcome === 'up to date') return upToDate(run, freshness);
    const { runStages } = await import('./run-stages.js');
    return await runStages(run, freshness);
  } finally {
    store.close();
  }
}

function upToDate(run: RunContext, freshness: Freshness): RunResult {
  const plan = freshness.plan;
  const actions = [plan.orders, plan.products, ...plan.lines, ...plan.drops].map((p) => ({ name: p.source.name, action: p.action, reason: p.reason }));
  const exports = run.state.exports.map((file) => join(run.options.outDir, file));
  return {
    outcome: freshness.outcome,
    upToDate: true,
    rebuild: undefined,
    actions,
    linesRead: 0,
    linesAccepted: 0,
    bytesRead: 0,
    seconds: run.clock.seconds(),
    dbPath: run.dbPath,
    exports,
    headlines: run.state.headlines,
    reportPath: join(run.options.outDir, kHtmlFile),
    generated: run.generated,
  };
}
