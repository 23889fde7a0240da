/**
 * Incremental reruns (issue 4): for random splits of a generated data set into A and B, run(A) then
 * run(A+B) writes byte-identical exports to a fresh run(A+B), whether B is appended to the files, comes
 * as a new order-lines file, or as a JSON order drop.
 */
import test from 'ava';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';
import { generate, readExports, run, seeded } from '../helpers/pipeline.js';

interface Split {
  /** orders.csv header + A rows, B rows. */
  ordersHeader: string;
  ordersA: string[];
  ordersB: string[];
  /** Per lines file: header, A rows, B rows. */
  lines: Record<string, { header: string; a: string[]; b: string[] }>;
}

function rowsOf(text: string): { header: string; rows: string[] } {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return { header: all[0]!, rows: all.slice(1) };
}

/** Orders go to B with probability `share` (by a seeded draw per order id). */
function split(dir: string, share: number, seed: number): Split {
  const random = seeded(seed);
  const orders = rowsOf(readFileSync(join(dir, 'orders.csv'), 'utf8'));
  const inB = new Set<string>();
  const ordersA: string[] = [];
  const ordersB: string[] = [];
  for (const row of orders.rows) {
    const id = row.slice(0, row.indexOf(','));
    if (random() < share) {
      inB.add(id);
      ordersB.push(row);
    } else ordersA.push(row);
  }
  const lines: Split['lines'] = {};
  for (const name of ['order_products__prior.csv', 'order_products__train.csv']) {
    const file = rowsOf(readFileSync(join(dir, name), 'utf8'));
    const a: string[] = [];
    const b: string[] = [];
    for (const row of file.rows) (inB.has(row.slice(0, row.indexOf(','))) ? b : a).push(row);
    lines[name] = { header: file.header, a, b };
  }
  return { ordersHeader: orders.header, ordersA, ordersB, lines };
}

const text = (header: string, rows: string[]): string => `${header}\n${rows.map((r) => `${r}\n`).join('')}`;

/** The data set with only A: the dimension files copied, orders and lines cut down. */
function writeA(source: string, target: string, s: Split): void {
  cpSync(source, target, { recursive: true });
  writeFileSync(join(target, 'orders.csv'), text(s.ordersHeader, s.ordersA));
  for (const [name, l] of Object.entries(s.lines)) writeFileSync(join(target, name), text(l.header, l.a));
}

type Variant = 'appended' | 'new lines file' | 'json drop';

/** Turn the A data set into A+B the way a user would: append, add a file, or drop JSON. */
function addB(target: string, s: Split, variant: Variant): void {
  if (variant !== 'json drop') appendFileSync(join(target, 'orders.csv'), s.ordersB.map((r) => `${r}\n`).join(''));
  if (variant === 'appended') {
    for (const [name, l] of Object.entries(s.lines)) appendFileSync(join(target, name), l.b.map((r) => `${r}\n`).join(''));
  } else if (variant === 'new lines file') {
    const all = Object.values(s.lines).flatMap((l) => l.b);
    writeFileSync(join(target, 'order_products__new.csv'), text('order_id,product_id,add_to_cart_order,reordered', all));
  } else {
    const products = new Map<string, object[]>();
    for (const l of Object.values(s.lines)) {
      for (const row of l.b) {
        const [orderId, productId, cart, reordered] = row.split(',');
        const list = products.get(orderId!) ?? [];
        list.push({ product_id: Number(productId), add_to_cart_order: Number(cart), reordered: Number(reordered) });
        products.set(orderId!, list);
      }
    }
    const orders = s.ordersB.map((row) => {
      const [orderId, userId, evalSet, number, dow, hour, days] = row.split(',');
      return { order_id: Number(orderId), user_id: Number(userId), eval_set: evalSet, order_number: Number(number), order_dow: Number(dow), order_hour_of_day: hour, days_since_prior_order: days === '' ? null : Number(days), products: products.get(orderId!) ?? [] };
    });
    mkdirSync(join(target, 'incoming'), { recursive: true });
    writeFileSync(join(target, 'incoming', 'drop-b.ndjson'), orders.map((o) => JSON.stringify(o)).join('\n') + '\n');
  }
}

const variants: Variant[] = ['appended', 'new lines file', 'json drop'];

test('run(A) then run(A+B) equals a fresh run(A+B), for random splits', async (t) => {
  const base = tempDir(t);
  const source = join(base, 'generated');
  await generate(source, 0.003, 11);
  const random = seeded(2024);
  for (let trial = 0; trial < 6; trial++) {
    const variant = variants[trial % variants.length]!;
    const share = 0.01 + random() * 0.4;
    const s = split(source, share, Math.floor(random() * 1e9));
    const data = join(base, `data-${trial}`);
    writeA(source, data, s);
    const incremental = join(base, `out-inc-${trial}`);
    const first = await run(data, incremental);
    t.is(first.rebuild, 'new store');
    addB(data, s, variant);
    const second = await run(data, incremental);
    t.is(second.rebuild, undefined, `${variant}: the second run is incremental (${JSON.stringify(second.actions)})`);
    const fresh = join(base, `out-fresh-${trial}`);
    await run(data, fresh, { full: true });
    t.deepEqual(readExports(incremental), readExports(fresh), `${variant}, B = ${(share * 100).toFixed(1)}% of orders`);
    const third = await run(data, incremental);
    t.true(third.upToDate, 'a third run finds nothing new');
  }
});

/** Orders per product over `lines` rows (order_id,product_id,...): each order counts a product once. */
function productOrders(rows: readonly string[]): Map<string, number> {
  const seen = new Set<string>();
  const orders = new Map<string, number>();
  for (const row of rows) {
    const [order, product] = row.split(',');
    if (seen.has(`${order},${product}`)) continue;
    seen.add(`${order},${product}`);
    orders.set(product!, (orders.get(product!) ?? 0) + 1);
  }
  return orders;
}

test('pairs: run(A) then run(A+B) equals a fresh run(A+B) when B holds more lines of orders in A and new products reach the threshold', async (t) => {
  const base = tempDir(t);
  const source = join(base, 'generated');
  await generate(source, 0.003, 12);
  const configFile = join(base, 'config.json');
  const minPairOrders = 6;
  writeFileSync(configFile, JSON.stringify({ minPairOrders, pairTopN: 40 }));
  const random = seeded(77);
  for (const [trial, variant] of (['appended', 'new lines file'] as const).entries()) {
    const s = split(source, 0.1, Math.floor(random() * 1e9));
    // A fifth of the orders in A lose the last lines of their basket to B (the order row stays in A).
    for (const l of Object.values(s.lines)) {
      const byOrder = new Map<string, number[]>();
      l.a.forEach((row, k) => {
        const order = row.slice(0, row.indexOf(','));
        byOrder.set(order, [...(byOrder.get(order) ?? []), k]);
      });
      const moved = new Set<number>();
      for (const rows of byOrder.values()) if (rows.length > 1 && random() < 0.2) rows.slice(1 + Math.floor(random() * (rows.length - 1))).forEach((k) => moved.add(k));
      l.b = [...l.a.filter((_, k) => moved.has(k)), ...l.b];
      l.a = l.a.filter((_, k) => !moved.has(k));
    }
    const linesA = Object.values(s.lines).flatMap((l) => l.a);
    const linesAll = [...linesA, ...Object.values(s.lines).flatMap((l) => l.b)];
    const candidates = (rows: string[]) => [...productOrders(rows)].filter(([, n]) => n >= minPairOrders).length;
    t.true(candidates(linesAll) > candidates(linesA), `${variant}: products reach ${minPairOrders} orders with B (${candidates(linesA)} -> ${candidates(linesAll)})`);

    const data = join(base, `pairs-data-${trial}`);
    writeA(source, data, s);
    const incremental = join(base, `pairs-inc-${trial}`);
    await run(data, incremental, { configFile });
    const before = readExports(incremental)['csv/product_pairs.csv'];
    addB(data, s, variant);
    const second = await run(data, incremental, { configFile });
    t.is(second.rebuild, undefined, `${variant}: the second run is incremental`);
    const fresh = join(base, `pairs-fresh-${trial}`);
    await run(data, fresh, { full: true, configFile });
    const after = readExports(fresh);
    t.not(after['csv/product_pairs.csv'], before, 'B changes the product pairs');
    t.true(after['csv/product_pairs.csv']!.split('\r\n').length > 40, 'product pairs qualify');
    t.deepEqual(readExports(incremental), after, variant);
  }
});
