/**
 * What the summaries are computed from: the merged partial of every ingested source, the lookups,
 * and the configuration. Pure data; no I/O.
 */
import type { Config } from '../config/index.js';
import type { LinesPartial } from '../../workers/protocol.js';
import type { OrdersTable } from '../reduce/orders.js';
import type { Catalogue } from '../sources/products.js';
import type { CustomerTable } from '../sources/customers.js';
import type { SourceReport } from '../sources/report.js';

export interface AnalysisInput {
  /** All sources' partials merged. */
  totals: LinesPartial;
  orders: OrdersTable;
  catalogue: Catalogue;
  /** Department and aisle names by id (empty maps when the files are absent). */
  departments: Map<number, string>;
  aisles: Map<number, string>;
  customers: CustomerTable | undefined;
  /** Slots per user in `totals.userDeptItems` and 32-bit words per user in `totals.userAisleBits`. */
  deptSlots: number;
  aisleWords: number;
  /** Every source's account, in data_quality order. */
  reports: SourceReport[];
  config: Config;
}

/** Day names by order_dow: 0 = Saturday (course convention) or 0 = Sunday. */
export function dayNames(config: Config): string[] {
  const sundayFirst = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return config.weekStartsOn === 'sunday' ? sundayFirst : ['Saturday', ...sundayFirst.slice(0, 6)];
}

export function departmentName(input: AnalysisInput, id: number): string {
  return input.departments.get(id) ?? `department ${id}`;
}

export function aisleName(input: AnalysisInput, id: number): string {
  return input.aisles.get(id) ?? `aisle ${id}`;
}

/** `numerator / denominator`, or null (a blank cell) when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
