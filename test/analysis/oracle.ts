/**
 * A naive reference implementation of the analysis contract (SPEC.md sections 1-4 and 7), kept apart
 * from the pipeline so that the two can check each other: it imports nothing from src/ or workers/, reads
 * the files with its own line splitter and quote-aware field splitter, applies each SPEC rule where it is
 * stated, with plain Maps and exact integer arithmetic (cents, counts). Clarity over speed: the real
 * sample (1.4M order lines) takes about 3 s.
 *
 * Ratios are not divided here. They are kept as exact fractions (`Fraction`), and the comparison in
 * `compare.ts` accepts an exported decimal only when it is a correctly rounded value of that fraction, so
 * the check does not depend on the order in which the pipeline divides (revenue / 100 / items or
 * cents / items / 100 can differ in the last bit).
 *
 * Where SPEC.md leaves a point open, the choice made here is written next to the code as `Assumed:`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { splitFields } from '../helpers/csv-fields.js';

// ---------------------------------------------------------------------------------------------------
// Expected cells and tables

/** An exact ratio `num / den` written with `decimals` decimals; `den === 0n` means a blank cell. */
export interface Fraction {
  /** Numerator (counts, or cents for money ratios). */
  num: bigint;
  /** Denominator; 0 = blank cell (a ratio with a zero denominator). */
  den: bigint;
  /** Decimals in the export: 4 for average prices and order values, 6 for shares and reorder rates. */
  decimals: number;
}

/** A cell as it reads after CSV unquoting: exact text, or a ratio checked by rounding. */
export type ExpectedCell = string | Fraction;

export interface ExpectedTable {
  /** The columns SPEC.md section 4 requires, in order (the export may add columns after them). */
  columns: string[];
  rows: ExpectedCell[][];
}

/** One rejected input row (rejects.csv), 1-based line with the header as line 1. */
export interface ExpectedReject {
  /** The data file's name as it is in the data directory (e.g. `orders.csv.gz`). */
  file: string;
  line: number;
  reason: string;
}

/** The export tables the oracle computes, by file name without `.csv`. */
export const kOracleTables = [
  'orders_by_day',
  'orders_by_hour',
  'orders_by_day_hour',
  'price_ranges',
  'department_popularity',
  'aisle_popularity',
  'top_products',
  'population_flow',
] as const;
export type OracleTableName = (typeof kOracleTables)[number];

/** A product of the cleaned catalogue. */
export interface OracleProduct {
  id: number;
  /** Display name: blank names already replaced by `Unnamed product <id>`. */
  name: string;
  aisle: number;
  department: number;
  /** Price in cents; undefined when unknown (no prices column, blank, not a number, outlier). */
  priceCents: number | undefined;
  /** Line of the row kept (the first one for the id). */
  line: number;
}

export interface OracleResult {
  tables: Record<OracleTableName, ExpectedTable>;
  /**
   * data_quality counts the oracle knows, by `dataset|check` (e.g. `orders.csv|rejected: out of range`).
   * Every check listed for a dataset in `qualityChecks` is here, at 0 when nothing matched.
   */
  quality: Map<string, number>;
  /** The checks the oracle computes, per dataset: other data_quality rows are not compared. */
  qualityChecks: Map<string, Set<string>>;
  /** Every rejected row, per file in file order. */
  rejects: ExpectedReject[];
  catalogue: Map<number, OracleProduct>;
  /** Accepted order lines, over all line files. */
  acceptedLines: number;
  /** Orders of the population (at least one accepted line). */
  populationOrders: number;
  /** The products file has a prices column. */
  hasPrices: boolean;
  /** What the oracle read, for the segment oracle (oracle-segments.ts). */
  data: OracleData;
}

/** The accepted data, as the oracle reads it. */
export interface OracleData {
  lines: Line[];
  orders: Map<number, Order>;
  /** customers.csv rows by user_id; undefined without the file. */
  customers: Map<number, OracleCustomer> | undefined;
  departments: Map<number, string>;
  /** aisles.csv by aisle_id (empty without the file). */
  aisles: Map<number, string>;
  catalogue: Map<number, OracleProduct>;
  hasPrices: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Reading

interface CsvRow {
  /** 1-based physical line number (the header is line 1). */
  line: number;
  fields: string[];
}

interface CsvFile {
  /** The name as it is in the data directory. */
  name: string;
  header: string[];
  /** Data rows, read once, in file order; blank lines are skipped (SPEC.md section 7: not counted). */
  rows: Iterable<CsvRow>;
}

/** The text of a data file: gunzipped when it ends in `.gz`, without a UTF-8 BOM. */
export function readText(path: string): string {
  let bytes = readFileSync(path);
  if (path.toLowerCase().endsWith('.gz')) bytes = gunzipSync(bytes);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines of `text` without their LF or CRLF ends (a final line without a row end still counts). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Assumed: a line of only spaces and tabs is blank, like an empty one. */
function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function readCsv(dir: string, name: string): CsvFile {
  const lines = splitLines(readText(join(dir, name)));
  const header = splitFields(lines[0] ?? '');
  function* rows(): Generator<CsvRow> {
    for (let k = 1; k < lines.length; k++) if (!isBlank(lines[k]!)) yield { line: k + 1, fields: splitFields(lines[k]!) };
  }
  return { name, header, rows: rows() };
}

/** The data files by role (SPEC.md section 1): names matched case-insensitively, `.csv` or `.csv.gz`. */
function discover(dir: string): { orders?: string; lines: string[]; products?: string; departments?: string; aisles?: string; customers?: string } {
  const found: ReturnType<typeof discover> = { lines: [] };
  for (const name of readdirSync(dir).sort()) {
    const lower = name.toLowerCase();
    const base = lower.endsWith('.csv.gz') ? lower.slice(0, -3) : lower;
    if (!base.endsWith('.csv')) continue;
    if (base === 'orders.csv') found.orders = name;
    else if (base.startsWith('order_products') || base === 'orders_products_prior.csv') found.lines.push(name);
    else if (base === 'products.csv') found.products = name;
    else if (base === 'departments.csv') found.departments = name;
    else if (base === 'aisles.csv') found.aisles = name;
    else if (base === 'customers.csv') found.customers = name;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Field rules (SPEC.md section 7)

/** `3` and `3.0` are integers; `3.5`, `abc` and blank are not. Assumed: no sign but `-`, no spaces. */
function parseInteger(text: string): number | undefined {
  const m = /^(-?[0-9]+)(?:\.0+)?$/.exec(text);
  return m === null ? undefined : Number(m[1]);
}

/** A decimal price in integer cents (half-up past the second decimal), undefined when not a number. */
function parseCents(text: string): number | undefined {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (m === null) return undefined;
  const decimals = (m[3] ?? '').padEnd(3, '0');
  const cents = Number(m[2]) * 100 + Number(decimals.slice(0, 2)) + (Number(decimals[2]) >= 5 ? 1 : 0);
  return m[1] === '-' ? -cents : cents;
}

/** Per-file account: rows read, accepted, and rejected by reason. */
class FileAccount {
  read = 0;
  accepted = 0;
  readonly rejected = new Map<string, number>();
  readonly checks = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly reasons: readonly string[],
    readonly rejects: ExpectedReject[],
  ) {}

  accept(): void {
    this.read++;
    this.accepted++;
  }

  reject(line: number, reason: string): void {
    this.read++;
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
    this.rejects.push({ file: this.name, line, reason });
  }

  count(check: string): void {
    this.checks.set(check, (this.checks.get(check) ?? 0) + 1);
  }
}

const kWrongFieldCount = 'wrong field count';
const kNotANumber = 'not a number';
const kOutOfRange = 'out of range';
const kUnknownOrder = 'unknown order';
const kUnknownProduct = 'unknown product';
const kDuplicateOrder = 'duplicate order';
const kConflictingId = 'conflicting product id';
const kDuplicateId = 'duplicate id';

/** A numeric column and its inclusive range. */
interface NumericRule {
  column: string;
  min: number;
  max: number;
  /** A blank value is allowed (days_since_prior_order on first orders: unknown, not 0). */
  blankAllowed?: boolean;
}

/**
 * The first reason that applies to a row's numbers (SPEC.md section 7: not a number before out of
 * range, whatever the columns), or the parsed values by column.
 */
function checkNumbers(header: string[], fields: string[], rules: NumericRule[]): string | Map<string, number | undefined> {
  const values = new Map<string, number | undefined>();
  for (const rule of rules) {
    const text = fields[header.indexOf(rule.column)]!;
    if (rule.blankAllowed && text === '') {
      values.set(rule.column, undefined);
      continue;
    }
    const value = parseInteger(text);
    if (value === undefined) return kNotANumber;
    values.set(rule.column, value);
  }
  for (const rule of rules) {
    const value = values.get(rule.column);
    if (value !== undefined && (value < rule.min || value > rule.max)) return kOutOfRange;
  }
  return values;
}

/**
 * The rows of `file` that have the header's width and whose numbers pass `rules` (SPEC.md section 7:
 * field count first, then the numbers), with the parsed values; every other row is rejected on `account`.
 */
function* numericRows(file: CsvFile, account: FileAccount, rules: NumericRule[]): Generator<{ line: number; fields: string[]; checked: Map<string, number | undefined> }> {
  for (const { line, fields } of file.rows) {
    if (fields.length !== file.header.length) {
      account.reject(line, kWrongFieldCount);
      continue;
    }
    const checked = checkNumbers(file.header, fields, rules);
    if (typeof checked === 'string') {
      account.reject(line, checked);
      continue;
    }
    yield { line, fields, checked };
  }
}

function requireColumns(file: CsvFile, columns: string[]): void {
  for (const c of columns) if (!file.header.includes(c)) throw new Error(`oracle: ${file.name} has no column ${c}`);
}

// ---------------------------------------------------------------------------------------------------
// Loading each source

export interface Order {
  user: number;
  dow: number;
  hour: number;
  /** order_number. */
  number: number;
  /** days_since_prior_order; undefined when blank (a first order). */
  days: number | undefined;
}

function loadOrders(file: CsvFile, account: FileAccount): Map<number, Order> {
  const rules: NumericRule[] = [
    { column: 'order_id', min: 1, max: Infinity },
    { column: 'user_id', min: 1, max: Infinity },
    // Assumed: order_number is a count, so it must be at least 1 (SPEC: "ids > 0"; counts are not named).
    { column: 'order_number', min: 1, max: Infinity },
    { column: 'order_dow', min: 0, max: 6 },
    { column: 'order_hour_of_day', min: 0, max: 23 },
    { column: 'days_since_prior_order', min: 0, max: 30, blankAllowed: true },
  ];
  requireColumns(file, rules.map((r) => r.column));
  const orders = new Map<number, Order>();
  for (const { line, checked } of numericRows(file, account, rules)) {
    const id = checked.get('order_id')!;
    // A rejected row is not an order, so a later valid row with its id is the first order with that id.
    if (orders.has(id)) {
      account.reject(line, kDuplicateOrder);
      continue;
    }
    orders.set(id, { user: checked.get('user_id')!, dow: checked.get('order_dow')!, hour: checked.get('order_hour_of_day')!, number: checked.get('order_number')!, days: checked.get('days_since_prior_order') });
    account.accept();
  }
  return orders;
}

function loadProducts(file: CsvFile, account: FileAccount): { catalogue: Map<number, OracleProduct>; hasPrices: boolean } {
  requireColumns(file, ['product_id', 'product_name', 'aisle_id', 'department_id']);
  const hasPrices = file.header.includes('prices');
  const at = (c: string) => file.header.indexOf(c);
  const rules: NumericRule[] = [
    { column: 'product_id', min: 1, max: Infinity },
    { column: 'aisle_id', min: 1, max: Infinity },
    { column: 'department_id', min: 1, max: Infinity },
  ];
  const catalogue = new Map<number, OracleProduct>();
  const keptText = new Map<number, string>();
  for (const { line, fields, checked } of numericRows(file, account, rules)) {
    const id = checked.get('product_id')!;
    const text = JSON.stringify(fields);
    const kept = keptText.get(id);
    if (kept !== undefined) {
      if (kept === text) {
        // An exact duplicate is collapsed, not rejected: it counts as accepted (read = accepted + rejected).
        account.count('exact duplicate row');
        account.accept();
      } else {
        account.count('product_id listed again with different content');
        account.reject(line, kConflictingId);
      }
      continue;
    }
    keptText.set(id, text);
    let name = fields[at('product_name')]!;
    if (name.trim() === '') {
      account.count('blank product_name');
      name = `Unnamed product ${id}`;
    } else if (name === '#NAME?') {
      account.count('product_name is a spreadsheet error (#NAME?)');
    }
    let priceCents: number | undefined;
    if (hasPrices) {
      const cents = parseCents(fields[at('prices')]!);
      if (cents === undefined) account.count('price blank or not a number');
      else if (cents < 0 || cents > 100_00) account.count('price outlier (above the outlier bound or below 0)');
      else priceCents = cents;
    }
    catalogue.set(id, { id, name, aisle: checked.get('aisle_id')!, department: checked.get('department_id')!, priceCents, line });
    account.accept();
  }
  return { catalogue, hasPrices };
}

/** aisles.csv, or departments.csv in the long layout: one `id,name` row per id, the first row kept. */
function loadIdNames(file: CsvFile, account: FileAccount, idColumn: string, nameColumn: string): Map<number, string> {
  requireColumns(file, [idColumn, nameColumn]);
  const names = new Map<number, string>();
  for (const { line, fields, checked } of numericRows(file, account, [{ column: idColumn, min: 1, max: Infinity }])) {
    const id = checked.get(idColumn)!;
    if (names.has(id)) {
      account.reject(line, kDuplicateId);
      continue;
    }
    names.set(id, fields[file.header.indexOf(nameColumn)]!);
    account.accept();
  }
  return names;
}

/** The course's wide departments.csv: `department_id,1,...,21` then `department,frozen,...`. */
function isWideDepartments(file: CsvFile): boolean {
  return file.header[0] === 'department_id' && file.header.length > 2 && parseInteger(file.header[1]!) !== undefined;
}

function loadWideDepartments(file: CsvFile): Map<number, string> {
  const names = new Map<number, string>();
  const row = [...file.rows].find((r) => r.fields[0] === 'department');
  if (row === undefined) throw new Error(`oracle: ${file.name} has no "department" row`);
  for (let k = 1; k < file.header.length; k++) names.set(parseInteger(file.header[k]!)!, row.fields[k]!);
  return names;
}

/** A customers.csv row, without the names (the oracle never keeps them either). */
export interface OracleCustomer {
  gender: string;
  state: string;
  /** Age, income and n_dependants; undefined when blank, not an integer, or outside 0-150 / 0-100 / 0 and up. */
  age: number | undefined;
  income: number | undefined;
  dependants: number | undefined;
  famStatus: string;
}

function loadCustomers(file: CsvFile, account: FileAccount): Map<number, OracleCustomer> {
  requireColumns(file, ['user_id']);
  const at = (name: string): number => file.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  // Assumed: a demographic number outside a plausible range is unknown, like a blank (what the pipeline does).
  const bounded = (text: string | undefined, max: number): number | undefined => {
    const v = parseInteger((text ?? '').trim());
    return v === undefined || v < 0 || v > max ? undefined : v;
  };
  const users = new Map<number, OracleCustomer>();
  for (const { line, fields, checked } of numericRows(file, account, [{ column: 'user_id', min: 1, max: Infinity }])) {
    const id = checked.get('user_id')!;
    if (users.has(id)) {
      account.reject(line, kDuplicateId);
      continue;
    }
    const text = (name: string): string => (fields[at(name)] ?? '').trim();
    users.set(id, { gender: text('Gender'), state: text('STATE'), age: bounded(fields[at('Age')], 150), income: bounded(fields[at('income')], 2_000_000_000), dependants: bounded(fields[at('n_dependants')], 100), famStatus: text('fam_status') });
    account.accept();
  }
  return users;
}

/** An accepted order line with what the tables need. */
export interface Line {
  order: number;
  user: number;
  dow: number;
  hour: number;
  product: OracleProduct;
  reordered: number;
}

function loadLines(file: CsvFile, account: FileAccount, orders: Map<number, Order>, catalogue: Map<number, OracleProduct>, out: Line[]): void {
  const rules: NumericRule[] = [
    { column: 'order_id', min: 1, max: Infinity },
    { column: 'product_id', min: 1, max: Infinity },
    // Assumed: add_to_cart_order is a position, so at least 1.
    { column: 'add_to_cart_order', min: 1, max: Infinity },
    { column: 'reordered', min: 0, max: 1 },
  ];
  requireColumns(file, rules.map((r) => r.column));
  for (const { line, checked } of numericRows(file, account, rules)) {
    const order = orders.get(checked.get('order_id')!);
    if (order === undefined) {
      account.reject(line, kUnknownOrder);
      continue;
    }
    const product = catalogue.get(checked.get('product_id')!);
    if (product === undefined) {
      account.reject(line, kUnknownProduct);
      continue;
    }
    out.push({ order: checked.get('order_id')!, user: order.user, dow: order.dow, hour: order.hour, product, reordered: checked.get('reordered')! });
    account.accept();
  }
}

// ---------------------------------------------------------------------------------------------------
// Formatting (the export rules of SPEC.md section 4)

/** Text cells starting with = + - @ get a leading apostrophe, so a spreadsheet does not run them. */
export function inert(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** Cents as a plain 2-decimal amount, exactly (no float division). */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function fraction(num: number, den: number, decimals: number): Fraction {
  return { num: BigInt(num), den: BigInt(den), decimals };
}

/** A ratio of two counts, 6 decimals (shares, reorder rates). */
const share = (num: number, den: number): Fraction => fraction(num, den, 6);
/** Cents over a count, in dollars with 4 decimals (average item price, average order value). */
const perUnit = (cents: number, den: number): Fraction => fraction(cents, den * 100, 4);

const kNoPrices = 'no prices';
const kDayNames = ['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

// ---------------------------------------------------------------------------------------------------
// Tables

interface Totals {
  orders: Set<number>;
  items: number;
  knownItems: number;
  cents: number;
  reordered: number;
  users: Set<number>;
}

function newTotals(): Totals {
  return { orders: new Set(), items: 0, knownItems: 0, cents: 0, reordered: 0, users: new Set() };
}

function addLine(t: Totals, l: Line): void {
  t.orders.add(l.order);
  t.items++;
  t.reordered += l.reordered;
  t.users.add(l.user);
  if (l.product.priceCents !== undefined) {
    t.knownItems++;
    t.cents += l.product.priceCents;
  }
}

function groupBy<K>(lines: Line[], keyOf: (l: Line) => K): Map<K, Totals> {
  const groups = new Map<K, Totals>();
  for (const l of lines) {
    const key = keyOf(l);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = newTotals()));
    addLine(g, l);
  }
  return groups;
}

/**
 * Keys ranked by orders, most first or fewest first, ties to the lower key either way (SPEC.md section
 * 7). Assumed: when the top n and bottom n overlap (fewer than 2n keys, or ties), the top label wins.
 */
function label(orders: Map<number, number>, key: number, n: number, top: string, bottom: string, middle: string): string {
  const keys = [...orders.keys()];
  const mostFirst = [...keys].sort((a, b) => orders.get(b)! - orders.get(a)! || a - b);
  const fewestFirst = [...keys].sort((a, b) => orders.get(a)! - orders.get(b)! || a - b);
  if (mostFirst.slice(0, n).includes(key)) return top;
  if (fewestFirst.slice(0, n).includes(key)) return bottom;
  return middle;
}

function sortedKeys<K extends number>(m: Map<K, unknown>): K[] {
  return [...m.keys()].sort((a, b) => a - b);
}

/** Compute every expected export from the data files in `dir`. */
export function computeOracle(dir: string): OracleResult {
  const files = discover(dir);
  if (files.orders === undefined || files.products === undefined || files.lines.length === 0) throw new Error(`oracle: ${dir} needs orders, products and order lines`);
  const rejects: ExpectedReject[] = [];
  const quality = new Map<string, number>();
  const qualityChecks = new Map<string, Set<string>>();
  const report = (account: FileAccount, checks: string[]) => {
    const set = new Set(['rows read', 'rows accepted', ...account.reasons.map((r) => `rejected: ${r}`), ...checks]);
    qualityChecks.set(account.name, set);
    for (const check of set) quality.set(`${account.name}|${check}`, 0);
    quality.set(`${account.name}|rows read`, account.read);
    quality.set(`${account.name}|rows accepted`, account.accepted);
    for (const [reason, n] of account.rejected) quality.set(`${account.name}|rejected: ${reason}`, n);
    for (const [check, n] of account.checks) quality.set(`${account.name}|${check}`, n);
  };

  const ordersAccount = new FileAccount(files.orders, [kWrongFieldCount, kNotANumber, kOutOfRange, kDuplicateOrder], rejects);
  const orders = loadOrders(readCsv(dir, files.orders), ordersAccount);
  report(ordersAccount, []);

  const productsAccount = new FileAccount(files.products, [kWrongFieldCount, kNotANumber, kOutOfRange, kConflictingId], rejects);
  const { catalogue, hasPrices } = loadProducts(readCsv(dir, files.products), productsAccount);
  const productChecks = ['blank product_name', 'exact duplicate row', 'product_id listed again with different content', 'product_name is a spreadsheet error (#NAME?)'];
  if (hasPrices) productChecks.push('price outlier (above the outlier bound or below 0)', 'price blank or not a number');
  report(productsAccount, productChecks);

  let departments = new Map<number, string>();
  if (files.departments !== undefined) {
    const file = readCsv(dir, files.departments);
    if (isWideDepartments(file)) {
      // Assumed: SPEC.md does not say how the wide layout's rows are counted in data_quality: not compared.
      departments = loadWideDepartments(file);
    } else {
      const account = new FileAccount(files.departments, [kWrongFieldCount, kNotANumber, kOutOfRange, kDuplicateId], rejects);
      departments = loadIdNames(file, account, 'department_id', 'department');
      report(account, []);
    }
  }
  let aisles = new Map<number, string>();
  if (files.aisles !== undefined) {
    const account = new FileAccount(files.aisles, [kWrongFieldCount, kNotANumber, kOutOfRange, kDuplicateId], rejects);
    aisles = loadIdNames(readCsv(dir, files.aisles), account, 'aisle_id', 'aisle');
    report(account, []);
  }
  let customers: Map<number, OracleCustomer> | undefined;
  if (files.customers !== undefined) {
    const account = new FileAccount(files.customers, [kWrongFieldCount, kNotANumber, kOutOfRange, kDuplicateId], rejects);
    customers = loadCustomers(readCsv(dir, files.customers), account);
    report(account, []);
  }

  const lines: Line[] = [];
  let linesRead = 0;
  for (const name of files.lines) {
    const account = new FileAccount(name, [kWrongFieldCount, kNotANumber, kOutOfRange, kUnknownOrder, kUnknownProduct], rejects);
    loadLines(readCsv(dir, name), account, orders, catalogue, lines);
    report(account, []);
    linesRead += account.read;
  }

  // Assumed: a department or aisle id missing from its names file shows as `department <id>` / `aisle <id>`
  // (what the pipeline writes; SPEC.md does not say). The planted and generated data have no such ids.
  const departmentName = (id: number) => inert(departments.get(id) ?? `department ${id}`);
  const aisleName = (id: number) => inert(aisles.get(id) ?? `aisle ${id}`);
  const all = newTotals();
  for (const l of lines) addLine(all, l);
  const moneyCell = (cents: number) => (hasPrices ? money(cents) : kNoPrices);
  const priceRatio = (cell: Fraction) => (hasPrices ? cell : kNoPrices);

  // Q1/Q2: orders are population orders (at least one accepted line); rows only where there are items.
  const byDay = groupBy(lines, (l) => l.dow);
  const dayOrders = new Map([...byDay].map(([k, g]) => [k, g.orders.size]));
  const ordersByDay: ExpectedTable = {
    columns: ['day_of_week', 'day_name', 'orders', 'items', 'revenue', 'avg_item_price', 'avg_order_value', 'share_of_orders', 'busiest_day', 'busiest_days'],
    rows: sortedKeys(byDay).map((d) => {
      const g = byDay.get(d)!;
      return [
        String(d),
        kDayNames[d]!,
        String(g.orders.size),
        String(g.items),
        moneyCell(g.cents),
        priceRatio(perUnit(g.cents, g.knownItems)),
        priceRatio(perUnit(g.cents, g.orders.size)),
        share(g.orders.size, all.orders.size),
        label(dayOrders, d, 1, 'Busiest day', 'Least busy', 'Regularly busy'),
        label(dayOrders, d, 2, 'Busiest days', 'Slowest days', 'Regularly busy'),
      ];
    }),
  };

  const byHour = groupBy(lines, (l) => l.hour);
  const hourOrders = new Map([...byHour].map(([k, g]) => [k, g.orders.size]));
  const ordersByHour: ExpectedTable = {
    columns: ['hour', 'orders', 'items', 'revenue', 'avg_item_price', 'avg_order_value', 'share_of_orders', 'busiest_period_of_day'],
    rows: sortedKeys(byHour).map((h) => {
      const g = byHour.get(h)!;
      return [
        String(h),
        String(g.orders.size),
        String(g.items),
        moneyCell(g.cents),
        priceRatio(perUnit(g.cents, g.knownItems)),
        priceRatio(perUnit(g.cents, g.orders.size)),
        share(g.orders.size, all.orders.size),
        label(hourOrders, h, 8, 'Most orders', 'Fewest orders', 'Average orders'),
      ];
    }),
  };

  const byDayHour = groupBy(lines, (l) => l.dow * 24 + l.hour);
  const ordersByDayHour: ExpectedTable = {
    columns: ['day_of_week', 'day_name', 'hour', 'orders', 'items', 'revenue'],
    rows: sortedKeys(byDayHour).map((k) => {
      const g = byDayHour.get(k)!;
      const d = Math.floor(k / 24);
      return [String(d), kDayNames[d]!, String(k % 24), String(g.orders.size), String(g.items), moneyCell(g.cents)];
    }),
  };

  // Q3: every product of the cleaned catalogue is in a range, bought or not; all four rows always.
  const byProduct = groupBy(lines, (l) => l.product.id);
  const rangeOf = (p: OracleProduct): string => {
    if (p.priceCents === undefined) return 'Unknown price';
    if (p.priceCents <= 5_00) return 'Low-range product';
    if (p.priceCents <= 15_00) return 'Mid-range product';
    return 'High-range product';
  };
  const ranges = new Map(['Low-range product', 'Mid-range product', 'High-range product', 'Unknown price'].map((r) => [r, { products: 0, items: 0, cents: 0 }]));
  for (const p of catalogue.values()) {
    const r = ranges.get(rangeOf(p))!;
    const g = byProduct.get(p.id);
    r.products++;
    r.items += g?.items ?? 0;
    r.cents += g?.cents ?? 0;
  }
  const priceRanges: ExpectedTable = {
    columns: ['price_range', 'products', 'items', 'revenue', 'share_of_items', 'share_of_revenue'],
    rows: [...ranges].map(([name, r]) => [name, String(r.products), String(r.items), moneyCell(r.cents), share(r.items, all.items), priceRatio(share(r.cents, all.cents))]),
  };

  // Q4: most items first, ties to the lower id.
  const byItems = <K extends number>(m: Map<K, Totals>): K[] => [...m.keys()].sort((a, b) => m.get(b)!.items - m.get(a)!.items || a - b);
  const byDepartment = groupBy(lines, (l) => l.product.department);
  const departmentPopularity: ExpectedTable = {
    columns: ['department_id', 'department', 'items', 'share_of_items', 'revenue', 'share_of_revenue', 'reorder_rate', 'customers'],
    rows: byItems(byDepartment).map((d) => {
      const g = byDepartment.get(d)!;
      return [String(d), departmentName(d), String(g.items), share(g.items, all.items), moneyCell(g.cents), priceRatio(share(g.cents, all.cents)), share(g.reordered, g.items), String(g.users.size)];
    }),
  };

  // An aisle's department: the department of most of its catalogue products, ties to the lower id.
  const aisleDepartmentCounts = new Map<number, Map<number, number>>();
  for (const p of catalogue.values()) {
    const counts = aisleDepartmentCounts.get(p.aisle) ?? new Map<number, number>();
    aisleDepartmentCounts.set(p.aisle, counts);
    counts.set(p.department, (counts.get(p.department) ?? 0) + 1);
  }
  const aisleDepartment = (aisle: number): number => {
    const counts = aisleDepartmentCounts.get(aisle)!;
    return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a - b)[0]!;
  };
  const byAisle = groupBy(lines, (l) => l.product.aisle);
  const aislePopularity: ExpectedTable = {
    columns: ['aisle_id', 'aisle', 'department', 'items', 'share_of_items', 'revenue', 'reorder_rate', 'customers'],
    rows: byItems(byAisle).map((a) => {
      const g = byAisle.get(a)!;
      return [String(a), aisleName(a), departmentName(aisleDepartment(a)), String(g.items), share(g.items, all.items), moneyCell(g.cents), share(g.reordered, g.items), String(g.users.size)];
    }),
  };

  const topProducts: ExpectedTable = {
    columns: ['product_id', 'product_name', 'department', 'aisle', 'items', 'revenue', 'reorder_rate'],
    rows: byItems(byProduct)
      .slice(0, 100)
      .map((id) => {
        const g = byProduct.get(id)!;
        const p = catalogue.get(id)!;
        return [String(id), inert(p.name), departmentName(p.department), aisleName(p.aisle), String(g.items), moneyCell(g.cents), share(g.reordered, g.items)];
      }),
  };

  // Population flow: how many rows and customers are left after each step; the low-activity exclusion
  // (SPEC.md section 3: max_order < 5) with its lines.
  const orderUsers = new Set([...orders.values()].map((o) => o.user));
  const withRow = customers === undefined ? '' : String([...all.users].filter((u) => customers.has(u)).length);
  const maxOrder = new Map<number, number>();
  for (const id of all.orders) {
    const o = orders.get(id)!;
    maxOrder.set(o.user, Math.max(maxOrder.get(o.user) ?? 0, o.number));
  }
  const lowUsers = new Set([...maxOrder].filter(([, m]) => m < 5).map(([u]) => u));
  const lowLines = lines.filter((l) => lowUsers.has(l.user)).length;
  const populationFlow: ExpectedTable = {
    columns: ['step', 'rows', 'customers'],
    rows: [
      ['order rows read', String(ordersAccount.read), ''],
      ['orders accepted', String(orders.size), String(orderUsers.size)],
      ['orders with lines: the population', String(all.orders.size), String(all.users.size)],
      ['orders without lines (not in the population, e.g. test orders)', String(orders.size - all.orders.size), ''],
      ['product rows read', String(productsAccount.read), ''],
      ['products after cleaning (duplicates collapsed, conflicting ids kept once)', String(catalogue.size), ''],
      ['order lines read', String(linesRead), ''],
      ['order lines accepted (known order and product)', String(lines.length), String(all.users.size)],
      ['customers (users with an order in the population)', '', String(all.users.size)],
      ['customers with a customers.csv row', '', withRow],
      ['low-activity customers left out of segments (fewer than 5 orders), with their lines', String(lowLines), String(lowUsers.size)],
      ['customers in the segment tables, with their lines', String(lines.length - lowLines), String(all.users.size - lowUsers.size)],
    ],
  };

  return {
    tables: {
      orders_by_day: ordersByDay,
      orders_by_hour: ordersByHour,
      orders_by_day_hour: ordersByDayHour,
      price_ranges: priceRanges,
      department_popularity: departmentPopularity,
      aisle_popularity: aislePopularity,
      top_products: topProducts,
      population_flow: populationFlow,
    },
    quality,
    qualityChecks,
    rejects,
    catalogue,
    acceptedLines: lines.length,
    populationOrders: all.orders.size,
    hasPrices,
    data: { lines, orders, customers, departments, aisles, catalogue, hasPrices },
  };
}
