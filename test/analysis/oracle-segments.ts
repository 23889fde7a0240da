/**
 * The naive oracle of key question 5 (SPEC.md sections 3, 4 and 7): every customer flag, every segment
 * table, every crosstab, the segment x department index and the population's customers, computed from
 * the oracle's own reading of the files (oracle.ts) with plain Maps and exact fractions. It shares nothing
 * with src/ but the rules as SPEC.md states them.
 *
 * The clusters are the one thing it does not recompute (k-means has no naive twin): it takes the
 * pipeline's assignment of customers to clusters (customers.csv) and checks everything built on it;
 * test/segments/ checks k-means, the silhouette and the adjusted Rand index against naive formulas.
 */
import type { ExpectedCell, ExpectedTable, Fraction, Line, OracleData } from './oracle.js';
import { inert, money } from './oracle.js';

const kMinCell = 10;
const kSmallNote = `fewer than ${kMinCell} customers: numbers left blank`;

const frac = (num: number, den: number, decimals: number): Fraction => ({ num: BigInt(num), den: BigInt(den), decimals });

// Assumed (table order, which SPEC.md leaves open): each dimension's values in the order SPEC.md lists
// them, `Unknown` last; family statuses in text order; habits yes, no, Unknown.
const kOrder: Record<string, string[]> = {
  loyalty: ['Loyal customer', 'Regular customer', 'New customer'],
  spending: ['High spender', 'Low spender'],
  frequency: ['Frequent customer', 'Regular customer', 'Non-frequent customer', 'Unknown'],
  activity: ['Normal activity', 'Low activity'],
  region: ['Northeast', 'Midwest', 'South', 'West', 'Unknown'],
  age_group: ['Young adult', 'Middle-aged', 'Senior', 'Unknown'],
  income_group: ['Low income', 'Middle income', 'High income', 'Unknown'],
  profile: ['Young parent', 'Young single adult', 'Middle-aged parent', 'Middle-aged without children', 'Senior parent', 'Senior without children', 'Unknown'],
  shopper_time: ['Early bird', 'Daytime', 'Evening', 'Night owl'],
  habit: ['yes', 'no', 'Unknown'],
};

/** SPEC.md section 3's regions, by the states' full names. */
const kRegions: [string, string[]][] = [
  ['Northeast', ['Maine', 'New Hampshire', 'Vermont', 'Massachusetts', 'Rhode Island', 'Connecticut', 'New York', 'Pennsylvania', 'New Jersey']],
  ['Midwest', ['Wisconsin', 'Michigan', 'Illinois', 'Indiana', 'Ohio', 'North Dakota', 'South Dakota', 'Nebraska', 'Kansas', 'Minnesota', 'Iowa', 'Missouri']],
  ['South', ['Delaware', 'Maryland', 'District of Columbia', 'Virginia', 'West Virginia', 'North Carolina', 'South Carolina', 'Georgia', 'Florida', 'Kentucky', 'Tennessee', 'Mississippi', 'Alabama', 'Oklahoma', 'Texas', 'Arkansas', 'Louisiana']],
  ['West', ['Idaho', 'Montana', 'Wyoming', 'Nevada', 'Utah', 'Colorado', 'Arizona', 'New Mexico', 'Alaska', 'Washington', 'Oregon', 'California', 'Hawaii']],
];

export function regionOfState(state: string): string {
  for (const [region, states] of kRegions) if (states.some((s) => s.toLowerCase() === state.trim().toLowerCase())) return region;
  return 'Unknown';
}

/** One customer as SPEC.md defines it, straight from the lines and orders. */
export interface OracleCustomerRow {
  user: number;
  orders: number;
  items: number;
  knownItems: number;
  cents: number;
  reorders: number;
  maxOrder: number;
  /** Twice the median (an integer), undefined when the customer has no days value. */
  medianTwice: number | undefined;
  /** Items by department id. */
  departments: Map<number, number>;
  flags: Record<string, string>;
  age: number | undefined;
  income: number | undefined;
  dependants: number | undefined;
  gender: string;
  state: string;
}

function partOfDay(hour: number): number {
  if (hour >= 22 || hour <= 4) return 3;
  if (hour >= 17) return 2;
  if (hour >= 10) return 1;
  return 0;
}

/** Every customer (a user with an order that has lines), with every flag. */
export function oracleCustomers(data: OracleData): Map<number, OracleCustomerRow> {
  const byUser = new Map<number, { orders: Set<number>; lines: Line[] }>();
  for (const l of data.lines) {
    const u = byUser.get(l.user) ?? { orders: new Set<number>(), lines: [] };
    byUser.set(l.user, u);
    u.orders.add(l.order);
    u.lines.push(l);
  }
  const deptNamed = (name: string): number | undefined => [...data.departments].find(([, n]) => n.trim().toLowerCase() === name)?.[0];
  const habitDept = { baby_household: deptNamed('babies'), pet_owner: deptNamed('pets'), alcohol_buyer: deptNamed('alcohol') };
  const out = new Map<number, OracleCustomerRow>();
  for (const [user, u] of [...byUser].sort((a, b) => a[0] - b[0])) {
    const orders = [...u.orders].map((id) => data.orders.get(id)!);
    const maxOrder = Math.max(...orders.map((o) => o.number));
    const days = orders.map((o) => o.days).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
    const medianTwice = days.length === 0 ? undefined : days.length % 2 === 1 ? 2 * days[(days.length - 1) / 2]! : days[days.length / 2 - 1]! + days[days.length / 2]!;
    const parts = [0, 0, 0, 0];
    for (const o of orders) parts[partOfDay(o.hour)]!++;
    let shopper = 0;
    for (let p = 1; p < 4; p++) if (parts[p]! > parts[shopper]!) shopper = p;
    const known = u.lines.filter((l) => l.product.priceCents !== undefined);
    const cents = known.reduce((s, l) => s + l.product.priceCents!, 0);
    const departments = new Map<number, number>();
    for (const l of u.lines) departments.set(l.product.department, (departments.get(l.product.department) ?? 0) + 1);
    const person = data.customers?.get(user);
    const age = person?.age;
    const ageGroup = age === undefined || age < 18 ? 'Unknown' : age <= 35 ? 'Young adult' : age <= 64 ? 'Middle-aged' : 'Senior';
    const income = person?.income;
    const incomeGroup = income === undefined ? 'Unknown' : income < 50_000 ? 'Low income' : income > 120_000 ? 'High income' : 'Middle income';
    const dependants = person?.dependants;
    const parent = dependants === undefined ? 'Unknown' : dependants > 0 ? 'Parent' : 'No children';
    const profile = ageGroup === 'Unknown' || parent === 'Unknown' ? 'Unknown' : `${ageGroup === 'Young adult' ? 'Young' : ageGroup} ${parent === 'Parent' ? 'parent' : ageGroup === 'Young adult' ? 'single adult' : 'without children'}`;
    const habit = (dept: number | undefined): string => (dept === undefined ? 'Unknown' : (departments.get(dept) ?? 0) > 0 ? 'yes' : 'no');
    out.set(user, {
      user,
      orders: orders.length,
      items: u.lines.length,
      knownItems: known.length,
      cents,
      reorders: u.lines.filter((l) => l.reordered === 1).length,
      maxOrder,
      medianTwice,
      departments,
      age,
      income,
      dependants,
      gender: person?.gender ?? '',
      state: person?.state ?? '',
      flags: {
        loyalty: maxOrder > 40 ? 'Loyal customer' : maxOrder > 10 ? 'Regular customer' : 'New customer',
        // No known-price item: Low spender (SPEC.md section 7); in integers: cents / known >= 1000.
        spending: known.length > 0 && cents >= 1000 * known.length ? 'High spender' : 'Low spender',
        frequency: medianTwice === undefined ? 'Unknown' : medianTwice > 40 ? 'Non-frequent customer' : medianTwice > 20 ? 'Regular customer' : 'Frequent customer',
        activity: maxOrder < 5 ? 'Low activity' : 'Normal activity',
        region: person === undefined ? 'Unknown' : regionOfState(person.state),
        age_group: ageGroup,
        income_group: incomeGroup,
        family_status: person === undefined || person.famStatus === '' ? 'Unknown' : person.famStatus,
        parent,
        profile,
        shopper_time: kOrder.shopper_time![shopper]!,
        baby_household: habit(habitDept.baby_household),
        pet_owner: habit(habitDept.pet_owner),
        alcohol_buyer: habit(habitDept.alcohol_buyer),
      },
    });
  }
  return out;
}

/** customers.csv as expected, every column the oracle computes (all but date_joined and cluster). */
export function expectedCustomersFile(customers: Map<number, OracleCustomerRow>, hasPrices: boolean): ExpectedTable {
  const blankIfUnknown = (v: number | undefined): ExpectedCell => (v === undefined ? '' : String(v));
  return {
    columns: ['user_id', 'orders', 'items', 'revenue', 'avg_item_price', 'reorder_share', 'max_order', 'loyalty', 'spending', 'median_days', 'frequency', 'activity', 'shopper_time', 'gender', 'state', 'region', 'age', 'age_group', 'income', 'income_group', 'family_status', 'dependants', 'parent', 'profile', 'baby_household', 'pet_owner', 'alcohol_buyer'],
    rows: [...customers.values()].map((c) => [
      String(c.user),
      String(c.orders),
      String(c.items),
      hasPrices ? money(c.cents) : 'no prices',
      hasPrices ? frac(c.cents, c.knownItems * 100, 4) : 'no prices',
      frac(c.reorders, c.items, 6),
      String(c.maxOrder),
      c.flags.loyalty!,
      c.flags.spending!,
      c.medianTwice === undefined ? '' : frac(c.medianTwice, 2, 4),
      c.flags.frequency!,
      c.flags.activity!,
      c.flags.shopper_time!,
      inert(c.gender || 'Unknown'),
      inert(c.state || 'Unknown'),
      c.flags.region!,
      blankIfUnknown(c.age),
      c.flags.age_group!,
      blankIfUnknown(c.income),
      c.flags.income_group!,
      inert(c.flags.family_status!),
      blankIfUnknown(c.dependants),
      c.flags.parent!,
      c.flags.profile!,
      c.flags.baby_household!,
      c.flags.pet_owner!,
      c.flags.alcohol_buyer!,
    ]),
  };
}

/** The segment dimensions in table order, each a label per customer and its values in table order. */
function dimensions(customers: Map<number, OracleCustomerRow>, clusterOf: Map<number, string>, clusterLabels: string[]): { name: string; order: string[]; of: (c: OracleCustomerRow) => string }[] {
  const statuses = [...new Set([...customers.values()].map((c) => c.flags.family_status!).filter((s) => s !== 'Unknown'))].sort();
  const flag = (name: string, order: string[]) => ({ name, order, of: (c: OracleCustomerRow) => c.flags[name]! });
  return [
    flag('loyalty', kOrder.loyalty!),
    flag('spending', kOrder.spending!),
    flag('frequency', kOrder.frequency!),
    flag('activity', kOrder.activity!),
    flag('region', kOrder.region!),
    flag('age_group', kOrder.age_group!),
    flag('income_group', kOrder.income_group!),
    flag('family_status', [...statuses, 'Unknown']),
    flag('profile', kOrder.profile!),
    flag('shopper_time', kOrder.shopper_time!),
    { name: 'cluster', order: clusterLabels, of: (c) => clusterOf.get(c.user)! },
    flag('baby_household', kOrder.habit!),
    flag('pet_owner', kOrder.habit!),
    flag('alcohol_buyer', kOrder.habit!),
  ];
}

/** Every segment table, crosstab and the department index, from the customers (and their clusters). */
export function expectedSegmentTables(data: OracleData, customers: Map<number, OracleCustomerRow>, clusterOf: Map<number, string>, clusterLabels: string[]): Record<string, ExpectedTable> {
  const all = [...customers.values()];
  const normal = all.filter((c) => c.flags.activity === 'Normal activity');
  const dims = dimensions(customers, clusterOf, clusterLabels);
  const byName = new Map(dims.map((d) => [d.name, d]));
  const tables: Record<string, ExpectedTable> = {};
  const departmentName = (id: number): string => inert(data.departments.get(id) ?? `department ${id}`);
  for (const dim of dims) {
    const members = dim.name === 'activity' ? all : normal;
    const rows: ExpectedCell[][] = [];
    for (const value of dim.order) {
      const group = members.filter((c) => dim.of(c) === value);
      if (group.length === 0) continue;
      if (group.length < kMinCell) {
        rows.push([inert(value), '', '', '', '', '', '', '', '', '', '', kSmallNote]);
        continue;
      }
      const sum = (f: (c: OracleCustomerRow) => number): number => group.reduce((s, c) => s + f(c), 0);
      const orders = sum((c) => c.orders);
      const items = sum((c) => c.items);
      const known = sum((c) => c.knownItems);
      const cents = sum((c) => c.cents);
      const withDays = group.filter((c) => c.medianTwice !== undefined);
      rows.push([
        inert(value),
        String(group.length),
        frac(group.length, members.length, 6),
        String(orders),
        String(items),
        data.hasPrices ? money(cents) : 'no prices',
        frac(orders, group.length, 4),
        frac(items, orders, 4),
        data.hasPrices ? frac(cents, known * 100, 4) : 'no prices',
        data.hasPrices ? frac(cents, orders * 100, 4) : 'no prices',
        frac(withDays.reduce((s, c) => s + c.medianTwice!, 0), withDays.length * 2, 4),
        '',
      ]);
    }
    tables[`segment_${dim.name}`] = { columns: [dim.name, 'customers', 'share_of_customers', 'orders', 'items', 'revenue', 'avg_orders_per_customer', 'avg_items_per_order', 'avg_item_price', 'avg_order_value', 'avg_median_days', 'note'], rows };
  }
  for (const [a, b] of [['region', 'spending'], ['loyalty', 'spending'], ['loyalty', 'shopper_time'], ['profile', 'region'], ['family_status', 'age_group'], ['age_group', 'income_group']] as const) {
    const da = byName.get(a)!;
    const db = byName.get(b)!;
    const rows: ExpectedCell[][] = [];
    for (const va of da.order) {
      const row = normal.filter((c) => da.of(c) === va);
      for (const vb of db.order) {
        const n = row.filter((c) => db.of(c) === vb).length;
        if (n === 0) continue;
        rows.push(n < kMinCell ? [inert(va), inert(vb), '', '', kSmallNote] : [inert(va), inert(vb), String(n), frac(n, row.length, 6), '']);
      }
    }
    tables[`crosstab_${a}_by_${b}`] = { columns: [a, b, 'customers', 'share_of_row', 'note'], rows };
  }
  const departments = [...new Set(normal.flatMap((c) => [...c.departments.keys()]))].sort((x, y) => x - y);
  for (const name of ['income_group', 'profile']) {
    const dim = byName.get(name)!;
    const rows: ExpectedCell[][] = [];
    for (const value of dim.order) {
      const row = normal.filter((c) => dim.of(c) === value);
      if (row.length === 0) continue;
      const rowItems = row.reduce((s, c) => s + c.items, 0);
      for (const d of departments) {
        const buyers = row.filter((c) => (c.departments.get(d) ?? 0) > 0);
        if (buyers.length === 0) continue;
        const items = buyers.reduce((s, c) => s + c.departments.get(d)!, 0);
        rows.push(buyers.length < kMinCell ? [inert(value), departmentName(d), '', '', '', kSmallNote] : [inert(value), departmentName(d), String(buyers.length), String(items), frac(items, rowItems, 6), '']);
      }
    }
    tables[`crosstab_${name}_by_department`] = { columns: [name, 'department', 'customers', 'items', 'share_of_row', 'note'], rows };
  }
  const allItems = normal.reduce((s, c) => s + c.items, 0);
  const deptItems = (group: OracleCustomerRow[], d: number): number => group.reduce((s, c) => s + (c.departments.get(d) ?? 0), 0);
  const indexRows: ExpectedCell[][] = [];
  for (const dim of dims) {
    for (const value of dim.order) {
      const group = normal.filter((c) => dim.of(c) === value);
      if (group.length === 0) continue;
      const groupItems = group.reduce((s, c) => s + c.items, 0);
      for (const d of departments) {
        const items = deptItems(group, d);
        const buyers = group.filter((c) => (c.departments.get(d) ?? 0) > 0).length;
        const small = group.length < kMinCell || buyers < kMinCell;
        // index = (items / groupItems) / (all_d / allItems) x 100, as one exact fraction.
        const index = frac(items * allItems * 100, groupItems * deptItems(normal, d), 4);
        indexRows.push(small ? [dim.name, inert(value), departmentName(d), '', '', '', '', kSmallNote] : [dim.name, inert(value), departmentName(d), String(items), frac(items, groupItems, 6), index, String(buyers), '']);
      }
    }
  }
  tables.segment_department_index = { columns: ['dimension', 'segment', 'department', 'items', 'share_of_segment_items', 'index', 'customers', 'note'], rows: indexRows };
  return tables;
}
