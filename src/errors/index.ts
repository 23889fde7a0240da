/**
 * One error type for the whole pipeline: a closed set of codes plus where it happened.
 * Modelled on csv-parse's CsvError: the code is for programs, the message is for people.
 */

/** Codes of failures that stop a command (exit 1, or 2 for usage/config). */
export type FatalCode =
  | 'USAGE' // bad command-line usage (exit 2)
  | 'CONFIG' // bad configuration file or option value (exit 2)
  | 'FILE_MISSING' // an input that must exist does not
  | 'BAD_HEADER' // the header row lacks required columns
  | 'NOT_CSV' // a file that cannot be read as CSV (binary, wrong format)
  | 'BAD_GZIP' // a gzip file that is corrupt or truncated
  | 'BAD_JSON' // an order drop that is not valid JSON
  | 'LOCKED' // another run holds the store
  | 'STORE' // the store cannot be opened or is from an incompatible version
  | 'LIMIT' // the input exceeds a documented limit
  | 'REPORT' // the workbook or report.html could not be built
  | 'INTERNAL'; // a bug: please report

export interface ErrorContext {
  /** File the problem is in, as the user named it (relative to the data directory where possible). */
  file?: string;
  /** 1-based record number (the header is line 1). */
  line?: number;
  /** Column name the problem is in. */
  column?: string;
  /** Byte offset in the file where the record starts. */
  byteOffset?: number;
}

export class EtlError extends Error {
  readonly code: FatalCode;
  readonly context: ErrorContext;

  constructor(code: FatalCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(withLocation(message, context), options);
    this.name = 'EtlError';
    this.code = code;
    this.context = context;
  }

  /** Exit code for the CLI: 2 for usage and configuration mistakes, 1 for a failed run. */
  get exitCode(): 1 | 2 {
    return this.code === 'USAGE' || this.code === 'CONFIG' ? 2 : 1;
  }
}

function withLocation(message: string, context: ErrorContext): string {
  if (context.file === undefined) return message;
  const where = context.line === undefined ? context.file : `${context.file}:${context.line}`;
  return `${message} at ${where}`;
}
