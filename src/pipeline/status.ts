/**
 * `instacart status`: what the store holds, per source, and what a rerun would do (the same plan a run
 * makes, computed without reading any data beyond the fingerprints).
 */
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { discoverSources } from '../sources/discover.js';
import { Store } from '../store/index.js';
import { forcedRebuild, planIngest, planIsIdle, type SourcePlan } from './plan.js';

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
    return { dbPath, empty: true, running, generation: 0, exportedGeneration: 0, sources: [], rerun: `no store yet: "instacart run" reads everything in ${options.dataDir}`, newFiles: [] };
  }
  try {
    const stored = store.sources();
    const generation = Number(store.meta('generation') ?? '0');
    const exportedGeneration = Number(store.meta('exported_generation') ?? '0');
    let data;
    try {
      data = discoverSources(options.dataDir);
    } catch {
      data = undefined;
    }
    const plans = new Map<string, SourcePlan>();
    let rerun: string;
    const newFiles: string[] = [];
    if (data === undefined || data.orders === undefined || data.products === undefined) {
      rerun = `cannot plan: ${options.dataDir} lacks orders.csv or products.csv`;
    } else {
      const plan = planIngest(data, stored, forcedRebuild(store, loadConfig(options.configFile)));
      for (const p of [plan.orders, plan.products, ...plan.lines, ...plan.drops]) {
        plans.set(p.source.name, p);
        if (p.stored === undefined) newFiles.push(p.source.name);
      }
      for (const file of [data.departments, data.aisles, data.customers]) {
        if (file === undefined) continue;
        const changed = plan.dimensionsChanged.includes(file.name);
        plans.set(file.name, { source: file, action: changed ? 'read' : 'skip', reason: changed ? 'changed: re-read, summaries rebuilt' : 'unchanged' });
      }
      if (plan.rebuild !== undefined) rerun = `full rebuild: ${plan.rebuild}`;
      else if (!planIsIdle(plan)) {
        const work = [...plan.lines, ...plan.drops, plan.orders, plan.products].filter((p) => p.action !== 'skip').map((p) => `${p.source.name} (${p.reason})`);
        const removed = plan.removed.map((s) => `${s.name} (removed)`);
        rerun = `work to do: ${[...work, ...removed].join(', ')}`;
      } else if (plan.dimensionsChanged.length > 0) rerun = `summaries to rebuild: ${plan.dimensionsChanged.join(', ')} changed`;
      else if (exportedGeneration !== generation) rerun = 'exports to rewrite (the last run stopped before writing them)';
      else rerun = 'nothing to do: the store and exports are up to date';
    }
    const sources = stored.map((s) => {
      const report = store.report(s.name)!;
      const plan = plans.get(s.name);
      const rejected = report.rejectedByCode.reduce((a, b) => a + b, 0);
      return {
        name: s.name,
        role: s.role,
        ingestedBytes: s.ingestedBytes,
        sizeNow: plan?.source.size,
        read: report.read,
        accepted: report.accepted,
        rejected,
        next: plan === undefined ? 'gone: its contribution is taken out on the next run' : plan.action === 'skip' ? 'unchanged' : `${plan.action}: ${plan.reason}`,
      };
    });
    return { dbPath, empty: false, running, generation, exportedGeneration, sources, rerun, newFiles };
  } finally {
    store.close();
  }
}
