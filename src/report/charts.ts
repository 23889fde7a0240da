/**
 * The charts, each one Vega-Lite spec built from the tables (data inline), with the question it answers
 * and a text alternative written from the same rows. One theme for all: text and axes in `currentColor`
 * (the page's text colour, so charts follow light and dark mode; the PNG renderer swaps in dark grey),
 * one colour per measure across charts (orders blue, money orange), and sizes that stay legible when a
 * phone scales them down (most charts are under 480 px wide, long lists run down, not across).
 */
import type { Table } from '../summaries/table.js';
import { hourText, money, percent, fixed } from './format.js';
import { Tables, type TableView } from './quotes.js';

/** One chart of the report. */
export interface Chart {
  /** Stable id: anchor in report.html, file name in the workbook. */
  id: string;
  title: string;
  /** The question the chart answers (the workbook's Visualisations sheet). */
  question: string;
  /** What the chart shows, in words (the SVG's title and description, for screen readers). */
  alt: string;
  /** The Vega-Lite spec. */
  spec: Record<string, unknown>;
}

/** The font stack of every chart: Inter (shipped, used for PNG and text widths), then system fonts. */
export const kChartFont = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** One colour per measure or role, used alike in every chart. */
export const kColours = {
  orders: '#4c78a8',
  ordersLight: '#a8c4e0',
  money: '#e8891a',
  quiet: '#e8891a',
  price: '#2a9d8f',
  neutral: '#8a94a3',
} as const;

const kTheme = {
  font: kChartFont,
  background: null,
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: 'currentColor',
    titleColor: 'currentColor',
    domainColor: 'currentColor',
    tickColor: 'currentColor',
    gridColor: 'currentColor',
    gridOpacity: 0.14,
    domainOpacity: 0.5,
    tickOpacity: 0.5,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelLimit: 240,
    titlePadding: 8,
  },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, labelLimit: 260, orient: 'top', direction: 'horizontal' },
  header: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 12, labelFontWeight: 600, titleFontSize: 12 },
  title: { color: 'currentColor', subtitleColor: 'currentColor', fontSize: 15, fontWeight: 700, subtitleFontSize: 12, anchor: 'start', offset: 10, subtitlePadding: 4 },
  text: { fill: 'currentColor', fontSize: 11 },
  bar: { discreteBandSize: { band: 0.8 } },
  range: { category: [kColours.orders, kColours.money, kColours.price, '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#bab0ac'] },
} as const;

/** Axis labels in SI units (`20k`, `1.5M`), and a plain `0`. */
const kAxisSI = { labelExpr: "datum.value === 0 ? '0' : format(datum.value, '~s')" } as const;

/** Every chart the tables allow, in report order (a chart whose table is missing or empty is left out). */
export function buildCharts(all: readonly Table[]): Chart[] {
  const t = new Tables(all);
  const makers = [ordersByDay, ordersByHour, dayHour, spendByHour, priceRangeShares, departments, loyalty, segmentOrderValue, regionSpending, ageIncome, profileDepartment, clusterSizes, clusterProfiles, pairsByOrders, pairsByLift, aisleAffinity, populationFlow];
  return makers.map((make) => make(t)).filter((c): c is Chart => c !== undefined);
}

function chart(id: string, title: string, question: string, alt: string, spec: Record<string, unknown>, subtitle?: string): Chart {
  return {
    id,
    title,
    question,
    alt,
    spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: alt, title: subtitle === undefined ? title : { text: title, subtitle }, config: kTheme, ...spec },
  };
}

/** The rows of a table as records of the named columns (blank cells stay null). */
function records(view: TableView, columns: readonly string[], rows: readonly number[] = view.rows): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, view.cell(r, c)])));
}

/** `a: 1, b: 2` for alt texts. */
function pairs(items: readonly [string, string][]): string {
  return items.map(([k, v]) => `${k} ${v}`).join(', ');
}

const count = (v: number | undefined): string => (v === undefined ? 'blank' : fixed(v, 0));

function ordersByDay(t: Tables): Chart | undefined {
  const days = t.get('orders_by_day');
  if (days === undefined) return undefined;
  const alt = `Bar chart of orders by day of week: ${pairs(days.rows.map((r) => [days.text(r, 'day_name'), count(days.num(r, 'orders'))]))}.`;
  return chart('orders-by-day', 'Orders by day of week', 'Which days are busiest, and which are quietest?', alt, {
    width: 400,
    height: 220,
    data: { values: records(days, ['day_name', 'orders', 'share_of_orders', 'busiest_day']) },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      x: { field: 'day_name', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0, labelExpr: 'slice(datum.value, 0, 3)' } },
      y: { field: 'orders', type: 'quantitative', title: 'Orders', axis: kAxisSI },
      color: { field: 'busiest_day', type: 'nominal', title: null, scale: { domain: ['Busiest day', 'Regularly busy', 'Least busy'], range: [kColours.orders, kColours.ordersLight, kColours.quiet] } },
    },
  });
}

function ordersByHour(t: Tables): Chart | undefined {
  const hours = t.get('orders_by_hour');
  if (hours === undefined) return undefined;
  const alt = `Bar chart of orders by hour of day: ${pairs(hours.rows.map((r) => [hourText(hours.num(r, 'hour')!), count(hours.num(r, 'orders'))]))}.`;
  return chart('orders-by-hour', 'Orders by hour of day', 'At which hours do most and fewest orders arrive?', alt, {
    width: 440,
    height: 220,
    data: { values: records(hours, ['hour', 'orders', 'busiest_period_of_day']) },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'Hour of day', axis: { labelAngle: 0, labelExpr: 'datum.value % 3 === 0 ? datum.value : ""' } },
      y: { field: 'orders', type: 'quantitative', title: 'Orders', axis: kAxisSI },
      color: { field: 'busiest_period_of_day', type: 'nominal', title: null, scale: { domain: ['Most orders', 'Average orders', 'Fewest orders'], range: [kColours.orders, kColours.ordersLight, kColours.quiet] } },
    },
  });
}

function dayHour(t: Tables): Chart | undefined {
  const cells = t.get('orders_by_day_hour');
  const days = t.get('orders_by_day');
  if (cells === undefined || days === undefined) return undefined;
  const top = cells.top('orders')!;
  const alt = `Heat map of orders by day of week (columns) and hour of day (rows); darker is more orders. The busiest cell is ${cells.text(top, 'day_name')} at ${hourText(cells.num(top, 'hour')!)} with ${count(cells.num(top, 'orders'))} orders.`;
  return chart(
    'day-hour',
    'Orders by day and hour',
    'When in the week do orders cluster, and which slots are quiet?',
    alt,
    {
      width: 7 * 44,
      height: 24 * 17,
      data: { values: records(cells, ['day_name', 'hour', 'orders']) },
      mark: { type: 'rect', stroke: null },
      encoding: {
        x: { field: 'day_name', type: 'nominal', sort: days.rows.map((r) => days.text(r, 'day_name')), title: null, axis: { orient: 'top', labelAngle: 0, labelExpr: 'slice(datum.value, 0, 3)', domain: false, ticks: false } },
        y: { field: 'hour', type: 'ordinal', title: 'Hour of day', axis: { labelExpr: "(datum.value < 10 ? '0' : '') + datum.value + ':00'", domain: false, ticks: false } },
        color: { field: 'orders', type: 'quantitative', title: 'Orders', scale: { scheme: 'blues' }, legend: { labelExpr: kAxisSI.labelExpr, orient: 'bottom', gradientLength: 240 } },
      },
    },
    'Darker cells: more orders',
  );
}

function spendByHour(t: Tables): Chart | undefined {
  const hours = t.get('orders_by_hour');
  if (hours === undefined || hours.withNumber('avg_order_value').length === 0) return undefined;
  const high = hours.top('avg_order_value');
  const alt = `Line charts by hour of day of the average order value (from ${money(hours.num(hours.top('avg_order_value', undefined, true)!, 'avg_order_value')!)} to ${money(hours.num(high!, 'avg_order_value')!)}) and the average item price.`;
  const panel = (field: string, title: string, colour: string): Record<string, unknown> => ({
    width: 440,
    height: 130,
    mark: { type: 'line', point: { size: 30, filled: true, color: colour }, color: colour, strokeWidth: 2 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'Hour of day', axis: { labelAngle: 0, labelExpr: 'datum.value % 3 === 0 ? datum.value : ""' } },
      y: { field, type: 'quantitative', title, scale: { zero: false }, axis: { format: '$.2f', tickCount: 4 } },
    },
  });
  return chart('spend-by-hour', 'Spend by hour of day', 'At what times is spend per order highest?', alt, {
    data: { values: records(hours, ['hour', 'avg_order_value', 'avg_item_price']) },
    vconcat: [panel('avg_order_value', 'Average order value', kColours.money), panel('avg_item_price', 'Average item price', kColours.price)],
    spacing: 16,
  });
}

function priceRangeShares(t: Tables): Chart | undefined {
  const ranges = t.get('price_ranges');
  if (ranges === undefined || ranges.withNumber('share_of_revenue').length === 0) return undefined;
  const values = ranges.rows.flatMap((r) => [
    { price_range: ranges.text(r, 'price_range'), measure: 'Share of items', share: ranges.num(r, 'share_of_items') },
    { price_range: ranges.text(r, 'price_range'), measure: 'Share of revenue', share: ranges.num(r, 'share_of_revenue') },
  ]);
  const alt = `Bar chart comparing each price range's share of items with its share of revenue: ${ranges.rows.map((r) => `${ranges.text(r, 'price_range')} ${percent(ranges.num(r, 'share_of_items') ?? 0)} of items, ${percent(ranges.num(r, 'share_of_revenue') ?? 0)} of revenue`).join('; ')}.`;
  return chart('price-ranges', 'Price ranges: items vs revenue', 'How do price ranges split items sold and revenue?', alt, {
    width: 360,
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'price_range', type: 'nominal', sort: null, title: null },
      yOffset: { field: 'measure', type: 'nominal', sort: null },
      x: { field: 'share', type: 'quantitative', title: 'Share', axis: { format: '.0%' } },
      color: { field: 'measure', type: 'nominal', title: null, scale: { range: [kColours.orders, kColours.money] } },
    },
    height: { step: 22 },
  });
}

function departments(t: Tables): Chart | undefined {
  const depts = t.get('department_popularity');
  if (depts === undefined) return undefined;
  const order = depts.sortedBy('items').map((r) => depts.text(r, 'department'));
  const alt = `Bar charts of each department's share of items sold and its reorder rate, largest first: ${depts
    .sortedBy('items')
    .map((r) => `${depts.text(r, 'department')} ${percent(depts.num(r, 'share_of_items') ?? 0)} of items, reordered ${percent(depts.num(r, 'reorder_rate') ?? 0)}`)
    .join('; ')}.`;
  const y = { field: 'department', type: 'nominal', sort: order, title: null };
  return chart('departments', 'Departments: items sold and reorder rate', 'Which departments sell most, and whose items are reordered?', alt, {
    data: { values: records(depts, ['department', 'share_of_items', 'reorder_rate']) },
    hconcat: [
      { width: 190, height: { step: 16 }, mark: { type: 'bar', color: kColours.orders, cornerRadiusEnd: 2 }, encoding: { y, x: { field: 'share_of_items', type: 'quantitative', title: 'Share of items', axis: { format: '.0%', tickCount: 4 } } } },
      { width: 150, height: { step: 16 }, mark: { type: 'bar', color: kColours.price, cornerRadiusEnd: 2 }, encoding: { y: { ...y, axis: null }, x: { field: 'reorder_rate', type: 'quantitative', title: 'Reorder rate', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 4 } } } },
    ],
    spacing: 10,
  });
}

function loyalty(t: Tables): Chart | undefined {
  const table = t.get('segment_loyalty');
  if (table === undefined) return undefined;
  const alt = `Bar chart of customers by loyalty group: ${pairs(table.rows.map((r) => [table.text(r, 'loyalty'), table.num(r, 'share_of_customers') === undefined ? 'blank (small cell)' : percent(table.num(r, 'share_of_customers')!)]))} of customers.`;
  return chart('loyalty', 'Loyalty: share of customers', 'How are customers spread over loyalty groups?', alt, {
    width: 320,
    height: { step: 28 },
    data: { values: records(table, ['loyalty', 'share_of_customers', 'avg_orders_per_customer']) },
    layer: [
      { mark: { type: 'bar', color: kColours.orders, cornerRadiusEnd: 2 } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share_of_customers', type: 'quantitative', format: '.1%' } } },
    ],
    encoding: {
      y: { field: 'loyalty', type: 'nominal', sort: null, title: null },
      x: { field: 'share_of_customers', type: 'quantitative', title: 'Share of customers', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
  });
}

/** The dimensions the order-value dot plot compares. */
const kDotDimensions = ['loyalty', 'frequency', 'spending', 'age_group', 'income_group', 'family_status', 'profile', 'region', 'shopper_time'];

function segmentOrderValue(t: Tables): Chart | undefined {
  const values: Record<string, unknown>[] = [];
  for (const dimension of kDotDimensions) {
    const table = t.get(`segment_${dimension}`);
    if (table === undefined) continue;
    for (const r of table.withNumber('avg_order_value')) values.push({ dimension: dimension.replaceAll('_', ' '), segment: table.text(r, dimension), avg_order_value: table.num(r, 'avg_order_value') });
  }
  if (values.length === 0) return undefined;
  const alt = `Dot plot of the average order value of every segment, grouped by dimension: ${values.map((v) => `${String(v.segment)} ${money(v.avg_order_value as number)}`).join(', ')}.`;
  return chart(
    'segment-order-value',
    'Average order value by segment',
    'How does spend per order differ between segments?',
    alt,
    {
      data: { values },
      facet: { row: { field: 'dimension', type: 'nominal', sort: [...new Set(values.map((v) => v.dimension as string))], title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelPadding: 2 } } },
      spec: {
        width: 300,
        height: { step: 18 },
        mark: { type: 'point', filled: true, size: 70, color: kColours.money },
        encoding: {
          y: { field: 'segment', type: 'nominal', sort: null, title: null },
          x: { field: 'avg_order_value', type: 'quantitative', title: 'Average order value', scale: { zero: false }, axis: { format: '$.0f' } },
        },
      },
      resolve: { scale: { y: 'independent' } },
      spacing: 6,
    },
    'Each dot: one segment (small segments left out)',
  );
}

/**
 * A crosstab as a 100% bar per row, its column groups stacked in table order (Low, Middle, High income)
 * and shaded from light to dark, `Unknown` in grey.
 */
function crosstabBars(t: Tables, name: string, id: string, title: string, question: string): Chart | undefined {
  const table = t.get(name);
  if (table === undefined) return undefined;
  const [a, b] = [table.table.columns[0]!.name, table.table.columns[1]!.name];
  const rows = table.withNumber('share_of_row');
  if (rows.length === 0) return undefined;
  const groups = [...new Set(table.rows.map((r) => table.text(r, b)))];
  const known = groups.filter((g) => g !== 'Unknown');
  const shades = ['#a8c4e0', '#4c78a8', '#1f4e79', '#0b2545'];
  const range = groups.map((g) => (g === 'Unknown' ? kColours.neutral : known.length <= 1 ? kColours.orders : shades[Math.round((known.indexOf(g) * (Math.min(known.length, 4) - 1)) / (known.length - 1))]!));
  const alt = `Stacked bars of ${b.replaceAll('_', ' ')} within each ${a.replaceAll('_', ' ')}: ${rows.map((r) => `${table.text(r, a)}, ${table.text(r, b)} ${percent(table.num(r, 'share_of_row')!)}`).join('; ')}. Cells of fewer customers than the threshold are left out.`;
  const values = rows.map((r) => ({ [a]: table.text(r, a), [b]: table.text(r, b), share_of_row: table.num(r, 'share_of_row'), rank: groups.indexOf(table.text(r, b)) }));
  return chart(id, title, question, alt, {
    width: 340,
    height: { step: 26 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: a, type: 'nominal', sort: null, title: null },
      x: { field: 'share_of_row', type: 'quantitative', title: `Share of ${a.replaceAll('_', ' ')}`, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: b, type: 'nominal', title: null, sort: groups, scale: { domain: groups, range } },
      order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
    },
  });
}

/**
 * High spenders are few (under 1% of customers in the real data), so a 100% bar hides them: this chart
 * shows the share of the rarest spending group within each region instead.
 */
function regionSpending(t: Tables): Chart | undefined {
  const table = t.get('crosstab_region_by_spending');
  if (table === undefined) return undefined;
  const byGroup = new Map<string, number>();
  for (const r of table.rows) byGroup.set(table.text(r, 'spending'), (byGroup.get(table.text(r, 'spending')) ?? 0) + (table.num(r, 'customers') ?? 0));
  const rarest = [...byGroup].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1])[0]?.[0];
  if (rarest === undefined) return undefined;
  const rows = table.rows.filter((r) => table.text(r, 'spending') === rarest);
  const alt = `Bar chart of the share of ${rarest.toLowerCase()}s among each region's customers: ${rows.map((r) => `${table.text(r, 'region')} ${table.num(r, 'share_of_row') === undefined ? 'blank (fewer customers than the small-cell threshold)' : percent(table.num(r, 'share_of_row')!)}`).join(', ')}.`;
  return chart(
    'region-spending',
    `${rarest}s by region`,
    'Do high spenders concentrate in a region?',
    alt,
    {
      width: 320,
      height: { step: 28 },
      data: { values: records(table, ['region', 'share_of_row'], rows) },
      layer: [
        { mark: { type: 'bar', color: kColours.money, cornerRadiusEnd: 2 } },
        { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { condition: { test: 'datum.share_of_row === null', value: 'blank (small cell)' }, field: 'share_of_row', type: 'quantitative', format: '.1%' } } },
      ],
      encoding: {
        y: { field: 'region', type: 'nominal', sort: null, title: null },
        x: { field: 'share_of_row', type: 'quantitative', title: `Share of the region's customers`, axis: { format: '.1%', tickCount: 4 } },
      },
    },
    `Share of each region's customers who are ${rarest.toLowerCase()}s`,
  );
}

function ageIncome(t: Tables): Chart | undefined {
  return crosstabBars(t, 'crosstab_age_group_by_income_group', 'age-income', 'Income groups by age group', 'How does income vary with age?');
}

function profileDepartment(t: Tables): Chart | undefined {
  const index = t.get('segment_department_index');
  if (index === undefined) return undefined;
  const rows = index.rows.filter((r) => index.text(r, 'dimension') === 'profile' && index.text(r, 'segment') !== 'Unknown' && index.num(r, 'index') !== undefined);
  if (rows.length === 0) return undefined;
  const alt = `Heat map of the profile x department index (100 = the department's share of items for all customers; above 100 the profile buys relatively more): ${rows
    .filter((r) => Math.abs(index.num(r, 'index')! - 100) >= 15)
    .map((r) => `${index.text(r, 'segment')}, ${index.text(r, 'department')} ${fixed(index.num(r, 'index')!, 0)}`)
    .join('; ')}${rows.some((r) => Math.abs(index.num(r, 'index')! - 100) >= 15) ? '' : 'every index is within 15 of 100'}.`;
  const values = records(index, ['segment', 'department', 'index'], rows);
  return chart(
    'profile-department',
    'Profile x department index',
    'Which departments does each customer profile favour?',
    alt,
    {
      data: { values },
      ...indexHeatMap({
        cell: [62, 17],
        x: { field: 'segment', type: 'nominal', sort: null, title: null, axis: { orient: 'top', labelAngle: -35, labelAlign: 'left', domain: false, ticks: false } },
        y: { field: 'department', type: 'nominal', sort: 'ascending', title: null, axis: { domain: false, ticks: false } },
        colour: 'index',
        legend: { title: 'Index', gradientLength: 220 },
        text: { field: 'index', type: 'quantitative', format: '.0f' },
        fontSize: 10,
      }),
    },
    '100 = like all customers; orange: bought more, blue: less',
  );
}

/** Pairs shown per bar chart of product pairs. */
const kPairBars = 10;

/** The top product pairs of one ranking of product_pairs, as bars of `measure`, with orders together at the bar's end. */
function productPairBars(t: Tables, ranking: string, id: string, title: string, question: string, measure: string, measureTitle: string, format: string, colour: string): Chart | undefined {
  const table = t.get('product_pairs');
  if (table === undefined) return undefined;
  const rows = table.rows.filter((r) => table.text(r, 'ranking') === ranking).slice(0, kPairBars);
  if (rows.length === 0) return undefined;
  // Two lines per label (the second product under the first): long names keep the chart narrow enough for a phone.
  const values = rows.map((r) => ({ pair: `${table.text(r, 'product_a')}|+ ${table.text(r, 'product_b')}`, value: table.num(r, measure) }));
  const alt = `Bar chart of the ${rows.length} product pairs with the highest ${measureTitle.toLowerCase()}: ${values.map((v) => `${v.pair.replace('|', ' ')} ${measure === 'lift' ? fixed(v.value ?? 0, 2) : count(v.value)}`).join('; ')}.`;
  return chart(
    id,
    title,
    question,
    alt,
    {
      width: 220,
      height: { step: 34 },
      data: { values },
      layer: [
        { mark: { type: 'bar', color: colour, cornerRadiusEnd: 2 } },
        { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'value', type: 'quantitative', format } } },
      ],
      encoding: {
        y: { field: 'pair', type: 'nominal', sort: null, title: null, axis: { labelExpr: "split(datum.value, '|')", labelLimit: 260 } },
        x: { field: 'value', type: 'quantitative', title: measureTitle, axis: { ...(measure === 'lift' ? {} : kAxisSI), tickCount: 4 } },
      },
    },
  );
}

function pairsByOrders(t: Tables): Chart | undefined {
  return productPairBars(t, 'orders together', 'pairs-orders', 'Products bought together most often', 'Which products go into the same basket most often?', 'orders_together', 'Orders together', ',.0f', kColours.orders);
}

function pairsByLift(t: Tables): Chart | undefined {
  return productPairBars(t, 'lift', 'pairs-lift', 'Products with the strongest pull (lift)', 'Which products are bought together far more often than chance?', 'lift', 'Lift (1 = chance)', '.2f', kColours.money);
}

/** Aisles shown in the affinity heat map: those in most orders. */
const kAffinityAisles = 12;

function aisleAffinity(t: Tables): Chart | undefined {
  const table = t.get('aisle_pairs');
  if (table === undefined) return undefined;
  const orders = new Map<string, number>();
  for (const r of table.rows) {
    orders.set(table.text(r, 'aisle_a'), table.num(r, 'orders_a') ?? 0);
    orders.set(table.text(r, 'aisle_b'), table.num(r, 'orders_b') ?? 0);
  }
  const top = [...orders].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, kAffinityAisles).map(([name]) => name);
  if (top.length < 3) return undefined;
  const shown = new Set(top);
  const values: Record<string, unknown>[] = [];
  for (const r of table.rows) {
    const [a, b] = [table.text(r, 'aisle_a'), table.text(r, 'aisle_b')];
    if (!shown.has(a) || !shown.has(b)) continue;
    const lift = table.num(r, 'lift');
    values.push({ x: a, y: b, lift }, { x: b, y: a, lift });
  }
  const alt = `Heat map of the lift between the ${top.length} aisles in most orders (1 = as often together as chance; above 1, bought together more): ${values
    .filter((v) => (v['x'] as string) < (v['y'] as string))
    .map((v) => `${String(v['x'])} with ${String(v['y'])} ${fixed(v['lift'] as number, 2)}`)
    .join('; ')}.`;
  return chart(
    'aisle-affinity',
    'Aisle affinity',
    'Which aisles go into the same basket more often than chance?',
    alt,
    {
      data: { values },
      width: { step: 30 },
      height: { step: 20 },
      encoding: {
        x: { field: 'x', type: 'nominal', sort: top, title: null, axis: { orient: 'top', labelAngle: -40, labelAlign: 'left', domain: false, ticks: false } },
        y: { field: 'y', type: 'nominal', sort: top, title: null, axis: { domain: false, ticks: false } },
      },
      layer: [
        { mark: { type: 'rect' }, encoding: { color: { field: 'lift', type: 'quantitative', title: 'Lift', scale: { type: 'log', scheme: 'blueorange', domainMid: 1, domain: [0.5, 2], clamp: true }, legend: { orient: 'bottom', gradientLength: 200 } } } },
        { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'lift', type: 'quantitative', format: '.1f' }, color: { condition: { test: 'datum.lift > 1.8 || datum.lift < 0.55', value: '#ffffff' }, value: '#111111' } } },
      ],
    },
    'Lift of each pair: 1 = together as often as chance; orange, more often; blue, less',
  );
}

/**
 * A heat map on an index scale (100 = like everyone): cells coloured from blue (50 and below) through
 * white to orange (150 and above), each with its text, white on the dark ends and near black elsewhere.
 */
function indexHeatMap(o: {
  cell: [number, number];
  x: Record<string, unknown>;
  y: Record<string, unknown>;
  /** The field holding the index. */
  colour: string;
  legend: Record<string, unknown>;
  text: Record<string, unknown>;
  fontSize: number;
}): Record<string, unknown> {
  const { title, ...legend } = o.legend;
  return {
    width: { step: o.cell[0] },
    height: { step: o.cell[1] },
    encoding: { x: o.x, y: o.y },
    layer: [
      { mark: { type: 'rect' }, encoding: { color: { field: o.colour, type: 'quantitative', title, scale: { scheme: 'blueorange', domainMid: 100, domain: [50, 150], clamp: true }, legend: { orient: 'bottom', ...legend } } } },
      { mark: { type: 'text', fontSize: o.fontSize }, encoding: { text: o.text, color: { condition: { test: `abs(datum.${o.colour} - 100) > 30`, value: '#ffffff' }, value: '#111111' } } },
    ],
  };
}

/** `1. Young parents, pantry` -> two lines at the comma after the name, for axis labels. */
const kSplitLabel = "split(datum.value, ', ')";

function clusterSizes(t: Tables): Chart | undefined {
  const profiles = t.get('cluster_profiles');
  if (profiles === undefined) return undefined;
  const alt = `Bar chart of cluster sizes: ${profiles.rows.map((r) => `${profiles.text(r, 'cluster')} ${percent(profiles.num(r, 'share_of_customers') ?? 0)} of customers`).join('; ')}.`;
  return chart('cluster-sizes', 'Customer clusters: sizes', 'How large is each cluster?', alt, {
    width: 220,
    height: { step: 40 },
    data: { values: records(profiles, ['cluster', 'share_of_customers']) },
    layer: [
      { mark: { type: 'bar', color: kColours.orders, cornerRadiusEnd: 2 } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share_of_customers', type: 'quantitative', format: '.1%' } } },
    ],
    encoding: {
      y: { field: 'cluster', type: 'nominal', sort: null, title: null, axis: { labelExpr: kSplitLabel, labelLimit: 320 } },
      x: { field: 'share_of_customers', type: 'quantitative', title: 'Share of customers', axis: { format: '.0%', tickCount: 4 } },
    },
  });
}

/** The cluster measures of the profile heat map: column, label, d3 format of the cell text. */
const kClusterMeasures: readonly [string, string, string][] = [
  ['avg_orders', 'Orders', '.1f'],
  ['avg_items_per_order', 'Items per order', '.1f'],
  ['avg_item_price', 'Item price', '$.2f'],
  ['avg_days_between_orders', 'Days between orders', '.1f'],
  ['reorder_share', 'Reorder share', '.0%'],
  ['avg_age', 'Age', '.0f'],
  ['avg_income', 'Income', '$,.0f'],
  ['avg_dependants', 'Dependants', '.1f'],
];

function clusterProfiles(t: Tables): Chart | undefined {
  const profiles = t.get('cluster_profiles');
  if (profiles === undefined) return undefined;
  const total = profiles.rows.reduce((sum, r) => sum + (profiles.num(r, 'customers') ?? 0), 0);
  if (total === 0) return undefined;
  const values: Record<string, unknown>[] = [];
  for (const [column, label, format] of kClusterMeasures) {
    // Colour: the cluster's value against the customer-weighted mean of all clusters (100 = average).
    const mean = profiles.rows.reduce((sum, r) => sum + (profiles.num(r, column) ?? 0) * (profiles.num(r, 'customers') ?? 0), 0) / total;
    for (const r of profiles.rows) {
      const value = profiles.num(r, column);
      if (value === undefined) continue;
      values.push({ cluster: profiles.text(r, 'cluster').split('.')[0], measure: label, value, relative: mean > 0 ? (value / mean) * 100 : 100, format });
    }
  }
  const alt = `Heat map of each cluster's typical values (rows: measures; columns: clusters by number; colour: against the average of all customers). ${profiles.rows.map((r) => `${profiles.text(r, 'cluster')}: ${kClusterMeasures.map(([c, label]) => `${label.toLowerCase()} ${fixed(profiles.num(r, c) ?? 0, 1)}`).join(', ')}`).join('. ')}.`;
  return chart(
    'cluster-profiles',
    'Customer clusters: profiles',
    'What sets each cluster apart?',
    alt,
    {
      data: { values },
      transform: [{ calculate: "datum.format === '$.2f' ? format(datum.value, '$.2f') : datum.format === '$,.0f' ? format(datum.value / 1000, '$.0f') + 'k' : format(datum.value, datum.format)", as: 'label' }],
      ...indexHeatMap({
        cell: [64, 24],
        x: { field: 'cluster', type: 'ordinal', title: 'Cluster', axis: { orient: 'top', labelAngle: 0, domain: false, ticks: false } },
        y: { field: 'measure', type: 'nominal', sort: kClusterMeasures.map(([, label]) => label), title: null, axis: { domain: false, ticks: false } },
        colour: 'relative',
        legend: { title: 'vs average (100)', gradientLength: 200, format: '.0f' },
        text: { field: 'label', type: 'nominal' },
        fontSize: 11,
      }),
    },
    'Cells: typical values; orange above the average, blue below',
  );
}

function populationFlow(t: Tables): Chart | undefined {
  const flow = t.get('population_flow');
  if (flow === undefined) return undefined;
  const values: Record<string, unknown>[] = [];
  for (const r of flow.rows) {
    const step = flow.text(r, 'step');
    // The step's words up to its explanation: "low-activity customers left out of segments (fewer ...)".
    const label = step.split(/ \(|:|, with/)[0]!;
    const rows = flow.num(r, 'rows');
    const customers = flow.num(r, 'customers');
    // Steps about customers show customers (the rows beside them are their lines); others show rows.
    if (/^(customers|low-activity)/.test(step)) {
      if (customers !== undefined) values.push({ unit: 'Customers', step: label, value: customers });
    } else if (rows !== undefined) {
      values.push({ unit: step.startsWith('product') ? 'Product rows' : step.startsWith('order lines') ? 'Order lines' : 'Orders', step: label, value: rows });
    }
  }
  if (values.length === 0) return undefined;
  const alt = `Bar charts of the population flow, from rows read to customers in the segments: ${values.map((v) => `${String(v.step)} ${fixed(v.value as number, 0)}`).join('; ')}.`;
  return chart('population-flow', 'Population flow', 'How do rows read become the orders and customers the tables describe?', alt, {
    data: { values },
    facet: { row: { field: 'unit', type: 'nominal', sort: ['Orders', 'Order lines', 'Product rows', 'Customers'], title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelPadding: 2 } } },
    spec: {
      width: 200,
      height: { step: 20 },
      layer: [{ mark: { type: 'bar', color: kColours.orders, cornerRadiusEnd: 2 } }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'value', type: 'quantitative', format: ',.0f' } } }],
      encoding: {
        y: { field: 'step', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
        x: { field: 'value', type: 'quantitative', title: null, axis: { ...kAxisSI, tickCount: 3 }, scale: { nice: true } },
      },
    },
    resolve: { scale: { y: 'independent', x: 'independent' } },
    spacing: 8,
  });
}
