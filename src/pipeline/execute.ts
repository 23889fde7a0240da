/**
 * The work of a run that has some: load the dimensions (from the store's cache when unchanged), build
 * or extend the orders lookup, ingest what the plan says, merge every source's partial, derive the
 * summaries and commit the whole store update in one transaction.
 */
import type { Config } from '../config/index.js';
import type { DataDir, SourceFile } from '../sources/discover.js';
import { loadProducts, type Catalogue } from '../sources/products.js';
import { loadAisles, loadDepartments } from '../sources/id-names.js';
import { loadCustomers, type CustomerTable } from '../sources/customers.js';
import { mergeReports } from '../sources/merge-report.js';
import { RejectCode } from '../sources/reject-codes.js';
import { RejectList, type SourceReport } from '../sources/report.js';
import { kInlineBytes, type WorkerPool } from '../pool/index.js';
import { emptyLinesPartial, mergeLinesPartial } from '../reduce/lines.js';
import { emptyOrdersTable, type OrdersTable } from '../reduce/orders.js';
import type { RunUpdate, Store, StoredSource } from '../store/index.js';
import { addPackedInto, packArray, unpackArray, type StoredArray } from '../store/pack.js';
import { buildSummaries, type Table } from '../summaries/index.js';
import { kBitSetArrays, kLinesPartialArrays, type LinesPartial, type ParserName } from '../../workers/protocol.js';
import { ingestLines, ingestOrders } from './ingest.js';
import { addDropLines, addDropOrders } from './ingest-drops.js';
import { faultPoint } from './fault.js';
import { buildSharedLookups, ordersDeltaCount, ordersDeltaToArrays, ordersFromArrays, ordersToArrays, partialLayout } from './lookups.js';
import { catalogueFromArrays, catalogueToArrays, customersFromArrays, customersToArrays, namesFromArrays, namesToArrays } from './dimension-cache.js';
import { ingestKey, type IngestPlan, type SourcePlan } from './plan.js';
import { endsWithRowEnd, fingerprintPrefix } from './fingerprint.js';
import type { RunOptions } from './run.js';

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

/** A partial packed for the store (a copy: the arrays may be added into afterwards). */
function packPartial(partial: LinesPartial): Record<string, Buffer> {
  return Object.fromEntries(kLinesPartialArrays.map((name) => [name, packArray(partial[name])]));
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

export interface RunContext {
  options: RunOptions;
  config: Config;
  data: DataDir & { orders: SourceFile; products: SourceFile };
  store: Store;
  stored: StoredSource[];
  plan: IngestPlan;
  pool: WorkerPool;
  summaryKey: string;
}

export interface Executed {
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
export async function execute(ctx: RunContext): Promise<Executed | { restart: string }> {
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

  // Orders: the cached lookup (orders.csv + drops ingested before), extended by appended rows, or read
  // whole. The workers get their tasks first; the main thread reads products.csv while they run.
  const ordersPlan = plan.orders;
  const cached = rebuild || ordersPlan.action === 'read' ? undefined : store.lookup('orders', ordersCacheKey(stored));
  // Ids of orders added to a cached lookup in this run (appended rows, drops): stored as a segment of it.
  const addedOrderIds: number[] = [];
  const readOrders = async (): Promise<{ orders: OrdersTable; ordersReport: SourceReport } | { restart: string }> => {
    if (cached !== undefined) {
      let orders = ordersFromArrays(cached);
      let ordersReport = store.report(ordersPlan.source.name)!;
      if (ordersPlan.action === 'append') {
        const read = await ingestOrders(ordersPlan.source, options.parser, pool, config, orders, ordersPlan.from, options.minShardBytes, addedOrderIds);
        if (stored.some((s) => s.role === 'drop') && read.report.rejectedByCode[RejectCode.DUPLICATE_ORDER]! > 0) {
          return { restart: 'appended orders repeat order ids that may come from a drop (a fresh run would keep the orders.csv row)' };
        }
        orders = read.table;
        ordersReport = mergeReports(ordersReport, read.report, config.maxRejectDetails);
        bytesRead += ordersPlan.source.size - ordersPlan.from!.fromByte;
        written(ordersPlan.source, read.rows, ordersReport, 'append', read.report.rejects);
      }
      return { orders, ordersReport };
    }
    if (!rebuild && ordersPlan.action !== 'read') return { restart: 'the cached orders lookup is missing' };
    const read = await ingestOrders(ordersPlan.source, options.parser, pool, config, emptyOrdersTable(), undefined, options.minShardBytes);
    bytesRead += ordersPlan.source.size;
    written(ordersPlan.source, read.rows, read.report, 'replace');
    return { orders: read.table, ordersReport: read.report };
  };
  // Threads boot while the main thread works; reads small enough to run inline never start them.
  const bytesToRead = plan.lines.reduce((sum, l) => sum + (rebuild || l.action === 'read' ? l.source.size : l.action === 'append' ? l.source.size - l.from!.fromByte : 0), 0);
  if (bytesToRead > (options.inlineBytes ?? kInlineBytes)) await pool.start();
  const ordersWork = readOrders();
  ordersWork.catch(() => {}); // a failure is rethrown where it is awaited; never unhandled meanwhile
  await new Promise((resolve) => setImmediate(resolve)); // let the order tasks be posted before parsing products
  const products = await dimension(plan.products, 'products', async () => {
    const loaded = await loadProducts(data.products, options.parser, config);
    return { value: loaded.catalogue, report: loaded.report };
  }, { to: catalogueToArrays, from: catalogueFromArrays });
  const catalogue = products.value;
  const productsReport = products.report;
  const layout = partialLayout(catalogue);
  phase('products');
  const ordersDone = await ordersWork;
  if ('restart' in ordersDone) return ordersDone;
  let { orders } = ordersDone;
  const { ordersReport } = ordersDone;
  if (!rebuild && store.meta('layout') !== JSON.stringify(layout)) return { restart: 'the catalogue has new department or aisle ids (the partial layout changed)' };
  phase('orders');
  faultPoint('after-orders');

  // New drops, pass 1: their orders join the lookup before any line is counted.
  const dropOrders = new Map<string, Awaited<ReturnType<typeof addDropOrders>>>();
  for (const dropPlan of plan.drops) {
    if (!rebuild && dropPlan.action === 'skip') continue;
    const added = await addDropOrders(dropPlan.source, orders, config, addedOrderIds);
    orders = added.table;
    dropOrders.set(dropPlan.source.name, added);
    bytesRead += dropPlan.source.size;
  }
  const lookups = buildSharedLookups(orders, catalogue, layout);
  phase('drops (orders) and lookups');

  // Order lines: per file, skip, read the appended bytes, or read it all. Every partial that goes to the
  // store is packed before it joins the totals, so the totals can take over (and add into) its arrays.
  const lineReports: SourceReport[] = [];
  let sum: LinesPartial | undefined;
  const addToTotals = (partial: LinesPartial): void => {
    sum = sum === undefined ? partial : mergeLinesPartial(sum, partial);
  };
  /** Add a stored (packed) partial: the first one is unpacked to become the sum, the others are added run by run. */
  const addPackedToTotals = (packed: Record<string, Buffer>): void => {
    if (sum === undefined) {
      sum = partialFromArrays(Object.fromEntries(Object.entries(packed).map(([name, blob]) => [name, unpackArray(blob)])));
      return;
    }
    const total = sum as unknown as Record<string, StoredArray>;
    for (const name of kLinesPartialArrays) if (packed[name] !== undefined) total[name] = addPackedInto(total[name]!, packed[name]!, kBitSetArrays.has(name));
  };
  const storedSegments = (source: string): Record<string, Buffer>[] => store.partialSegmentBlobs(source);
  /** Appends add segments; past this many, a source's segments are merged into one again. */
  const kMaxSegments = 8;
  let linesRead = 0;
  let linesAccepted = 0;
  const idsGrew = !rebuild && (ordersPlan.action === 'append' || plan.products.action === 'append' || dropOrders.size > 0);
  // Every read is started (its tasks posted to the workers) before the main thread reads the other
  // dimension files; the results are then taken in plan order.
  const lineWork = plan.lines.map((linePlan) => {
    let action = rebuild ? 'read' : linePlan.action;
    const storedReport = action !== 'read' ? store.report(linePlan.source.name) : undefined;
    if (storedReport !== undefined && idsGrew && unknownIdsResolved(storedReport, orders, catalogue)) {
      action = 'read';
      linePlan.reason = 'rows rejected as unknown order or product may now be known';
    }
    linePlan.action = action as SourcePlan['action'];
    const from = action === 'append' ? linePlan.from : undefined;
    const reading = action === 'skip' ? undefined : ingestLines(linePlan.source, options.parser, pool, config, lookups, from, options.minShardBytes);
    reading?.catch(() => {}); // rethrown where it is awaited
    return { linePlan, action, storedReport, from, reading };
  });
  await new Promise((resolve) => setImmediate(resolve)); // let the line tasks be posted
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
  for (const { linePlan, action, storedReport, from, reading } of lineWork) {
    if (reading === undefined) {
      for (const segment of storedSegments(linePlan.source.name)) addPackedToTotals(segment);
      lineReports.push(storedReport!);
      continue;
    }
    const read = await reading;
    bytesRead += linePlan.source.size - (from?.fromByte ?? 0);
    linesRead += read.report.read;
    linesAccepted += read.report.accepted;
    let report = read.report;
    if (action === 'append') {
      report = mergeReports(storedReport!, read.report, config.maxRejectDetails);
      const segments = storedSegments(linePlan.source.name);
      if (segments.length + 1 > kMaxSegments) {
        const merged = segments.map((blobs) => partialFromArrays(Object.fromEntries(Object.entries(blobs).map(([name, blob]) => [name, unpackArray(blob)])))).reduce((a, b) => mergeLinesPartial(a, b), read.partial);
        update.partials.push({ source: linePlan.source.name, mode: 'replace', packed: packPartial(merged) });
        addToTotals(merged);
      } else {
        const delta = packPartial(read.partial);
        update.partials.push({ source: linePlan.source.name, mode: 'append', packed: delta });
        for (const segment of [...segments, delta]) addPackedToTotals(segment);
      }
    } else {
      update.partials.push({ source: linePlan.source.name, mode: 'replace', packed: packPartial(read.partial) });
      addToTotals(read.partial);
    }
    lineReports.push(report);
    written(linePlan.source, read.rows, report, action === 'append' ? 'append' : 'replace', read.report.rejects);
  }

  phase('order lines');
  faultPoint('after-lines');

  // Drops, pass 2: their lines.
  for (const dropPlan of plan.drops) {
    const added = dropOrders.get(dropPlan.source.name);
    if (added === undefined) {
      for (const segment of storedSegments(dropPlan.source.name)) addPackedToTotals(segment);
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
    update.partials.push({ source: dropPlan.source.name, mode: 'replace', packed: packPartial(lines.partial) });
    addToTotals(lines.partial);
    lineReports.push(report);
    written(dropPlan.source, added.orders, report, 'replace');
  }
  const totals = sum ?? emptyLinesPartial();

  // The orders lookup: written whole after a full read; after appends and drops, only the new orders
  // as one more segment, until segments hold more than 5% of the orders (then whole again).
  const finalStates = [...stored.filter((s) => !update.removedSources.includes(s.name) && !update.sources.some((u) => u.state.name === s.name)), ...update.sources.map((u) => u.state)];
  const ordersKey = ordersCacheKey(finalStates);
  if (cached === undefined) {
    update.lookups.push({ name: 'orders', key: ordersKey, arrays: ordersToArrays(orders) });
  } else if (addedOrderIds.length > 0 || ordersKey !== ordersCacheKey(stored)) {
    const deltas = ordersDeltaCount(cached);
    let inDeltas = addedOrderIds.length;
    for (let k = 0; k < deltas; k++) inDeltas += cached[`d${k}.orderId`]!.length;
    if (inDeltas > orders.count * 0.05 || deltas + 1 > kMaxSegments) update.lookups.push({ name: 'orders', key: ordersKey, arrays: ordersToArrays(orders) });
    else update.lookups.push({ name: 'orders', key: ordersKey, mode: 'append', arrays: ordersDeltaToArrays(orders, addedOrderIds, deltas) });
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

