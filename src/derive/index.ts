/**
 * The derive stage: every table the run exports, computed from the merged partials and the lookups by
 * the derivers in this list, in order. Each deriver is a pure function of the same input; a new stage of
 * analysis (customer segments, the report's tables, products bought together) is one more entry here.
 */
import { buildSummaries, type AnalysisInput, type Table } from '../summaries/index.js';

export type { AnalysisInput, Table } from '../summaries/index.js';

/** The derivers, in the order they run. */
export const kDeriverNames = ['summaries'] as const;
export type DeriverName = (typeof kDeriverNames)[number];

export interface Deriver {
  /** Shown by `--timing`; names the crash tests' fault point after it (`after-<name>`). */
  name: DeriverName;
  derive(input: AnalysisInput): Table[];
}

export const kDerivers: readonly Deriver[] = [{ name: 'summaries', derive: buildSummaries }];

/** Every deriver's tables, in list order; `done` is called after each (timing, fault points). */
export function derive(input: AnalysisInput, done: (name: DeriverName) => void = () => {}): Table[] {
  const tables: Table[] = [];
  for (const deriver of kDerivers) {
    tables.push(...deriver.derive(input));
    done(deriver.name);
  }
  return tables;
}
