/**
 * Is anything stale? The one decision `run` and `status` both use, from the data directory, the store's
 * typed state and the settings in force. Four outcomes, in this order of precedence:
 * - `full rebuild`: a new store, `--full`, changed ingest settings, or orders.csv / products.csv / a drop
 *   changed other than by appending (the plan says why);
 * - `ingest`: order-line files or drops to read, appended rows, or removed files to take out;
 * - `derive`: nothing to read, but the derived tables or exports are stale (a dimension file changed,
 *   the analysis settings changed, or exports are missing or older than the store);
 * - `up to date`: nothing to do.
 * It reads the stored state and file fingerprints only, never the data: a rerun with nothing new stays fast.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import type { DataDir, SourceFile } from '../sources/discover.js';
import type { StoreState } from '../store/index.js';
import { forcedRebuild, planIngest, planIsIdle, summaryKey, type IngestPlan } from './plan.js';

export { compareFile, forcedRebuild, ingestKey, isGzipFile, planIngest, planIsIdle, summaryKey, type IngestPlan, type ReadFrom, type SourcePlan } from './plan.js';
export { endsWithRowEnd, fingerprintPrefix } from './fingerprint.js';

export type FreshnessOutcome = 'up to date' | 'derive' | 'ingest' | 'full rebuild';

export interface Freshness {
  outcome: FreshnessOutcome;
  /** Why, in words (the run's and status's sentence). */
  reason: string;
  /** What each input file would get. */
  plan: IngestPlan;
}

export interface FreshnessInput {
  data: DataDir & { orders: SourceFile; products: SourceFile };
  state: StoreState;
  config: Config;
  /** `--full`: rebuild whatever the store holds. */
  full: boolean;
  /** Where the exports are (to check they exist). */
  outDir: string;
  /** Exports asked for beyond the tables: the per-customer file. */
  exports?: { perCustomer: boolean };
}

export function decideFreshness({ data, state, config, full, outDir, exports }: FreshnessInput): Freshness {
  const plan = planIngest(data, state.sources, full ? '--full' : forcedRebuild(state, config));
  if (plan.rebuild !== undefined) return { outcome: 'full rebuild', reason: plan.rebuild, plan };
  if (!planIsIdle(plan)) return { outcome: 'ingest', reason: describeWork(plan), plan };
  const stale = staleDerivedReason(plan, state, config, outDir) ?? (exports?.perCustomer && !state.exports.includes('customers.csv') ? 'customers.csv was asked for' : undefined);
  if (stale !== undefined) return { outcome: 'derive', reason: stale, plan };
  return { outcome: 'up to date', reason: 'the store and exports are up to date', plan };
}

/** The files a plan reads or takes out, with why. */
function describeWork(plan: IngestPlan): string {
  const work = [...plan.lines, ...plan.drops, plan.orders, plan.products].filter((p) => p.action !== 'skip').map((p) => `${p.source.name} (${p.reason})`);
  const removed = plan.removed.map((s) => `${s.name} (removed)`);
  return [...work, ...removed].join(', ');
}

/** Why the derived tables or exports are stale when nothing is to be read; undefined when they are not. */
function staleDerivedReason(plan: IngestPlan, state: StoreState, config: Config, outDir: string): string | undefined {
  if (plan.dimensionsChanged.length > 0) return `${plan.dimensionsChanged.join(', ')} changed`;
  if (state.summaryKey !== summaryKey(config)) return 'the analysis settings changed';
  if (state.exportedGeneration !== state.generation) return 'the last run stopped before writing every export';
  if (state.exports.length === 0 || !state.exports.every((file) => existsSync(join(outDir, file)))) return 'exports are missing';
  return undefined;
}

/** The freshness decision as one sentence (`status`'s "Rerun:" line). */
export function freshnessSentence(freshness: Pick<Freshness, 'outcome' | 'reason'>): string {
  switch (freshness.outcome) {
    case 'up to date':
      return `nothing to do: ${freshness.reason}`;
    case 'derive':
      return `nothing new to read; tables and exports to rebuild: ${freshness.reason}`;
    case 'ingest':
      return `work to do: ${freshness.reason}`;
    case 'full rebuild':
      return `full rebuild: ${freshness.reason}`;
  }
}
