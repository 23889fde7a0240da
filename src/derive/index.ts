/**
 * The derive stage: every table the run exports, computed from the merged partials and the lookups by
 * the derivers in this list, in order. Each deriver is a pure function of the same input (and of what
 * the derivers before it made); a new stage of analysis (the report's tables, products bought together)
 * is one more entry here.
 */
import { segmentsBeforeClusters, withClusters, type Segments, type SegmentsBeforeClusters } from '../segments/index.js';
import { buildSummaries, type AnalysisInput, type Table } from '../summaries/index.js';

export type { AnalysisInput, Table } from '../summaries/index.js';
export { storedCustomers } from './stored-customers.js';

/** What the derivers made: the tables to store and export, and the customer table. */
export interface Derived {
  tables: Table[];
  segments: Segments | undefined;
}

/** The derivers, in the order they run. */
export const kDeriverNames = ['summaries', 'segments', 'clusters'] as const;
export type DeriverName = (typeof kDeriverNames)[number];

/** What a deriver adds: summary tables, or the segments (which replace the earlier segments whole). */
interface DerivedPart {
  tables?: Table[];
  segments?: Segments;
}

export interface Deriver {
  /** Shown by `--timing`; names the crash tests' fault point after it (`after-<name>`). */
  name: DeriverName;
  derive(input: AnalysisInput, earlier: Readonly<Derived>): DerivedPart;
}

export const kDerivers: readonly Deriver[] = [
  { name: 'summaries', derive: (input) => ({ tables: buildSummaries(input) }) },
  // The segments come in two steps so that the report thread can draw their charts while the clusters are made.
  { name: 'segments', derive: (input) => ({ segments: segmentsBeforeClusters(input) }) },
  { name: 'clusters', derive: (input, earlier) => ({ segments: withClusters(earlier.segments as SegmentsBeforeClusters, input) }) },
];

/**
 * Every deriver's output, in list order; `done` is called after each with what is derived so far
 * (timing, fault points, the report thread drawing ahead).
 */
export function derive(input: AnalysisInput, done: (name: DeriverName, sofar: Readonly<Derived>) => void = () => {}): Derived {
  const summaries: Table[] = [];
  let derived: Derived = { tables: [], segments: undefined };
  for (const deriver of kDerivers) {
    const part = deriver.derive(input, derived);
    summaries.push(...(part.tables ?? []));
    const segments = part.segments ?? derived.segments;
    derived = { tables: [...summaries, ...(segments?.tables ?? [])], segments };
    done(deriver.name, derived);
  }
  return derived;
}
