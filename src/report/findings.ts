/**
 * The findings and recommendations, written from the tables by the rules in this module and nowhere
 * else. A rule reads table cells and names them only through quotes (see quotes.ts), so a different data
 * set gives different, still true sentences, and every number a sentence names is a CSV value. A rule
 * whose table is missing or empty says nothing.
 */
import type { Table } from '../summaries/table.js';
import { datasetAccounts, flowStep } from './accounts.js';
import type { Display } from './format.js';
import { capitalised, listOf, plainText, s, Tables, type Part, type Quote, type Sentence, type TableView } from './quotes.js';

/** One of the key questions: what the numbers say, and the charts and tables behind it. */
export interface Section {
  /** Anchor in report.html, e.g. `q1`. */
  id: string;
  /** `Q1`..`Q5`, or empty for the data sections. */
  number: string;
  title: string;
  /** The question as the marketing team asks it. */
  question: string;
  findings: Sentence[];
  /** Chart ids (charts.ts), in order. */
  charts: string[];
  /** Tables shown under the section, in order. */
  tables: string[];
}

export interface Findings {
  /** The headline findings for the top of the report; with the warnings, 5-8 terminal lines. */
  headlines: Sentence[];
  /** Problems a reader must see first (most order lines rejected, no orders at all). */
  warnings: Sentence[];
  sections: Section[];
  /** Each cites the number it rests on. */
  recommendations: Sentence[];
}

/** Every finding of a run's tables. */
export function writeFindings(all: readonly Table[]): Findings {
  const t = new Tables(all);
  const busiest = busiestTimes(t);
  const spend = spendTimes(t);
  const prices = priceRanges(t);
  const departments = popularDepartments(t);
  const segments = segmentDifferences(t);
  const clusters = clusterFindings(t);
  const together = boughtTogether(t);
  const quality = dataQuality(t);
  const warnings = qualityWarnings(t);
  // At most 8 lines with the warnings, which come first (see headlineLines).
  const headlines = [...busiest.headlines, ...spend.headlines, ...departments.headlines, ...segments.headlines, ...clusters.headlines, ...together.headlines].slice(0, Math.max(0, 8 - warnings.length));
  return {
    headlines,
    warnings,
    sections: [
      section('q1', 'Q1', 'Busiest days and hours', 'Which days and hours are busiest, and which are quiet enough to serve more ads?', busiest.findings, ['orders-by-day', 'orders-by-hour', 'day-hour'], ['orders_by_day', 'orders_by_hour', 'orders_by_day_hour']),
      section('q2', 'Q2', 'When people spend most', 'At what times do people spend the most per order?', spend.findings, ['spend-by-hour'], []),
      section('q3', 'Q3', 'Price ranges', 'How do simple price ranges split the items sold and the revenue?', prices.findings, ['price-ranges'], ['price_ranges']),
      section('q4', 'Q4', 'Popular departments and aisles', 'Which departments, aisles and products sell most, and which are reordered?', departments.findings, ['departments'], ['department_popularity', 'aisle_popularity', 'top_products']),
      section(
        'q5',
        'Q5',
        'Customer segments and clusters',
        'How do loyalty, spending, frequency, region, age, income, family and profile groups differ, and what groups does clustering find?',
        [...segments.findings, ...clusters.findings],
        ['loyalty', 'segment-order-value', 'region-spending', 'age-income', 'profile-department', 'cluster-sizes', 'cluster-profiles'],
        segmentTableNames(all),
      ),
      // Only when the run made the pair tables: an empty section would read as a fault.
      ...(together.findings.length === 0
        ? []
        : [section('pairs', 'Q6', 'Bought together', 'Which products, aisles and departments go into the same basket, for cross-promotion and bundles?', together.findings, ['pairs-orders', 'pairs-lift', 'aisle-affinity'], ['product_pairs', 'aisle_pairs', 'department_pairs'])]),
      section('quality', '', 'Data quality and population flow', 'What was read, what was set aside and why, and who the tables describe.', quality, ['population-flow'], ['population_flow', 'data_quality']),
    ],
    recommendations: [...busiest.recommendations, ...spend.recommendations, ...prices.recommendations, ...departments.recommendations, ...segments.recommendations, ...clusters.recommendations, ...together.recommendations],
  };
}

/** The terminal's lines: each warning (`WARNING: ...`), then the headlines. */
export function headlineLines(findings: Findings): string[] {
  return [...findings.warnings.map((w) => plainText(s`WARNING: ${w}`)), ...findings.headlines.map(plainText)];
}

function section(id: string, number: string, title: string, question: string, findings: Sentence[], charts: string[], tables: string[]): Section {
  return { id, number, title, question, findings, charts, tables };
}

/** What a rule says: findings for its section, headlines, recommendations. */
interface Said {
  findings: Sentence[];
  headlines: Sentence[];
  recommendations: Sentence[];
}

const nothing = (): Said => ({ findings: [], headlines: [], recommendations: [] });

/** Segment and crosstab tables, the department index and the cluster tables, in run order. */
function segmentTableNames(all: readonly Table[]): string[] {
  return all.filter((t) => /^(segment_|crosstab_|cluster_)/.test(t.name) && t.rows.length > 0).map((t) => t.name);
}

// ---------------------------------------------------------------------------------------------------
// Q1: busiest days and hours

function busiestTimes(t: Tables): Said {
  const said = nothing();
  const days = t.get('orders_by_day');
  if (days !== undefined) {
    const byOrders = days.sortedBy('orders');
    const top = byOrders[0]!;
    const low = byOrders[byOrders.length - 1]!;
    const day = (r: number): string => days.text(r, 'day_name');
    const share = (r: number): Quote => days.quote(r, 'share_of_orders', 'percent');
    said.findings.push(s`${day(top)} is the busiest day: ${days.quote(top, 'orders', 'count')} orders, ${share(top)} of all orders. ${day(low)} is the quietest, with ${share(low)}.`);
    const busy = days.rows.filter((r) => days.text(r, 'busiest_days') === 'Busiest days');
    if (busy.length > 1) said.findings.push(s`The course's "busiest days" label goes to ${listOf(busy.map((r) => s`${day(r)} (${share(r)})`))}.`);
    said.headlines.push(s`Busiest day: ${day(top)} (${share(top)} of orders); quietest: ${day(low)} (${share(low)}).`);
    if (low !== top) said.recommendations.push(s`Serve more ads on ${day(low)}, the quietest day (${share(low)} of orders), where extra traffic has most room.`);
  }
  const hours = t.get('orders_by_hour');
  if (hours !== undefined) {
    const peak = hours.top('orders')!;
    const quietest = hours.top('orders', undefined, true)!;
    const most = hourRanges(hours, hours.rows.filter((r) => hours.text(r, 'busiest_period_of_day') === 'Most orders'));
    const fewest = hourRanges(hours, hours.rows.filter((r) => hours.text(r, 'busiest_period_of_day') === 'Fewest orders'));
    said.findings.push(s`Orders peak in the hour from ${hours.quote(peak, 'hour', 'hour')} (${hours.quote(peak, 'share_of_orders', 'percent')} of orders). The hours with most orders are ${most}; the hours with fewest are ${fewest}, and the quietest hour, from ${hours.quote(quietest, 'hour', 'hour')}, has ${hours.quote(quietest, 'share_of_orders', 'percent')} of orders.`);
    said.headlines.push(s`Peak hour: ${hours.quote(peak, 'hour', 'hour')} (${hours.quote(peak, 'share_of_orders', 'percent')} of orders); quietest hours: ${fewest}.`);
    said.recommendations.push(s`Schedule ad campaigns in the quiet hours, ${fewest}: the quietest hour carries only ${hours.quote(quietest, 'share_of_orders', 'percent')} of orders.`);
  }
  const cells = t.get('orders_by_day_hour');
  if (cells !== undefined) {
    const top = cells.top('orders')!;
    said.findings.push(s`The busiest single hour of the week is ${cells.text(top, 'day_name')} from ${cells.quote(top, 'hour', 'hour')}, with ${cells.quote(top, 'orders', 'count')} orders.`);
  }
  return said;
}

/**
 * Hours as ranges of consecutive hours (23 and 0 are consecutive): `00:00-06:59 and 23:00-23:59`, each
 * end quoted from the table.
 */
function hourRanges(hours: TableView, rows: readonly number[]): Sentence {
  const byHour = new Map(rows.map((r) => [hours.num(r, 'hour')!, r]));
  const starts = [...byHour.keys()].filter((h) => !byHour.has((h + 23) % 24)).sort((a, b) => a - b);
  if (starts.length === 0 && byHour.size > 0) return s`every hour`;
  return listOf(
    starts.map((start) => {
      let end = start;
      while (byHour.has((end + 1) % 24) && (end + 1) % 24 !== start) end = (end + 1) % 24;
      return s`${hours.quote(byHour.get(start)!, 'hour', 'hour')}\u2013${hours.quote(byHour.get(end)!, 'hour', 'hourEnd')}`;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Q2: when people spend most

function spendTimes(t: Tables): Said {
  const said = nothing();
  if (withoutPrices(t)) {
    said.findings.push(s`The products file has no prices, so spend per order and item prices cannot be computed: the tables say "no prices" in those cells.`);
    return said;
  }
  const hours = t.get('orders_by_hour');
  if (hours !== undefined) {
    // Quiet hours have few orders, so their averages swing: the peak is looked for among the others
    // (the ones not labelled "Fewest orders"), and a higher value in a quiet hour is named as such.
    const regular = hours.withNumber('avg_order_value').filter((r) => hours.text(r, 'busiest_period_of_day') !== 'Fewest orders');
    const high = hours.top('avg_order_value', regular);
    const low = hours.top('avg_order_value', regular, true);
    if (high !== undefined && low !== undefined) {
      const hour = (r: number): Quote => hours.quote(r, 'hour', 'hour');
      const value = (r: number): Quote => hours.quote(r, 'avg_order_value', 'money');
      said.findings.push(s`Outside the quietest hours, spend per order is highest in the hour from ${hour(high)}: ${value(high)} per order, against ${value(low)} in the hour from ${hour(low)}.`);
      const overall = hours.top('avg_order_value')!;
      if (overall !== high) said.findings.push(s`A quiet hour has the single highest value, ${value(overall)} from ${hour(overall)}, but on only ${hours.quote(overall, 'share_of_orders', 'percent')} of orders.`);
      said.headlines.push(s`Spend per order peaks at ${hour(high)} (${value(high)} per order).`);
      said.recommendations.push(s`Promote larger baskets and premium items around ${hour(high)}, when orders are worth most (${value(high)} on average).`);
    }
    const dear = hours.top('avg_item_price', regular);
    const cheap = hours.top('avg_item_price', regular, true);
    if (dear !== undefined && cheap !== undefined) {
      said.findings.push(s`In the same hours the average item price ranges from ${hours.quote(cheap, 'avg_item_price', 'money')} (from ${hours.quote(cheap, 'hour', 'hour')}) to ${hours.quote(dear, 'avg_item_price', 'money')} (from ${hours.quote(dear, 'hour', 'hour')}).`);
    }
  }
  const days = t.get('orders_by_day');
  if (days !== undefined) {
    const high = days.top('avg_order_value');
    const low = days.top('avg_order_value', undefined, true);
    if (high !== undefined && low !== undefined) said.findings.push(s`By day, orders are worth most on ${days.text(high, 'day_name')} (${days.quote(high, 'avg_order_value', 'money')}) and least on ${days.text(low, 'day_name')} (${days.quote(low, 'avg_order_value', 'money')}).`);
  }
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Q3: price ranges

function priceRanges(t: Tables): Said {
  const said = nothing();
  const ranges = t.get('price_ranges');
  if (ranges === undefined) return said;
  if (withoutPrices(t)) {
    said.findings.push(s`The products file has no prices: every item falls in the Unknown price range, and revenue is "no prices" throughout.`);
    return said;
  }
  const sold = ranges.rows.filter((r) => (ranges.num(r, 'items') ?? 0) > 0);
  const priced = sold.filter((r) => (ranges.num(r, 'revenue') ?? 0) > 0);
  if (priced.length === 0) return said;
  const name = (r: number): string => ranges.text(r, 'price_range');
  said.findings.push(capitalised(s`${listOf(priced.map((r) => s`${name(r).toLowerCase()}s make ${ranges.quote(r, 'share_of_items', 'percent')} of items and ${ranges.quote(r, 'share_of_revenue', 'percent')} of revenue`))}.`));
  for (const r of sold.filter((r) => !priced.includes(r))) said.findings.push(s`Items without a known price (${name(r)}) make ${ranges.quote(r, 'share_of_items', 'percent')} of items: they count as items but not in revenue.`);
  // The range earning most per item sold: the largest revenue share for its item share.
  const perItem = (r: number): number => (ranges.num(r, 'share_of_revenue') ?? 0) / Math.max(ranges.num(r, 'share_of_items') ?? 0, 1e-12);
  const known = priced;
  if (known.length > 1) {
    const best = known.reduce((a, b) => (perItem(b) > perItem(a) ? b : a));
    const worst = known.reduce((a, b) => (perItem(b) < perItem(a) ? b : a));
    said.findings.push(s`${name(best)}s earn more than their share of items (${ranges.quote(best, 'share_of_revenue', 'percent')} of revenue from ${ranges.quote(best, 'share_of_items', 'percent')} of items); ${name(worst).toLowerCase()}s earn less (${ranges.quote(worst, 'share_of_revenue', 'percent')} from ${ranges.quote(worst, 'share_of_items', 'percent')}).`);
  }
  const main = ranges.top('share_of_revenue', known);
  if (main !== undefined) said.recommendations.push(s`Keep ${name(main).toLowerCase()}s at the centre of promotions: they bring ${ranges.quote(main, 'share_of_revenue', 'percent')} of revenue.`);
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Q4: departments, aisles and products

function popularDepartments(t: Tables): Said {
  const said = nothing();
  const departments = t.get('department_popularity');
  if (departments !== undefined) {
    const top = departments.sortedBy('items').slice(0, 3);
    const dept = (r: number): string => departments.text(r, 'department');
    said.findings.push(s`The top departments by items sold are ${listOf(top.map((r) => s`${dept(r)} (${departments.quote(r, 'share_of_items', 'percent')} of items)`))}.`);
    const revenue = departments.num(top[0]!, 'share_of_revenue') === undefined ? s`` : s`, ${departments.quote(top[0]!, 'share_of_revenue', 'percent')} of revenue`;
    said.headlines.push(s`Top department: ${dept(top[0]!)} (${departments.quote(top[0]!, 'share_of_items', 'percent')} of items${revenue}).`);
    const loyal = departments.top('reorder_rate');
    const fickle = departments.top('reorder_rate', undefined, true);
    if (loyal !== undefined && fickle !== undefined) {
      said.findings.push(s`Items from ${dept(loyal)} are reordered most (${departments.quote(loyal, 'reorder_rate', 'percent')} of its items were reorders), items from ${dept(fickle)} least (${departments.quote(fickle, 'reorder_rate', 'percent')}).`);
      const lead = top[0]!;
      said.recommendations.push(
        lead === loyal
          ? s`Lead campaigns and reorder reminders with ${dept(lead)}: it has ${departments.quote(lead, 'share_of_items', 'percent')} of items, and ${departments.quote(lead, 'reorder_rate', 'percent')} of them are reorders.`
          : s`Lead campaigns with ${dept(lead)} (${departments.quote(lead, 'share_of_items', 'percent')} of items), and send reorder reminders for ${dept(loyal)}, whose items are reorders ${departments.quote(loyal, 'reorder_rate', 'percent')} of the time.`,
      );
    }
  }
  const aisles = t.get('aisle_popularity');
  if (aisles !== undefined) {
    const top = aisles.sortedBy('items').slice(0, 3);
    said.findings.push(s`The busiest aisles are ${listOf(top.map((r) => s`${aisles.text(r, 'aisle')} (${aisles.quote(r, 'share_of_items', 'percent')})`))}.`);
  }
  const products = t.get('top_products');
  if (products !== undefined) {
    said.findings.push(s`The best-selling product is ${products.text(0, 'product_name')}, bought ${products.quote(0, 'items', 'count')} times.`);
  }
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Q5: segments

/** The segment measures compared across a dimension's groups. */
const kMeasures: readonly { column: string; words: string; display: Display }[] = [
  { column: 'avg_orders_per_customer', words: 'orders per customer', display: 'decimal' },
  { column: 'avg_items_per_order', words: 'items per order', display: 'decimal' },
  { column: 'avg_item_price', words: 'average item price', display: 'money' },
  { column: 'avg_order_value', words: 'average order value', display: 'money' },
  { column: 'avg_median_days', words: 'days between orders', display: 'decimal' },
];

/**
 * Measures a dimension is defined by (loyalty counts orders, spending is the item price, frequency the
 * days between orders): that they differ says nothing, so they are not reported as differences.
 */
const kDefinedBy: Readonly<Record<string, readonly string[]>> = {
  loyalty: ['avg_orders_per_customer'],
  activity: ['avg_orders_per_customer'],
  spending: ['avg_item_price'],
  frequency: ['avg_median_days'],
};

/** Dimensions compared in Q5 (the cluster table is described by clusterFindings). */
const kSegmentDimensions = ['loyalty', 'spending', 'frequency', 'region', 'age_group', 'income_group', 'family_status', 'profile', 'shopper_time', 'baby_household', 'pet_owner', 'alcohol_buyer'];

/** A gap between segments worth naming: the higher at least 5% above the lower. */
const kNotableRatio = 1.05;

interface Difference {
  dimension: string;
  table: TableView;
  measure: (typeof kMeasures)[number];
  high: number;
  low: number;
  ratio: number;
}

function segmentDifferences(t: Tables): Said {
  const said = nothing();
  const differences: Difference[] = [];
  for (const dimension of kSegmentDimensions) {
    const table = t.get(`segment_${dimension}`);
    if (table === undefined) continue;
    const rows = table.withNumber('customers');
    if (rows.length < 2) continue;
    const largest = table.top('customers', rows)!;
    const parts: Part[] = [...s`${words(dimension)}: the largest group is ${table.text(largest, dimension)} (${table.quote(largest, 'share_of_customers', 'percent')} of customers)`];
    const difference = largestDifference(dimension, table, rows);
    if (difference !== undefined && difference.ratio >= kNotableRatio) {
      differences.push(difference);
      const { measure, high, low } = difference;
      parts.push(...s`; the widest gap is in ${measure.words}, ${table.quote(high, measure.column, measure.display)} (${table.text(high, dimension)}) against ${table.quote(low, measure.column, measure.display)} (${table.text(low, dimension)})`);
    } else {
      parts.push('; the groups differ little, by a few percent at most, on every measure');
    }
    said.findings.push([...parts, '.']);
  }
  differences.sort((a, b) => b.ratio - a.ratio);
  for (const d of differences.slice(0, 2)) {
    said.headlines.push(s`Segment gap: ${d.measure.words} by ${words(d.dimension).toLowerCase()}, ${d.table.quote(d.high, d.measure.column, d.measure.display)} (${d.table.text(d.high, d.dimension)}) vs ${d.table.quote(d.low, d.measure.column, d.measure.display)} (${d.table.text(d.low, d.dimension)}).`);
  }
  const loyalty = t.get('segment_loyalty');
  if (loyalty !== undefined) {
    const rows = loyalty.withNumber('avg_orders_per_customer');
    const most = loyalty.top('avg_orders_per_customer', rows);
    const least = loyalty.top('avg_orders_per_customer', rows, true);
    if (most !== undefined && least !== undefined && most !== least) {
      said.recommendations.push(s`Reward the ${loyalty.text(most, 'loyalty').toLowerCase()}s, who place ${loyalty.quote(most, 'avg_orders_per_customer', 'decimal')} orders each, and bring ${loyalty.text(least, 'loyalty').toLowerCase()}s (${loyalty.quote(least, 'avg_orders_per_customer', 'decimal')} orders each) back with a second-order offer.`);
    }
  }
  const top = differences[0];
  if (top !== undefined) said.recommendations.push(s`Tailor offers by ${words(top.dimension).toLowerCase()}: ${top.measure.words} run from ${top.table.quote(top.low, top.measure.column, top.measure.display)} (${top.table.text(top.low, top.dimension)}) to ${top.table.quote(top.high, top.measure.column, top.measure.display)} (${top.table.text(top.high, top.dimension)}).`);
  const index = profileIndex(t);
  said.findings.push(...index.findings);
  said.recommendations.push(...index.recommendations);
  return said;
}

/** The measure whose highest and lowest group differ most, by ratio; undefined when nothing differs. */
function largestDifference(dimension: string, table: TableView, rows: readonly number[]): Difference | undefined {
  let best: Difference | undefined;
  for (const measure of kMeasures) {
    if (kDefinedBy[dimension]?.includes(measure.column)) continue;
    const known = rows.filter((r) => (table.num(r, measure.column) ?? 0) > 0);
    if (known.length < 2) continue;
    const high = table.top(measure.column, known)!;
    const low = table.top(measure.column, known, true)!;
    const ratio = table.num(high, measure.column)! / table.num(low, measure.column)!;
    if (ratio > 1 && (best === undefined || ratio > best.ratio)) best = { dimension, table, measure, high, low, ratio };
  }
  return best;
}

/**
 * Per profile, the department bought most above everyone's share (segment x department index), among
 * departments that make at least 1% of the profile's items (a tiny department's index swings widely).
 */
function profileIndex(t: Tables): Said {
  const said = nothing();
  const index = t.get('segment_department_index');
  if (index === undefined) return said;
  const rows = index.rows.filter((r) => index.text(r, 'dimension') === 'profile' && index.text(r, 'segment') !== 'Unknown' && (index.num(r, 'share_of_segment_items') ?? 0) >= 0.01 && index.num(r, 'index') !== undefined);
  const bySegment = new Map<string, number>();
  for (const r of rows) {
    const segment = index.text(r, 'segment');
    const best = bySegment.get(segment);
    if (best === undefined || index.num(r, 'index')! > index.num(best, 'index')!) bySegment.set(segment, r);
  }
  const tops = index.sortedBy('index', [...bySegment.values()]).filter((r) => index.num(r, 'index')! >= kNotableRatio * 100);
  if (tops.length === 0) return said;
  said.findings.push(s`Each profile's strongest department against all customers (index: its share of the profile's items over its share of everyone's, where one hundred means alike): ${listOf(tops.map((r) => s`${index.text(r, 'segment')}, ${index.text(r, 'department')} (${index.quote(r, 'index', 'index')})`))}.`);
  const best = tops[0]!;
  said.recommendations.push(s`Target ${index.text(best, 'segment').toLowerCase()}s with ${index.text(best, 'department')} offers: their share of items there is ${index.quote(best, 'index', 'index')}% of everyone's.`);
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Q5: clusters

function clusterFindings(t: Tables): Said {
  const said = nothing();
  const choice = t.get('cluster_choice');
  const profiles = t.get('cluster_profiles');
  if (choice === undefined || profiles === undefined) return said;
  const chosen = choice.find('chosen', 'yes');
  if (chosen === undefined) return said;
  const silhouette = choice.quote(chosen, 'silhouette', 'score');
  const strength = choice.num(chosen, 'silhouette')! < 0.25 ? 'the groups overlap a lot, so read them as tendencies rather than separate kinds of customer' : 'the groups are reasonably distinct';
  said.findings.push(s`k-means clustering finds ${choice.quote(chosen, 'k', 'count')} groups (the best silhouette of the k tried, ${silhouette}): ${strength}.`);
  const rows = profiles.sortedBy('customers');
  for (const r of rows) {
    const price = profiles.num(r, 'avg_item_price') === undefined ? s`` : s`, ${profiles.quote(r, 'avg_item_price', 'money')} per item`;
    const departments = profiles.text(r, 'top_departments');
    said.findings.push(s`${profiles.text(r, 'name')}: ${profiles.quote(r, 'share_of_customers', 'percent')} of customers, ${profiles.quote(r, 'avg_orders', 'decimal')} orders each${price}${departments === '' ? '' : `; top departments ${departments}`}.`);
  }
  const largest = rows[0];
  if (largest !== undefined) {
    said.headlines.push(s`Largest cluster: ${profiles.text(largest, 'name')} (${profiles.quote(largest, 'share_of_customers', 'percent')} of customers).`);
    said.recommendations.push(s`Write the default campaign for the largest cluster, ${profiles.text(largest, 'name')} (${profiles.quote(largest, 'share_of_customers', 'percent')} of customers), and test variants on the others.`);
  }
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Bought together (issue 11): the pair tables, when the run made them

function boughtTogether(t: Tables): Said {
  const said = nothing();
  const products = t.get('product_pairs');
  if (products !== undefined) {
    const ranked = (ranking: string): number[] => products.rows.filter((r) => products.text(r, 'ranking') === ranking);
    const a = (r: number): string => products.text(r, 'product_a');
    const b = (r: number): string => products.text(r, 'product_b');
    const most = ranked('orders together')[0];
    if (most !== undefined) {
      const orders = products.quote(most, 'orders_together', 'count');
      said.findings.push(
        s`${a(most)} and ${b(most)} are bought together most often: in ${orders} orders (${products.quote(most, 'support', 'percent')} of orders); ${products.quote(most, 'confidence_a_to_b', 'percent')} of the orders with ${a(most)} also hold ${b(most)}.`,
      );
      said.headlines.push(s`Bought together most: ${a(most)} and ${b(most)} (${orders} orders).`);
    }
    const strongest = ranked('lift')[0];
    if (strongest !== undefined) {
      const lift = products.quote(strongest, 'lift', 'decimal');
      const orders = products.quote(strongest, 'orders_together', 'count');
      said.findings.push(s`The strongest pull between two products: ${a(strongest)} with ${b(strongest)}, bought together ${lift} times as often as chance would predict (lift), in ${orders} orders.`);
      said.recommendations.push(s`Bundle or cross-promote ${a(strongest)} with ${b(strongest)}: they are bought together ${lift} times as often as chance would predict, in ${orders} orders.`);
    }
  }
  const aisles = t.get('aisle_pairs');
  if (aisles !== undefined) {
    const pair = (r: number): Sentence => s`${aisles.text(r, 'aisle_a')} and ${aisles.text(r, 'aisle_b')}`;
    const strongest = aisles.top('lift')!;
    const most = aisles.top('orders_together')!;
    said.findings.push(
      s`Among aisles, ${pair(strongest)} go together most by lift (${aisles.quote(strongest, 'lift', 'decimal')}); ${pair(most)} share the most orders (${aisles.quote(most, 'orders_together', 'count')}, ${aisles.quote(most, 'support', 'percent')} of orders).`,
    );
    said.recommendations.push(s`Suggest ${aisles.text(strongest, 'aisle_b')} products beside ${aisles.text(strongest, 'aisle_a')} (and the other way round): the two aisles are bought together ${aisles.quote(strongest, 'lift', 'decimal')} times as often as chance would predict.`);
  }
  const departments = t.get('department_pairs');
  if (departments !== undefined) {
    const strongest = departments.top('lift')!;
    said.findings.push(s`Among departments, ${departments.text(strongest, 'department_a')} and ${departments.text(strongest, 'department_b')} go together most (lift ${departments.quote(strongest, 'lift', 'decimal')}, in ${departments.quote(strongest, 'orders_together', 'count')} orders).`);
  }
  return said;
}

// ---------------------------------------------------------------------------------------------------
// Data quality

/** The population flow in sentences. */
function dataQuality(t: Tables): Sentence[] {
  const flow = t.get('population_flow');
  if (flow === undefined) return [];
  const step = (words: string): number | undefined => flowStep(flow, words);
  const found: Sentence[] = [];
  const read = step('order lines read');
  const accepted = step('order lines accepted');
  if (read !== undefined && accepted !== undefined && flow.num(read, 'rows') !== undefined) {
    found.push(s`${flow.quote(accepted, 'rows', 'count')} of ${flow.quote(read, 'rows', 'count')} order lines read were accepted; every other line is in rejects.csv with its file, line and reason.`);
  }
  const orders = step('orders with lines');
  const without = step('orders without lines');
  if (orders !== undefined && without !== undefined) {
    found.push(s`The tables describe the ${flow.quote(orders, 'rows', 'count')} orders that have lines; ${flow.quote(without, 'rows', 'count')} orders without lines (such as the test orders) are not counted.`);
  }
  const customers = step('customers (users');
  const low = step('low-activity');
  const kept = step('customers in the segment');
  if (customers !== undefined && low !== undefined && kept !== undefined && flow.num(customers, 'customers') !== undefined) {
    found.push(s`Of ${flow.quote(customers, 'customers', 'count')} customers, ${flow.quote(low, 'customers', 'count')} low-activity customers are left out of the segment tables, which describe the other ${flow.quote(kept, 'customers', 'count')}.`);
  }
  return found;
}

/**
 * Warnings a reader must see first: an input whose rows were mostly rejected (with the main reason), and
 * a run with no orders to describe.
 */
function qualityWarnings(t: Tables): Sentence[] {
  const warnings: Sentence[] = [];
  const quality = t.get('data_quality');
  if (quality !== undefined) {
    for (const { dataset, read, accepted, rejected } of datasetAccounts(quality)) {
      if (read === undefined || accepted === undefined) continue;
      const readRows = quality.num(read, 'rows') ?? 0;
      if (readRows === 0 || (quality.num(accepted, 'rows') ?? 0) * 2 >= readRows) continue;
      const reason = quality.top('rows', rejected);
      const why = reason === undefined ? s`` : s`; the main reason is ${quality.text(reason, 'check').slice('rejected: '.length)} (${quality.quote(reason, 'rows', 'count')} rows)`;
      warnings.push(s`most rows of ${dataset} were rejected: ${quality.quote(accepted, 'rows', 'count')} of ${quality.quote(read, 'rows', 'count')} accepted${why}. Check that the files come from the same extract.`);
    }
  }
  const flow = t.get('population_flow');
  const population = flow === undefined ? undefined : flowStep(flow, 'orders with lines');
  if (flow !== undefined && population !== undefined && flow.num(population, 'rows') === 0) warnings.push(s`no order has accepted lines, so the tables are empty (population: ${flow.quote(population, 'rows', 'count')} orders).`);
  return warnings;
}

/** True when the products file had no prices (revenue cells say "no prices"). */
function withoutPrices(t: Tables): boolean {
  const ranges = t.get('price_ranges');
  return ranges !== undefined && ranges.rows.some((r) => ranges.cell(r, 'revenue') === 'no prices');
}

/** `age_group` -> `Age group`. */
export function words(name: string): string {
  const text = name.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
