/**
 * `instacart run`: the whole flow, and the only module that wires the stages together:
 * sources -> shards -> workers -> reduce -> store -> summaries -> exports.
 * Incremental by default (see plan.ts); the store update is one transaction and exports are replaced
 * file by file atomically after it commits, so a run that dies leaves the store as before or after.
 * This module holds what even a run with nothing new does (plan, check); the work itself is in
 * execute.ts, loaded only when there is some: a rerun with nothing new stays a fraction of a second.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { EtlError } from '../errors/index.js';
import { discoverSources, hasInputs, type DataDir, type SourceFile } from '../sources/discover.js';
import { Store } from '../store/index.js';
import type { ParserName } from '../../workers/protocol.js';
import { forcedRebuild, planIngest, planIsIdle, type IngestPlan } from './plan.js';
import { faultPoint } from './fault.js';

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
  /** Print progress notes (stderr). */
  log?: (line: string) => void;
}

/** What a run did, for the CLI's summary and for tests. */
export interface RunResult {
  /** Nothing was new: the store and exports were already up to date. */
  upToDate: boolean;
  /** Why everything was rebuilt, if it was. */
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
  generated: boolean;
}

function requireInputs(data: DataDir): asserts data is DataDir & { orders: SourceFile; products: SourceFile } {
  const missing = [
    data.orders === undefined ? 'orders.csv' : undefined,
    data.products === undefined ? 'products.csv' : undefined,
    data.lines.length === 0 && data.drops.length === 0 ? 'an order-lines file (order_products__prior.csv, order_products__train.csv or any order_products*.csv) or order drops in incoming/' : undefined,
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    throw new EtlError('FILE_MISSING', `${data.dir} lacks ${missing.join(' and ')}${data.ignored.length > 0 ? ` (found: ${data.ignored.join(', ')})` : ''}; run "instacart generate --out ${data.dir}" for a sample data set`);
  }
}

export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const config = loadConfig(options.configFile);
  let generated = false;
  if (options.generateIfEmpty && !hasInputs(options.dataDir)) {
    const { generateDataset, formatGenerateSummary, kGenerateDefaults } = await import('../generate/index.js');
    log(`${options.dataDir} holds no input: generating the default sample (scale ${kGenerateDefaults.scale}, seed ${kGenerateDefaults.seed}) there first`);
    const summary = await generateDataset({ ...kGenerateDefaults, outDir: options.dataDir, workers: options.workers, progress: true });
    log(formatGenerateSummary(summary));
    generated = true;
  }
  const data = discoverSources(options.dataDir);
  requireInputs(data);
  const dbPath = options.dbPath ?? join(options.outDir, 'instacart.db');
  const store = Store.open(dbPath);
  try {
    const stored = store.sources();
    const summaryKey = JSON.stringify(config);
    let plan = planIngest(data, stored, options.full ? '--full' : forcedRebuild(store, config));
    const exportsList = JSON.parse(store.meta('exports') ?? '[]') as string[];
    if (
      planIsIdle(plan) &&
      plan.dimensionsChanged.length === 0 &&
      store.meta('summary_key') === summaryKey &&
      store.meta('exported_generation') === store.meta('generation') &&
      exportsList.length > 0 &&
      exportsList.every((file) => existsSync(join(options.outDir, file)))
    ) {
      return { upToDate: true, rebuild: undefined, actions: describe(plan), linesRead: 0, linesAccepted: 0, bytesRead: 0, seconds: (performance.now() - started) / 1000, dbPath, exports: exportsList.map((f) => join(options.outDir, f)), generated };
    }
    const { execute } = await import('./execute.js');
    const { writeExports } = await import('../exports/index.js');
    const { WorkerPool } = await import('../pool/index.js');
    const pool = new WorkerPool(options.workers, options.inlineBytes);
    try {
      for (;;) {
        const outcome = await execute({ options, config, data, store, stored, plan, pool, summaryKey });
        if ('restart' in outcome) {
          log(`rebuilding everything: ${outcome.restart}`);
          plan = planIngest(data, stored, outcome.restart);
          continue;
        }
        const exports = writeExports(options.outDir, outcome.tables, outcome.reports, () => faultPoint('mid-exports'));
        store.setMeta('exported_generation', outcome.generation);
        return { upToDate: false, rebuild: plan.rebuild, actions: describe(plan), linesRead: outcome.linesRead, linesAccepted: outcome.linesAccepted, bytesRead: outcome.bytesRead, seconds: (performance.now() - started) / 1000, dbPath, exports, generated };
      }
    } finally {
      await pool.close();
    }
  } finally {
    store.close();
  }
}

function describe(plan: IngestPlan): RunResult['actions'] {
  const present = [plan.orders, plan.products, ...plan.lines, ...plan.drops].map((p) => ({ name: p.source.name, action: plan.rebuild !== undefined ? 'read' : p.action as string, reason: plan.rebuild ?? p.reason }));
  return [...present, ...plan.removed.map((s) => ({ name: s.name, action: 'removed', reason: 'file no longer present' }))];
}

