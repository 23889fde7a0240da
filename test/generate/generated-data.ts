/**
 * Test helpers for the generator: a temporary output directory and plain readers for the generated
 * files. The readers are deliberately naive (split on line ends, a small RFC 4180 field splitter), so the
 * tests check the generator against code that shares nothing with it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitFields } from '../helpers/csv-fields.js';
import { generateDataset, type GenerateOptions, type GenerateSummary, type Manifest } from '../../src/generate/index.js';

/** A generated data set in a fresh temporary directory. */
export interface GeneratedData {
  /** The output directory. */
  dir: string;
  /** What generateDataset returned. */
  summary: GenerateSummary;
  /** Remove the directory. */
  cleanup(): Promise<void>;
}

export async function generateTemp(options: Omit<GenerateOptions, 'outDir'>): Promise<GeneratedData> {
  const dir = await mkdtemp(join(tmpdir(), 'instacart-generate-test-'));
  const summary = await generateDataset({ workers: 2, ...options, outDir: dir });
  return { dir, summary, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function readText(dir: string, name: string): Promise<string> {
  return readFile(join(dir, name), 'utf8');
}

export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readText(dir, 'manifest.json')) as Manifest;
}

/** Data lines of a file with the given line end, header removed; fails on a missing final line end. */
export function dataLines(text: string, lineEnd: '\n' | '\r\n'): { header: string; lines: string[] } {
  if (!text.endsWith(lineEnd)) throw new Error('file does not end with its line end');
  const all = text.slice(0, -lineEnd.length).split(lineEnd);
  return { header: all[0]!, lines: all.slice(1) };
}

/** One orders.csv row. */
export interface OrderRow {
  orderId: number;
  userId: number;
  evalSet: string;
  orderNumber: number;
  dow: number;
  hour: number;
  /** null when blank. */
  days: number | null;
}

export async function readOrders(dir: string): Promise<OrderRow[]> {
  const { lines } = dataLines(await readText(dir, 'orders.csv'), '\n');
  return lines.map((line) => {
    const f = line.split(',');
    return {
      orderId: Number(f[0]),
      userId: Number(f[1]),
      evalSet: f[2]!,
      orderNumber: Number(f[3]),
      dow: Number(f[4]),
      hour: Number(f[5]),
      days: f[6] === '' ? null : Number(f[6]),
    };
  });
}

/** One order_products__*.csv row. */
export interface LineRow {
  orderId: number;
  productId: number;
  addToCartOrder: number;
  reordered: number;
}

export async function readLines(dir: string, name: string): Promise<LineRow[]> {
  const { lines } = dataLines(await readText(dir, name), '\n');
  return lines.map((line) => {
    const f = line.split(',');
    return { orderId: Number(f[0]), productId: Number(f[1]), addToCartOrder: Number(f[2]), reordered: Number(f[3]) };
  });
}

/** One products.csv row, as text fields (the faults make some of them odd). */
export interface ProductRow {
  line: string;
  productId: number;
  name: string;
  aisleId: number;
  departmentId: number;
  price: number;
}

export async function readProducts(dir: string): Promise<ProductRow[]> {
  const { lines } = dataLines(await readText(dir, 'products.csv'), '\r\n');
  return lines.map((line) => {
    const f = splitFields(line);
    if (f.length !== 5) throw new Error(`products.csv: ${f.length} fields in ${line}`);
    return { line, productId: Number(f[0]), name: f[1]!, aisleId: Number(f[2]), departmentId: Number(f[3]), price: Number(f[4]) };
  });
}

/** Shares of each value 0..size-1 among `values`. */
export function shares(values: Iterable<number>, size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  let total = 0;
  for (const v of values) {
    counts[v]!++;
    total++;
  }
  return counts.map((c) => c / total);
}

/** Normalise counts to shares. */
export function toShares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}
