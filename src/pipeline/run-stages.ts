/**
 * The stages of a run with work to do, in the order they run. Each stage is a function of the folder
 * that names it, takes values and returns values plus the store writes they imply; this module only
 * calls them in order and gathers their writes into the one commit:
 *
 *   orders (posted) | products  ->  drops (orders)  ->  order lines (posted) | departments, aisles,
 *   customers  ->  drops (lines)  ->  totals  ->  derive  ->  commit  ->  exports  ->  report
 *
 * `a (posted) | b`: a's tasks are on the workers when its `start…` call returns, and the main thread
 * reads b meanwhile; `result()` then waits for a.
 */
import { join } from 'node:path';
import type { Freshness } from '../freshness/index.js';
import { ingestKey, isGzipFile, planIngest, summaryKey, type IngestPlan, type SourcePlan } from '../freshness/index.js';
import { derive, storedCustomers, type AnalysisInput, type Derived } from '../derive/index.js';
import { exportFiles, writeExports } from '../exports/index.js';
import { customersExport } from '../segments/index.js';
import { headlineLines, kHtmlFile, kReportFiles, writeReport } from '../report/index.js';
import { ReportThread } from '../report/thread.js';
import {
  buildSharedLookups,
  ordersLookupWrite,
  partialLayout,
  readDropLines,
  readDropOrders,
  readOtherDimensions,
  readProducts,
  rejectedUnknownIds,
  startLines,
  startOrders,
  type DimensionContext,
  type LineAction,
  type OtherDimensions,
  type PartialLayout,
  type ReadContext,
  type Restart,
} from '../ingest/index.js';
import { pairCatalogue, startPairCount } from '../pairs/on-pool.js';
import { WorkerPool } from '../pool/index.js';
import type { OrdersTable } from '../reduce/orders.js';
import { sumPartials } from '../reduce/totals.js';
import type { Catalogue } from '../sources/products.js';
import type { SourceReport } from '../sources/report.js';
import { mergeWrites, type Store, type StoreWrites, type StoredSource } from '../store/index.js';
import type { Baskets, LinesPartial } from '../../workers/protocol.js';
import { faultPoint } from './fault.js';
import type { RunContext, RunResult } from './run.js';

/** Everything ingest produced: what derive reads, and what commit writes. */
interface Ingested {
  orders: OrdersTable;
  catalogue: Catalogue;
  layout: PartialLayout;
  dimensions: OtherDimensions;
  totals: LinesPartial;
  /** Every source's baskets (stored and read now), for the pairs. */
  baskets: Baskets[];
  /** Every source's account, in data_quality order. */
  reports: SourceReport[];
  writes: StoreWrites;
  lineActions: LineAction[];
  linesRead: number;
  linesAccepted: number;
  bytesRead: number;
}

export async function runStages(run: RunContext, freshness: Freshness): Promise<RunResult> {
  const pool = new WorkerPool(run.options.workers, run.options.inlineBytes);
  // Started first: it loads its libraries while the run reads (on a rerun the cores are mostly idle then).
  const reportThread = new ReportThread();
  try {
    let plan = freshness.plan;
    for (;;) {
      const ingested = await ingest(run, plan, pool);
      if ('restart' in ingested) {
        run.log(`rebuilding everything: ${ingested.restart}`);
        plan = planIngest(run.data, run.state.sources, ingested.restart);
        continue;
      }
      const input = analysisInput(run, ingested);
      // The pairs are counted on the worker threads while the main thread derives the other tables.
      const pairsStarted = performance.now();
      const pairCount = await startPairCount(pairCountInput(input, ingested), pool);
      run.clock.lap('pairs: planned');
      const derived = derive(input, (name, sofar) => {
        run.clock.lap(`derive: ${name}`);
        // The report thread draws the charts of the tables so far while the main thread clusters.
        if (name !== 'clusters') reportThread.drawAhead(sofar.tables);
        faultPoint(`after-${name}`);
      });
      // While the bands count, it draws the rest: the clusters' charts and the aisle and department pairs'.
      void pairCount.groupTables.then((groups) => reportThread.drawAhead([...derived.tables, ...groups]));
      derived.tables.push(...(await pairCount.result()).tables);
      // The threads' work is done: closing them now returns their memory (the pairs' lists and triangle
      // are shared with them) before the commit and the report's workbook take theirs.
      const poolClosed = pool.close();
      run.clock.lap('pairs: counted');
      run.clock.note('pairs: from the baskets to the tables, beside derive', (performance.now() - pairsStarted) / 1000);
      faultPoint('after-pairs');
      // The report is built from the derived tables alone: on its thread while the store commits and the
      // CSVs are written; its files are written after them.
      const reportBuilt = reportThread.build(derived.tables, run.config, run.options.timing === true ? run.log : undefined);
      reportBuilt.catch(() => {}); // awaited below; a failure before then (commit) must not go unhandled
      const generation = commit(run, ingested, derived);
      const exports = writeExports(run.options.outDir, { tables: derived.tables, reports: ingested.reports, perCustomer: customersFile(run, derived, input) }, () => faultPoint('mid-exports'));
      run.clock.lap('exports');
      const report = await reportBuilt;
      run.clock.lap('report: waited for the report thread');
      const reportFiles = writeReport(run.options.outDir, report, () => faultPoint('mid-report'));
      const headlines = headlineLines(report.findings);
      run.store.markExported(generation, headlines);
      run.clock.lap('report: written');
      await poolClosed;
      return resultOf(run, freshness, plan, ingested, [...exports, ...reportFiles], headlines);
    }
  } finally {
    await Promise.all([pool.close(), reportThread.close()]);
  }
}

async function ingest(run: RunContext, plan: IngestPlan, pool: WorkerPool): Promise<Ingested | Restart> {
  const { options, config, store, state } = run;
  const rebuild = plan.rebuild !== undefined;
  const reads: ReadContext = { parser: options.parser, pool, config, ...(options.minShardBytes !== undefined ? { minShardBytes: options.minShardBytes } : {}) };
  const dims: DimensionContext = { store, state, config, parser: options.parser, rebuild };
  if (readsNeedThreads(plan, pool, store)) await pool.start(); // threads boot while the main thread works
  const ordersRead = startOrders(plan, store, state.sources, reads);
  faultPoint('orders-posted');
  const products = await readProducts(plan, dims);
  run.clock.lap('products');
  const orders = await ordersRead.result();
  if ('restart' in orders) return orders;
  const layout = partialLayout(products.value);
  if (!rebuild && state.layout !== JSON.stringify(layout)) return { restart: 'the catalogue has new department or aisle ids (the partial layout changed)' };
  run.clock.lap('orders');
  faultPoint('after-orders');
  const drops = await readDropOrders(plan, orders.table, config);
  const lookups = buildSharedLookups(drops.table, products.value, layout);
  run.clock.lap('drops (orders) and lookups');
  const idsGrew = !rebuild && (plan.orders.action === 'append' || plan.products.action === 'append' || drops.reads.size > 0);
  const linesRead = startLines({ plan, store, lookups, orders: drops.table, catalogue: products.value, idsGrew }, reads);
  faultPoint('lines-posted');
  const others = await readOtherDimensions(plan, run.data, dims);
  run.clock.lap('departments, aisles, customers');
  const lines = await linesRead.result();
  run.clock.lap('order lines');
  faultPoint('after-lines');
  const dropLines = await readDropLines(plan, drops, lookups, store, config, options.parser);
  const totals = sumPartials([...lines.parts, ...dropLines.parts]);
  run.clock.lap('drops (lines) and totals');
  const stageWrites = mergeWrites({ removedSources: rebuild ? state.sources.map((s) => s.name) : plan.removed.map((s) => s.name) }, orders.writes, products.writes, lines.writes, dropLines.writes, others.writes);
  const addedIds = [...orders.addedIds, ...drops.addedIds];
  const writes = mergeWrites(stageWrites, { lookups: ordersLookupWrite(orders, drops.table, addedIds, state.sources, statesAfter(state.sources, stageWrites)) });
  return {
    orders: drops.table,
    catalogue: products.value,
    layout,
    dimensions: others,
    totals,
    baskets: [...lines.baskets, ...dropLines.baskets],
    reports: [orders.report, ...lines.reports, ...dropLines.reports, products.report, ...others.reports],
    writes,
    lineActions: lines.actions,
    linesRead: lines.linesRead + dropLines.linesRead,
    linesAccepted: lines.linesAccepted + dropLines.linesAccepted,
    bytesRead: orders.bytesRead + products.bytesRead + drops.bytesRead + lines.bytesRead + others.bytesRead,
  };
}

/**
 * True when this plan may read more than the pool runs inline (or a gzip file, always read on a
 * thread). Files that are skipped or appended to may be read whole when new ids arrive (appended orders
 * or products, drops): they count too then.
 */
function readsNeedThreads(plan: IngestPlan, pool: WorkerPool, store: Store): boolean {
  const rebuild = plan.rebuild !== undefined;
  const mayGrowIds = !rebuild && (plan.orders.action === 'append' || plan.products.action === 'append' || plan.drops.some((d) => d.action !== 'skip'));
  // A lines file is read again whole only when new ids may resolve rows it rejected as unknown (startLines).
  const mayReread = (p: SourcePlan): boolean => mayGrowIds && rejectedUnknownIds(store.rejectedByCode(p.source.name));
  const bytes = (p: SourcePlan, reread: boolean): number => (rebuild || p.action === 'read' || reread ? p.source.size : p.action === 'append' ? p.source.size - p.from!.fromByte : 0);
  const reads = [{ plan: plan.orders, bytes: bytes(plan.orders, false) }, ...plan.lines.map((p) => ({ plan: p, bytes: bytes(p, mayReread(p)) }))].filter((r) => r.bytes > 0);
  const total = reads.reduce((sum, r) => sum + r.bytes, 0);
  return pool.usesThreads(total, reads.some((r) => isGzipFile(r.plan.source.path)));
}

/** The source states the store will hold after this run's writes. */
function statesAfter(before: readonly StoredSource[], writes: StoreWrites): StoredSource[] {
  const written = new Set(writes.sources.map((w) => w.state.name));
  const removed = new Set(writes.removedSources);
  return [...before.filter((s) => !removed.has(s.name) && !written.has(s.name)), ...writes.sources.map((w) => w.state)];
}

function analysisInput(run: RunContext, ingested: Ingested): AnalysisInput {
  const { dimensions } = ingested;
  return {
    totals: ingested.totals,
    orders: ingested.orders,
    catalogue: ingested.catalogue,
    departments: dimensions.departments,
    aisles: dimensions.aisles,
    customers: dimensions.customers,
    deptSlots: ingested.layout.deptSlots,
    aisleWords: ingested.layout.aisleWords,
    reports: ingested.reports,
    config: run.config,
  };
}

function pairCountInput(input: AnalysisInput, ingested: Ingested) {
  return { baskets: ingested.baskets, productLines: input.totals.productItems, orderSlots: input.orders.slots, catalogue: pairCatalogue(input), settings: input.config };
}

/** `customers.csv`, when the run was asked for it (`--export-customers`). */
function customersFile(run: RunContext, derived: Derived, input: AnalysisInput) {
  return run.options.exportCustomers && derived.segments !== undefined ? customersExport(derived.segments, input) : undefined;
}

/** The one transaction of the run: every stage's writes, the derived tables and the run's settings. */
function commit(run: RunContext, ingested: Ingested, derived: Derived): number {
  const meta = {
    ingestKey: ingestKey(run.config),
    summaryKey: summaryKey(run.config),
    layout: JSON.stringify(ingested.layout),
    exports: [...exportFiles(derived.tables, run.options.exportCustomers === true), ...kReportFiles],
  };
  const customers = derived.segments === undefined ? undefined : storedCustomers(derived.segments);
  const generation = run.store.commit(ingested.writes, meta, { tables: derived.tables, customers }, () => faultPoint('inside-commit'));
  run.clock.lap('store commit');
  faultPoint('after-commit');
  return generation;
}

function resultOf(run: RunContext, freshness: Freshness, plan: IngestPlan, ingested: Ingested, exports: string[], headlines: string[]): RunResult {
  const rebuild = plan.rebuild;
  const planned = (p: SourcePlan): RunResult['actions'][number] => ({ name: p.source.name, action: rebuild !== undefined ? 'read' : p.action, reason: rebuild ?? p.reason });
  const lines = ingested.lineActions.map((a) => (rebuild !== undefined ? { ...a, action: 'read', reason: rebuild } : a));
  const removed = plan.removed.map((s) => ({ name: s.name, action: 'removed', reason: 'file no longer present' }));
  return {
    outcome: rebuild !== undefined ? 'full rebuild' : freshness.outcome,
    upToDate: false,
    rebuild,
    actions: [planned(plan.orders), planned(plan.products), ...lines, ...plan.drops.map(planned), ...removed],
    linesRead: ingested.linesRead,
    linesAccepted: ingested.linesAccepted,
    bytesRead: ingested.bytesRead,
    seconds: run.clock.seconds(),
    dbPath: run.dbPath,
    exports,
    headlines,
    reportPath: join(run.options.outDir, kHtmlFile),
    generated: run.generated,
  };
}
