/**
 * Consistency checks across the tables (the workbook's sheet of that name): totals that describe the
 * same thing from two tables must agree, e.g. the orders of the seven days add up to the population's
 * orders, and every input's rows read are its accepted plus its rejected rows.
 */
import type { Table } from '../summaries/table.js';
import { datasetAccounts, flowStep } from './accounts.js';
import { Tables, type TableView } from './quotes.js';

export interface Check {
  check: string;
  expected: number;
  found: number;
  holds: boolean;
}

export function consistencyChecks(all: readonly Table[]): Check[] {
  const t = new Tables(all);
  const checks: Check[] = [];
  const add = (check: string, expected: number | undefined, found: number | undefined): void => {
    if (expected !== undefined && found !== undefined) checks.push({ check, expected, found, holds: expected === found });
  };
  const quality = t.get('data_quality');
  if (quality !== undefined) {
    for (const account of datasetAccounts(quality)) {
      const rows = (r: number | undefined): number | undefined => (r === undefined ? undefined : quality.num(r, 'rows'));
      const rejected = account.rejected.reduce((sum, r) => sum + (rows(r) ?? 0), 0);
      const accepted = rows(account.accepted);
      add(`${account.dataset}: rows read = rows accepted + rows rejected`, rows(account.read), accepted === undefined ? undefined : accepted + rejected);
    }
  }
  const flow = t.get('population_flow');
  const step = (prefix: string, column: 'rows' | 'customers'): number | undefined => {
    const r = flow === undefined ? undefined : flowStep(flow, prefix);
    return r === undefined ? undefined : flow!.num(r, column);
  };
  const population = step('orders with lines', 'rows');
  const lines = step('order lines accepted', 'rows');
  add('orders_by_day: orders add up to the population (population_flow)', population, total(t.get('orders_by_day'), 'orders'));
  add('orders_by_hour: orders add up to the population', population, total(t.get('orders_by_hour'), 'orders'));
  add('orders_by_day_hour: orders add up to the population', population, total(t.get('orders_by_day_hour'), 'orders'));
  add('department_popularity: items add up to the order lines accepted', lines, total(t.get('department_popularity'), 'items'));
  add('price_ranges: items add up to the order lines accepted', lines, total(t.get('price_ranges'), 'items'));
  add('price_ranges: products add up to the products after cleaning', step('products after cleaning', 'rows'), total(t.get('price_ranges'), 'products'));
  add('segment_activity: customers add up to all customers', step('customers (users', 'customers'), total(t.get('segment_activity'), 'customers'));
  return checks;
}

/** Sum of a column; undefined when the table is missing or a cell is blank (a suppressed small cell). */
function total(view: TableView | undefined, column: string): number | undefined {
  if (view === undefined) return undefined;
  let sum = 0;
  for (const r of view.rows) {
    const v = view.num(r, column);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}
