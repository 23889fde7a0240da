/**
 * The customer table: one row per customer (a user with at least one population order, SPEC.md sections
 * 3 and 7) with every flag, from the merged partials and the orders lookup, never by re-reading order
 * lines. Columnar (typed arrays by customer index, customers in user_id order); flags are codes into
 * `kLabels`. A user without a customers.csv row still counts: its demographic flags are `Unknown`.
 * Grain: one entry per customer.
 */
import type { AnalysisInput } from '../summaries/index.js';
import type { LinesPartial } from '../../workers/protocol.js';

/**
 * What the customer table and the clusters are computed from: the parts of the derive input they read
 * (so that a worker thread can be given just these).
 */
export interface CustomerInput {
  totals: Pick<LinesPartial, 'orderHasLines' | 'userItems' | 'userKnownItems' | 'userRevenueCents' | 'userReorders' | 'userDeptItems' | 'productItems'>;
  orders: AnalysisInput['orders'];
  customers: AnalysisInput['customers'];
  departments: AnalysisInput['departments'];
  catalogue: Pick<AnalysisInput['catalogue'], 'slots' | 'known' | 'department'>;
  deptSlots: number;
  config: AnalysisInput['config'];
}

/** The customer input of a derive input: the same arrays, nothing copied. */
export function customerInput(input: AnalysisInput): CustomerInput {
  const { totals, catalogue } = input;
  return {
    totals: { orderHasLines: totals.orderHasLines, userItems: totals.userItems, userKnownItems: totals.userKnownItems, userRevenueCents: totals.userRevenueCents, userReorders: totals.userReorders, userDeptItems: totals.userDeptItems, productItems: totals.productItems },
    orders: input.orders,
    customers: input.customers,
    departments: input.departments,
    catalogue: { slots: catalogue.slots, known: catalogue.known, department: catalogue.department },
    deptSlots: input.deptSlots,
    config: input.config,
  };
}
import { activityOf, ageGroupOf, frequencyOf, habitOf, incomeGroupOf, loyaltyOf, medianOfCounts, parentOf, partOfDay, profileOf, regionOf, shopperTimeOf, spendingOf } from './flags.js';

/** The department habits: dimension name and the department name it looks for. */
export const kHabits = [
  { dimension: 'baby_household', department: 'babies' },
  { dimension: 'pet_owner', department: 'pets' },
  { dimension: 'alcohol_buyer', department: 'alcohol' },
] as const;

export type HabitDimension = (typeof kHabits)[number]['dimension'];

/** A text column by code: `values[codes[c]]`, where `values[0]` is '' (unknown). */
export interface TextColumn {
  codes: Uint16Array;
  values: readonly string[];
}

/** Customer c's text of a column ('' when unknown). */
export function textOf(column: TextColumn, c: number): string {
  return column.values[column.codes[c]!]!;
}

export interface CustomerTable {
  count: number;
  /** user_id per customer, ascending. */
  userId: Int32Array;
  /** Population orders, lines (items), lines with a known price, revenue in cents, reordered lines. */
  orders: Uint32Array;
  items: Uint32Array;
  knownItems: Uint32Array;
  revenueCents: Float64Array;
  reorders: Uint32Array;
  /** Highest order_number over population orders. */
  maxOrder: Int32Array;
  /** Median days since the prior order over population orders (first orders skipped); NaN when none. */
  medianDays: Float64Array;
  /** Demographics from customers.csv; -1 when unknown (no row, blank or not a number). */
  age: Int16Array;
  income: Int32Array;
  dependants: Int8Array;
  /** Texts kept from customers.csv: gender, state, family status and date joined (code 0 = '' = unknown). */
  gender: TextColumn;
  state: TextColumn;
  familyStatus: TextColumn;
  dateJoined: TextColumn;
  /** Flags, as codes into `kLabels` (family status: into `familyStatusLabels`). */
  loyalty: Uint8Array;
  spending: Uint8Array;
  frequency: Uint8Array;
  activity: Uint8Array;
  region: Uint8Array;
  ageGroup: Uint8Array;
  incomeGroup: Uint8Array;
  familyStatusCode: Uint16Array;
  parent: Uint8Array;
  profile: Uint8Array;
  shopperTime: Uint8Array;
  habits: Record<HabitDimension, Uint8Array>;
  /** The family status labels: the texts found, sorted, then `Unknown`. */
  familyStatusLabels: string[];
}

/**
 * Per user, one record of counters: orders, the highest order number (low and high 16 bits), orders by
 * part of day (4), orders with a days value, then orders by days since the prior order (0-30).
 */
const kRecord = 40;
const kMaxLow = 1;
const kParts = 3;
const kWithDays = 7;
const kDayCounts = 8;

/**
 * One pass over the population orders into per-user records. Orders come by order_id, in no order of
 * users, so each order costs a cache miss on its user's record: one 80-byte record of 16-bit counters
 * (41 ms at full scale) rather than separate 32-bit arrays (75 ms). A user with 65,535 orders would
 * overflow them: the pass then starts again with 32-bit counters.
 */
function scanOrders(input: CustomerInput): Uint16Array | Uint32Array {
  const short = new Uint16Array(input.orders.userSlots * kRecord);
  if (fillRecords(input, short, 0xffff)) return short;
  const long = new Uint32Array(short.length);
  fillRecords(input, long, 0xffffffff);
  return long;
}

/** Fill `records`; false (stopped) when a user's order count would pass `max`. */
function fillRecords(input: CustomerInput, records: Uint16Array | Uint32Array, max: number): boolean {
  const { user, number, hour, days } = input.orders;
  const bits = input.totals.orderHasLines;
  const partOf = Uint8Array.from({ length: 24 }, (_, h) => partOfDay(h, input.config));
  // Offsets as locals: V8 reloads module-level bindings in loops like this one.
  const [stride, maxLow, parts, withDays, dayCounts] = [kRecord, kMaxLow, kParts, kWithDays, kDayCounts];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const id = (w << 5) + 31 - Math.clz32(word & -word);
      word &= word - 1;
      const at = user[id]! * stride;
      if (records[at] === max) return false;
      records[at]!++;
      const n = number[id]!;
      if (n > records[at + maxLow]! + records[at + maxLow + 1]! * 65536) {
        records[at + maxLow] = n & 0xffff;
        records[at + maxLow + 1] = n >>> 16;
      }
      records[at + parts + partOf[hour[id]!]!]!++;
      const d = days[id]!;
      if (d >= 0) {
        records[at + withDays]!++;
        records[at + dayCounts + d]!++;
      }
    }
  }
  return true;
}

/** The department id named `name` (case-insensitive), if departments.csv names one. */
function departmentNamed(input: CustomerInput, name: string): number | undefined {
  for (const [id, text] of input.departments) if (text.trim().toLowerCase() === name) return id;
  return undefined;
}

export function buildCustomerTable(input: CustomerInput): CustomerTable {
  const { totals, config, customers: people, deptSlots } = input;
  const records = scanOrders(input);
  const userSlots = input.orders.userSlots;
  let count = 0;
  for (let u = 0; u < userSlots; u++) if (records[u * kRecord]! > 0) count++;
  const t = allocate(count, people);
  // Family status labels: the texts found, sorted, then Unknown; region by state: both per distinct text.
  const statusTexts = people === undefined ? [] : [...new Set(people.familyStatus.values.filter((v) => v !== ''))].sort();
  t.familyStatusLabels = [...statusTexts, 'Unknown'];
  const statusOfCode = Uint16Array.from(t.familyStatus.values, (v) => (v === '' ? statusTexts.length : statusTexts.indexOf(v)));
  const regionOfCode = Uint8Array.from(t.state.values, (v) => regionOf(v));
  const habitDepartments = kHabits.map((h) => departmentNamed(input, h.department) ?? -1);
  const { userItems, userKnownItems, userRevenueCents, userReorders, userDeptItems } = totals;
  let c = 0;
  for (let u = 0; u < userSlots; u++) {
    const at = u * kRecord;
    if (records[at] === 0) continue;
    t.userId[c] = u;
    t.orders[c] = records[at]!;
    t.items[c] = userItems[u] ?? 0;
    t.knownItems[c] = userKnownItems[u] ?? 0;
    t.revenueCents[c] = userRevenueCents[u] ?? 0;
    t.reorders[c] = userReorders[u] ?? 0;
    const maxOrder = records[at + kMaxLow]! + records[at + kMaxLow + 1]! * 65536;
    t.maxOrder[c] = maxOrder;
    const medianDays = medianOfCounts(records, records[at + kWithDays]!, at + kDayCounts, 31);
    t.medianDays[c] = medianDays;
    const known = people !== undefined && u < people.slots && people.known[u] === 1;
    const age = known ? people.age[u]! : -1;
    const dependants = known ? people.dependants[u]! : -1;
    t.age[c] = age;
    t.income[c] = known ? people.income[u]! : -1;
    t.dependants[c] = dependants;
    if (known) {
      t.gender.codes[c] = people.gender.codes[u]!;
      t.state.codes[c] = people.state.codes[u]!;
      t.familyStatus.codes[c] = people.familyStatus.codes[u]!;
      t.dateJoined.codes[c] = people.dateJoined.codes[u]!;
    }
    t.loyalty[c] = loyaltyOf(maxOrder, config);
    t.spending[c] = spendingOf(t.revenueCents[c]!, t.knownItems[c]!, config);
    t.frequency[c] = frequencyOf(medianDays, config);
    t.activity[c] = activityOf(maxOrder, config);
    t.region[c] = regionOfCode[t.state.codes[c]!]!;
    const ageGroup = ageGroupOf(age, config);
    t.ageGroup[c] = ageGroup;
    t.incomeGroup[c] = incomeGroupOf(t.income[c]!, config);
    t.familyStatusCode[c] = statusOfCode[t.familyStatus.codes[c]!]!;
    const parent = parentOf(dependants);
    t.parent[c] = parent;
    t.profile[c] = profileOf(ageGroup, parent);
    t.shopperTime[c] = shopperTimeOf(records, at + kParts);
    const base = u * deptSlots;
    t.habits.baby_household[c] = habitOf(habitDepartments[0]! < 0 ? undefined : (userDeptItems[base + habitDepartments[0]!] ?? 0));
    t.habits.pet_owner[c] = habitOf(habitDepartments[1]! < 0 ? undefined : (userDeptItems[base + habitDepartments[1]!] ?? 0));
    t.habits.alcohol_buyer[c] = habitOf(habitDepartments[2]! < 0 ? undefined : (userDeptItems[base + habitDepartments[2]!] ?? 0));
    c++;
  }
  return t;
}

function allocate(count: number, people: CustomerInput['customers']): CustomerTable {
  const codes = (): Uint8Array => new Uint8Array(count);
  const text = (values: readonly string[] | undefined): TextColumn => ({ codes: new Uint16Array(count), values: values ?? [''] });
  return {
    count,
    userId: new Int32Array(count),
    orders: new Uint32Array(count),
    items: new Uint32Array(count),
    knownItems: new Uint32Array(count),
    revenueCents: new Float64Array(count),
    reorders: new Uint32Array(count),
    maxOrder: new Int32Array(count),
    medianDays: new Float64Array(count),
    age: new Int16Array(count),
    income: new Int32Array(count),
    dependants: new Int8Array(count),
    gender: text(people?.gender.values),
    state: text(people?.state.values),
    familyStatus: text(people?.familyStatus.values),
    dateJoined: text(people?.dateJoined.values),
    loyalty: codes(),
    spending: codes(),
    frequency: codes(),
    activity: codes(),
    region: codes(),
    ageGroup: codes(),
    incomeGroup: codes(),
    familyStatusCode: new Uint16Array(count),
    parent: codes(),
    profile: codes(),
    shopperTime: codes(),
    habits: { baby_household: codes(), pet_owner: codes(), alcohol_buyer: codes() },
    familyStatusLabels: [],
  };
}
