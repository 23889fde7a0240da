/**
 * The methodology in words, from the settings in force: each definition and threshold as the run applied
 * it, the cleaning steps, and where the pipeline departs from the course's notebooks. The HTML report
 * and the workbook's Column derivations and Wrangling steps sheets show the same text.
 */
import type { Config } from '../config/index.js';
import { money } from './format.js';

/** One defined term: a column or flag, what it means, and the table(s) it is in. */
export interface Definition {
  term: string;
  definition: string;
  tables: string;
}

const dollars = (value: number): string => money(value).replace(/\.00$/, '');

/** Every derived column or flag, with the thresholds of `config`. */
export function definitions(config: Config): Definition[] {
  const days = config.weekStartsOn === 'saturday' ? '0 = Saturday, 1 = Sunday, ... (the course convention)' : '0 = Sunday, 1 = Monday, ...';
  return [
    { term: 'population', definition: 'An order counts when it has at least one accepted line; "orders" in every table means such orders, "items" means order lines, "revenue" the sum of known item prices (each line is one unit).', tables: 'all' },
    { term: 'day_name', definition: `order_dow ${days}.`, tables: 'orders_by_day, orders_by_day_hour' },
    { term: 'busiest_day, busiest_days', definition: 'The day with most orders is "Busiest day", fewest "Least busy"; the top two days are "Busiest days", the bottom two "Slowest days"; the rest "Regularly busy". Ranked by orders, ties to the lower day number.', tables: 'orders_by_day' },
    { term: 'busiest_period_of_day', definition: `The ${config.busiestHours} hours with most orders are "Most orders", the ${config.busiestHours} with fewest "Fewest orders", the rest "Average orders".`, tables: 'orders_by_hour' },
    { term: 'avg_item_price, avg_order_value', definition: 'Revenue / items with a known price; revenue / orders.', tables: 'orders_by_day, orders_by_hour, segment tables' },
    { term: 'price_range', definition: `"Low-range product" up to ${dollars(config.lowPriceMax)}, "Mid-range product" up to ${dollars(config.midPriceMax)}, "High-range product" above; "Unknown price" for a missing price or one above ${dollars(config.priceOutlierMax)} or below $0.`, tables: 'price_ranges' },
    { term: 'reorder_rate', definition: 'Share of accepted lines with reordered = 1.', tables: 'department_popularity, aisle_popularity, top_products' },
    { term: 'loyalty', definition: `From max_order, the customer's highest order_number among orders with lines: "Loyal customer" above ${config.loyalOrdersAbove}, "Regular customer" above ${config.regularOrdersAbove}, else "New customer".`, tables: 'segment_loyalty, crosstabs' },
    { term: 'spending', definition: `"High spender" when the customer's mean known item price is at least ${dollars(config.highSpenderMinPrice)}, else "Low spender" (no known price: Low spender).`, tables: 'segment_spending, crosstabs' },
    { term: 'frequency', definition: `From the median of days_since_prior_order over the customer's orders (first orders skipped): "Non-frequent customer" above ${config.nonFrequentDaysAbove} days, "Regular customer" above ${config.regularDaysAbove}, else "Frequent customer"; no value: "Unknown".`, tables: 'segment_frequency' },
    { term: 'activity', definition: `"Low activity" when max_order is below ${config.lowActivityBelowOrders}: such customers stay in the customer table and segment_activity, and are left out of every other segment table and crosstab.`, tables: 'segment_activity' },
    { term: 'region', definition: 'The US Census region of the customer\'s state (Northeast, Midwest, South, West); an unknown state is "Unknown".', tables: 'segment_region, crosstabs' },
    { term: 'age_group', definition: `"Young adult" ${config.adultMinAge}-${config.youngAdultMaxAge}, "Middle-aged" up to ${config.seniorMinAge - 1}, "Senior" ${config.seniorMinAge} and over; younger or missing: "Unknown".`, tables: 'segment_age_group, crosstabs' },
    { term: 'income_group', definition: `"Low income" below ${dollars(config.lowIncomeBelow)}, "High income" above ${dollars(config.highIncomeAbove)}, "Middle income" between; missing: "Unknown".`, tables: 'segment_income_group, crosstabs' },
    { term: 'family_status, profile', definition: 'family_status is the customer file\'s fam_status text. profile combines age group and parent status (n_dependants above 0): "Young parent", "Young single adult", "Middle-aged parent", "Middle-aged without children", "Senior parent", "Senior without children".', tables: 'segment_family_status, segment_profile' },
    { term: 'baby_household, pet_owner, alcohol_buyer', definition: 'yes when the customer bought anything from the babies, pets or alcohol department.', tables: 'segment tables' },
    { term: 'shopper_time', definition: `The part of day of most of the customer's orders: "Early bird" from ${config.earlyBirdFromHour}:00, "Daytime" from ${config.daytimeFromHour}:00, "Evening" from ${config.eveningFromHour}:00, "Night owl" from ${config.nightOwlFromHour}:00 (past midnight); ties to the earlier part.`, tables: 'segment_shopper_time' },
    { term: 'segment measures', definition: 'Totals over the segment\'s customers (orders, items, revenue), then ratios of totals; avg_median_days is the mean of the customers\' median days.', tables: 'segment tables' },
    { term: 'index', definition: 'A segment\'s share of items in a department divided by all customers\' share, x 100: 100 buys like everyone, 150 half as much again.', tables: 'segment_department_index' },
    { term: 'cluster', definition: `k-means over standardised behaviour and demographics (orders, items per order, average item price, median days, reorder share, department shares, age, income, dependants), fitted on a seeded sample of ${config.clusterSampleSize} customers with k from ${config.clusterMinK} to ${config.clusterMaxK} chosen by silhouette; every customer is then assigned to the nearest centre. Names come from the traits that set a cluster apart.`, tables: 'segment_cluster, cluster_profiles, cluster_choice' },
    { term: 'small cells', definition: `Every number of a segment or crosstab row describing fewer than ${config.minCellCustomers} customers is left blank (marked in the note column), so no table singles a person out.`, tables: 'segment and crosstab tables' },
  ];
}

/** Where the pipeline departs from the course's notebooks, and why. */
export const kCourseDifferences: readonly string[] = [
  'Busiest days and hours count orders, not order lines: a large basket is one visit, and ads reach visits.',
  'Prices above the outlier bound (the course file\'s 14,900 and 99,999) become unknown instead of dropping their lines: the lines still count as items but not in revenue or average prices.',
  'max_order counts only orders with lines, so an order without lines (such as a test order) never lifts a customer into a higher loyalty group.',
  'Rejected lines (unknown order or product, malformed fields) are counted and listed in rejects.csv, never guessed or dropped silently; the data quality table accounts for every line.',
  'Customer names are dropped on reading: they are never stored or exported.',
];

/** The cleaning steps in order, each with the data_quality checks that count it. */
export const kWranglingSteps: readonly { step: string; checks: string }[] = [
  { step: 'Read every input with its quirks (BOM, CRLF, quoted names, zero-padded hours, "15.0" day counts); blank rows are skipped.', checks: 'rows read' },
  { step: 'Reject malformed rows (wrong field count, not a number, out of range), each with file, line and reason.', checks: 'rejected: ...' },
  { step: 'Orders: a repeated order_id keeps its first row; later rows are rejected.', checks: 'rejected: duplicate order' },
  { step: 'Products: collapse exact duplicate rows; an id listed again with different content keeps its first row.', checks: 'exact duplicate row; product_id listed again with different content' },
  { step: 'Products: a blank name is shown as "Unnamed product <id>"; a price out of range becomes unknown.', checks: 'blank product_name; price outlier' },
  { step: 'Order lines: reject lines whose order or product is unknown.', checks: 'rejected: unknown order; rejected: unknown product' },
  { step: 'Customers: drop First Name and surname on reading; unknown age, income or dependants give "Unknown" groups.', checks: 'personal data; blank or not a number' },
  { step: 'Keep the population: orders with at least one accepted line; customers with at least one such order.', checks: 'population_flow' },
  { step: 'Leave low-activity customers out of the segment tables (they are counted in population_flow).', checks: 'population_flow' },
];
