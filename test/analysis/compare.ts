/**
 * Reading the pipeline's exports as a spreadsheet would, and comparing them with the oracle cell by cell.
 * Every function returns a list of discrepancies (empty = agreement), each naming the file, row, column,
 * expected and actual value, so a failing test says exactly what differs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFields } from '../helpers/csv-fields.js';
import { type ExpectedCell, type ExpectedReject, type ExpectedTable, type Fraction, type OracleResult } from './oracle.js';
import { expectedCustomersFile, expectedSegmentTables, oracleCustomers } from './oracle-segments.js';

/** At most this many discrepancies are listed per file: the first ones tell the story. */
const kMaxListed = 25;

export interface ParsedCsv {
  header: string[];
  rows: string[][];
  /** Format problems: no BOM, a row end other than CRLF, quoting that is not minimal RFC 4180. */
  formatErrors: string[];
}

/** RFC 4180 quoting, only where needed (a comma, a quote or a line break in the cell). */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Parse an export: UTF-8 BOM, header row, CRLF row ends, RFC 4180 quoting. */
export function parseExport(text: string, file: string): ParsedCsv {
  const formatErrors: string[] = [];
  if (!text.startsWith('\ufeff')) formatErrors.push(`${file}: no UTF-8 BOM`);
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (!body.endsWith('\r\n')) formatErrors.push(`${file}: the last row does not end with CRLF`);
  const lines = body.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parsed = lines.map((line, k) => {
    if (line.includes('\n') || line.includes('\r')) formatErrors.push(`${file}: row ${k + 1} has a bare LF or CR`);
    const fields = splitFields(line);
    if (fields.map(quote).join(',') !== line) formatErrors.push(`${file}: row ${k + 1} is not minimally quoted: ${line}`);
    return fields;
  });
  return { header: parsed[0] ?? [], rows: parsed.slice(1), formatErrors };
}

export function readExportFile(outDir: string, name: string): string {
  return readFileSync(join(outDir, 'csv', `${name}.csv`), 'utf8');
}

/** Every export as bytes by relative path (csv/<name>.csv and rejects.csv), for byte-identity checks. */
export function readAllExports(outDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>([['rejects.csv', readFileSync(join(outDir, 'rejects.csv'))]]);
  for (const name of readdirSync(join(outDir, 'csv')).sort()) files.set(`csv/${name}`, readFileSync(join(outDir, 'csv', name)));
  return files;
}

/** The exact value of a fraction with `extra` more decimals than exported, for messages. */
function exact(f: Fraction, extra = 4): string {
  const digits = f.decimals + extra;
  const scaled = (f.num * 10n ** BigInt(digits)) / f.den;
  const text = scaled.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}…`;
}

export function describeCell(cell: ExpectedCell): string {
  if (typeof cell === 'string') return JSON.stringify(cell);
  if (cell.den === 0n) return '"" (blank: zero denominator)';
  return `${cell.decimals} decimals of ${cell.num}/${cell.den} = ${exact(cell)}`;
}

/**
 * Whether an exported cell is the expected one. A fraction matches a plain decimal with exactly its
 * decimals that is a correctly rounded value of it: |P / 10^d - num / den| <= 1 / (2 * 10^d), checked in
 * integers (an exact tie may round either way, as JS toFixed does on the nearest double).
 */
export function cellMatches(expected: ExpectedCell, actual: string): boolean {
  if (typeof expected === 'string') return expected === actual;
  if (expected.den === 0n) return actual === '';
  const m = new RegExp(`^(-?)([0-9]+)\\.([0-9]{${expected.decimals}})$`).exec(actual);
  if (m === null) return false;
  const printed = BigInt(`${m[1]}${m[2]}${m[3]}`);
  const scale = 10n ** BigInt(expected.decimals);
  let diff = printed * expected.den - expected.num * scale;
  if (diff < 0n) diff = -diff;
  return 2n * diff <= expected.den;
}

/** An export against the oracle's table: header (required columns as a prefix), row count and order, every cell. */
export function compareTable(file: string, expected: ExpectedTable, text: string): string[] {
  const actual = parseExport(text, file);
  const problems = [...actual.formatErrors];
  const header = actual.header.slice(0, expected.columns.length);
  if (header.join(',') !== expected.columns.join(',')) {
    problems.push(`${file}: header starts ${JSON.stringify(header)}, expected ${JSON.stringify(expected.columns)}`);
    return problems;
  }
  if (actual.rows.length !== expected.rows.length) problems.push(`${file}: ${actual.rows.length} rows, expected ${expected.rows.length}`);
  const rows = Math.max(actual.rows.length, expected.rows.length);
  for (let r = 0; r < rows && problems.length < kMaxListed; r++) {
    const want = expected.rows[r];
    const got = actual.rows[r];
    if (want === undefined || got === undefined) {
      problems.push(`${file} row ${r + 1}: expected ${want === undefined ? 'no row' : want.map(describeCell).join(' | ')}, got ${got === undefined ? 'no row' : JSON.stringify(got)}`);
      continue;
    }
    for (let c = 0; c < expected.columns.length; c++) {
      const cell = got[c] ?? '<missing>';
      if (!cellMatches(want[c]!, cell)) {
        problems.push(`${file} row ${r + 1} (${expected.columns[0]}=${got[0]}) column ${expected.columns[c]}: expected ${describeCell(want[c]!)}, got ${JSON.stringify(cell)}`);
      }
    }
  }
  return problems.slice(0, kMaxListed);
}

/** data_quality.csv rows by `dataset|check`. */
export function qualityRows(text: string): Map<string, number> {
  const { rows } = parseExport(text, 'data_quality.csv');
  return new Map(rows.map((r) => [`${r[0]}|${r[1]}`, Number(r[2])]));
}

/**
 * data_quality.csv against the oracle: every check the oracle computes has the oracle's count (a check
 * the export leaves out counts as a discrepancy unless the oracle's count is 0).
 */
export function compareQuality(oracle: OracleResult, text: string): string[] {
  const actual = qualityRows(text);
  const problems: string[] = [...parseExport(text, 'data_quality.csv').formatErrors];
  for (const [dataset, checks] of oracle.qualityChecks) {
    for (const check of checks) {
      const key = `${dataset}|${check}`;
      const want = oracle.quality.get(key) ?? 0;
      const got = actual.get(key);
      if (got === undefined ? want !== 0 : got !== want) problems.push(`data_quality.csv ${dataset} / ${check}: expected ${want}, got ${got ?? 'no row'}`);
    }
  }
  return problems.slice(0, kMaxListed);
}

/** Rejected rows by file, then line: the reason. */
type RejectIndex = Map<string, Map<number, string>>;

/** How rejects.csv differs from the oracle's rejected rows, compared as (file, line, reason). */
export interface RejectsDiff {
  /** Rows in rejects.csv. */
  listed: number;
  /** Rejected rows (by the oracle) that rejects.csv does not list. */
  missing: number;
  /** rejects.csv rows the oracle accepts, or rejects for another reason. */
  wrong: number;
  /** (file, line) pairs listed more than once. */
  duplicated: number;
  /** The first few of each kind, as `file:line reason`. */
  examples: { missing: string[]; wrong: string[]; duplicated: string[] };
}

/** The difference between rejects.csv and the oracle's rejected rows (maps keyed by line: 1M rows in about 1 s). */
export function diffRejects(expected: readonly ExpectedReject[], text: string): RejectsDiff {
  const { header, rows, formatErrors } = parseExport(text, 'rejects.csv');
  if (formatErrors.length > 0) throw new Error(formatErrors.slice(0, 5).join('\n'));
  if (header.slice(0, 3).join(',') !== 'file,line,reason') throw new Error(`rejects.csv header ${JSON.stringify(header)}`);
  const want: RejectIndex = new Map();
  for (const r of expected) {
    const byLine = want.get(r.file) ?? new Map<number, string>();
    want.set(r.file, byLine);
    byLine.set(r.line, r.reason);
  }
  const got: RejectIndex = new Map();
  const diff: RejectsDiff = { listed: rows.length, missing: 0, wrong: 0, duplicated: 0, examples: { missing: [], wrong: [], duplicated: [] } };
  const note = (kind: 'missing' | 'wrong' | 'duplicated', example: () => string) => {
    if (diff[kind]++ < 10) diff.examples[kind].push(example());
  };
  for (const [file, lineText, reason] of rows as [string, string, string][]) {
    const line = Number(lineText);
    const byLine = got.get(file) ?? new Map<number, string>();
    got.set(file, byLine);
    if (byLine.has(line)) note('duplicated', () => `${file}:${line}`);
    byLine.set(line, reason);
    const expectedReason = want.get(file)?.get(line);
    if (expectedReason !== reason) note('wrong', () => `${file}:${line} ${reason} (oracle: ${expectedReason ?? 'accepted'})`);
  }
  for (const [file, byLine] of want) for (const [line, reason] of byLine) if (got.get(file)?.get(line) === undefined) note('missing', () => `${file}:${line} ${reason}`);
  return diff;
}

/** rejects.csv against the oracle's rejected rows: the same set of (file, line, reason). */
export function compareRejects(expected: readonly ExpectedReject[], text: string): string[] {
  const diff = diffRejects(expected, text);
  const problems: string[] = [];
  if (diff.duplicated > 0) problems.push(`rejects.csv: ${diff.duplicated} lines listed twice, e.g. ${diff.examples.duplicated.join('; ')}`);
  if (diff.missing > 0) problems.push(`rejects.csv: ${diff.missing} rejected rows not listed, e.g. ${diff.examples.missing.join('; ')}`);
  if (diff.wrong > 0) problems.push(`rejects.csv: ${diff.wrong} rows differ from the oracle, e.g. ${diff.examples.wrong.join('; ')}`);
  return problems;
}

/**
 * Compare every table the oracle computes, data_quality and rejects.csv; with the run's customers.csv
 * (`--export-customers`), every customer's flags and every segment table, crosstab and index too.
 * Returns all discrepancies.
 */
export function compareAll(oracle: OracleResult, outDir: string): string[] {
  const problems: string[] = [];
  for (const [name, table] of Object.entries(oracle.tables)) problems.push(...compareTable(`${name}.csv`, table, readExportFile(outDir, name)));
  problems.push(...compareQuality(oracle, readExportFile(outDir, 'data_quality')));
  problems.push(...compareRejects(oracle.rejects, readFileSync(join(outDir, 'rejects.csv'), 'utf8')));
  if (existsSync(join(outDir, 'customers.csv'))) problems.push(...compareSegments(oracle, outDir));
  return problems;
}

/** The run's clusters: each customer's, and the labels in cluster_profiles.csv order. */
export function clustersOf(outDir: string): { clusterOf: Map<number, string>; labels: string[] } {
  const customers = parseExport(readFileSync(join(outDir, 'customers.csv'), 'utf8'), 'customers.csv');
  const at = customers.header.indexOf('cluster');
  const clusterOf = new Map(customers.rows.map((r) => [Number(r[0]), r[at]!]));
  const profiles = parseExport(readExportFile(outDir, 'cluster_profiles'), 'cluster_profiles.csv');
  // Too few customers to cluster: no clusters, the cluster column blank.
  return { clusterOf, labels: profiles.rows.map((r) => r[0]!) };
}

/** customers.csv (every flag of every customer) and every segment table against the segment oracle. */
export function compareSegments(oracle: OracleResult, outDir: string): string[] {
  const customers = oracleCustomers(oracle.data);
  const problems = compareTable('customers.csv', expectedCustomersFile(customers, oracle.hasPrices), readFileSync(join(outDir, 'customers.csv'), 'utf8'));
  const { clusterOf, labels } = clustersOf(outDir);
  for (const [name, table] of Object.entries(expectedSegmentTables(oracle.data, customers, clusterOf, labels))) problems.push(...compareTable(`${name}.csv`, table, readExportFile(outDir, name)));
  return problems;
}

/** Files that differ between two sets of exports, each with its first differing line. */
export function diffExports(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  for (const name of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.get(name);
    const e = expected.get(name);
    if (a === undefined || e === undefined) {
      problems.push(`${name}: ${a === undefined ? 'missing' : 'not expected'}`);
      continue;
    }
    if (a.equals(e)) continue;
    const al = a.toString('utf8').split('\r\n');
    const el = e.toString('utf8').split('\r\n');
    const k = al.findIndex((line, i) => line !== el[i]);
    const at = k < 0 ? el.length : k;
    problems.push(`${name}: line ${at + 1} is ${JSON.stringify(al[at])}, expected ${JSON.stringify(el[at])} (${a.length} vs ${e.length} bytes)`);
  }
  return problems;
}
