/** The customer table as the store keeps it (codes and integer measures; see src/store/customers.ts). */
import { kLabels, type Segments, type TextColumn } from '../segments/index.js';
import type { StoredCustomers } from '../store/customers.js';

/** `2017-01-31` -> 20170131; anything else -> -1. */
function ymd(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m === null ? -1 : Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
}

/** A text column's labels: its values, '' (code 0) shown as `Unknown`. */
function labelsOf(column: TextColumn): string[] {
  return column.values.map((v) => (v === '' ? 'Unknown' : v));
}

export function storedCustomers(segments: Segments): StoredCustomers {
  const t = segments.customers;
  const dayOfCode = Int32Array.from(t.dateJoined.values, ymd);
  const int = (values: Uint32Array | Float64Array | Int16Array | Int8Array): Int32Array => new Int32Array(values);
  return {
    userId: t.userId,
    numbers: {
      orders: int(t.orders),
      items: int(t.items),
      known_items: int(t.knownItems),
      revenue_cents: int(t.revenueCents),
      reorders: int(t.reorders),
      max_order: t.maxOrder,
      median_days_x2: Int32Array.from(t.medianDays, (d) => (Number.isNaN(d) ? -1 : d * 2)),
      age: int(t.age),
      income: t.income,
      dependants: int(t.dependants),
      date_joined_ymd: Int32Array.from(t.dateJoined.codes, (code) => dayOfCode[code]!),
    },
    codes: {
      loyalty: t.loyalty,
      spending: t.spending,
      frequency: t.frequency,
      activity: t.activity,
      shopper_time: t.shopperTime,
      gender: t.gender.codes,
      state: t.state.codes,
      region: t.region,
      age_group: t.ageGroup,
      income_group: t.incomeGroup,
      family_status: t.familyStatusCode,
      parent: t.parent,
      profile: t.profile,
      baby_household: t.habits.baby_household,
      pet_owner: t.habits.pet_owner,
      alcohol_buyer: t.habits.alcohol_buyer,
      cluster: segments.clusters?.codes ?? new Uint8Array(t.count),
    },
    labels: {
      loyalty: kLabels.loyalty,
      spending: kLabels.spending,
      frequency: kLabels.frequency,
      activity: kLabels.activity,
      shopper_time: kLabels.shopper_time,
      gender: labelsOf(t.gender),
      state: labelsOf(t.state),
      region: kLabels.region,
      age_group: kLabels.age_group,
      income_group: kLabels.income_group,
      family_status: t.familyStatusLabels,
      parent: kLabels.parent,
      profile: kLabels.profile,
      baby_household: kLabels.habit,
      pet_owner: kLabels.habit,
      alcohol_buyer: kLabels.habit,
      cluster: segments.clusters?.labels ?? ['no clusters'],
    },
  };
}
