import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kGeneratedFiles, kManifestName } from '../../src/generate/index.js';
import { generateTemp, type GeneratedData } from './generated-data.js';

const kAllFiles = [...kGeneratedFiles, kManifestName];
const made: GeneratedData[] = [];

async function make(seed: number, workers: number): Promise<GeneratedData> {
  const data = await generateTemp({ scale: 0.01, seed, workers });
  made.push(data);
  return data;
}

test.after.always(async () => {
  await Promise.all(made.map((d) => d.cleanup()));
});

test('the same scale and seed give byte-identical files, whatever the number of workers', async (t) => {
  // scale 0.01: 2,062 users in one block, so also use a scale with several blocks below.
  const [one, three] = await Promise.all([make(42, 1), make(42, 3)]);
  for (const name of kAllFiles) {
    const a = await readFile(join(one.dir, name));
    const b = await readFile(join(three.dir, name));
    t.true(a.equals(b), `${name} differs between 1 and 3 workers`);
  }
});

test('several blocks are written in order, identically with 1 and 4 workers', async (t) => {
  const [a, b] = await Promise.all([
    generateTemp({ scale: 0.05, seed: 9, workers: 1 }), // 10,310 users: 3 blocks of 4,096
    generateTemp({ scale: 0.05, seed: 9, workers: 4 }),
  ]);
  made.push(a, b);
  for (const name of kAllFiles) {
    t.true((await readFile(join(a.dir, name))).equals(await readFile(join(b.dir, name))), `${name} differs`);
  }
});

test('a different seed gives different data of the same shape', async (t) => {
  const [first, second] = await Promise.all([make(1, 2), make(2, 2)]);
  for (const name of ['orders.csv', 'order_products__prior.csv', 'products.csv', 'customers.csv']) {
    const a = await readFile(join(first.dir, name));
    const b = await readFile(join(second.dir, name));
    t.false(a.equals(b), `${name} is the same for seeds 1 and 2`);
  }
  t.is(first.summary.users, second.summary.users);
  t.is(first.summary.products, second.summary.products);
  // Departments and aisles are fixed.
  for (const name of ['departments.csv', 'aisles.csv']) {
    t.true((await readFile(join(first.dir, name))).equals(await readFile(join(second.dir, name))));
  }
});
