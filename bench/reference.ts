/**
 * The shape of the reference answer to Q1-Q4 that DuckDB computes in its child process and that
 * compare.ts checks instacart's exports against. Raw counts and cents only (no shares, no averages):
 * the checker derives the exported ratios from them, so rounding happens in one place.
 */

/** Q1/Q2 totals of one day, hour or day x hour cell. */
export interface TimeCell {
  /** Orders with at least one joined line (SPEC.md section 3: the population). */
  orders: number;
  /** Order lines. */
  items: number;
  /** Sum of known item prices, in cents (each line is one unit). */
  revenueCents: number;
  /** Lines whose product has a known price: the denominator of avg_item_price. */
  knownItems: number;
}

/** Q3 totals of one price range. */
export interface PriceRangeCell {
  /** Products of the cleaned catalogue in the range, with or without lines. */
  products: number;
  items: number;
  revenueCents: number;
}

/** Q4 totals of one department, aisle or product. */
export interface GroupCell {
  items: number;
  revenueCents: number;
  /** Lines with reordered = 1: reorder_rate = reorders / items. */
  reorders: number;
  /** Distinct user_id over the group's lines (via orders); 0 for products (not exported there). */
  customers: number;
}

/** What the DuckDB child writes as JSON: every Q1-Q4 aggregate plus how long each step took. */
export interface ReferenceResults {
  /** DuckDB's engine version, e.g. `v1.5.6`. */
  duckdbVersion: string;
  /** DuckDB's `threads` setting during the run (its default is the number of cores). */
  threads: number;
  /** Order lines that joined to a known order and product (instacart's accepted lines). */
  linesJoined: number;
  /** Keyed by order_dow (`"0"`..`"6"`), by hour (`"0"`..`"23"`), by `"<dow>x<hour>"`. */
  byDay: Record<string, TimeCell>;
  byHour: Record<string, TimeCell>;
  byDayHour: Record<string, TimeCell>;
  /** Keyed by instacart's range labels (`Low-range product`, ..., `Unknown price`). */
  priceRanges: Record<string, PriceRangeCell>;
  /** Keyed by department_id / aisle_id, only groups with lines. */
  departments: Record<string, GroupCell>;
  aisles: Record<string, GroupCell>;
  /** The top 100 products: items desc, ties to the lower product_id (SPEC.md section 7). */
  topProducts: Array<GroupCell & { productId: number }>;
  /** Seconds since the child process started, at the end of each SQL step (cumulative). */
  steps: Array<{ name: string; atSeconds: number }>;
  /** Seconds from process start until every result above was materialized in JS. */
  materializedAtSeconds: number;
}
