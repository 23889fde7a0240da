/**
 * The dimensions stage: products.csv, and then departments, aisles and customers, each from the store's
 * cache when unchanged since the last run, else parsed (and cached). These small files are read on the
 * main thread while the workers read the big ones.
 */
import type { Config } from '../config/index.js';
import type { ParserName } from '../csv/index.js';
import { ingestKey, type IngestPlan, type SourcePlan } from '../freshness/index.js';
import { loadCustomers, type CustomerTable } from '../sources/customers.js';
import type { DataDir, SourceRole } from '../sources/discover.js';
import { loadAisles, loadDepartments } from '../sources/id-names.js';
import { loadProducts, type Catalogue } from '../sources/products.js';
import type { SourceReport } from '../sources/report.js';
import { catalogueCodec, customersCodec, namesCodec, type Codec } from '../store/codecs.js';
import { mergeWrites, noWrites, type Store, type StoreState, type StoreWrites } from '../store/index.js';
import { sourceWrite } from './source-state.js';

/** What the dimension readers share. */
export interface DimensionContext {
  store: Store;
  state: StoreState;
  config: Config;
  parser: ParserName;
  /** True when everything is rebuilt (no cache is used). */
  rebuild: boolean;
}

/** A dimension table with its account, the store writes reading it implies, and the bytes read. */
export interface Dimension<T> {
  value: T;
  report: SourceReport;
  writes: StoreWrites;
  bytesRead: number;
}

async function readDimension<T>(plan: SourcePlan, cacheName: string, ctx: DimensionContext, parse: () => Promise<{ value: T; report: SourceReport }>, codec: Codec<T>): Promise<Dimension<T>> {
  const key = (fingerprint: string): string => `${plan.source.name}|${fingerprint}|${ingestKey(ctx.config)}`;
  if (!ctx.rebuild && plan.action === 'skip' && plan.stored !== undefined) {
    const cached = ctx.store.lookup(cacheName, key(plan.stored.fingerprint));
    const report = ctx.store.report(plan.source.name);
    if (cached !== undefined && report !== undefined) return { value: codec.from(cached), report, writes: noWrites(), bytesRead: 0 };
  }
  const parsed = await parse();
  const write = sourceWrite(plan.source, 0, ctx.parser, parsed.report);
  const lookup = { name: cacheName, key: key(write.state.fingerprint), mode: 'replace' as const, arrays: codec.to(parsed.value) };
  return { ...parsed, writes: mergeWrites({ sources: [write], lookups: [lookup] }), bytesRead: plan.source.size };
}

export function readProducts(plan: IngestPlan, ctx: DimensionContext): Promise<Dimension<Catalogue>> {
  const source = plan.products.source;
  return readDimension(plan.products, 'products', ctx, async () => {
    const loaded = await loadProducts(source, ctx.parser, ctx.config);
    return { value: loaded.catalogue, report: loaded.report };
  }, catalogueCodec);
}

/** departments, aisles and customers: each absent when its file is. */
export interface OtherDimensions {
  departments: Map<number, string>;
  aisles: Map<number, string>;
  customers: CustomerTable | undefined;
  /** Their accounts, in data_quality order. */
  reports: SourceReport[];
  writes: StoreWrites;
  bytesRead: number;
}

export async function readOtherDimensions(plan: IngestPlan, data: DataDir, ctx: DimensionContext): Promise<OtherDimensions> {
  const planOf = (role: SourceRole): SourcePlan | undefined => plan.dimensions.find((d) => d.source.role === role);
  const names = (role: 'departments' | 'aisles', load: typeof loadAisles) => {
    const p = planOf(role);
    return p && readDimension(p, role, ctx, async () => {
      const loaded = await load(p.source, ctx.parser, ctx.config);
      return { value: loaded.names, report: loaded.report };
    }, namesCodec);
  };
  const departments = await names('departments', loadDepartments);
  const aisles = await names('aisles', loadAisles);
  const customersPlan = planOf('customers');
  const customers = customersPlan && (await readDimension(customersPlan, 'customers', ctx, async () => {
    const loaded = await loadCustomers(customersPlan.source, ctx.parser, ctx.config);
    return { value: loaded.customers, report: loaded.report };
  }, customersCodec));
  const read = [departments, aisles, customers].filter((d) => d !== undefined);
  return {
    departments: departments?.value ?? new Map(),
    aisles: aisles?.value ?? new Map(),
    customers: customers?.value,
    reports: read.map((d) => d.report),
    writes: mergeWrites(...read.map((d) => d.writes), { removedSources: goneDimensions(data, ctx.state) }),
    bytesRead: read.reduce((sum, d) => sum + d.bytesRead, 0),
  };
}

/** Stored dimension sources whose file is no longer in the data directory. */
function goneDimensions(data: DataDir, state: StoreState): string[] {
  return state.sources.filter((s) => (s.role === 'departments' || s.role === 'aisles' || s.role === 'customers') && data[s.role] === undefined).map((s) => s.name);
}
