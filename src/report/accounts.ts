/**
 * Reading the data accounts the report relies on: each input's rows in data_quality (read, accepted,
 * rejected by reason) and the steps of population_flow, found by their words. Shared by the findings
 * (warnings, the population sentences) and the consistency checks.
 */
import type { TableView } from './quotes.js';

/** One input's rows of data_quality, as row indexes of that table. */
export interface DatasetAccount {
  dataset: string;
  read: number | undefined;
  accepted: number | undefined;
  /** The `rejected: <reason>` rows. */
  rejected: number[];
}

export function datasetAccounts(quality: TableView): DatasetAccount[] {
  const datasets = [...new Set(quality.rows.map((r) => quality.text(r, 'dataset')))];
  return datasets.map((dataset) => {
    const rows = quality.rows.filter((r) => quality.text(r, 'dataset') === dataset);
    const check = (name: string): number | undefined => rows.find((r) => quality.text(r, 'check') === name);
    return { dataset, read: check('rows read'), accepted: check('rows accepted'), rejected: rows.filter((r) => quality.text(r, 'check').startsWith('rejected: ')) };
  });
}

/** The population_flow row whose step starts with `words` (steps carry explanations after them). */
export function flowStep(flow: TableView, words: string): number | undefined {
  return flow.rows.find((r) => flow.text(r, 'step').startsWith(words));
}
