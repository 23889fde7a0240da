/**
 * The customer table in SQLite: `customer_values` holds one row per customer (user_id, measures, and each
 * flag as a code), and the view `customers` reads it with every flag as its label, so that
 * `SELECT loyalty, count(*) FROM customers GROUP BY 1` works from any SQLite client. Never a name.
 *
 * Why codes and a view: inserting 206k rows of 29 columns took 0.65-0.9 s on the benchmark machine,
 * a quarter of a full run, and every run derives the table again. The rows are therefore narrow (see
 * `rowValues`), and a run writes only the rows
 * that differ from the last run's: a 64-bit hash of each row (two independent 32-bit hashes) is kept as
 * a cached lookup, and a row whose hash is unchanged is left as it is (a wrong "unchanged" needs a 2^-64
 * coincidence). The view, rebuilt each run with the current labels, turns codes into text. A fresh run
 * and an incremental one hold the same rows: codes are a function of the data.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { StoredArrays } from './codecs.js';

/** Columns stored as integers (-1 = unknown, shown as NULL). */
export const kCustomerNumbers = ['orders', 'items', 'known_items', 'revenue_cents', 'reorders', 'max_order', 'median_days_x2', 'age', 'income', 'dependants', 'date_joined_ymd'] as const;
/** Columns stored as codes into label lists. */
export const kCustomerLabels = ['loyalty', 'spending', 'frequency', 'activity', 'shopper_time', 'gender', 'state', 'region', 'age_group', 'income_group', 'family_status', 'parent', 'profile', 'baby_household', 'pet_owner', 'alcohol_buyer', 'cluster'] as const;

export type CustomerNumber = (typeof kCustomerNumbers)[number];
export type CustomerLabel = (typeof kCustomerLabels)[number];

/** The customer table as the store takes it: columns by customer index, customers in user_id order. */
export interface StoredCustomers {
  userId: Int32Array;
  numbers: Record<CustomerNumber, Int32Array>;
  codes: Record<CustomerLabel, Uint8Array | Uint16Array>;
  labels: Record<CustomerLabel, readonly string[]>;
}

/**
 * The physical row: user_id, seven plain measures, and four packed integers (all below 2^53, so exact in
 * JavaScript and SQLite alike). The fewer the columns, the cheaper each of the 206k inserts: 29 columns
 * took 0.65 s, these 13 take about 0.3 s.
 * - `small`: median_days x 2 + 1 (7 bits, 0 = unknown) | age + 1 (8 bits) << 7 | dependants + 1 (7 bits) << 15
 *   | date joined as yyyymmdd (27 bits, 0 = unknown) << 22;
 * - `codes_a`: the 13 flags with fixed labels, 4 bits each, in `kPackedFlags` order;
 * - `codes_b`: gender | family_status << 16 | cluster << 32 (16 bits each); `state` on its own.
 */
const kPlainNumbers = ['orders', 'items', 'known_items', 'revenue_cents', 'reorders', 'max_order', 'income'] as const satisfies readonly CustomerNumber[];
const kPackedFlags = ['loyalty', 'spending', 'frequency', 'activity', 'shopper_time', 'region', 'age_group', 'income_group', 'parent', 'profile', 'baby_household', 'pet_owner', 'alcohol_buyer'] as const satisfies readonly CustomerLabel[];
const kPhysical = ['user_id', ...kPlainNumbers, 'small', 'codes_a', 'codes_b', 'state'] as const;

/** The physical columns, `kPhysical` order, one entry per customer: packed column by column. */
export function physicalColumns(c: StoredCustomers): Float64Array[] {
  const n = c.userId.length;
  const { numbers, codes } = c;
  const small = new Float64Array(n);
  const codesA = new Float64Array(n);
  const codesB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const date = numbers.date_joined_ymd[i]!;
    small[i] = numbers.median_days_x2[i]! + 1 + (numbers.age[i]! + 1) * 2 ** 7 + (numbers.dependants[i]! + 1) * 2 ** 15 + (date < 0 ? 0 : date) * 2 ** 22;
    codesB[i] = codes.gender[i]! + codes.family_status[i]! * 2 ** 16 + codes.cluster[i]! * 2 ** 32;
  }
  for (let f = kPackedFlags.length - 1; f >= 0; f--) {
    const flag = codes[kPackedFlags[f]!];
    for (let i = 0; i < n; i++) codesA[i] = codesA[i]! * 16 + flag[i]!;
  }
  return [Float64Array.from(c.userId), ...kPlainNumbers.map((name) => Float64Array.from(numbers[name])), small, codesA, codesB, Float64Array.from(codes.state)];
}

/**
 * The hashes the lookup cache keeps of the rows written: user ids, and per row two independent 32-bit
 * hashes (FNV-1a, and a murmur-like mix) of its values, each value (an integer below 2^53) as two words.
 */
export function customerHashes(columns: readonly Float64Array[]): StoredArrays {
  const n = columns[0]!.length;
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let k = 0; k < columns.length; k++) {
      const v = columns[k]![i]!;
      const low = v >>> 0;
      const high = Math.floor(v / 0x100000000) >>> 0;
      a = Math.imul(a ^ low, 0x01000193);
      a = Math.imul(a ^ high, 0x01000193);
      b = Math.imul(b ^ low, 0x5bd1e995);
      b ^= b >>> 15;
      b = Math.imul(b ^ high, 0x27d4eb2d);
      b ^= b >>> 13;
    }
    h1[i] = a >>> 0;
    h2[i] = b >>> 0;
  }
  return { userId: Int32Array.from(columns[0]!), h1, h2 };
}

function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function q(name: string): string {
  return `"${name}"`;
}

/** The view: every column by its name, labels from codes, NULL for unknown numbers, money and ratios in plain units. */
function viewSql(c: StoredCustomers): string {
  const cases = (name: CustomerLabel, code: string): string => `CASE ${code} ${c.labels[name].map((text, k) => `WHEN ${k} THEN ${sqlText(text)}`).join(' ')} END AS ${q(name)}`;
  const flag = (name: (typeof kPackedFlags)[number]): string => cases(name, `((codes_a >> ${4 * kPackedFlags.indexOf(name)}) & 15)`);
  const plusOne = (expression: string, as: string): string => `NULLIF(${expression}, 0) - 1 AS ${as}`;
  const columns = [
    'user_id',
    'orders',
    'items',
    'revenue_cents / 100.0 AS revenue',
    'CASE WHEN known_items > 0 THEN revenue_cents / 100.0 / known_items END AS avg_item_price',
    'CASE WHEN items > 0 THEN CAST(reorders AS REAL) / items END AS reorder_share',
    'max_order',
    flag('loyalty'),
    flag('spending'),
    '(NULLIF(small & 127, 0) - 1) / 2.0 AS median_days',
    flag('frequency'),
    flag('activity'),
    flag('shopper_time'),
    cases('gender', '(codes_b & 65535)'),
    cases('state', 'state'),
    flag('region'),
    plusOne('(small >> 7) & 255', 'age'),
    flag('age_group'),
    'CASE WHEN income < 0 THEN NULL ELSE income END AS income',
    flag('income_group'),
    cases('family_status', '((codes_b >> 16) & 65535)'),
    plusOne('(small >> 15) & 127', 'dependants'),
    flag('parent'),
    flag('profile'),
    flag('baby_household'),
    flag('pet_owner'),
    flag('alcohol_buyer'),
    "CASE WHEN small >> 22 = 0 THEN NULL ELSE printf('%04d-%02d-%02d', (small >> 22) / 10000, (small >> 22) / 100 % 100, (small >> 22) % 100) END AS date_joined",
    cases('cluster', '(codes_b >> 32)'),
  ];
  return `CREATE VIEW customers AS SELECT ${columns.join(', ')} FROM customer_values`;
}

export const kCustomerTableSql = `CREATE TABLE IF NOT EXISTS customer_values (user_id INTEGER PRIMARY KEY, ${kPhysical.slice(1).map((n) => `${q(n)} INTEGER NOT NULL`).join(', ')})`;

/**
 * Inside the run's transaction: make `customer_values` hold `next`, writing only the rows whose hash
 * differs from `previous` (the last run's `customerHashes`), and rebuild the view. Returns the rows written.
 */
export function writeCustomers(db: BetterSqlite3.Database, next: StoredCustomers, columns: readonly Float64Array[], hashes: StoredArrays, previous: StoredArrays | undefined): number {
  const usable = previous?.userId !== undefined && previous.h1?.length === previous.userId.length && previous.h2?.length === previous.userId.length;
  const rows = new RowBatches(db, usable, columns.length);
  const remove = db.prepare('DELETE FROM customer_values WHERE user_id = ?');
  if (!usable) db.exec('DELETE FROM customer_values');
  const oldIds = usable ? previous.userId! : new Int32Array(0);
  const oldH1 = usable ? previous.h1! : new Uint32Array(0);
  const oldH2 = usable ? previous.h2! : new Uint32Array(0);
  const { h1, h2 } = hashes as { h1: Uint32Array; h2: Uint32Array };
  let j = 0;
  for (let i = 0; i < next.userId.length; i++) {
    const id = next.userId[i]!;
    while (j < oldIds.length && oldIds[j]! < id) remove.run(oldIds[j++]!);
    const same = j < oldIds.length && oldIds[j] === id && oldH1[j] === h1[i] && oldH2[j] === h2[i];
    if (j < oldIds.length && oldIds[j] === id) j++;
    if (!same) rows.add(columns, i);
  }
  while (j < oldIds.length) remove.run(oldIds[j++]!);
  rows.flush();
  db.exec('DROP VIEW IF EXISTS customers');
  db.exec(viewSql(next));
  return rows.written;
}

/**
 * Rows written 64 to a statement: one statement call per row cost about a fifth more (0.29 s for the
 * 206k rows of a full run on the benchmark machine). Into an emptied table a plain INSERT will do.
 */
class RowBatches {
  private static readonly kRows = 64;
  written = 0;
  private readonly values: number[] = [];
  private readonly batch: BetterSqlite3.Statement;
  private readonly single: BetterSqlite3.Statement;

  constructor(
    db: BetterSqlite3.Database,
    replace: boolean,
    private readonly width: number,
  ) {
    const verb = `INSERT ${replace ? 'OR REPLACE ' : ''}INTO customer_values VALUES `;
    const row = `(${new Array(width).fill('?').join(', ')})`;
    this.batch = db.prepare(verb + new Array(RowBatches.kRows).fill(row).join(', '));
    this.single = db.prepare(verb + row);
  }

  add(columns: readonly Float64Array[], i: number): void {
    for (let k = 0; k < this.width; k++) this.values.push(columns[k]![i]!);
    this.written++;
    if (this.values.length === this.width * RowBatches.kRows) {
      this.batch.run(this.values);
      this.values.length = 0;
    }
  }

  flush(): void {
    for (let at = 0; at < this.values.length; at += this.width) this.single.run(this.values.slice(at, at + this.width));
    this.values.length = 0;
  }
}
