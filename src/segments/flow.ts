/**
 * population_flow.csv as the course reports it: each step from the rows read to the customers in the
 * segment tables, with the rows and customers left after it. Nothing leaves the population without a
 * row here (the low-activity exclusion included, with its lines).
 */
import type { AnalysisInput, Cell, Table } from '../summaries/index.js';
import type { CustomerTable } from './customers.js';
import { kLowActivity } from './flags.js';

export function populationFlow(input: AnalysisInput, t: CustomerTable): Table {
  const { orders, reports, customers, config } = input;
  const ordersReport = reports.find((r) => r.role === 'orders');
  const productsReport = reports.find((r) => r.role === 'products');
  const lineReports = reports.filter((r) => r.role === 'lines' || r.role === 'drop');
  const seen = new Uint8Array(orders.userSlots);
  let orderUsers = 0;
  for (let id = 0; id < orders.slots; id++) {
    const user = orders.user[id]!;
    if (user !== 0 && seen[user] === 0) {
      seen[user] = 1;
      orderUsers++;
    }
  }
  let populationOrders = 0;
  let withRow = 0;
  const low = { customers: 0, lines: 0 };
  const kept = { customers: 0, lines: 0 };
  for (let c = 0; c < t.count; c++) {
    populationOrders += t.orders[c]!;
    if (customers !== undefined && t.userId[c]! < customers.slots && customers.known[t.userId[c]!] === 1) withRow++;
    const group = t.activity[c] === kLowActivity ? low : kept;
    group.customers++;
    group.lines += t.items[c]!;
  }
  const sum = (f: (r: (typeof reports)[number]) => number): number => lineReports.reduce((s, r) => s + f(r), 0);
  const rows: Cell[][] = [
    ['order rows read', ordersReport?.read ?? orders.count, null],
    ['orders accepted', orders.count, orderUsers],
    ['orders with lines: the population', populationOrders, t.count],
    ['orders without lines (not in the population, e.g. test orders)', orders.count - populationOrders, null],
    ['product rows read', productsReport?.read ?? null, null],
    ['products after cleaning (duplicates collapsed, conflicting ids kept once)', input.catalogue.count, null],
    ['order lines read', sum((r) => r.read), null],
    ['order lines accepted (known order and product)', sum((r) => r.accepted), t.count],
    ['customers (users with an order in the population)', null, t.count],
    ['customers with a customers.csv row', null, customers === undefined ? null : withRow],
    [`low-activity customers left out of segments (fewer than ${config.lowActivityBelowOrders} orders), with their lines`, low.lines, low.customers],
    ['customers in the segment tables, with their lines', kept.lines, kept.customers],
  ];
  return {
    name: 'population_flow',
    grain: 'one row per step, in order',
    columns: [
      { name: 'step', kind: 'text' },
      { name: 'rows', kind: 'int' },
      { name: 'customers', kind: 'int' },
    ],
    rows,
  };
}
