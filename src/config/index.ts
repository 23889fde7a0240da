/**
 * All analysis thresholds in one object with read-only defaults (fast-csv's ParserOptions shape),
 * validated once at the edge: a config file can change any of them, and a mistake gets a message
 * that says how to fix it (better-sqlite3's "Misspelled option" style), with exit code 2.
 */
import { readFileSync } from 'node:fs';
import { EtlError } from '../errors/index.js';

export interface Config {
  /** `saturday` (course convention: order_dow 0 = Saturday) or `sunday` (0 = Sunday). */
  readonly weekStartsOn: 'saturday' | 'sunday';
  /** Segment and crosstab cells describing fewer customers than this are blanked in exports. */
  readonly minCellCustomers: number;
  /** Low-range products cost at most this (dollars). */
  readonly lowPriceMax: number;
  /** Mid-range products cost at most this (dollars); above is high-range. */
  readonly midPriceMax: number;
  /** Prices above this (dollars) are outliers and become unknown; exactly this is still known. */
  readonly priceOutlierMax: number;
  /** How many hours get `Most orders` (and how many `Fewest orders`). */
  readonly busiestHours: number;
  /** Rows in top_products.csv. */
  readonly topProducts: number;
  /** Rejected rows kept in detail per source (all are counted). */
  readonly maxRejectDetails: number;
  /** Loyalty: `Loyal customer` when max_order > loyal, `Regular customer` when > regular. */
  readonly loyalOrdersAbove: number;
  readonly regularOrdersAbove: number;
  /** Spending: `High spender` when the mean known item price >= this (dollars). */
  readonly highSpenderMinPrice: number;
  /** Frequency by median days between orders: `Non-frequent` when > this, `Regular` when > the next. */
  readonly nonFrequentDaysAbove: number;
  readonly regularDaysAbove: number;
  /** Activity: `Low activity` when max_order < this. */
  readonly lowActivityBelowOrders: number;
  /** Age groups: adults from this age; `Young adult` up to the next, `Senior` from the one after. */
  readonly adultMinAge: number;
  readonly youngAdultMaxAge: number;
  readonly seniorMinAge: number;
  /** Income groups (dollars a year): `Low income` below the first, `High income` above the second. */
  readonly lowIncomeBelow: number;
  readonly highIncomeAbove: number;
  /** Shopper time: the first hour of `Early bird`, `Daytime`, `Evening` and `Night owl` (which runs past midnight). */
  readonly earlyBirdFromHour: number;
  readonly daytimeFromHour: number;
  readonly eveningFromHour: number;
  readonly nightOwlFromHour: number;
  /** Seed of the clustering sample and k-means starts. */
  readonly clusterSeed: number;
  /** The smallest and largest k tried; the one with the best silhouette is kept. */
  readonly clusterMinK: number;
  readonly clusterMaxK: number;
  /** Customers in the seeded sample the clusters are fitted on (every customer is then assigned). */
  readonly clusterSampleSize: number;
  /**
   * Products bought together: pairs (of products, aisles, departments) in fewer orders than this are not
   * listed, and only products in at least this many orders get pair counters (the Apriori bound).
   */
  readonly minPairOrders: number;
  /** Rows of product_pairs.csv per ranking (by lift, by orders together). */
  readonly pairTopN: number;
}

export const defaultConfig: Config = Object.freeze({
  weekStartsOn: 'saturday',
  minCellCustomers: 10,
  lowPriceMax: 5,
  midPriceMax: 15,
  priceOutlierMax: 100,
  busiestHours: 8,
  topProducts: 100,
  maxRejectDetails: 10_000_000,
  loyalOrdersAbove: 40,
  regularOrdersAbove: 10,
  highSpenderMinPrice: 10,
  nonFrequentDaysAbove: 20,
  regularDaysAbove: 10,
  lowActivityBelowOrders: 5,
  adultMinAge: 18,
  youngAdultMaxAge: 35,
  seniorMinAge: 65,
  lowIncomeBelow: 50_000,
  highIncomeAbove: 120_000,
  earlyBirdFromHour: 5,
  daytimeFromHour: 10,
  eveningFromHour: 17,
  nightOwlFromHour: 22,
  clusterSeed: 42,
  clusterMinK: 3,
  clusterMaxK: 8,
  clusterSampleSize: 1000,
  minPairOrders: 1000,
  pairTopN: 100,
} satisfies Config);

type NumberKey = { [K in keyof Config]: Config[K] extends number ? K : never }[keyof Config];

/** Bounds for every numeric option: [min, max, integer]. */
const numberRules: Record<NumberKey, [number, number, boolean]> = {
  minCellCustomers: [1, 1_000_000, true],
  lowPriceMax: [0, 1_000_000, false],
  midPriceMax: [0, 1_000_000, false],
  priceOutlierMax: [0, 1_000_000, false],
  busiestHours: [1, 12, true],
  topProducts: [1, 1_000_000, true],
  maxRejectDetails: [0, 100_000_000, true],
  loyalOrdersAbove: [0, 1_000_000, true],
  regularOrdersAbove: [0, 1_000_000, true],
  highSpenderMinPrice: [0, 1_000_000, false],
  nonFrequentDaysAbove: [0, 30, false],
  regularDaysAbove: [0, 30, false],
  lowActivityBelowOrders: [0, 1_000_000, true],
  adultMinAge: [0, 150, true],
  youngAdultMaxAge: [0, 150, true],
  seniorMinAge: [0, 150, true],
  lowIncomeBelow: [0, 1_000_000_000, false],
  highIncomeAbove: [0, 1_000_000_000, false],
  earlyBirdFromHour: [0, 23, true],
  daytimeFromHour: [0, 23, true],
  eveningFromHour: [0, 23, true],
  nightOwlFromHour: [0, 23, true],
  clusterSeed: [0, 2 ** 31 - 1, true],
  clusterMinK: [2, 20, true],
  clusterMaxK: [2, 20, true],
  clusterSampleSize: [100, 20_000, true],
  minPairOrders: [1, 1_000_000_000, true],
  pairTopN: [1, 1_000_000, true],
};

/** Validate a parsed config object; `origin` names where it came from, for messages. */
export function validateConfig(input: unknown, origin = 'config'): Config {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new EtlError('CONFIG', `${origin} must be a JSON object like {"minCellCustomers": 10}`);
  }
  const known = Object.keys(defaultConfig);
  const result: Record<string, unknown> = { ...defaultConfig };
  for (const [key, value] of Object.entries(input)) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      throw new EtlError('CONFIG', `${origin}: unknown option "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}; known options: ${known.join(', ')}`);
    }
    if (key === 'weekStartsOn') {
      if (value !== 'saturday' && value !== 'sunday') throw new EtlError('CONFIG', `${origin}: weekStartsOn must be "saturday" (order_dow 0 = Saturday) or "sunday", got ${JSON.stringify(value)}`);
      result[key] = value;
      continue;
    }
    const [min, max, integer] = numberRules[key as NumberKey];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new EtlError('CONFIG', `${origin}: ${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    result[key] = value;
  }
  const config = result as unknown as Config;
  if (config.lowPriceMax >= config.midPriceMax) throw new EtlError('CONFIG', `${origin}: lowPriceMax (${config.lowPriceMax}) must be below midPriceMax (${config.midPriceMax})`);
  if (config.regularOrdersAbove >= config.loyalOrdersAbove) throw new EtlError('CONFIG', `${origin}: regularOrdersAbove must be below loyalOrdersAbove`);
  if (config.regularDaysAbove >= config.nonFrequentDaysAbove) throw new EtlError('CONFIG', `${origin}: regularDaysAbove must be below nonFrequentDaysAbove`);
  if (!(config.adultMinAge <= config.youngAdultMaxAge && config.youngAdultMaxAge < config.seniorMinAge)) {
    throw new EtlError('CONFIG', `${origin}: ages must go adultMinAge <= youngAdultMaxAge < seniorMinAge, got ${config.adultMinAge}, ${config.youngAdultMaxAge}, ${config.seniorMinAge}`);
  }
  if (config.lowIncomeBelow > config.highIncomeAbove) throw new EtlError('CONFIG', `${origin}: lowIncomeBelow (${config.lowIncomeBelow}) must not be above highIncomeAbove (${config.highIncomeAbove})`);
  const hours = [config.earlyBirdFromHour, config.daytimeFromHour, config.eveningFromHour, config.nightOwlFromHour];
  if (!hours.every((h, k) => k === 0 || h > hours[k - 1]!)) {
    throw new EtlError('CONFIG', `${origin}: shopper-time hours must rise: earlyBirdFromHour < daytimeFromHour < eveningFromHour < nightOwlFromHour, got ${hours.join(', ')}`);
  }
  if (config.clusterMinK > config.clusterMaxK) throw new EtlError('CONFIG', `${origin}: clusterMinK (${config.clusterMinK}) must not be above clusterMaxK (${config.clusterMaxK})`);
  return Object.freeze(config);
}

/** Read and validate a JSON config file; no file means the defaults. */
export function loadConfig(file: string | undefined): Config {
  if (file === undefined) return defaultConfig;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EtlError('CONFIG', `cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EtlError('CONFIG', `config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return validateConfig(parsed, file);
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
