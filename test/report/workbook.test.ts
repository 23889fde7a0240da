/**
 * The workbook (issue 10), opened again with exceljs and read as a user's spreadsheet would: every sheet
 * is there, each table sheet is an Excel table whose header is the CSV header, share and money columns
 * carry percentage and currency formats, numbers are stored as numbers equal to the CSV values, small
 * cells are blank, and the Visualisations sheet holds one PNG per chart.
 */
import test from 'ava';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzip } from '../helpers/unzip.js';
import { readCsv, reportRun } from './fixture.js';

const prepared = reportRun(test, 'instacart-workbook-');

async function open(out: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'instacart_report.xlsx')) as unknown as ExcelJS.Buffer);
  return wb;
}

/** The report sheets a reader of the course report expects, first and in this order. */
const kCourseSheets = ['Title', 'Population flow', 'Consistency checks', 'Wrangling steps', 'Column derivations', 'Visualisations', 'Recommendations'];

test('every course sheet, then one sheet per CSV table, each an Excel table with the CSV header', async (t) => {
  const { out } = await prepared();
  const wb = await open(out);
  const names = wb.worksheets.map((ws) => ws.name);
  t.deepEqual(names.slice(0, kCourseSheets.length), kCourseSheets);
  const csvs = readdirSync(join(out, 'csv')).filter((f) => f.endsWith('.csv'));
  t.is(names.length, kCourseSheets.length + csvs.length);
  for (const file of csvs) {
    const table = file.replace(/\.csv$/, '');
    const ws = wb.worksheets.find((w) => w.name === table || w.name === table.replace(/^crosstab_/, 'x_').replace(/^segment_/, 'seg_').slice(0, 31));
    t.truthy(ws, `a sheet for ${table}`);
    const { header, rows } = readCsv(join(out, 'csv', file));
    const headerRow = (ws!.getRow(1).values as unknown[]).slice(1);
    t.deepEqual(headerRow, header, `${table}: header`);
    const excelTables = (ws as unknown as { tables: Record<string, { table: { columns: { name: string }[]; ref: string } }> }).tables;
    const [only] = Object.values(excelTables);
    t.truthy(only, `${table} is an Excel table`);
    t.deepEqual(only!.table.columns.map((c) => c.name), header);
    t.like(ws!.views[0], { state: 'frozen', ySplit: 1 }, `${table}: frozen header`);
    t.is(ws!.rowCount, Math.max(2, rows.length + 1), `${table}: rows`);
    header.forEach((name, k) => {
      const widest = Math.max(name.length, ...rows.map((row) => row[k]!.length));
      t.true((ws!.getColumn(k + 1).width ?? 8.43) >= Math.min(widest, 58), `${table}.${name}: width ${ws!.getColumn(k + 1).width} fits ${widest} characters`);
    });
  }
});

test('share and money columns carry percentage and currency formats; counts a thousands format', async (t) => {
  const { out } = await prepared();
  const wb = await open(out);
  const day = wb.getWorksheet('orders_by_day')!;
  const header = (day.getRow(1).values as unknown[]).slice(1) as string[];
  const format = (column: string): string | undefined => day.getRow(2).getCell(header.indexOf(column) + 1).numFmt;
  t.regex(format('share_of_orders') ?? '', /%/);
  t.regex(format('revenue') ?? '', /\$/);
  t.regex(format('avg_order_value') ?? '', /\$/);
  t.is(format('orders'), '#,##0');
  const flow = wb.getWorksheet('population_flow')!;
  t.is(flow.getRow(2).getCell(2).numFmt, '#,##0');
  const loyalty = wb.getWorksheet('segment_loyalty')!;
  t.regex(loyalty.getRow(2).getCell(3).numFmt ?? '', /%/, 'share_of_customers');
});

test('numbers are stored as numbers equal to the CSV values, and blank cells stay blank', async (t) => {
  const { out } = await prepared();
  const wb = await open(out);
  let compared = 0;
  let blanks = 0;
  for (const file of readdirSync(join(out, 'csv')).filter((f) => f.endsWith('.csv'))) {
    const table = file.replace(/\.csv$/, '');
    const ws = wb.worksheets.find((w) => w.name === table || w.name === table.replace(/^crosstab_/, 'x_').replace(/^segment_/, 'seg_').slice(0, 31))!;
    const { rows } = readCsv(join(out, 'csv', file));
    rows.forEach((row, r) => {
      row.forEach((text, k) => {
        const value = ws.getRow(r + 2).getCell(k + 1).value;
        if (text === '') {
          t.true(value === null || value === undefined, `${table} row ${r + 1} column ${k + 1} blank`);
          blanks++;
        } else if (/^-?\d+(\.\d+)?$/.test(text)) {
          t.is(typeof value, 'number', `${table} row ${r + 1} column ${k + 1} is a number`);
          const decimals = text.split('.')[1]?.length ?? 0;
          t.true(Math.abs((value as number) - Number(text)) <= 0.5 * 10 ** -decimals + 1e-9, `${table} row ${r + 1} column ${k + 1}: ${String(value)} vs ${text}`);
          compared++;
        }
      });
    });
  }
  t.true(compared > 1000, `numbers compared: ${compared}`);
  t.true(blanks > 0, 'the fixture has blank (small) cells');
});

test('the Visualisations sheet holds one PNG per chart, each with the question it answers', async (t) => {
  const { out } = await prepared();
  const wb = await open(out);
  const ws = wb.getWorksheet('Visualisations')!;
  const images = ws.getImages();
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const charts = [...html.matchAll(/<figure id="chart-([a-z-]+)"/g)].map((m) => m[1]);
  t.true(charts.length >= 12, `charts in the report: ${charts.length}`);
  t.is(images.length, charts.length);
  const questions: string[] = [];
  ws.eachRow((row) => {
    const value = row.getCell(2).value;
    if (typeof value === 'string' && value.startsWith('Answers: ')) questions.push(value);
  });
  t.is(questions.length, charts.length);
  const media = (wb.model as unknown as { media: { type: string; extension: string; buffer: Buffer }[] }).media;
  t.is(media.length, charts.length);
  for (const m of media) {
    t.is(m.extension, 'png');
    t.deepEqual([...m.buffer.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    t.true(m.buffer.readUInt32BE(16) > 200 && m.buffer.readUInt32BE(20) > 100, 'a real image size');
  }
});

test('the title sheet cites the data set and links every sheet; the course sheets have content', async (t) => {
  const { out } = await prepared();
  const wb = await open(out);
  const title = wb.getWorksheet('Title')!;
  const texts: string[] = [];
  const links: string[] = [];
  title.eachRow((row) =>
    row.eachCell((cell) => {
      const value = cell.value as unknown;
      if (typeof value === 'string') texts.push(value);
      else if (value !== null && typeof value === 'object' && 'hyperlink' in value) links.push((value as { hyperlink: string }).hyperlink);
    }),
  );
  t.true(texts.some((text) => text.includes('The Instacart Online Grocery Shopping Dataset 2017') && text.includes('Kaggle')));
  t.is(links.length, wb.worksheets.length - 1);
  for (const ws of wb.worksheets.slice(1)) t.true(links.includes(`#'${ws.name}'!A1`), `a link to ${ws.name}`);
  const checks = wb.getWorksheet('Consistency checks')!;
  t.true(checks.rowCount > 5);
  checks.eachRow((row, n) => n > 1 && t.is(row.getCell(4).value, 'yes', String(row.getCell(1).value)));
  const recommendations = wb.getWorksheet('Recommendations')!;
  t.true(recommendations.rowCount > 8);
});

test('identical runs write identical workbook parts (no timestamp, no path)', async (t) => {
  const { data, out } = await prepared();
  const again = `${out}-again`;
  const { runCli } = await import('../helpers/cli.js');
  const result = await runCli(['run', '--data', data, '--out', again, '--workers', '2']);
  t.is(result.code, 0, result.stderr);
  const a = unzip(readFileSync(join(out, 'instacart_report.xlsx')));
  const b = unzip(readFileSync(join(again, 'instacart_report.xlsx')));
  t.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [name, bytes] of a) t.true(bytes.equals(b.get(name)!), name);
  t.false(a.get('docProps/core.xml')!.toString('utf8').includes(new Date().toISOString().slice(0, 10)), 'no date of today');
  t.false([...a.values()].some((bytes) => bytes.toString('latin1').includes(out)), 'no output path');
});
