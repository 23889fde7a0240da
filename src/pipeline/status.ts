/**
 * `instacart status`: what the store holds, per source, and what a rerun would do (the same plan a run
 * makes, computed without reading any data beyond the fingerprints).
 */
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { decideFreshness, freshnessSentence, type Freshness, type FreshnessOutcome, type SourcePlan } from '../freshness/index.js';
import { discoverSources, type DataDir } from '../sources/discover.js';
import { Store } from '../store/index.js';

export interface StatusOptions {
  dataDir: string;
  outDir: string;
  dbPath?: string;
  configFile?: string;
}

export interface SourceStatus {
  name: string;
  role: string;
  /** Bytes ingested, and the file's size now (undefined when the file is gone). */
  ingestedBytes: number;
  sizeNow: number | undefined;
  read: number;
  accepted: number;
  rejected: number;
  /** What a rerun would do with it. */
  next: string;
}

export interface StatusReport {
  dbPath: string;
  /** No store yet. */
  empty: boolean;
  /** A run holds the store's lock right now. */
  running: boolean;
  generation: number;
  exportedGeneration: number;
  sources: SourceStatus[];
  /** What a rerun would do (the freshness decision `run` makes); undefined when it cannot plan. */
  outcome: FreshnessOutcome | undefined;
  /** One line: what a rerun would do. */
  rerun: string;
  /** Files in the data directory the store does not know yet. */
  newFiles: string[];
}

export function storeStatus(options: StatusOptions): StatusReport {
  const dbPath = options.dbPath ?? join(options.outDir, 'instacart.db');
  const running = Store.isLocked(dbPath);
  const store = Store.openReadOnly(dbPath);
  if (store === undefined) {
    return { dbPath, empty: true, running, generation: 0, exportedGeneration: 0, sources: [], outcome: 'full rebuild', rerun: `no store yet: "instacart run" reads everything in ${options.dataDir}`, newFiles: [] };
  }
  try {
    const state = store.state();
    const data = readableData(options.dataDir);
    const freshness = data && decideFreshness({ data, state, config: loadConfig(options.configFile), full: false, outDir: options.outDir });
    const plans = freshness === undefined ? new Map<string, SourcePlan>() : sourcePlans(freshness, data!);
    const sources = state.sources.map((s) => {
      const report = store.report(s.name)!;
      const plan = plans.get(s.name);
      return {
        name: s.name,
        role: s.role,
        ingestedBytes: s.ingestedBytes,
        sizeNow: plan?.source.size,
        read: report.read,
        accepted: report.accepted,
        rejected: report.rejects.total,
        next: plan === undefined ? 'gone: its contribution is taken out on the next run' : plan.action === 'skip' ? 'unchanged' : `${plan.action}: ${plan.reason}`,
      };
    });
    const rerun = freshness === undefined ? `cannot plan: ${options.dataDir} lacks orders.csv or products.csv` : freshnessSentence(freshness);
    const newFiles = [...plans.values()].filter((p) => p.stored === undefined && p.source.role !== 'departments' && p.source.role !== 'aisles' && p.source.role !== 'customers').map((p) => p.source.name);
    return { dbPath, empty: false, running, generation: state.generation, exportedGeneration: state.exportedGeneration, sources, outcome: freshness?.outcome, rerun, newFiles };
  } finally {
    store.close();
  }
}

/** The data directory, when it holds what a run needs to plan (orders.csv and products.csv). */
function readableData(dir: string): (DataDir & Required<Pick<DataDir, 'orders' | 'products'>>) | undefined {
  let data: DataDir;
  try {
    data = discoverSources(dir);
  } catch {
    return undefined;
  }
  if (data.orders === undefined || data.products === undefined) return undefined;
  return { ...data, orders: data.orders, products: data.products };
}

/** What a rerun would do with each file present, by name. */
function sourcePlans(freshness: Freshness, data: DataDir): Map<string, SourcePlan> {
  const plan = freshness.plan;
  const plans = new Map<string, SourcePlan>();
  for (const p of [plan.orders, plan.products, ...plan.lines, ...plan.drops]) plans.set(p.source.name, p);
  for (const file of [data.departments, data.aisles, data.customers]) {
    if (file === undefined) continue;
    const changed = plan.dimensionsChanged.includes(file.name);
    plans.set(file.name, { source: file, action: changed ? 'read' : 'skip', reason: changed ? 'changed: re-read, tables rebuilt' : 'unchanged' });
  }
  return plans;
}
