/**
 * The derive stage: every table the run exports, computed from the merged partials and the lookups by
 * the derivers in this list, in order. Each deriver is a pure function of the same input; a new stage of
 * analysis (customer segments, the report's tables, products bought together) is one more entry here.
 */
import { buildSummaries, type AnalysisInput, type Table } from '../summaries/index.js';

export type { AnalysisInput, Table } from '../summaries/index.js';

export interface Deriver {
  /** Shown by `--timing`. */
  name: string;
  derive(input: AnalysisInput): Table[];
}

export const kDerivers: readonly Deriver[] = [{ name: 'summaries', derive: buildSummaries }];

/** Every deriver's tables, in list order; `lap` is called after each (for `--timing`). */
export function derive(input: AnalysisInput, lap: (name: string) => void = () => {}): Table[] {
  const tables: Table[] = [];
  for (const deriver of kDerivers) {
    tables.push(...deriver.derive(input));
    lap(`derive: ${deriver.name}`);
  }
  return tables;
}
