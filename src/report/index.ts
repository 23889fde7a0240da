/**
 * The report stage: from the tables (and the settings they were made with) to what people read, the
 * workbook `instacart_report.xlsx` and the page `report.html`, with the findings, charts and
 * recommendations written from the numbers. It reads nothing but its input, so `instacart report`
 * rebuilds both files from the store alone.
 */
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import { writeFileAtomic } from '../exports/csv.js';
import type { Table } from '../summaries/table.js';
import { buildCharts } from './charts.js';
import { writeFindings, type Findings } from './findings.js';
import { fontFaces, renderHtml } from './html.js';
import { drawCharts, warmRenderers } from './render.js';
import { renderWorkbook, warmWorkbook } from './workbook.js';
import { kHtmlFile, kWorkbookFile } from './files.js';

export { headlineLines, writeFindings, type Findings, type Section } from './findings.js';
export { plainText, type Quote, type Sentence } from './quotes.js';

export { kHtmlFile, kReportFiles, kWorkbookFile } from './files.js';

export interface ReportInput {
  tables: readonly Table[];
  config: Config;
}

/** The report's contents, ready to write. */
export interface Report {
  findings: Findings;
  html: string;
  workbook: Buffer;
}

/**
 * Load the chart and workbook libraries, rehearse a small workbook and encode the page's fonts, ahead of
 * the first report: a report thread does this while the run is still reading, when the second core is idle.
 */
export async function warmUp(): Promise<void> {
  await warmRenderers();
  await warmWorkbook();
  fontFaces();
}

/**
 * Draw the charts the tables so far allow, ahead of the report (they are kept and reused by the
 * report's `drawCharts` when their spec is the same).
 */
export async function drawAhead(tables: readonly Table[]): Promise<void> {
  await drawCharts(buildCharts(tables));
}

/** Build the report; `lap` names each step as it ends (`--timing`). */
export async function buildReport(input: ReportInput, lap: (step: string) => void = () => {}): Promise<Report> {
  const findings = writeFindings(input.tables);
  const charts = await drawCharts(buildCharts(input.tables));
  lap('report: charts');
  const html = renderHtml({ ...input, findings, charts });
  const workbook = await renderWorkbook({ ...input, findings, charts });
  lap('report: workbook and page');
  return { findings, html, workbook };
}

/**
 * Write the workbook, then the page, each whole (temporary file, then rename); `afterFirst` runs between
 * the two (the crash tests' fault point). Returns the paths written.
 */
export function writeReport(outDir: string, report: Report, afterFirst?: () => void): string[] {
  const workbook = join(outDir, kWorkbookFile);
  writeFileAtomic(workbook, report.workbook);
  afterFirst?.();
  const html = join(outDir, kHtmlFile);
  writeFileAtomic(html, report.html);
  return [workbook, html];
}
