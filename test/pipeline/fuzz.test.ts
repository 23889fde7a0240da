/**
 * Fuzzing the ingest (issue 4): thousands of random byte mutations of orders and order-line rows, then a
 * run. It must not crash, and every row must be accounted for: per file, rows read = accepted + rejected,
 * rows read = the file's non-blank lines (counted here independently), and rejects.csv lists each
 * rejected row with a known reason.
 */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rejectReason } from '../../src/rejects/index.js';
import { tempDir } from '../helpers/temp.js';
import { generate, run, seeded } from '../helpers/pipeline.js';

const alphabet = ['0', '7', '9', ',', '.', '-', ' ', 'x', '\r', '\n', '"', '\0', '\u00e9', '\t', '+', 'e'];

/** Mutate `count` random rows of a CSV file in place (1-3 byte edits each); returns the new text. */
function mutate(text: string, count: number, random: () => number): string {
  const lines = text.split('\n');
  for (let i = 0; i < count; i++) {
    const at = 1 + Math.floor(random() * (lines.length - 2));
    let row = lines[at]!;
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) {
      const pos = Math.floor(random() * (row.length + 1));
      const ch = alphabet[Math.floor(random() * alphabet.length)]!;
      const kind = Math.floor(random() * 3);
      row = kind === 0 ? row.slice(0, pos) + ch + row.slice(pos) : kind === 1 ? row.slice(0, pos) + row.slice(pos + 1) : row.slice(0, pos) + ch + row.slice(pos + 1);
    }
    // A row of only quotes and spaces is blank to one reader and a row to a naive count: keep it simple.
    if (/^[\s"]*$/.test(row) && !/^\s*$/.test(row)) row = row.replaceAll('"', '');
    lines[at] = row;
  }
  return lines.join('\n');
}

/** Non-blank physical lines after the header: rows end at CRLF, LF or a lone CR. */
function nonBlankRows(text: string): number {
  const rows = text.split(/\r\n|\n|\r/);
  if (rows[rows.length - 1] === '') rows.pop();
  return rows.slice(1).filter((row) => row.trim() !== '').length;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\ufeff/, '').split('\r\n')) {
    if (line === '') continue;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}

test('thousands of mutated rows: no crash, every row accepted or rejected with a reason', async (t) => {
  const base = tempDir(t);
  const data = join(base, 'data');
  await generate(data, 0.004, 3);
  const random = seeded(99);
  const mutations = { 'orders.csv': 1500, 'order_products__prior.csv': 4000, 'order_products__train.csv': 500 };
  const texts: Record<string, string> = {};
  for (const [file, count] of Object.entries(mutations)) {
    texts[file] = mutate(readFileSync(join(data, file), 'utf8'), count, random);
    writeFileSync(join(data, file), texts[file]!);
  }
  const out = join(base, 'out');
  const result = await run(data, out);
  t.false(result.upToDate);

  const quality = parseCsv(readFileSync(join(out, 'csv', 'data_quality.csv'), 'utf8')).slice(1);
  const rejects = parseCsv(readFileSync(join(out, 'rejects.csv'), 'utf8')).slice(1);
  for (const file of Object.keys(mutations)) {
    const rows = quality.filter((r) => r[0] === file);
    const read = Number(rows.find((r) => r[1] === 'rows read')![2]);
    const accepted = Number(rows.find((r) => r[1] === 'rows accepted')![2]);
    const rejected = rows.filter((r) => r[1]!.startsWith('rejected: ')).reduce((sum, r) => sum + Number(r[2]), 0);
    t.is(read, accepted + rejected, `${file}: read = accepted + rejected`);
    t.is(read, nonBlankRows(texts[file]!), `${file}: every non-blank line was read`);
    const listed = rejects.filter((r) => r[0] === file);
    t.is(listed.length, rejected, `${file}: each rejected row is in rejects.csv`);
    t.true(rejected > 100, `${file}: the mutations were rejected (${rejected})`);
    for (const r of listed) t.true(rejectReason.includes(r[2]!), `a known reason: ${r[2]}`);
    const lines = listed.map((r) => Number(r[1]));
    t.deepEqual([...lines].sort((a, b) => a - b), lines, `${file}: rejects in line order`);
  }
});
