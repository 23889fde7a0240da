/**
 * The order-lines stage: per file, skip it (its stored partial counts), read its appended bytes (one more
 * stored segment), or read it all (replacing what is stored). A skipped or appended file whose earlier
 * rows were rejected as unknown orders or products is read again whole when ids have arrived since,
 * so that it counts exactly what a fresh run would. Every read's tasks are posted when `startLines`
 * returns: the main thread reads the other dimension files meanwhile.
 */
import type { IngestPlan, SourcePlan } from '../freshness/index.js';
import { mergeLinesPartial } from '../reduce/lines.js';
import type { OrdersTable } from '../reduce/orders.js';
import type { PartialPart } from '../reduce/totals.js';
import { RejectCode } from '../rejects/index.js';
import type { Catalogue } from '../sources/products.js';
import { mergeReports, type SourceReport } from '../sources/report.js';
import { mergeWrites, PackedPartial, packPartial, type PartialWrite, type Store, type StoreWrites } from '../store/index.js';
import type { Baskets, SharedLookups } from '../../workers/protocol.js';
import { kMaxSegments } from './orders.js';
import { sourceWrite } from './source-state.js';
import { postLinesRead, type LinesRangeRead, type Pending, type ReadContext } from './tasks.js';

/** What the stage did with one order-lines file, and why (for the run summary). */
export interface LineAction {
  name: string;
  action: SourcePlan['action'];
  reason: string;
}

export interface LinesStage {
  /** Each file's contribution to the totals, in plan order. */
  parts: PartialPart[];
  /** Each file's baskets (stored and read now), in plan order. */
  baskets: Baskets[];
  /** Each file's account, in plan order. */
  reports: SourceReport[];
  actions: LineAction[];
  writes: StoreWrites;
  linesRead: number;
  linesAccepted: number;
  bytesRead: number;
}

/** One file's decision: what to do, and the read posted for it. */
interface LineRead {
  plan: SourcePlan;
  action: LineAction;
  storedReport: SourceReport | undefined;
  reading: Pending<LinesRangeRead> | undefined;
}

/** True when rows were rejected as unknown order or product (counts by code): a run that brings new ids may read their file again. */
export function rejectedUnknownIds(byCode: ArrayLike<number>): boolean {
  return byCode[RejectCode.UNKNOWN_ORDER]! + byCode[RejectCode.UNKNOWN_PRODUCT]! > 0;
}

/** True when ids that `report` rejected as unknown may be known now (or it cannot tell). */
function unknownIdsResolved(report: SourceReport, orders: OrdersTable, catalogue: Catalogue): boolean {
  const rejects = report.rejects;
  if (!rejectedUnknownIds(rejects.byCode)) return false;
  if (rejects.notKept > 0) return true; // cannot tell: reread to be exact
  for (let i = 0; i < rejects.length; i++) {
    const code = rejects.code(i);
    const id = Number(rejects.value(i));
    if (code === RejectCode.UNKNOWN_ORDER && id < orders.slots && orders.user[id] !== 0) return true;
    if (code === RejectCode.UNKNOWN_PRODUCT && id < catalogue.slots && catalogue.known[id] === 1) return true;
  }
  return false;
}

export interface LinesInput {
  plan: IngestPlan;
  store: Store;
  lookups: SharedLookups;
  orders: OrdersTable;
  catalogue: Catalogue;
  /** New orders or products arrived in this run (appended rows, drops). */
  idsGrew: boolean;
}

export function startLines(input: LinesInput, ctx: ReadContext): Pending<LinesStage> {
  const rebuild = input.plan.rebuild !== undefined;
  const reads: LineRead[] = input.plan.lines.map((plan) => {
    let action: LineAction = { name: plan.source.name, action: rebuild ? 'read' : plan.action, reason: plan.reason };
    const storedReport = action.action !== 'read' ? input.store.report(plan.source.name) : undefined;
    if (storedReport !== undefined && input.idsGrew && unknownIdsResolved(storedReport, input.orders, input.catalogue)) {
      action = { ...action, action: 'read', reason: 'rows rejected as unknown order or product may now be known' };
    }
    const from = action.action === 'append' ? plan.from : undefined;
    const reading = action.action === 'skip' ? undefined : postLinesRead(plan.source, ctx, input.lookups, from);
    return { plan, action, storedReport, reading };
  });
  return { result: () => gatherLines(reads, input.store, ctx) };
}

async function gatherLines(reads: readonly LineRead[], store: Store, ctx: ReadContext): Promise<LinesStage> {
  const stage: LinesStage = { parts: [], baskets: [], reports: [], actions: [], writes: mergeWrites(), linesRead: 0, linesAccepted: 0, bytesRead: 0 };
  for (const { plan, action, storedReport, reading } of reads) {
    stage.actions.push(action);
    if (reading === undefined) {
      stage.parts.push(...store.partialSegments(plan.source.name).map((packed) => ({ packed })));
      stage.baskets.push(...store.basketSegments(plan.source.name));
      stage.reports.push(storedReport!);
      continue;
    }
    const read = await reading.result();
    stage.bytesRead += plan.source.size - (action.action === 'append' ? plan.from!.fromByte : 0);
    stage.linesRead += read.report.read;
    stage.linesAccepted += read.report.accepted;
    const stored = action.action === 'append' ? { segments: store.partialSegments(plan.source.name), baskets: store.basketSegments(plan.source.name) } : undefined;
    const appended = stored === undefined ? undefined : appendRead(read, storedReport!, stored.segments, stored.baskets);
    const report = appended?.report ?? read.report;
    stage.parts.push(...(appended?.parts ?? [{ fresh: read.partial }]));
    stage.baskets.push(...(stored?.baskets ?? []), ...read.baskets);
    stage.reports.push(report);
    stage.writes = mergeWrites(stage.writes, {
      partials: [appended?.partial ?? { source: plan.source.name, mode: 'replace', packed: packPartial(read.partial), baskets: read.baskets }],
      sources: [sourceWrite(plan.source, read.rows, ctx.parser, report, appended === undefined ? 0 : storedReport!.rejects.length)],
    });
  }
  return stage;
}

/**
 * An appended range: its partial joins the stored segments as one more (packed before it joins the
 * totals, which may add into its arrays); past `kMaxSegments` they are merged into one again.
 */
function appendRead(read: LinesRangeRead, storedReport: SourceReport, segments: PackedPartial[], storedBaskets: Baskets[]): { report: SourceReport; partial: PartialWrite; parts: PartialPart[] } {
  const report = mergeReports(storedReport, read.report);
  const source = read.report.name;
  if (segments.length + 1 > kMaxSegments) {
    const merged = segments.map((segment) => segment.unpack()).reduce((a, b) => mergeLinesPartial(a, b), read.partial);
    return { report, partial: { source, mode: 'replace', packed: packPartial(merged), baskets: [...storedBaskets, ...read.baskets] }, parts: [{ fresh: merged }] };
  }
  const delta = packPartial(read.partial);
  const parts: PartialPart[] = [...segments, new PackedPartial(delta)].map((packed) => ({ packed }));
  return { report, partial: { source, mode: 'append', packed: delta, baskets: read.baskets }, parts };
}
