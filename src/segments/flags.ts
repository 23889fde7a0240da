/**
 * The customer flags of SPEC.md sections 3 and 7, each rule once, as a pure function of a customer's
 * values and the settings in force. Every dimension's labels are listed in the order tables show them;
 * a flag is stored as its index in that list (a code), `Unknown` being a label like any other.
 */
import type { Config } from '../config/index.js';

/** The labels of each segment dimension, in table order. */
export const kLabels = {
  loyalty: ['Loyal customer', 'Regular customer', 'New customer'],
  spending: ['High spender', 'Low spender'],
  frequency: ['Frequent customer', 'Regular customer', 'Non-frequent customer', 'Unknown'],
  activity: ['Normal activity', 'Low activity'],
  region: ['Northeast', 'Midwest', 'South', 'West', 'Unknown'],
  age_group: ['Young adult', 'Middle-aged', 'Senior', 'Unknown'],
  income_group: ['Low income', 'Middle income', 'High income', 'Unknown'],
  parent: ['Parent', 'No children', 'Unknown'],
  profile: ['Young parent', 'Young single adult', 'Middle-aged parent', 'Middle-aged without children', 'Senior parent', 'Senior without children', 'Unknown'],
  shopper_time: ['Early bird', 'Daytime', 'Evening', 'Night owl'],
  habit: ['yes', 'no', 'Unknown'],
} as const;

/** Codes by name, for the rules below. */
const LOYAL = 0;
const REGULAR = 1;
const NEW = 2;

/** loyalty: `Loyal customer` when max_order > loyalOrdersAbove, `Regular customer` when > regularOrdersAbove. */
export function loyaltyOf(maxOrder: number, config: Config): number {
  if (maxOrder > config.loyalOrdersAbove) return LOYAL;
  if (maxOrder > config.regularOrdersAbove) return REGULAR;
  return NEW;
}

/** spending: `High spender` when the mean known item price >= highSpenderMinPrice; no known price: `Low spender`. */
export function spendingOf(revenueCents: number, knownItems: number, config: Config): number {
  if (knownItems === 0) return 1;
  // In integers: mean price (cents) >= bound (cents) <=> revenue >= bound x items.
  return revenueCents >= Math.round(config.highSpenderMinPrice * 100) * knownItems ? 0 : 1;
}

/** frequency by median days: `Non-frequent` > nonFrequentDaysAbove, `Regular` > regularDaysAbove, else `Frequent`; none: `Unknown`. */
export function frequencyOf(medianDays: number, config: Config): number {
  if (Number.isNaN(medianDays)) return 3;
  if (medianDays > config.nonFrequentDaysAbove) return 2;
  if (medianDays > config.regularDaysAbove) return 1;
  return 0;
}

/** activity: `Low activity` when max_order < lowActivityBelowOrders. */
export function activityOf(maxOrder: number, config: Config): number {
  return maxOrder < config.lowActivityBelowOrders ? 1 : 0;
}

/** Low activity is code 1 of `activity`. */
export const kLowActivity = 1;

/** US Census regions by state, as customers.csv writes the state (full name). */
const kRegionStates: readonly (readonly string[])[] = [
  ['Maine', 'New Hampshire', 'Vermont', 'Massachusetts', 'Rhode Island', 'Connecticut', 'New York', 'Pennsylvania', 'New Jersey'],
  ['Wisconsin', 'Michigan', 'Illinois', 'Indiana', 'Ohio', 'North Dakota', 'South Dakota', 'Nebraska', 'Kansas', 'Minnesota', 'Iowa', 'Missouri'],
  ['Delaware', 'Maryland', 'District of Columbia', 'Virginia', 'West Virginia', 'North Carolina', 'South Carolina', 'Georgia', 'Florida', 'Kentucky', 'Tennessee', 'Mississippi', 'Alabama', 'Oklahoma', 'Texas', 'Arkansas', 'Louisiana'],
  ['Idaho', 'Montana', 'Wyoming', 'Nevada', 'Utah', 'Colorado', 'Arizona', 'New Mexico', 'Alaska', 'Washington', 'Oregon', 'California', 'Hawaii'],
];
const kRegionByState = new Map<string, number>(kRegionStates.flatMap((states, region) => states.map((state) => [state.toLowerCase(), region] as [string, number])));

/** region from the state's full name (case and surrounding spaces ignored); any other text: `Unknown`, never a default. */
export function regionOf(state: string): number {
  return kRegionByState.get(state.trim().toLowerCase()) ?? 4;
}

/** age group: `Young adult` adultMinAge..youngAdultMaxAge, `Middle-aged` up to seniorMinAge - 1, `Senior` from it; under adultMinAge or missing (-1): `Unknown`. */
export function ageGroupOf(age: number, config: Config): number {
  if (age < 0 || age < config.adultMinAge) return 3;
  if (age <= config.youngAdultMaxAge) return 0;
  if (age < config.seniorMinAge) return 1;
  return 2;
}

/** income group: `Low income` below lowIncomeBelow, `High income` above highIncomeAbove, else `Middle income`; missing (-1): `Unknown`. */
export function incomeGroupOf(income: number, config: Config): number {
  if (income < 0) return 3;
  if (income < config.lowIncomeBelow) return 0;
  if (income > config.highIncomeAbove) return 2;
  return 1;
}

/** parent: n_dependants > 0; missing (-1): `Unknown`. */
export function parentOf(dependants: number): number {
  if (dependants < 0) return 2;
  return dependants > 0 ? 0 : 1;
}

/** profile (age group x parent); `Unknown` unless both are known. */
export function profileOf(ageGroup: number, parent: number): number {
  if (ageGroup === 3 || parent === 2) return 6;
  return ageGroup * 2 + parent;
}

/** The part of day of an hour (0-23): Early bird, Daytime, Evening, Night owl (which wraps past midnight). */
export function partOfDay(hour: number, config: Config): number {
  if (hour >= config.nightOwlFromHour || hour < config.earlyBirdFromHour) return 3;
  if (hour >= config.eveningFromHour) return 2;
  if (hour >= config.daytimeFromHour) return 1;
  return 0;
}

/** shopper time: the part of day of most orders (counts by part at `countsByPart[at..at+3]`); ties go to the first in list order. */
export function shopperTimeOf(countsByPart: ArrayLike<number>, at = 0): number {
  let best = 0;
  for (let part = 1; part < 4; part++) if (countsByPart[at + part]! > countsByPart[at + best]!) best = part;
  return best;
}

/** A department habit: `yes` when the customer bought from it; `Unknown` when the department is not named. */
export function habitOf(items: number | undefined): number {
  if (items === undefined) return 2;
  return items > 0 ? 0 : 1;
}

/**
 * The median of values given as counts by value (`counts[at + v]` = how many times v occurs, v below
 * `values`); an even count takes the mean of the two middle values. NaN when there are none.
 */
export function medianOfCounts(counts: ArrayLike<number>, total: number, at = 0, values = counts.length - at): number {
  if (total === 0) return Number.NaN;
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.floor(total / 2);
  let seen = 0;
  let low = Number.NaN;
  for (let v = 0; v < values; v++) {
    const n = counts[at + v]!;
    if (n === 0) continue;
    if (Number.isNaN(low) && seen + n > lower) low = v;
    if (seen + n > upper) return (low + v) / 2;
    seen += n;
  }
  return low;
}
