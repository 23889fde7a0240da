/**
 * Q1 (busiest days and hours) and Q2 (when people spend most): orders, items and revenue per day, per
 * hour and per day x hour. `orders` counts population orders (at least one accepted line); items and
 * revenue come from the day x hour partials; averages are ratios of totals.
 */
import { kDowHourCells } from '../../workers/protocol.js';
import { dayLabel, hourLabel, twoDayLabel, type Ranked } from './busiest.js';
import { dayNames, ratio, type AnalysisInput } from './input.js';
import type { Population } from './population.js';
import type { Cell, Column, Table } from './table.js';

/** Per day x hour cell totals: orders, items, known-price items, revenue (cents). */
export interface TimeCells {
  orders: Float64Array;
  items: Float64Array;
  knownItems: Float64Array;
  revenueCents: Float64Array;
}

export function timeCells(input: AnalysisInput, population: Population): TimeCells {
  const t = input.totals;
  return { orders: population.ordersByCell, items: t.dowHourItems, knownItems: t.dowHourKnownItems, revenueCents: t.dowHourRevenueCents };
}

interface Group {
  key: number;
  orders: number;
  items: number;
  knownItems: number;
  revenueCents: number;
}

function groupCells(cells: TimeCells, keyOf: (cell: number) => number, keys: number): Group[] {
  const groups = Array.from({ length: keys }, (_, key) => ({ key, orders: 0, items: 0, knownItems: 0, revenueCents: 0 }));
  for (let cell = 0; cell < kDowHourCells; cell++) {
    const g = groups[keyOf(cell)]!;
    g.orders += cells.orders[cell]!;
    g.items += cells.items[cell]!;
    g.knownItems += cells.knownItems[cell]!;
    g.revenueCents += cells.revenueCents[cell]!;
  }
  return groups.filter((g) => g.items > 0);
}

/** revenue, avg_item_price, avg_order_value: numbers, or `no prices` when products.csv has none. */
function money(input: AnalysisInput, g: Group): Cell[] {
  if (!input.catalogue.hasPrices) return ['no prices', 'no prices', 'no prices'];
  const revenue = g.revenueCents / 100;
  return [revenue, ratio(revenue, g.knownItems), ratio(revenue, g.orders)];
}

const moneyColumns: Column[] = [
  { name: 'revenue', kind: 'money' },
  { name: 'avg_item_price', kind: 'decimal' },
  { name: 'avg_order_value', kind: 'decimal' },
];

export function ordersByDay(input: AnalysisInput, cells: TimeCells): Table {
  const groups = groupCells(cells, (cell) => Math.floor(cell / 24), 7);
  const totalOrders = groups.reduce((sum, g) => sum + g.orders, 0);
  const names = dayNames(input.config);
  const ranked: Ranked[] = groups;
  return {
    name: 'orders_by_day',
    grain: 'one row per day_of_week with items',
    columns: [
      { name: 'day_of_week', kind: 'int' },
      { name: 'day_name', kind: 'text' },
      { name: 'orders', kind: 'int' },
      { name: 'items', kind: 'int' },
      ...moneyColumns,
      { name: 'share_of_orders', kind: 'share' },
      { name: 'busiest_day', kind: 'text' },
      { name: 'busiest_days', kind: 'text' },
    ],
    rows: groups.map((g) => [g.key, names[g.key]!, g.orders, g.items, ...money(input, g), ratio(g.orders, totalOrders), dayLabel(ranked, g.key), twoDayLabel(ranked, g.key)]),
  };
}

export function ordersByHour(input: AnalysisInput, cells: TimeCells): Table {
  const groups = groupCells(cells, (cell) => cell % 24, 24);
  const totalOrders = groups.reduce((sum, g) => sum + g.orders, 0);
  return {
    name: 'orders_by_hour',
    grain: 'one row per hour of day with items',
    columns: [
      { name: 'hour', kind: 'int' },
      { name: 'orders', kind: 'int' },
      { name: 'items', kind: 'int' },
      ...moneyColumns,
      { name: 'share_of_orders', kind: 'share' },
      { name: 'busiest_period_of_day', kind: 'text' },
    ],
    rows: groups.map((g) => [g.key, g.orders, g.items, ...money(input, g), ratio(g.orders, totalOrders), hourLabel(groups, g.key, input.config.busiestHours)]),
  };
}

export function ordersByDayHour(input: AnalysisInput, cells: TimeCells): Table {
  const groups = groupCells(cells, (cell) => cell, kDowHourCells);
  const names = dayNames(input.config);
  return {
    name: 'orders_by_day_hour',
    grain: 'one row per day_of_week x hour with items',
    columns: [
      { name: 'day_of_week', kind: 'int' },
      { name: 'day_name', kind: 'text' },
      { name: 'hour', kind: 'int' },
      { name: 'orders', kind: 'int' },
      { name: 'items', kind: 'int' },
      { name: 'revenue', kind: 'money' },
    ],
    rows: groups.map((g) => {
      const day = Math.floor(g.key / 24);
      return [day, names[day]!, g.key % 24, g.orders, g.items, input.catalogue.hasPrices ? g.revenueCents / 100 : 'no prices'];
    }),
  };
}
