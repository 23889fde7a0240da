/**
 * Which files in a data directory play which role (SPEC.md section 1). Names are matched
 * case-insensitively, with or without `.gz`; anything else is listed as ignored, never guessed at.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EtlError } from '../errors/index.js';

export type SourceRole = 'orders' | 'lines' | 'products' | 'departments' | 'aisles' | 'customers' | 'drop';

/** One input file as found on disk. */
export interface SourceFile {
  role: SourceRole;
  /** Absolute (or as-given) path to read. */
  path: string;
  /** Path relative to the data directory, with `/`: the name used in messages, rejects and the store. */
  name: string;
  /** Named `.gz` (the reader also recognises gzip by its magic bytes). */
  gzip: boolean;
  size: number;
  mtimeMs: number;
}

/** The inputs of one run. */
export interface DataDir {
  dir: string;
  orders?: SourceFile;
  /** Order-line files, sorted by name. */
  lines: SourceFile[];
  products?: SourceFile;
  departments?: SourceFile;
  aisles?: SourceFile;
  customers?: SourceFile;
  /** Order drops in `incoming/`, sorted by name. */
  drops: SourceFile[];
  /** Files present but not used (their names), so the CLI can say so. */
  ignored: string[];
}

const single: Record<string, SourceRole> = {
  'orders.csv': 'orders',
  'products.csv': 'products',
  'departments.csv': 'departments',
  'aisles.csv': 'aisles',
  'customers.csv': 'customers',
};
/** `order_products__prior.csv`, `order_products__train.csv`, `orders_products_prior.csv`, any `order_products*.csv`. */
const linesPattern = /^orders?_products.*\.csv$/;
const dropPattern = /\.(json|ndjson)$/;

/** True when the directory holds at least one input the pipeline reads. */
export function hasInputs(dir: string): boolean {
  try {
    const data = discoverSources(dir);
    return data.orders !== undefined || data.lines.length > 0 || data.products !== undefined;
  } catch (error) {
    if (error instanceof EtlError && error.code === 'FILE_MISSING') return false;
    throw error;
  }
}

export function discoverSources(dir: string): DataDir {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new EtlError('FILE_MISSING', `data directory ${dir} does not exist or cannot be read`);
  }
  const data: DataDir = { dir, lines: [], drops: [], ignored: [] };
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (entry.toLowerCase() === 'incoming') data.drops.push(...discoverDrops(dir, entry));
      continue;
    }
    if (!stat.isFile()) continue;
    const lower = entry.toLowerCase();
    const gzip = lower.endsWith('.gz');
    const base = gzip ? lower.slice(0, -3) : lower;
    const file = (role: SourceRole): SourceFile => ({ role, path, name: entry, gzip, size: stat.size, mtimeMs: stat.mtimeMs });
    const role = single[base];
    if (role !== undefined) {
      const existing = data[role as Exclude<SourceRole, 'lines' | 'drop'>];
      if (existing !== undefined) {
        throw new EtlError('USAGE', `${dir} holds two ${role} files, ${existing.name} and ${entry}: keep one`);
      }
      data[role as Exclude<SourceRole, 'lines' | 'drop'>] = file(role);
    } else if (linesPattern.test(base)) {
      data.lines.push(file('lines'));
    } else if (!entry.startsWith('.') && lower !== 'readme.md' && lower !== 'manifest.json') {
      data.ignored.push(entry);
    }
  }
  return data;
}

function discoverDrops(dir: string, folder: string): SourceFile[] {
  const drops: SourceFile[] = [];
  for (const entry of readdirSync(join(dir, folder)).sort()) {
    const path = join(dir, folder, entry);
    const stat = statSync(path);
    if (!stat.isFile() || !dropPattern.test(entry.toLowerCase())) continue;
    drops.push({ role: 'drop', path, name: `${folder}/${entry}`, gzip: false, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return drops;
}
