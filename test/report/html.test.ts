/**
 * report.html (issue 10): every number a finding, headline or recommendation names is a `<data>` element
 * whose value is the very CSV cell it names (table, row, column) and whose text is that value shown for
 * reading; no other number appears in those sentences unless it is part of a name from the tables. The
 * page is self-contained, its headings are in order, every chart has a title and a description, tables
 * have header cells, and `instacart report` rebuilds the same bytes from the store alone.
 */
import test from 'ava';
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { show, type Display } from '../../src/report/format.js';
import { runCli } from '../helpers/cli.js';
import { readCsv, reportRun } from './fixture.js';

const prepared = reportRun(test, 'instacart-html-');

interface Quoted {
  value: string;
  table: string;
  row: number;
  column: string;
  display: Display;
  text: string;
}

function quotesOf(html: string): Quoted[] {
  return [...html.matchAll(/<data value="([^"]*)" data-table="([^"]*)" data-row="(\d+)" data-column="([^"]*)" data-display="([^"]*)">([^<]*)<\/data>/g)].map((m) => ({
    value: m[1]!,
    table: m[2]!,
    row: Number(m[3]),
    column: m[4]!,
    display: m[5] as Display,
    text: m[6]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
  }));
}

/** The sentences of the page: findings, headlines, warnings and recommendations (list items). */
function sentencesOf(html: string): string[] {
  const lists = [...html.matchAll(/<(ul|ol) class="(findings|headlines|recommendations)">([\s\S]*?)<\/\1>/g)].map((m) => m[3]!);
  const warning = /<div class="warning"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...lists, warning].flatMap((list) => [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!));
}

test('every quoted number equals the CSV cell it names, shown for reading', async (t) => {
  const { out } = await prepared();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const quotes = quotesOf(html);
  t.true(quotes.length >= 60, `quotes: ${quotes.length}`);
  const csvs = new Map<string, ReturnType<typeof readCsv>>();
  for (const q of quotes) {
    if (!csvs.has(q.table)) csvs.set(q.table, readCsv(join(out, 'csv', `${q.table}.csv`)));
    const csv = csvs.get(q.table)!;
    const k = csv.header.indexOf(q.column);
    t.true(k >= 0, `${q.table} has a column ${q.column}`);
    t.is(csv.rows[q.row]?.[k], q.value, `${q.table} row ${q.row} ${q.column}`);
    t.is(q.text, show(Number(q.value), q.display), `${q.table} row ${q.row} ${q.column} shown as ${q.display}`);
  }
  t.true(new Set(quotes.map((q) => q.table)).size >= 10, 'quotes come from many tables');
});

test('no sentence names a number that is not a quote (digits left are parts of names from the tables)', async (t) => {
  const { out } = await prepared();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const texts = new Set<string>();
  for (const file of readdirSync(join(out, 'csv'))) for (const row of readCsv(join(out, 'csv', file)).rows) for (const cell of row) if (/\D/.test(cell)) texts.add(cell);
  const sentences = sentencesOf(html);
  t.true(sentences.length >= 25, `sentences: ${sentences.length}`);
  for (const sentence of sentences) {
    const plain = sentence.replace(/<data [^>]*>[^<]*<\/data>/g, '#').replace(/<[^>]+>/g, '').replaceAll('&amp;', '&').replaceAll('&quot;', '"');
    for (const [token] of plain.matchAll(/\d+/g)) {
      t.true([...texts].some((text) => text.includes(token) && plain.includes(text)), `a number outside a quote: "${token}" in "${plain}"`);
    }
  }
});

test('self-contained: no script, no external resource (the fonts are embedded), under 2 MB', async (t) => {
  const { out } = await prepared();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  t.false(/<script/i.test(html));
  t.false(/<link\b/i.test(html));
  t.false(/@import/i.test(html));
  const cssUrls = [...html.matchAll(/url\(\s*['"]?([^'")]{0,40})/g)].map((m) => m[1]!);
  t.deepEqual(cssUrls.filter((url) => !url.startsWith('#') && !url.startsWith('data:font/woff;base64,')), [], 'urls are in-page references (SVG clip paths) or embedded fonts');
  t.is((html.match(/@font-face\{font-family:Inter;/g) ?? []).length, 2, 'Inter regular and bold, embedded');
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  t.deepEqual(urls.filter((url) => !url.startsWith('#')), [], 'only in-page links');
  t.true(Buffer.byteLength(html) < 2 * 1024 * 1024);
});

test('accessible: headings in order, each chart titled and described, tables with header cells', async (t) => {
  const { out } = await prepared();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  t.is(levels[0], 1);
  t.is(levels.filter((l) => l === 1).length, 1);
  levels.forEach((level, i) => i > 0 && t.true(level <= levels[i - 1]! + 1, `heading h${level} after h${levels[i - 1]}`));
  const figures = [...html.matchAll(/<figure id="chart-([a-z-]+)"[\s\S]*?<\/figure>/g)];
  t.true(figures.length >= 12);
  for (const [figure, id] of figures) {
    t.regex(figure, new RegExp(`<svg[^>]* role="img" aria-labelledby="${id}-title ${id}-desc"`));
    t.regex(figure, new RegExp(`<title id="${id}-title">[^<]{5,}</title><desc id="${id}-desc">[^<]{20,}</desc>`));
    t.regex(figure, /<figcaption>[^<]+<\/figcaption>/);
  }
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  t.is(new Set(ids).size, ids.length, 'ids are unique across the page (charts share none)');
  for (const table of html.matchAll(/<table[\s\S]*?<\/table>/g)) t.regex(table[0], /<thead><tr><th scope="col"/);
});

test('light and dark: colours come from prefers-color-scheme, chart text follows the page colour', async (t) => {
  const { out } = await prepared();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  t.regex(html, /@media \(prefers-color-scheme:dark\)/);
  t.regex(html, /<meta name="color-scheme" content="light dark">/);
  t.regex(html, /@media print/);
  t.regex(html, /figure\.chart\{[^}]*break-inside:avoid/, 'a chart is never cut across printed pages');
  t.true(html.includes('fill="currentColor"'), 'axis text in currentColor');
});

test('the run ends with 5-8 headlines and the path of report.html', async (t) => {
  const { stdout } = await prepared();
  const headlines = /Headlines:\n((?: {2}- .*\n)+)/.exec(stdout)?.[1]?.trimEnd().split('\n') ?? [];
  t.true(headlines.length >= 5 && headlines.length <= 8, stdout);
  t.regex(stdout, /Busiest day: \w+day/);
  t.regex(stdout, /Report: .*report\.html/);
});

test('a rerun with nothing new ends with the same headlines (kept in the store with the exports)', async (t) => {
  const { data, out, stdout } = await prepared();
  const again = await runCli(['run', '--data', data, '--out', out, '--workers', '2']);
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, /^Nothing new/);
  const headlines = (text: string): string => /Headlines:\n((?: {2}- .*\n)+)/.exec(text)?.[1] ?? 'none';
  t.is(headlines(again.stdout), headlines(stdout));
});

test.serial('instacart report rebuilds the same workbook and page from the store alone (inputs moved away)', async (t) => {
  const { data, out } = await prepared();
  const html = readFileSync(join(out, 'report.html'));
  const workbook = readFileSync(join(out, 'instacart_report.xlsx'));
  renameSync(data, `${data}-away`);
  t.teardown(() => renameSync(`${data}-away`, data));
  const result = await runCli(['report', '--out', out]);
  t.is(result.code, 0, result.stderr);
  t.regex(result.stdout, /rebuilt from the store/);
  t.true(readFileSync(join(out, 'report.html')).equals(html));
  t.true(readFileSync(join(out, 'instacart_report.xlsx')).equals(workbook));
});

test('instacart report without a store says to run first (exit 2)', async (t) => {
  const { out } = await prepared();
  const result = await runCli(['report', '--out', join(out, 'nowhere')]);
  t.is(result.code, 2);
  t.regex(result.stderr, /no store at .*run `instacart run` first/);
});
