/**
 * The report's files, relative to the output directory: a leaf module, so that a run with nothing new
 * can name them without loading the report code.
 */
export const kWorkbookFile = 'instacart_report.xlsx';
export const kHtmlFile = 'report.html';
export const kReportFiles = [kWorkbookFile, kHtmlFile] as const;
