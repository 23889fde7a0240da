/**
 * A small hand-made data set with bad input planted on purpose (SPEC.md sections 1, 2 and 7): a BOM, CRLF
 * and LF files, blank lines, a final line without a row end, quoted names with commas and quotes, every
 * reject reason, a repeated order_id, an orders row with hour 25 whose lines become unknown orders, an
 * order whose only lines are rejected, a test order without lines, each price rule at its boundary, and
 * names a spreadsheet would run as formulas. The expected rejects and the main figures are written out
 * by hand below, to check the oracle itself; then every export must equal the oracle.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { writeFiles } from '../helpers/temp.js';
import { splitFields } from '../helpers/csv-fields.js';
import { computeOracle, type ExpectedCell, type OracleResult } from './oracle.js';
import { compareAll, compareRejects, compareTable, diffExports, parseExport, readAllExports, readExportFile } from './compare.js';
import { checkInvariants } from './invariants.js';
import { once, runData, scratchFolder } from './cli-runs.js';

const root = scratchFolder(test, 'instacart-planted-');

const BOM = '\ufeff';
const crlf = (lines: string[]) => lines.join('\r\n');
const lf = (lines: string[]) => lines.join('\n');

/**
 * Filler orders 100-122 (user 9, Saturday, one line each of product 10) that shape the hour ranking:
 * with the hand-made orders they give hours 8 and 9 three orders, hours 0 10 13 15 16 17 18 two, and
 * thirteen hours one. So `Most orders` is 8 9 0 10 13 15 16 17 (18 loses the tie to the lower hours) and
 * `Fewest orders` is 1-7 and 11 (12 14 19 22 23 lose the tie), with no hour in both.
 */
const kFillerHours = [8, 9, 0, 10, 13, 15, 16, 16, 17, 17, 18, 18, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 19];
const fillerOrders = kFillerHours.map((h, k) => `${100 + k},9,prior,${k + 1},0,${h},${k === 0 ? '' : '7'}`);
const fillerLines = kFillerHours.map((_, k) => `${100 + k},10,1,${k % 2}`);

/** orders.csv: BOM, CRLF, blank lines, the last row without a row end. Line numbers on the right. */
const ordersCsv =
  BOM +
  crlf([
    'order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order', // 1
    '10,1,prior,1,0,08,', // 2  first order: blank days (unknown, not 0); zero-padded hour
    '11,1,prior,2,1,09,7.0', // 3  days 7.0 reads as 7
    '12,2,prior,1,2,10,', // 4
    '', // 5  blank: skipped, not counted
    '13,2,prior,2,0,08,15.0', // 6
    '14,3,prior,1,3,23,', // 7
    '12,2,prior,3,5,11,3.0', // 8  duplicate order: the first row (Monday 10h) is kept
    '15,3,prior,2,4,25,2.0', // 9  out of range (hour 25): not an order
    '16,4,prior,1,9,x,', // 10 not a number (hour x) comes before out of range (day 9)
    '17,4,prior,2,1,12,3.5', // 11 not a number (days 3.5)
    '18,4,prior,3,1', // 12 wrong field count
    '19,4,train,4,6,14,31', // 13 out of range (days 31)
    '20,5,test,1,6,14,', // 14 a test order: no lines, not in the population
    '21,6,prior,1,6,15,', // 15 every line of it is rejected: not in the population
    '22,0,prior,1,1,1,', // 16 out of range (user 0)
    '25,7,prior,1,7,20,', // 17 out of range (day 7): not an order ...
    '25,7,prior,1,6,15,', // 18 ... so this is order 25's first row, accepted
    '23,7,prior,2,4,13,30.0', // 19
    '26,1,prior,3,1,09,3', // 20
    '', // 21
    ...fillerOrders, // 22-44
    '27,3,prior,3,3,22,5', // 45 only unknown-price items: hour 22 has a blank avg_item_price
    '28,,prior,1,1,1,', // 46 not a number (blank user_id)
    '24,8,prior,1,5,00,', // 47 no row end after it
  ]);

/** order_products__prior.csv: LF, no BOM. */
const priorCsv = lf([
  'order_id,product_id,add_to_cart_order,reordered', // 1
  '10,1,1,0', // 2
  '10,2,2,0', // 3
  '10,9,3,1', // 4
  '11,1,1,1', // 5
  '11,3,2,0', // 6
  '11,4,3,1', // 7  product 4: its first row (Sourdough Loaf, 15.00)
  '12,5,1,0', // 8
  '12,6,2,0', // 9
  '12,7,3,1', // 10 price outlier: an item, no revenue
  '', // 11
  '13,8,1,0', // 12
  '13,10,2,1', // 13
  '13,11,3,0', // 14
  '13,12,4,1', // 15
  '13,13,5,0', // 16
  '14,15,1,0', // 17
  '14,2,2,1', // 18
  '15,1,1,0', // 19 unknown order (its orders row has hour 25)
  '99,1,1,0', // 20 unknown order
  '10,99,4,0', // 21 unknown product
  '10,16,5,0', // 22 unknown product (products row x16 is rejected)
  '10,17,6,0', // 23 unknown product (products row 17 has too many fields)
  '10,4', // 24 wrong field count
  '10,abc,7,1', // 25 not a number
  '10,1,8,2', // 26 out of range (reordered 2)
  '99,1,9,2', // 27 out of range comes before unknown order
  '10,1,9.0,1', // 28 9.0 reads as 9: accepted
  '21,99,1,0', // 29 unknown product (order 21's only lines)
  '21,x,2,0', // 30 not a number
  '-1,1,1,0', // 31 out of range (order_id -1)
  '26,3,1,1', // 32
  '16,1,1,0', // 33 unknown order (its orders row is rejected)
  '12,1,4,1', // 34 order 12 (repeated in orders.csv): counts on its first row's day and hour
  '10,3,1.5,0', // 35 not a number (1.5)
  ...fillerLines, // 36-58
  '27,7,1,0', // 59 order 27: one item, its price unknown
  '10,,11,0', // 60 not a number (blank)
  '10,0,12,0', // 61 out of range (product_id 0)
  '10,1,13,0,1', // 62 wrong field count (one too many)
  '"26","2","3","0"', // 63 quoted numbers are numbers
  '', // a final row end
]);

/** order_products__train.csv: BOM, CRLF, a blank line, the last row without a row end. */
const trainCsv =
  BOM +
  crlf([
    'order_id,product_id,add_to_cart_order,reordered', // 1
    '19,1,1,1', // 2 unknown order (its orders row has days 31)
    '23,1,1,1', // 3
    '23,2,2,1', // 4
    '24,3,1,0', // 5
    '25,4,1,0', // 6
    '22,1,1,0', // 7 unknown order
    '', // 8
    '24,9,2,0', // 9 no row end
  ]);

/** products.csv: CRLF, quoted names, prices at each boundary, the course's cleaning cases. */
const productRows = [
  'product_id,product_name,aisle_id,department_id,prices', // 1
  '1,Vanilla Ice Cream,1,1,4.5', // 2  Low
  '2,"Bananas, Organic",2,2,5', // 3  Low (5 is low)
  '3,"Apples ""Gala""",2,2,5.01', // 4  Mid
  '4,Sourdough Loaf,3,4,15', // 5  Mid (15 is mid)
  '5,Fancy Cake,3,4,15.01', // 6  High
  '6,,3,4,100', // 7  blank name: "Unnamed product 6"; 100 is still known: High
  '7,Gold Bread,3,4,100.01', // 8  outlier: Unknown price
  '8,Negative Chips,4,2,-1', // 9  outlier (below 0): Unknown price
  '9,=SUM(A1:A9),4,1,2.5', // 10 a formula: exported as '=SUM(A1:A9)
  '10,-5 Sorbet,1,1,3', // 11
  '11,+Plus Berries,2,2,', // 12 blank price: Unknown price
  '12,@Home Rolls,3,4,abc', // 13 price not a number: Unknown price
  '1,Vanilla Ice Cream,1,1,4.5', // 14 exact duplicate: collapsed
  '4,Sourdough Loaf XL,3,4,16', // 15 conflicting id: rejected, the first row kept
  '13,#NAME?,4,2,7.25', // 16 the course's spreadsheet error, kept as text
  '14,Never Bought,5,1,8', // 17 in the catalogue (price_ranges.products), never bought
  '15,Mixed Aisle Item,5,2,9', // 18 aisle 5: one product in department 1, one in 2: department 1
  'x16,Bad Id,1,1,2', // 19 not a number
  '17,Too,Many,Fields,1,1,2', // 20 wrong field count
  '0,Zero Id,1,1,2', // 21 out of range
  '', // 22
];
const productsCsv = crlf(productRows) + '\r\n';

/** departments.csv: long layout, BOM, LF. */
const departmentsCsv = BOM + lf(['department_id,department', '1,frozen', '2,produce', '4,bakery', '2,produce again', 'x,bad', '5,pets', '']);
/** aisles.csv: CRLF, a quoted name with a comma. */
const aislesCsv = crlf(['aisle_id,aisle', '1,ice cream', '2,fresh fruits', '3,bread', '4,"snacks, salty"', '5,mixed aisle', '']);
/** customers.csv: the course header; users 7, 8 and 9 have no row, 5, 6 and 100 are not customers. */
const customersCsv = crlf([
  'user_id,First Name,Surnam,Gender,STATE,Age,date_joined,n_dependants,fam_status,income',
  '1,Ann,Lee,Female,Texas,30,1/1/2017,0,single,40000',
  '2,Bob,Ray,Male,Ohio,50,1/2/2017,2,married,90000',
  '3,,Kim,Female,Maine,70,1/3/2017,1,married,130000',
  '3,Dup,Kim,Female,Maine,70,1/3/2017,1,married,130000', // 5 duplicate id
  'x,Bad,Row,Male,Iowa,40,1/4/2017,0,single,50000', // 6 not a number
  '5,Eve,Fox,Female,Utah,25,1/5/2017,0,single,30000',
  '6,Gus,Hay,Male,Idaho,60,1/6/2017,3,married,100000',
  '100,Ida,Jay,Female,Ohio,45,1/7/2017,1,married,70000',
  '7,Too,Few,Male', // 10 wrong field count
  '',
]);

const kFiles = {
  'orders.csv': ordersCsv,
  'order_products__prior.csv': priorCsv,
  'order_products__train.csv': trainCsv,
  'products.csv': productsCsv,
  'departments.csv': departmentsCsv,
  'aisles.csv': aislesCsv,
  'customers.csv': customersCsv,
};

/** Every rejected row, by hand: file, line, reason. */
const kExpectedRejects: [string, number, string][] = [
  ['orders.csv', 8, 'duplicate order'],
  ['orders.csv', 9, 'out of range'],
  ['orders.csv', 10, 'not a number'],
  ['orders.csv', 11, 'not a number'],
  ['orders.csv', 12, 'wrong field count'],
  ['orders.csv', 13, 'out of range'],
  ['orders.csv', 16, 'out of range'],
  ['orders.csv', 17, 'out of range'],
  ['orders.csv', 46, 'not a number'],
  ['products.csv', 15, 'conflicting product id'],
  ['products.csv', 19, 'not a number'],
  ['products.csv', 20, 'wrong field count'],
  ['products.csv', 21, 'out of range'],
  ['departments.csv', 5, 'duplicate id'],
  ['departments.csv', 6, 'not a number'],
  ['customers.csv', 5, 'duplicate id'],
  ['customers.csv', 6, 'not a number'],
  ['customers.csv', 10, 'wrong field count'],
  ['order_products__prior.csv', 19, 'unknown order'],
  ['order_products__prior.csv', 20, 'unknown order'],
  ['order_products__prior.csv', 21, 'unknown product'],
  ['order_products__prior.csv', 22, 'unknown product'],
  ['order_products__prior.csv', 23, 'unknown product'],
  ['order_products__prior.csv', 24, 'wrong field count'],
  ['order_products__prior.csv', 25, 'not a number'],
  ['order_products__prior.csv', 26, 'out of range'],
  ['order_products__prior.csv', 27, 'out of range'],
  ['order_products__prior.csv', 29, 'unknown product'],
  ['order_products__prior.csv', 30, 'not a number'],
  ['order_products__prior.csv', 31, 'out of range'],
  ['order_products__prior.csv', 33, 'unknown order'],
  ['order_products__prior.csv', 35, 'not a number'],
  ['order_products__prior.csv', 60, 'not a number'],
  ['order_products__prior.csv', 61, 'out of range'],
  ['order_products__prior.csv', 62, 'wrong field count'],
  ['order_products__train.csv', 2, 'unknown order'],
  ['order_products__train.csv', 7, 'unknown order'],
];

/** Plain cells of an oracle row (ratios left out: they are checked against the export by rounding). */
function plain(rows: ExpectedCell[][], columns: number[]): string[][] {
  return rows.map((r) => columns.map((k) => r[k] as string));
}

const prepared = once(async () => {
  const dataDir = join(root, 'data');
  const outDir = join(root, 'out');
  writeFiles(dataDir, kFiles);
  await runData(dataDir, outDir, ['--workers', '2', '--export-customers']);
  return { dataDir, outDir, oracle: computeOracle(dataDir) };
});

test('the oracle finds exactly the hand-listed rejects', async (t) => {
  const { oracle } = await prepared();
  const sort = (rows: [string, number, string][]) => [...rows].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
  t.deepEqual(sort(oracle.rejects.map((r) => [r.file, r.line, r.reason])), sort(kExpectedRejects));
});

test('the oracle agrees with the hand-computed figures', async (t) => {
  const { oracle } = await prepared();
  // 49 accepted lines over 10 + 23 population orders, 6 customers (users 1 2 3 7 8 9).
  t.is(oracle.acceptedLines, 49);
  t.is(oracle.populationOrders, 33);
  // Catalogue: ids 1-15. Low 1 2 9 10; Mid 3 4 13 14 15; High 5 6; Unknown 7 8 11 12.
  // Items: 1x5 2x4 3x3 4x2 5 6 7x2 8 9x2 10x24 11 12 13 15 (14 never bought).
  t.deepEqual(plain(oracle.tables.price_ranges.rows, [0, 1, 2, 3]), [
    ['Low-range product', '4', '35', '119.50'],
    ['Mid-range product', '5', '7', '61.28'],
    ['High-range product', '2', '2', '115.01'],
    ['Unknown price', '4', '5', '0.00'],
  ]);
  // Departments: 1 frozen (products 1 9 10), 2 produce (2 3 8 11 13 15), 4 bakery (4 5 6 7 12).
  t.deepEqual(plain(oracle.tables.department_popularity.rows, [0, 1, 2, 4, 7]), [
    ['1', 'frozen', '31', '99.50', '5'],
    ['2', 'produce', '11', '51.28', '5'],
    ['4', 'bakery', '7', '145.01', '4'],
  ]);
  // Aisle 4 (products 8 13 in produce, 9 in frozen): produce. Aisle 5 (14 frozen, 15 produce): the tie
  // goes to frozen, although only product 15 was bought.
  const aisles = new Map(oracle.tables.aisle_popularity.rows.map((r) => [r[1] as string, r[2] as string]));
  t.is(aisles.get('snacks, salty'), 'produce');
  t.is(aisles.get('mixed aisle'), 'frozen');
  // Days: Saturday 2 + 23 filler orders, Sunday and Tuesday 2, the other days 1 each.
  t.deepEqual(plain(oracle.tables.orders_by_day.rows, [1, 2, 8, 9]), [
    ['Saturday', '25', 'Busiest day', 'Busiest days'],
    ['Sunday', '2', 'Regularly busy', 'Busiest days'],
    ['Monday', '1', 'Least busy', 'Slowest days'],
    ['Tuesday', '2', 'Regularly busy', 'Regularly busy'],
    ['Wednesday', '1', 'Regularly busy', 'Slowest days'],
    ['Thursday', '1', 'Regularly busy', 'Regularly busy'],
    ['Friday', '1', 'Regularly busy', 'Regularly busy'],
  ]);
  const hours = new Map(oracle.tables.orders_by_hour.rows.map((r) => [Number(r[0]), r[7] as string]));
  t.deepEqual([...hours].filter(([, l]) => l === 'Most orders').map(([h]) => h), [0, 8, 9, 10, 13, 15, 16, 17]);
  t.deepEqual([...hours].filter(([, l]) => l === 'Fewest orders').map(([h]) => h), [1, 2, 3, 4, 5, 6, 7, 11]);
  // Hour 22 has one item, of unknown price: no revenue, and a blank average item price.
  const hour22 = oracle.tables.orders_by_hour.rows.find((r) => r[0] === '22')!;
  t.is(hour22[3], '0.00');
  t.like(hour22[4], { num: 0n, den: 0n });
  // Names a spreadsheet would run get an apostrophe; the blank name is replaced.
  const names = oracle.tables.top_products.rows.map((r) => r[1]);
  for (const name of ["'=SUM(A1:A9)", "'-5 Sorbet", "'+Plus Berries", "'@Home Rolls", '#NAME?', 'Unnamed product 6', 'Apples "Gala"', 'Sourdough Loaf']) t.true(names.includes(name), name);
  // Customers 1, 2, 3, 7 and 8 have at most 3 population orders (low activity, 26 lines); user 9's
  // filler orders are numbered 1-23 (normal activity, 23 lines). Products: 20 rows, 15 ids kept.
  t.deepEqual(oracle.tables.population_flow.rows, [
    ['order rows read', '44', ''],
    ['orders accepted', '35', '8'],
    ['orders with lines: the population', '33', '6'],
    ['orders without lines (not in the population, e.g. test orders)', '2', ''],
    ['product rows read', '20', ''],
    ['products after cleaning (duplicates collapsed, conflicting ids kept once)', '15', ''],
    ['order lines read', '68', ''],
    ['order lines accepted (known order and product)', '49', '6'],
    ['customers (users with an order in the population)', '', '6'],
    ['customers with a customers.csv row', '', '3'],
    ['low-activity customers left out of segments (fewer than 5 orders), with their lines', '26', '5'],
    ['customers in the segment tables, with their lines', '23', '1'],
  ]);
});

test('planted bad input: every export and rejects.csv equal the oracle', async (t) => {
  const { outDir, oracle } = await prepared();
  t.deepEqual(compareAll(oracle, outDir), []);
});

test('planted bad input: rejects.csv lists file, line and reason of every rejected row', async (t) => {
  const { outDir } = await prepared();
  const expected = kExpectedRejects.map(([file, line, reason]) => ({ file, line, reason }));
  t.deepEqual(compareRejects(expected, readFileSync(join(outDir, 'rejects.csv'), 'utf8')), []);
});

test('planted bad input: the exports hold the invariants', async (t) => {
  const { outDir } = await prepared();
  t.deepEqual(checkInvariants(outDir), []);
});

test('planted bad input: data_quality counts the products cleaning', async (t) => {
  const { outDir } = await prepared();
  const { rows } = parseExport(readExportFile(outDir, 'data_quality'), 'data_quality.csv');
  const products = new Map(rows.filter((r) => r[0] === 'products.csv').map((r) => [r[1], r[2]]));
  t.like(Object.fromEntries(products), {
    'rows read': '20',
    'rows accepted': '16',
    'blank product_name': '1',
    'exact duplicate row': '1',
    'product_id listed again with different content': '1',
    'rejected: conflicting product id': '1',
    'price outlier (above the outlier bound or below 0)': '2',
    'price blank or not a number': '2',
  });
});

test('planted bad input: the same exports with 1 or 4 workers, tiny shards, and fast-csv', async (t) => {
  const { dataDir, outDir } = await prepared();
  const base = readAllExports(outDir);
  // 16-byte shards put shard boundaries inside CRLF pairs, quoted names and the BOM'd header.
  const variants = [['--workers', '1', '--inline-bytes', '0'], ['--workers', '4', '--min-shard-bytes', '16', '--inline-bytes', '0'], ['--parser', 'fast-csv', '--workers', '4', '--min-shard-bytes', '16', '--inline-bytes', '0'], ['--min-shard-bytes', '16']];
  for (const [k, args] of variants.entries()) {
    const other = join(root, `variant-${k}`);
    await runData(dataDir, other, args);
    t.deepEqual(diffExports(readAllExports(other), base), [], args.join(' '));
  }
});

/** The same data with no prices column in products.csv and the course's wide departments.csv. */
const preparedNoPrices = once(async () => {
  const dataDir = join(root, 'data-no-prices');
  const outDir = join(root, 'out-no-prices');
  // Drop the last field (prices) of every row; the malformed rows stay malformed.
  const products = productRows.map((row) => (row === '' ? row : row.slice(0, row.lastIndexOf(','))));
  writeFiles(dataDir, {
    ...kFiles,
    'products.csv': crlf(products) + '\r\n',
    'departments.csv': crlf(['department_id,1,2,4,5', 'department,frozen,produce,bakery,pets', '']),
  });
  await runData(dataDir, outDir, ['--workers', '2', '--export-customers']);
  return { outDir, oracle: computeOracle(dataDir) };
});

test('no prices column and wide departments: revenue cells say "no prices", every export equals the oracle', async (t) => {
  const { outDir, oracle }: { outDir: string; oracle: OracleResult } = await preparedNoPrices();
  t.false(oracle.hasPrices);
  t.deepEqual(plain(oracle.tables.price_ranges.rows, [0, 1, 2, 3]), [
    ['Low-range product', '0', '0', 'no prices'],
    ['Mid-range product', '0', '0', 'no prices'],
    ['High-range product', '0', '0', 'no prices'],
    ['Unknown price', '15', '49', 'no prices'],
  ]);
  t.deepEqual(compareAll(oracle, outDir), []);
  t.deepEqual(checkInvariants(outDir), []);
});

/**
 * The same rows with the columns in another order plus an extra column (the header decides the order;
 * extra columns are ignored), rows that had the wrong field count left as they were (still wrong).
 */
function permuteColumns(text: string, order: number[], extraValue: string): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = text.slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const rows = body.split(eol).map((line, k) => {
    const fields = line === '' ? [] : splitFields(line);
    if (fields.length !== order.length) return line;
    return [...order.map((i) => fields[i]!), k === 0 ? 'note' : extraValue].map(quote).join(',');
  });
  return bom + rows.join(eol);
}

test('file names in any case, gzip, columns in any order and extra columns: every export equals the oracle', async (t) => {
  const dataDir = join(root, 'data-renamed');
  const outDir = join(root, 'out-renamed');
  writeFiles(dataDir, {
    'Orders.CSV': permuteColumns(ordersCsv, [6, 5, 4, 3, 2, 1, 0], 'a, "b"'),
    'ORDER_PRODUCTS__PRIOR.csv.gz': gzipSync(permuteColumns(priorCsv, [3, 1, 2, 0], 'x')),
    'order_products__train.CSV': permuteColumns(trainCsv, [1, 0, 3, 2], ''),
    'Products.csv': permuteColumns(productsCsv, [4, 3, 2, 1, 0], '=1+1'),
    'departments.csv.gz': gzipSync(departmentsCsv),
    'AISLES.csv': aislesCsv,
    'customers.csv': customersCsv,
  });
  await runData(dataDir, outDir, ['--workers', '2', '--export-customers']);
  const oracle = computeOracle(dataDir);
  // The same analysis as the plain data set: only the file names in data_quality and rejects.csv differ.
  const { oracle: plainOracle } = await prepared();
  t.deepEqual(oracle.tables, plainOracle.tables);
  t.is(oracle.rejects.length, plainOracle.rejects.length);
  t.deepEqual(compareAll(oracle, outDir), []);
  // The generic (non-standard header) paths of both readers, split into tiny shards.
  const fastCsv = join(root, 'out-renamed-fast-csv');
  await runData(dataDir, fastCsv, ['--parser', 'fast-csv', '--workers', '4', '--min-shard-bytes', '16', '--inline-bytes', '0']);
  t.deepEqual(diffExports(readAllExports(fastCsv), readAllExports(outDir)), []);
});

test('ids above the supported maximum: a documented limit, rejected with its own reason', async (t) => {
  // SPEC.md section 7 sets the id range as "ids > 0". Lookups here are arrays indexed by id, so ids
  // above order 67,108,864, user 16,777,216, product 4,194,304, aisle 65,535 and department 255 are
  // rejected as "id above the supported maximum" (README, Limits) -- 20 to 80 times the real data's.
  // Rows that refer to such an order or product are then unknown. Everything else is as the oracle
  // computes on the same data without the too-large rows.
  const big = {
    'orders.csv': ['order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order', '1,1,prior,1,0,8,', '100000000,2,prior,1,1,9,', '3,20000000,prior,1,2,10,', ''],
    'order_products__prior.csv': ['order_id,product_id,add_to_cart_order,reordered', '1,1,1,0', '100000000,1,1,1', '3,1,1,0', '1,5000000,2,0', '1,2,3,0', '1,3,4,1', ''],
    'products.csv': ['product_id,product_name,aisle_id,department_id,prices', '1,Small Ids,1,1,2', '5000000,Big Product Id,1,1,3', '2,Big Aisle Id,70000,1,4', '3,Big Department Id,1,300,5', ''],
    'departments.csv': ['department_id,department', '1,frozen', '300,department three hundred', ''],
    'aisles.csv': ['aisle_id,aisle', '1,ice cream', '70000,aisle seventy thousand', ''],
  };
  const dataDir = join(root, 'data-big-ids');
  const outDir = join(root, 'out-big-ids');
  writeFiles(dataDir, Object.fromEntries(Object.entries(big).map(([name, lines]) => [name, lf(lines)])));
  await runData(dataDir, outDir, ['--workers', '1']);
  const tooLarge = 'id above the supported maximum';
  const expected = [
    { file: 'orders.csv', line: 3, reason: tooLarge },
    { file: 'orders.csv', line: 4, reason: tooLarge },
    { file: 'order_products__prior.csv', line: 3, reason: 'unknown order' },
    { file: 'order_products__prior.csv', line: 4, reason: 'unknown order' },
    { file: 'order_products__prior.csv', line: 5, reason: 'unknown product' },
    { file: 'order_products__prior.csv', line: 6, reason: 'unknown product' },
    { file: 'order_products__prior.csv', line: 7, reason: 'unknown product' },
    { file: 'products.csv', line: 3, reason: tooLarge },
    { file: 'products.csv', line: 4, reason: tooLarge },
    { file: 'products.csv', line: 5, reason: tooLarge },
    { file: 'departments.csv', line: 3, reason: tooLarge },
    { file: 'aisles.csv', line: 3, reason: tooLarge },
  ];
  t.deepEqual(compareRejects(expected, readFileSync(join(outDir, 'rejects.csv'), 'utf8')), []);
  // The same data without the too-large rows: the analysis tables must match the oracle's on it.
  const withoutBig = join(root, 'data-big-ids-removed');
  const keep = (name: keyof typeof big, drop: number[]): string => lf(big[name].filter((_, k) => !drop.includes(k)));
  writeFiles(withoutBig, {
    'orders.csv': keep('orders.csv', [2, 3]),
    'order_products__prior.csv': keep('order_products__prior.csv', []),
    'products.csv': keep('products.csv', [2, 3, 4]),
    'departments.csv': keep('departments.csv', [2]),
    'aisles.csv': keep('aisles.csv', [2]),
  });
  const oracle = computeOracle(withoutBig);
  for (const [name, table] of Object.entries(oracle.tables)) {
    if (name === 'population_flow') continue; // it counts rows read, which include the too-large ones
    t.deepEqual(compareTable(`${name}.csv`, table, readExportFile(outDir, name)), [], name);
  }
  const flow = parseExport(readExportFile(outDir, 'population_flow'), 'population_flow.csv').rows;
  t.deepEqual(flow.slice(0, 2).map((row) => row.slice(0, 2)), [['order rows read', '3'], ['orders accepted', '1']]);
});
