/**
 * The pairs reference (issue 11): DuckDB computing the pairs bought together from the same CSV files,
 * by SPEC.md's definitions, to check instacart's pair tables and to time them against. The baskets are
 * the distinct (order, product) of the lines whose order and product are known (products: first row per
 * id); an order counts an item once. Product pairs are counted only among products in at least
 * `minPairOrders` orders (the same Apriori bound, which DuckDB needs as much: all product pairs of the
 * full data set are some 240M rows), then kept when the pair has at least `minPairOrders` orders.
 *
 * Measured at scale 1 on the 2-core bench machine (2026-12-01, generated data, minPairOrders 1,000):
 * reading the lines 2.8 s, distinct baskets 4.5 s, order x aisle 4.4 s, aisle pairs 5.9 s, product
 * pairs 13 s (5,741 candidate products, 7,409 pairs): about 31 s in all.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** One pair: ids (a < b), orders holding each, orders holding both. */
export interface ReferencePair {
  a: number;
  b: number;
  ordersA: number;
  ordersB: number;
  together: number;
}

export interface PairsReference {
  /** Orders with at least one counted line. */
  orders: number;
  productPairs: ReferencePair[];
  aislePairs: ReferencePair[];
  departmentPairs: ReferencePair[];
  /** Seconds since the reference started, after each step. */
  steps: { name: string; atSeconds: number }[];
}

const q = (text: string): string => `'${text.replaceAll("'", "''")}'`;

function readCsv(paths: string[], columns: Record<string, string>): string {
  const cols = Object.entries(columns).map(([name, type]) => `${q(name)}: ${q(type)}`).join(', ');
  return `read_csv([${paths.map(q).join(', ')}], header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${cols}})`;
}

/** Pairs of `items` (a table of order_id, item) with at least `min` orders together, with each item's orders. */
function pairsSql(items: string, min: number): string {
  return `WITH n AS (SELECT item, count(*) AS orders FROM ${items} GROUP BY item)
SELECT x.item AS a, y.item AS b, any_value(na.orders) AS orders_a, any_value(nb.orders) AS orders_b, count(*) AS together
FROM ${items} AS x JOIN ${items} AS y ON x.order_id = y.order_id AND x.item < y.item
JOIN n AS na ON na.item = x.item JOIN n AS nb ON nb.item = y.item
GROUP BY x.item, y.item HAVING count(*) >= ${min} ORDER BY a, b`;
}

export async function computePairsReference(dataDir: string, linesFiles: string[], minPairOrders: number): Promise<PairsReference> {
  const started = performance.now();
  const steps: PairsReference['steps'] = [];
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const step = async (name: string, sql: string): Promise<void> => {
    await c.run(sql);
    steps.push({ name, atSeconds: (performance.now() - started) / 1000 });
  };
  await step('read orders.csv', `CREATE TABLE orders AS SELECT order_id FROM ${readCsv([join(dataDir, 'orders.csv')], { order_id: 'INTEGER', user_id: 'INTEGER', eval_set: 'VARCHAR', order_number: 'INTEGER', order_dow: 'TINYINT', order_hour_of_day: 'TINYINT', days_since_prior_order: 'DOUBLE' })}`);
  await step(
    'read products.csv (first row per id)',
    `CREATE TABLE products AS SELECT product_id, aisle_id, department_id FROM (SELECT *, row_number() OVER () AS file_row FROM ${readCsv([join(dataDir, 'products.csv')], { product_id: 'INTEGER', product_name: 'VARCHAR', aisle_id: 'INTEGER', department_id: 'INTEGER', prices: 'DOUBLE' })})
QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY file_row) = 1`,
  );
  await step(
    `read ${linesFiles.length} order-lines file(s) into baskets`,
    `CREATE TABLE baskets AS SELECT DISTINCT l.order_id, l.product_id FROM ${readCsv(linesFiles.map((f) => join(dataDir, f)), { order_id: 'INTEGER', product_id: 'INTEGER', add_to_cart_order: 'INTEGER', reordered: 'TINYINT' })} AS l
SEMI JOIN orders USING (order_id) SEMI JOIN products USING (product_id)`,
  );
  const orders = Number((await c.runAndReadAll('SELECT count(DISTINCT order_id) AS n FROM baskets')).getRowObjectsJS()[0]!['n']);
  await step('candidate products', `CREATE TABLE candidates AS SELECT order_id, product_id AS item FROM baskets WHERE product_id IN (SELECT product_id FROM baskets GROUP BY product_id HAVING count(*) >= ${minPairOrders})`);
  await step('order x aisle, order x department', `CREATE TABLE by_aisle AS SELECT DISTINCT b.order_id, p.aisle_id AS item FROM baskets AS b JOIN products AS p USING (product_id);
CREATE TABLE by_department AS SELECT DISTINCT b.order_id, p.department_id AS item FROM baskets AS b JOIN products AS p USING (product_id)`);
  const read = async (name: string, items: string): Promise<ReferencePair[]> => {
    const rows = (await c.runAndReadAll(pairsSql(items, minPairOrders))).getRowObjectsJS();
    steps.push({ name, atSeconds: (performance.now() - started) / 1000 });
    return rows.map((r) => ({ a: Number(r['a']), b: Number(r['b']), ordersA: Number(r['orders_a']), ordersB: Number(r['orders_b']), together: Number(r['together']) }));
  };
  const productPairs = await read('product pairs', 'candidates');
  const aislePairs = await read('aisle pairs', 'by_aisle');
  const departmentPairs = await read('department pairs', 'by_department');
  return { orders, productPairs, aislePairs, departmentPairs, steps };
}
