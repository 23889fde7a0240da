/**
 * `instacart run`: the whole flow, and the only module that wires the stages together:
 * sources -> shards -> workers -> reduce -> store -> summaries -> exports.
 * Incremental by default (see plan.ts); the store update is one transaction and exports are replaced
 * file by file atomically after it commits, so a run that dies leaves the store as before or after.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config/index.js';
import { EtlError } from '../errors/index.js';
import { discoverSources, hasInputs, type DataDir, type SourceFile } from '../sources/discover.js';
import { loadProducts, type Catalogue } from '../sources/products.js';
import { loadAisles, loadDepartments } from '../sources/id-names.js';
import { loadCustomers, type CustomerTable } from '../sources/customers.js';
import { mergeReports } from '../sources/merge-report.js';
import { RejectCode } from '../sources/reject-codes.js';
import { RejectList, type SourceReport } from '../sources/report.js';
import { WorkerPool } from '../pool/index.js';
import { emptyLinesPartial, mergeLinesPartial } from '../reduce/lines.js';
import { emptyOrdersTable, type OrdersTable } from '../reduce/orders.js';
import { Store, type RunUpdate, type StoredSource } from '../store/index.js';
import type { StoredArray } from '../store/pack.js';
import { buildSummaries, type Table } from '../summaries/index.js';
import { writeExports } from '../exports/index.js';
import { kLinesPartialArrays, type LinesPartial, type ParserName } from '../../workers/protocol.js';
import { ingestLines, ingestOrders } from './ingest.js';
import { addDropLines, addDropOrders } from './ingest-drops.js';
import { faultPoint } from './fault.js';
import { buildSharedLookups, ordersFromArrays, ordersToArrays, partialLayout } from './lookups.js';
import { catalogueFromArrays, catalogueToArrays, customersFromArrays, customersToArrays, namesFromArrays, namesToArrays } from './dimension-cache.js';
import { forcedRebuild, ingestKey, planIngest, planIsIdle, type IngestPlan, type SourcePlan } from './plan.js';
import { endsWithRowEnd, fingerprintPrefix } from './fingerprint.js';

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

function stateOf(source: SourceFile, rows: number, parser: ParserName, bytes = source.size): StoredSource {
  return {
    name: source.name,
    role: source.role,
    size: source.size,
    mtimeMs: source.mtimeMs,
    ingestedBytes: bytes,
    fingerprint: fingerprintPrefix(source.path, bytes),
    rows,
    endsWithNewline: endsWithRowEnd(source.path, bytes),
    parser,
  };
}

function partialToArrays(partial: LinesPartial): Record<string, StoredArray> {
  return Object.fromEntries(kLinesPartialArrays.map((name) => [name, partial[name]]));
}

function partialFromArrays(arrays: Record<string, StoredArray>): LinesPartial {
  const partial = emptyLinesPartial();
  for (const name of kLinesPartialArrays) if (arrays[name] !== undefined) (partial as unknown as Record<string, StoredArray>)[name] = arrays[name]!;
  return partial;
}

/** The order and product ids a stored account rejected as unknown, and whether all of them are listed. */
function unknownIdsResolved(report: SourceReport, orders: OrdersTable, catalogue: Catalogue): boolean {
  const unknownOrders = report.rejectedByCode[RejectCode.UNKNOWN_ORDER]!;
  const unknownProducts = report.rejectedByCode[RejectCode.UNKNOWN_PRODUCT]!;
  if (unknownOrders + unknownProducts === 0) return false;
  if (report.rejectsNotKept > 0) return true; // cannot tell: reread to be exact
  const rejects = report.rejects;
  for (let i = 0; i < rejects.length; i++) {
    const code = rejects.code(i);
    const id = Number(rejects.value(i));
    if (code === RejectCode.UNKNOWN_ORDER && id < orders.slots && orders.user[id] !== 0) return true;
    if (code === RejectCode.UNKNOWN_PRODUCT && id < catalogue.slots && catalogue.known[id] === 1) return true;
  }
  return false;
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
    const pool = new WorkerPool(options.workers);
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

interface RunContext {
  options: RunOptions;
  config: Config;
  data: DataDir & { orders: SourceFile; products: SourceFile };
  store: Store;
  stored: StoredSource[];
  plan: IngestPlan;
  pool: WorkerPool;
  summaryKey: string;
}

interface Executed {
  tables: Table[];
  reports: SourceReport[];
  generation: string;
  linesRead: number;
  linesAccepted: number;
  bytesRead: number;
}

/** The orders lookup cache is valid for orders.csv's ingested prefix plus the drops ingested with it. */
function ordersCacheKey(states: readonly StoredSource[]): string {
  return states.filter((s) => s.role === 'orders' || s.role === 'drop').map((s) => `${s.name}:${s.fingerprint}`).sort().join('|');
}

/** One attempt at the plan; returns `{restart}` when it finds that only a full rebuild can be exact. */
async function execute(ctx: RunContext): Promise<Executed | { restart: string }> {
  const { options, config, data, store, stored, plan, pool } = ctx;
  const timing = process.env.INSTACART_TIMING === '1';
  let last = performance.now();
  const phase = (name: string): void => {
    if (!timing) return;
    const now = performance.now();
    process.stderr.write(`[timing] ${name}: ${((now - last) / 1000).toFixed(3)} s\n`);
    last = now;
  };
  const rebuild = plan.rebuild !== undefined;
  const update: RunUpdate = { removedSources: rebuild ? stored.map((s) => s.name) : plan.removed.map((s) => s.name), sources: [], partials: [], lookups: [], meta: {}, tables: [] };
  const written = (source: SourceFile, rows: number, report: SourceReport, mode: 'replace' | 'append', newRejects: RejectList = new RejectList()): StoredSource => {
    const state = stateOf(source, rows, options.parser);
    update.sources.push({ state, report, rejectsMode: mode, newRejects });
    return state;
  };
  let bytesRead = 0;

  // Dimension files: from the store's cache when unchanged since the last run, else parsed (and cached).
  const dimension = async <T>(dimPlan: SourcePlan, cacheName: string, parse: () => Promise<{ value: T; report: SourceReport }>, codec: { to(value: T): Record<string, StoredArray>; from(arrays: Record<string, StoredArray>): T }): Promise<{ value: T; report: SourceReport }> => {
    const key = (fingerprint: string): string => `${dimPlan.source.name}|${fingerprint}|${ingestKey(config)}`;
    if (!rebuild && dimPlan.action === 'skip' && dimPlan.stored !== undefined) {
      const cachedArrays = store.lookup(cacheName, key(dimPlan.stored.fingerprint));
      const report = store.report(dimPlan.source.name);
      if (cachedArrays !== undefined && report !== undefined) return { value: codec.from(cachedArrays), report };
    }
    const parsed = await parse();
    bytesRead += dimPlan.source.size;
    const state = written(dimPlan.source, 0, parsed.report, 'replace');
    update.lookups.push({ name: cacheName, key: key(state.fingerprint), arrays: codec.to(parsed.value) });
    return parsed;
  };
  const products = await dimension(plan.products, 'products', async () => {
    const loaded = await loadProducts(data.products, options.parser, config);
    return { value: loaded.catalogue, report: loaded.report };
  }, { to: catalogueToArrays, from: catalogueFromArrays });
  const catalogue = products.value;
  const productsReport = products.report;
  const layout = partialLayout(catalogue);
  phase('products');
  if (!rebuild && store.meta('layout') !== JSON.stringify(layout)) return { restart: 'the catalogue has new department or aisle ids (the partial layout changed)' };
  const dimensionOf = (role: 'departments' | 'aisles' | 'customers'): SourcePlan | undefined => plan.dimensions.find((d) => d.source.role === role);
  const namesCodec = { to: namesToArrays, from: namesFromArrays };
  const departmentsPlan = dimensionOf('departments');
  const departments = departmentsPlan && (await dimension(departmentsPlan, 'departments', async () => {
    const loaded = await loadDepartments(departmentsPlan.source, options.parser, config);
    return { value: loaded.names, report: loaded.report };
  }, namesCodec));
  const aislesPlan = dimensionOf('aisles');
  const aisles = aislesPlan && (await dimension(aislesPlan, 'aisles', async () => {
    const loaded = await loadAisles(aislesPlan.source, options.parser, config);
    return { value: loaded.names, report: loaded.report };
  }, namesCodec));
  const customersPlan = dimensionOf('customers');
  const customers = customersPlan && (await dimension(customersPlan, 'customers', async () => {
    const loaded = await loadCustomers(customersPlan.source, options.parser, config);
    return { value: loaded.customers, report: loaded.report };
  }, { to: customersToArrays, from: customersFromArrays }));
  for (const role of ['departments', 'aisles', 'customers'] as const) {
    if (data[role] !== undefined) continue;
    for (const s of stored) if (s.role === role && !update.removedSources.includes(s.name)) update.removedSources.push(s.name);
  }
  phase('departments, aisles, customers');

  // Orders: the cached lookup (orders.csv + drops ingested before), extended by appended rows, or read whole.
  let orders: OrdersTable;
  let ordersReport: SourceReport;
  const ordersPlan = plan.orders;
  const cached = rebuild || ordersPlan.action === 'read' ? undefined : store.lookup('orders', ordersCacheKey(stored));
  if (cached !== undefined) {
    orders = ordersFromArrays(cached);
    ordersReport = store.report(ordersPlan.source.name)!;
    if (ordersPlan.action === 'append') {
      const read = await ingestOrders(ordersPlan.source, options.parser, pool, config, orders, ordersPlan.from, options.minShardBytes);
      if (stored.some((s) => s.role === 'drop') && read.report.rejectedByCode[RejectCode.DUPLICATE_ORDER]! > 0) {
        return { restart: 'appended orders repeat order ids that may come from a drop (a fresh run would keep the orders.csv row)' };
      }
      orders = read.table;
      ordersReport = mergeReports(ordersReport, read.report, config.maxRejectDetails);
      bytesRead += ordersPlan.source.size - ordersPlan.from!.fromByte;
      written(ordersPlan.source, read.rows, ordersReport, 'append', read.report.rejects);
    }
  } else {
    if (!rebuild && ordersPlan.action !== 'read') return { restart: 'the cached orders lookup is missing' };
    const read = await ingestOrders(ordersPlan.source, options.parser, pool, config, emptyOrdersTable(), undefined, options.minShardBytes);
    orders = read.table;
    ordersReport = read.report;
    bytesRead += ordersPlan.source.size;
    written(ordersPlan.source, read.rows, ordersReport, 'replace');
  }

  phase('orders');
  faultPoint('after-orders');

  // New drops, pass 1: their orders join the lookup before any line is counted.
  const dropOrders = new Map<string, Awaited<ReturnType<typeof addDropOrders>>>();
  for (const dropPlan of plan.drops) {
    if (!rebuild && dropPlan.action === 'skip') continue;
    const added = await addDropOrders(dropPlan.source, orders, config);
    orders = added.table;
    dropOrders.set(dropPlan.source.name, added);
    bytesRead += dropPlan.source.size;
  }
  const lookups = buildSharedLookups(orders, catalogue, layout);
  phase('drops (orders) and lookups');

  // Order lines: per file, skip, read the appended bytes, or read it all.
  const lineReports: SourceReport[] = [];
  let totals = emptyLinesPartial();
  let linesRead = 0;
  let linesAccepted = 0;
  const idsGrew = !rebuild && (ordersPlan.action === 'append' || plan.products.action === 'append' || dropOrders.size > 0);
  for (const linePlan of plan.lines) {
    let action = rebuild ? 'read' : linePlan.action;
    const storedReport = action !== 'read' ? store.report(linePlan.source.name) : undefined;
    if (storedReport !== undefined && idsGrew && unknownIdsResolved(storedReport, orders, catalogue)) {
      action = 'read';
      linePlan.reason = 'rows rejected as unknown order or product may now be known';
    }
    linePlan.action = action as SourcePlan['action'];
    if (action === 'skip') {
      totals = mergeLinesPartial(totals, partialFromArrays(store.partial(linePlan.source.name) ?? {}));
      lineReports.push(storedReport!);
      continue;
    }
    const from = action === 'append' ? linePlan.from : undefined;
    const read = await ingestLines(linePlan.source, options.parser, pool, config, lookups, from, options.minShardBytes);
    bytesRead += linePlan.source.size - (from?.fromByte ?? 0);
    linesRead += read.report.read;
    linesAccepted += read.report.accepted;
    let partial = read.partial;
    let report = read.report;
    if (action === 'append') {
      partial = mergeLinesPartial(partialFromArrays(store.partial(linePlan.source.name) ?? {}), partial);
      report = mergeReports(storedReport!, read.report, config.maxRejectDetails);
    }
    totals = mergeLinesPartial(totals, partial);
    lineReports.push(report);
    written(linePlan.source, read.rows, report, action === 'append' ? 'append' : 'replace', read.report.rejects);
    update.partials.push({ source: linePlan.source.name, arrays: partialToArrays(partial) });
  }

  phase('order lines');
  faultPoint('after-lines');

  // Drops, pass 2: their lines.
  for (const dropPlan of plan.drops) {
    const added = dropOrders.get(dropPlan.source.name);
    if (added === undefined) {
      totals = mergeLinesPartial(totals, partialFromArrays(store.partial(dropPlan.source.name) ?? {}));
      lineReports.push(store.report(dropPlan.source.name)!);
      continue;
    }
    const lines = await addDropLines(dropPlan.source, lookups, added.verdicts, config);
    linesRead += lines.report.read;
    linesAccepted += lines.report.accepted;
    const report = mergeReports(added.report, lines.report, config.maxRejectDetails);
    report.checks = [
      { check: 'orders in the drop', rows: added.orders, action: 'accepted orders join the orders lookup' },
      { check: 'order lines in the drop', rows: lines.report.read, action: 'counted like order-lines rows' },
    ];
    report.rejects.sortByLine();
    totals = mergeLinesPartial(totals, lines.partial);
    lineReports.push(report);
    written(dropPlan.source, added.orders, report, 'replace');
    update.partials.push({ source: dropPlan.source.name, arrays: partialToArrays(lines.partial) });
  }

  const finalStates = [...stored.filter((s) => !update.removedSources.includes(s.name) && !update.sources.some((u) => u.state.name === s.name)), ...update.sources.map((u) => u.state)];
  if (update.sources.some((u) => u.state.role === 'orders' || u.state.role === 'drop') || cached === undefined) {
    update.lookups.push({ name: 'orders', key: ordersCacheKey(finalStates), arrays: ordersToArrays(orders) });
  }

  phase('drops (lines) and states');
  const dimensionReports = [departments?.report, aisles?.report, customers?.report].filter((r): r is SourceReport => r !== undefined);
  const reports = [ordersReport, ...lineReports, productsReport, ...dimensionReports];
  const tables: Table[] = buildSummaries({
    totals,
    orders,
    catalogue,
    departments: departments?.value ?? new Map(),
    aisles: aisles?.value ?? new Map(),
    customers: customers?.value as CustomerTable | undefined,
    deptSlots: layout.deptSlots,
    aisleWords: layout.aisleWords,
    reports,
    config,
  });
  phase('summaries');
  const generation = String(Number(store.meta('generation') ?? '0') + 1);
  update.tables = tables;
  update.meta = {
    generation,
    ingest_key: ingestKey(config),
    summary_key: ctx.summaryKey,
    layout: JSON.stringify(layout),
    exports: JSON.stringify([...tables.map((t) => `csv/${t.name}.csv`), 'rejects.csv']),
  };
  store.commit(update, () => faultPoint('inside-commit'));
  phase('store commit');
  faultPoint('after-commit');
  return { tables, reports, generation, linesRead, linesAccepted, bytesRead };
}

function describe(plan: IngestPlan): RunResult['actions'] {
  const present = [plan.orders, plan.products, ...plan.lines, ...plan.drops].map((p) => ({ name: p.source.name, action: plan.rebuild !== undefined ? 'read' : p.action as string, reason: plan.rebuild ?? p.reason }));
  return [...present, ...plan.removed.map((s) => ({ name: s.name, action: 'removed', reason: 'file no longer present' }))];
}

