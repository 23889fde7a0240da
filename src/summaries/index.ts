/**
 * The summary stage: every Q1-Q4 table and the data accounts, from the merged partials. Pure: the
 * same input gives the same tables, which is what makes reruns byte-identical.
 */
import { ordersByDay, ordersByDayHour, ordersByHour, timeCells } from './orders-by-time.js';
import { aislePopularity, departmentPopularity, priceRanges, topProducts } from './products.js';
import { dataQuality } from './quality.js';
import type { AnalysisInput } from './input.js';
import { scanPopulation } from './population.js';
import type { Table } from './table.js';

export type { AnalysisInput } from './input.js';
export type { Cell, Column, ColumnKind, Table } from './table.js';

export function buildSummaries(input: AnalysisInput): Table[] {
  const population = scanPopulation(input);
  const cells = timeCells(input, population);
  return [
    ordersByDay(input, cells),
    ordersByHour(input, cells),
    ordersByDayHour(input, cells),
    priceRanges(input),
    departmentPopularity(input),
    aislePopularity(input),
    topProducts(input),
    dataQuality(input),
  ];
}
