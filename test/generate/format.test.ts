/**
 * Byte-level formats of the generated files, as in the real files: headers, line ends, zero-padded hours,
 * `15.0` days, the course's price and quoting style. Expected shapes are written out next to each check.
 */
import test from 'ava';
import { bytesOf, csvField, putTenths, putTwoDigits, putUint } from '../../src/generate/csv-bytes.js';
import { dataLines, generateTemp, readProducts, readText, type GeneratedData } from './generated-data.js';
import { splitFields } from '../helpers/csv-fields.js';

let data: GeneratedData;

test.before(async () => {
  data = await generateTemp({ scale: 0.02, seed: 7 });
});

test.after.always(async () => {
  await data?.cleanup();
});

const kDepartments = [
  'frozen', 'other', 'bakery', 'produce', 'alcohol', 'international', 'beverages', 'pets', 'dry goods pasta', 'bulk',
  'personal care', 'meat seafood', 'pantry', 'breakfast', 'canned goods', 'dairy eggs', 'household', 'babies', 'snacks',
  'deli', 'missing',
];

function encode(write: (buf: Uint8Array, pos: number) => number): string {
  const buf = new Uint8Array(32);
  return Buffer.from(buf.subarray(0, write(buf, 0))).toString('latin1');
}

test('number encoders write the real files’ spellings', (t) => {
  t.is(encode((b, p) => putUint(b, p, 0)), '0');
  t.is(encode((b, p) => putUint(b, p, 3_421_083)), '3421083');
  t.is(encode((b, p) => putUint(b, p, 2_147_483_647)), '2147483647');
  t.is(encode((b, p) => putTwoDigits(b, p, 8)), '08');
  t.is(encode((b, p) => putTwoDigits(b, p, 23)), '23');
  t.is(encode((b, p) => putTenths(b, p, 58)), '5.8');
  t.is(encode((b, p) => putTenths(b, p, 90)), '9');
  t.is(encode((b, p) => putTenths(b, p, 999_990)), '99999');
  t.is(csvField('Pancake Mix, Buttermilk'), '"Pancake Mix, Buttermilk"');
  t.is(csvField('9" Pie Crust'), '"9"" Pie Crust"');
  t.is(csvField('Organic Bananas'), 'Organic Bananas');
  t.deepEqual([...bytesOf('a,')], [0x61, 0x2c]);
});

test('orders.csv: header, LF, zero-padded hours, days as N.0 and blank on first orders', async (t) => {
  const text = await readText(data.dir, 'orders.csv');
  t.false(text.includes('\r'));
  const { header, lines } = dataLines(text, '\n');
  t.is(header, 'order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order');
  const row = /^[1-9]\d*,[1-9]\d*,(prior|train|test),([1-9]\d*),[0-6],([01]\d|2[0-3]),((?:[12]?\d|30)\.0)?$/;
  const bad = lines.filter((line) => {
    const m = row.exec(line);
    return m === null || (m[2] === '1') !== (m[4] === undefined);
  });
  t.deepEqual(bad.slice(0, 3), []);
  t.true(lines.some((line) => /,0\d,/.test(line)), 'some hours are zero-padded');
});

test('order_products files: header, LF, four integer fields', async (t) => {
  for (const name of ['order_products__prior.csv', 'order_products__train.csv']) {
    const text = await readText(data.dir, name);
    t.false(text.includes('\r'));
    const { header, lines } = dataLines(text, '\n');
    t.is(header, 'order_id,product_id,add_to_cart_order,reordered');
    t.true(lines.length > 0);
    t.deepEqual(lines.filter((line) => !/^[1-9]\d*,[1-9]\d*,[1-9]\d*,[01]$/.test(line)).slice(0, 3), [], name);
  }
});

test('products.csv: course layout, CRLF, quoted names parse back, prices like 9 and 5.8', async (t) => {
  const text = await readText(data.dir, 'products.csv');
  const { header, lines } = dataLines(text, '\r\n');
  t.is(header, 'product_id,product_name,aisle_id,department_id,prices');
  t.false(lines.some((line) => line.includes('\n') || line.includes('\r')), 'CRLF on every line, no bare LF');
  const products = await readProducts(data.dir);
  t.is(products.length, data.summary.products);
  t.true(products.every((p, i) => p.productId === i + 1));
  const withComma = products.filter((p) => p.name.includes(','));
  const withQuote = products.filter((p) => p.name.includes('"'));
  t.true(withComma.length > 0 && withQuote.length > 0);
  for (const p of [...withComma, ...withQuote]) {
    t.true(p.line.startsWith(`${p.productId},"`), p.line);
    t.is(splitFields(p.line)[1], p.name);
  }
  t.true(products.every((p) => p.name !== '' && !p.line.includes('#NAME?')), 'clean names without --faults');
  const prices = lines.map((line) => line.slice(line.lastIndexOf(',') + 1));
  t.deepEqual(prices.filter((price) => !/^[1-9]\d?(\.[1-9])?$/.test(price)).slice(0, 3), []);
  t.true(prices.some((price) => !price.includes('.')), 'whole prices are written without .0');
  t.true(products.every((p) => p.price >= 1 && p.price <= 25));
});

test('departments.csv: the 21 real departments in id order, long layout, LF', async (t) => {
  const text = await readText(data.dir, 'departments.csv');
  t.is(text, `department_id,department\n${kDepartments.map((d, i) => `${i + 1},${d}\n`).join('')}`);
});

test('aisles.csv: 134 distinct aisles, LF; each aisle belongs to one department', async (t) => {
  const text = await readText(data.dir, 'aisles.csv');
  t.false(text.includes('\r'));
  const { header, lines } = dataLines(text, '\n');
  t.is(header, 'aisle_id,aisle');
  t.is(lines.length, 134);
  const names = lines.map((line, i) => {
    const [id, name] = splitFields(line);
    t.is(Number(id), i + 1);
    return name!;
  });
  t.is(new Set(names).size, 134);
  const departmentOfAisle = new Map<number, Set<number>>();
  for (const p of await readProducts(data.dir)) {
    departmentOfAisle.set(p.aisleId, (departmentOfAisle.get(p.aisleId) ?? new Set()).add(p.departmentId));
  }
  t.true([...departmentOfAisle.values()].every((departments) => departments.size === 1));
});

test('customers.csv: course header, CRLF, M/D/YYYY dates without zero padding', async (t) => {
  const text = await readText(data.dir, 'customers.csv');
  const { header, lines } = dataLines(text, '\r\n');
  t.is(header, 'user_id,First Name,Surnam,Gender,STATE,Age,date_joined,n_dependants,fam_status,income');
  t.is(lines.length, data.summary.users);
  const row = /^[1-9]\d*,[A-Z][a-z]+,[A-Z][a-z]+,(Male|Female),[A-Z][A-Za-z ]+,\d\d,([1-9]|1[0-2])\/([1-9]|[12]\d|3[01])\/20(17|18|19|20),[0-3],[a-z /]+,[1-9]\d+$/;
  t.deepEqual(lines.filter((line) => !row.test(line)).slice(0, 3), []);
});

test('manifest.json: scale, seed, version and per-file rows and bytes that match the files', async (t) => {
  const manifest = JSON.parse(await readText(data.dir, 'manifest.json'));
  t.like(manifest, { generator: 'instacart-etl generate', scale: 0.02, seed: 7, faults: false, users: data.summary.users });
  t.is(typeof manifest.generatorVersion, 'number');
  for (const [name, entry] of Object.entries(manifest.files as Record<string, { rows: number; bytes: number }>)) {
    const text = await readText(data.dir, name);
    t.is(Buffer.byteLength(text), entry.bytes, name);
    t.is(text.split('\n').length - 2, entry.rows, name);
  }
});
