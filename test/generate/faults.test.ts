/**
 * --faults plants the course's faults (../shared/data/instacart/README.md): 16 blank product names, 5
 * exact duplicate rows right after their original, 2 ids listed twice with different content, one
 * `#NAME?`, prices 14900 and 99999, and ~5.5 % blank first names. The test counts them from the files
 * with its own rules and compares with the manifest.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataLines, generateTemp, readManifest, readProducts, readText, type GeneratedData } from './generated-data.js';
import { splitFields } from '../helpers/csv-fields.js';

let faulty: GeneratedData;
let clean: GeneratedData;

test.before(async () => {
  [faulty, clean] = await Promise.all([
    generateTemp({ scale: 0.02, seed: 3, faults: true }),
    generateTemp({ scale: 0.02, seed: 3, faults: false }),
  ]);
});

test.after.always(async () => {
  await Promise.all([faulty?.cleanup(), clean?.cleanup()]);
});

async function countFaults(dir: string) {
  const products = await readProducts(dir);
  const rowsById = new Map<number, Set<string>>();
  for (const p of products) rowsById.set(p.productId, (rowsById.get(p.productId) ?? new Set()).add(p.line));
  const { lines } = dataLines(await readText(dir, 'customers.csv'), '\r\n');
  return {
    blankProductNames: products.filter((p) => p.name === '').length,
    duplicateProductRows: products.filter((p, i) => i > 0 && products[i - 1]!.line === p.line).length,
    conflictingProductIds: [...rowsById.values()].filter((rows) => rows.size > 1).length,
    nameErrorProductNames: products.filter((p) => p.name === '#NAME?').length,
    priceOutliers: products.filter((p) => p.price > 25).length,
    blankFirstNames: lines.filter((line) => splitFields(line)[1] === '').length,
  };
}

test('the planted faults counted from the files equal the manifest, at the course counts', async (t) => {
  const counted = await countFaults(faulty.dir);
  const manifest = await readManifest(faulty.dir);
  t.true(manifest.faults);
  t.deepEqual(counted, manifest.plantedFaults);
  t.like(counted, { blankProductNames: 16, duplicateProductRows: 5, conflictingProductIds: 2, nameErrorProductNames: 1, priceOutliers: 2 });
  const users = manifest.users;
  t.true(Math.abs(counted.blankFirstNames / users - 11_259 / 206_209) < 0.012, `${counted.blankFirstNames} of ${users}`);
  const outliers = (await readProducts(faulty.dir)).filter((p) => p.price > 25).map((p) => p.line.split(',').at(-1));
  t.deepEqual(outliers.sort(), ['14900', '99999']);
});

test('a conflicting id has a different product on the next row; duplicates repeat the row verbatim', async (t) => {
  const products = await readProducts(faulty.dir);
  const conflicts = products.filter((p, i) => i > 0 && products[i - 1]!.productId === p.productId && products[i - 1]!.line !== p.line);
  t.is(conflicts.length, 2);
  const rows = products.length;
  t.is(rows, faulty.summary.products + 5 + 2);
  t.is((await readManifest(faulty.dir)).files['products.csv']!.rows, rows);
});

test('without --faults the data is clean and the manifest counts are zero', async (t) => {
  const counted = await countFaults(clean.dir);
  t.deepEqual(counted, (await readManifest(clean.dir)).plantedFaults);
  t.true(Object.values(counted).every((n) => n === 0));
});

test('faults change only products.csv and customers.csv', async (t) => {
  for (const name of ['orders.csv', 'order_products__prior.csv', 'order_products__train.csv', 'aisles.csv', 'departments.csv']) {
    t.true((await readFile(join(faulty.dir, name))).equals(await readFile(join(clean.dir, name))), name);
  }
});
