/** Excel-ready CSV (SPEC.md section 4): plain decimals, inert formulas, RFC 4180 quoting, whole-file writes. */
import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber, formatText, tableToCsv, writeFileAtomic } from '../../src/exports/index.js';
import { tempDir } from '../helpers/temp.js';

test('numbers: kind decimals, no exponent, no negative zero, blank for non-finite', (t) => {
  t.is(formatNumber(3, 'int'), '3');
  t.is(formatNumber(1e21, 'int'), '1000000000000000000000');
  t.is(formatNumber(12.345, 'money'), '12.35');
  t.is(formatNumber(1 / 3, 'share'), '0.333333');
  t.is(formatNumber(2 / 3, 'decimal'), '0.6667');
  t.is(formatNumber(1e-9, 'share'), '0.000000');
  t.is(formatNumber(-1e-9, 'share'), '0.000000');
  t.is(formatNumber(2e21, 'money'), '2000000000000000000000.00');
  t.is(formatNumber(Number.NaN, 'share'), '');
  t.is(formatNumber(Number.POSITIVE_INFINITY, 'int'), '');
});

test('text: cells starting with = + - @ are made inert; commas, quotes and row ends are quoted', (t) => {
  t.is(formatText('=SUM(A1)'), "'=SUM(A1)");
  t.is(formatText('+1'), "'+1");
  t.is(formatText('-x'), "'-x");
  t.is(formatText('@me'), "'@me");
  t.is(formatText('Apples, Sweet'), '"Apples, Sweet"');
  t.is(formatText('say "hi"'), '"say ""hi"""');
  t.is(formatText('two\nlines'), '"two\nlines"');
  t.is(formatText('plain'), 'plain');
});

test('a table: BOM, header, CRLF rows, blanks for null', (t) => {
  const csv = tableToCsv({ name: 'x', grain: 'one row per thing', columns: [{ name: 'thing', kind: 'text' }, { name: 'share', kind: 'share' }], rows: [['a', 0.5], ['b', null]] });
  t.is(csv, '\ufeffthing,share\r\na,0.500000\r\nb,\r\n');
});

test('files are replaced whole: no temporary file is left, the old content is never mixed in', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'out.csv');
  writeFileSync(path, 'old content that is longer than the new one');
  writeFileAtomic(path, 'new');
  t.is(readFileSync(path, 'utf8'), 'new');
  writeFileAtomic(path, (write) => {
    write('a');
    write('b');
  });
  t.is(readFileSync(path, 'utf8'), 'ab');
  t.deepEqual(readdirSync(dir), ['out.csv']);
});
