/**
 * The derive stage: every table the run exports, computed from the merged partials and the lookups by
 * the derivers in this list, in order. Each deriver is a pure function of the same input (and of what
 * the derivers before it made); a new stage of analysis (the report's tables, products bought together)
 * is one more entry here.
 */
import { buildSegments, type Segments } from '../segments/index.js';
import { buildSummaries, type AnalysisInput, type Table } from '../summaries/index.js';

export type { AnalysisInput, Table } from '../summaries/index.js';
export { storedCustomers } from './stored-customers.js';

/** What the derivers made: the tables to store and export, and the customer table. */
export interface Derived {
  tables: Table[];
  segments: Segments | undefined;
}

/** The derivers, in the order they run. */
export const kDeriverNames = ['summaries', 'segments'] as const;
export type DeriverName = (typeof kDeriverNames)[number];

export interface Deriver {
  /** Shown by `--timing`; names the crash tests' fault point after it (`after-<name>`). */
  name: DeriverName;
  derive(input: AnalysisInput, earlier: Readonly<Derived>): Partial<Derived>;
}

export const kDerivers: readonly Deriver[] = [
  { name: 'summaries', derive: (input) => ({ tables: buildSummaries(input) }) },
  { name: 'segments', derive: (input) => ({ segments: buildSegments(input) }) },
];

/**
 * Every deriver's output, in list order; `done` is called after each with what is derived so far
 * (timing, fault points, the report thread drawing ahead).
 */
export function derive(input: AnalysisInput, done: (name: DeriverName, sofar: Readonly<Derived>) => void = () => {}): Derived {
  const derived: Derived = { tables: [], segments: undefined };
  for (const deriver of kDerivers) {
    const part = deriver.derive(input, derived);
    derived.tables.push(...(part.tables ?? []), ...(part.segments?.tables ?? []));
    if (part.segments !== undefined) derived.segments = part.segments;
    done(deriver.name, derived);
  }
  return derived;
}
