/**
 * `instacart_report.xlsx` (exceljs): the course report's sheets (title and citation with contents,
 * population flow, consistency checks, wrangling steps, column derivations, visualisations, headlines
 * and recommendations), then one sheet per table, each an Excel table (filter buttons, banded rows) with a
 * frozen header, number formats by column kind, fitted column widths and numbers stored as numbers.
 * Small cells stay blank, as in the CSVs. The workbook's dates and its zip entries' dates are fixed, so
 * identical runs write identical bytes.
 */
import { createRequire } from 'node:module';
import type ExcelJSTypes from 'exceljs';
import { defaultConfig, type Config } from '../config/index.js';
import type { ColumnKind, Table } from '../summaries/table.js';
import type { Findings } from './findings.js';
import { kCitation } from './html.js';
import { isMoneyColumn } from './format.js';
import { definitions, kCourseDifferences, kWranglingSteps } from './method.js';
import { plainText } from './quotes.js';
import type { DrawnChart } from './render.js';
import { consistencyChecks } from './checks.js';

export interface WorkbookInput {
  tables: readonly Table[];
  config: Config;
  findings: Findings;
  charts: readonly DrawnChart[];
}

/** Excel number formats by column kind (shares as percentages, money in dollars). */
export const kNumberFormats: Record<Exclude<ColumnKind, 'text'>, string> = {
  int: '#,##0',
  money: '"$"#,##0.00',
  decimal: '#,##0.00',
  share: '0.00%',
};

/** The fixed date the workbook carries (created, modified, zip entries): the data set's year, never the run's time. */
const kFixedDate = new Date(Date.UTC(2017, 0, 1));

const kTitleFont = { name: 'Calibri', size: 18, bold: true } as const;
const kHeadFont = { name: 'Calibri', size: 12, bold: true } as const;

type Workbook = typeof ExcelJSTypes.Workbook;
type Worksheet = ExcelJSTypes.Worksheet;

let excel: { Workbook: Workbook } | undefined;

/**
 * exceljs's Workbook, loaded on first use (CommonJS: required), with its zip writer's default entry date
 * fixed: JSZip stamps every entry with the current time otherwise. Only the Workbook module is loaded:
 * the package's index also loads its streaming reader and unzipper, which a writer never uses (80 ms
 * against 200 ms here).
 */
function loadExcel(): { Workbook: Workbook } {
  if (excel === undefined) {
    const require = createRequire(import.meta.url);
    let Workbook: Workbook;
    try {
      Workbook = require('exceljs/lib/doc/workbook.js') as Workbook;
    } catch {
      // A release that closes its files to deep requires (an exports map): the whole package.
      Workbook = (require('exceljs') as typeof ExcelJSTypes).Workbook;
    }
    excel = { Workbook };
    const jszip = createRequire(require.resolve('exceljs'))('jszip') as { defaults: { date: Date | null } };
    jszip.defaults.date = kFixedDate;
  }
  return excel;
}

/**
 * Load exceljs and write a small workbook now, while the run is still reading (a report thread does
 * this): the first workbook of a process costs about 0.5 s at full scale and the next ones about 0.2 s,
 * the difference being exceljs's and JSZip's code compiled on first use, which a small rehearsal through
 * the same paths pays ahead.
 */
export async function warmWorkbook(): Promise<void> {
  loadExcel();
  const table: Table = {
    name: 'rehearsal',
    grain: 'one row per n',
    columns: (['text', 'int', 'money', 'decimal', 'share'] as const).map((kind) => ({ name: kind, kind })),
    rows: Array.from({ length: 50 }, (_, n) => [`row ${n}`, n, n * 1.25, n / 3, n / 50]),
  };
  const chart = { id: 'rehearsal', title: '', question: '', alt: '', spec: {} };
  const findings: Findings = { headlines: [], warnings: [], sections: [], recommendations: [] };
  await renderWorkbook({ tables: [table, { ...table, name: 'rehearsal_again' }], config: defaultConfig, findings, charts: [{ chart, svg: '', png: kOnePixelPng, pngWidth: 1, pngHeight: 1 }] });
}

/** A 1 x 1 white PNG. */
const kOnePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

/** The workbook's bytes. */
export async function renderWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { Workbook } = loadExcel();
  const wb = new Workbook();
  wb.creator = 'instacart-etl';
  wb.created = kFixedDate;
  wb.modified = kFixedDate;
  wb.title = 'Instacart basket analysis';
  const names = sheetNames(input.tables);
  titleSheet(wb.addWorksheet('Title'), input, names);
  const flow = input.tables.find((t) => t.name === 'population_flow');
  if (flow !== undefined) tableSheet(wb.addWorksheet('Population flow'), flow, 'population_flow_report');
  checksSheet(wb.addWorksheet('Consistency checks'), input.tables);
  wranglingSheet(wb.addWorksheet('Wrangling steps'));
  derivationsSheet(wb.addWorksheet('Column derivations'), input.config);
  visualisationsSheet(wb, wb.addWorksheet('Visualisations'), input.charts);
  recommendationsSheet(wb.addWorksheet('Recommendations'), input.findings);
  for (const table of input.tables) tableSheet(wb.addWorksheet(names.get(table.name)!), table, table.name);
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJSTypes.XlsxWriteOptions));
}

/** The report sheets, before the table sheets. */
export const kReportSheets = ['Title', 'Population flow', 'Consistency checks', 'Wrangling steps', 'Column derivations', 'Visualisations', 'Recommendations'] as const;

/**
 * A sheet name per table: Excel allows 31 characters, so long names are shortened (`crosstab_` -> `x_`,
 * `segment_` -> `seg_`, then cut) and kept unique.
 */
export function sheetNames(tables: readonly Table[]): Map<string, string> {
  const used = new Set<string>(kReportSheets.map((s) => s.toLowerCase()));
  const names = new Map<string, string>();
  for (const { name } of tables) {
    let sheet = name.length <= 31 ? name : name.replace(/^crosstab_/, 'x_').replace(/^segment_/, 'seg_').slice(0, 31);
    for (let n = 2; used.has(sheet.toLowerCase()); n++) sheet = `${sheet.slice(0, 28)}_${n}`;
    used.add(sheet.toLowerCase());
    names.set(name, sheet);
  }
  return names;
}

function titleSheet(ws: Worksheet, input: WorkbookInput, names: Map<string, string>): void {
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 90;
  ws.getCell('A1').value = 'Instacart basket analysis';
  ws.getCell('A1').font = kTitleFont;
  ws.getCell('A2').value = 'Busiest times, spend, price ranges, departments and customer segments, from the instacart-etl summary tables.';
  ws.getCell('A4').value = 'Data';
  ws.getCell('A4').font = kHeadFont;
  ws.getCell('B4').value = `“${kCitation}”, accessed via Kaggle.`;
  ws.getCell('A5').value = 'Personal data';
  ws.getCell('B5').value = `Customer names are never stored or exported; segment cells of fewer than ${input.config.minCellCustomers} customers are blank.`;
  ws.getCell('A7').value = 'Contents';
  ws.getCell('A7').font = kHeadFont;
  let row = 8;
  const link = (sheet: string, about: string): void => {
    ws.getCell(row, 1).value = { text: sheet, hyperlink: `#'${sheet}'!A1` };
    ws.getCell(row, 1).font = { color: { argb: 'FF2F5F98' }, underline: true };
    ws.getCell(row, 2).value = about;
    row++;
  };
  const about: Record<(typeof kReportSheets)[number], string> = {
    Title: 'This page',
    'Population flow': 'From rows read to the orders and customers the tables describe',
    'Consistency checks': 'Totals that must agree across tables, and whether they do',
    'Wrangling steps': 'The cleaning steps in order, and where each is counted',
    'Column derivations': 'What each derived column means, with the thresholds in force',
    Visualisations: 'Each chart with the question it answers',
    Recommendations: 'Headlines and recommendations, each citing its number',
  };
  for (const sheet of kReportSheets.slice(1)) link(sheet, about[sheet]);
  for (const table of input.tables) link(names.get(table.name)!, `${table.name}: ${table.grain}`);
}

function checksSheet(ws: Worksheet, tables: readonly Table[]): void {
  const checks = consistencyChecks(tables);
  writeTable(ws, 'consistency_checks', [
    { name: 'check', kind: 'text' },
    { name: 'expected', kind: 'int' },
    { name: 'found', kind: 'int' },
    { name: 'holds', kind: 'text' },
  ], checks.map((c) => [c.check, c.expected, c.found, c.holds ? 'yes' : 'NO']));
}

function wranglingSheet(ws: Worksheet): void {
  writeTable(ws, 'wrangling_steps', [
    { name: 'step', kind: 'int' },
    { name: 'what', kind: 'text' },
    { name: 'counted in (data_quality check)', kind: 'text' },
  ], kWranglingSteps.map((s, i) => [i + 1, s.step, s.checks]));
  const at = kWranglingSteps.length + 3;
  ws.getCell(at, 1).value = 'Where this differs from the course';
  ws.getCell(at, 1).font = kHeadFont;
  kCourseDifferences.forEach((d, i) => (ws.getCell(at + 1 + i, 2).value = d));
}

function derivationsSheet(ws: Worksheet, config: Config): void {
  writeTable(ws, 'column_derivations', [
    { name: 'column', kind: 'text' },
    { name: 'definition', kind: 'text' },
    { name: 'tables', kind: 'text' },
  ], definitions(config).map((d) => [d.term, d.definition, d.tables]));
}

/** Each chart's PNG at half its pixel size (drawn at 2x for sharp screens), title and question above. */
function visualisationsSheet(wb: ExcelJSTypes.Workbook, ws: Worksheet, charts: readonly DrawnChart[]): void {
  ws.getColumn(1).width = 4;
  ws.getCell('B1').value = 'Visualisations';
  ws.getCell('B1').font = kTitleFont;
  let row = 3;
  const rowPixels = 20;
  for (const { chart, png, pngWidth, pngHeight } of charts) {
    ws.getCell(row, 2).value = chart.title;
    ws.getCell(row, 2).font = kHeadFont;
    ws.getCell(row + 1, 2).value = `Answers: ${chart.question}`;
    const image = wb.addImage({ buffer: png as unknown as ExcelJSTypes.Buffer, extension: 'png' });
    const width = Math.round(pngWidth / 2);
    const height = Math.round(pngHeight / 2);
    ws.addImage(image, { tl: { col: 1, row: row + 1.5 }, ext: { width, height }, editAs: 'oneCell' });
    row += Math.ceil(height / rowPixels) + 5;
  }
}

function recommendationsSheet(ws: Worksheet, findings: Findings): void {
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 120;
  ws.getCell('A1').value = 'Headlines and recommendations';
  ws.getCell('A1').font = kTitleFont;
  let row = 3;
  const block = (title: string, lines: readonly string[]): void => {
    ws.getCell(row, 1).value = title;
    ws.getCell(row, 1).font = kHeadFont;
    row++;
    lines.forEach((line, i) => {
      ws.getCell(row, 1).value = i + 1;
      ws.getCell(row, 2).value = line;
      ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
      row++;
    });
    row++;
  };
  block('Headlines', findings.headlines.map(plainText));
  block('Recommendations', findings.recommendations.map(plainText));
}

function tableSheet(ws: Worksheet, table: Table, tableName: string): void {
  writeTable(ws, tableName, table.columns, table.rows);
}

/** Rows as an Excel table at A1: header with filters, banded rows, frozen header, formats, widths. */
function writeTable(ws: Worksheet, name: string, columns: readonly { name: string; kind: ColumnKind }[], rows: readonly (readonly (number | string | null)[])[]): void {
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  ws.addTable({
    name: excelTableName(name),
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    // An empty table still needs one row in Excel: a blank one.
    rows: rows.length === 0 ? [columns.map(() => null)] : rows.map((row) => [...row]),
  });
  columns.forEach((column, k) => {
    const sheetColumn = ws.getColumn(k + 1);
    const format = numberFormat(column);
    // One style object for the column and its cells: exceljs gives each cell its own, and then resolves
    // each one at writing; a shared one it resolves once (the aisle pairs' 87,000 cells: 0.45 -> 0.35 s).
    const style = format !== undefined ? { numFmt: format } : {};
    sheetColumn.style = style;
    sheetColumn.eachCell((cell) => (cell.style = style));
    sheetColumn.width = columnWidth(column, rows.map((row) => row[k] ?? null));
  });
}

/**
 * A column's Excel format: by kind, and dollars for the averages of money (avg_item_price,
 * avg_order_value, avg_income), which the CSVs keep with 4 decimals as plain decimals.
 */
export function numberFormat(column: { name: string; kind: ColumnKind }): string | undefined {
  if (column.kind === 'text') return undefined;
  if (isMoneyColumn(column)) return kNumberFormats.money;
  return kNumberFormats[column.kind];
}

/** Excel table names: letters, digits and underscores, starting with a letter. */
function excelTableName(name: string): string {
  return `t_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Characters the widest cell takes as Excel shows it (header and filter button included), capped. */
function columnWidth(column: { name: string; kind: ColumnKind }, cells: readonly (number | string | null)[]): number {
  let widest = column.name.length + 3;
  for (const cell of cells) {
    if (cell === null) continue;
    const chars = typeof cell === 'string' ? cell.length : shownLength(cell, column.kind);
    if (chars > widest) widest = chars;
  }
  return Math.min(60, widest + 2);
}

function shownLength(value: number, kind: ColumnKind): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(value)))) + 1);
  const groups = Math.floor((digits - 1) / 3);
  switch (kind) {
    case 'share':
      return digits + 5;
    case 'money':
      return digits + groups + 4;
    case 'decimal':
      return digits + groups + 3;
    default:
      return digits + groups;
  }
}
