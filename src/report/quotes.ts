/**
 * The report's access to the tables: a table by name, its cells by row and column, and quotes. A quote
 * is a number taken from one cell, carried with where it came from (table, row, column) and the text its
 * CSV export holds, so that every number a sentence names can be checked against the CSV files.
 */
import { formatNumber } from '../exports/csv.js';
import type { Cell, Table } from '../summaries/table.js';
import { show, type Display } from './format.js';

/** One number of a sentence, from one table cell. */
export interface Quote {
  readonly table: string;
  /** Data row in the table (0 = the first row after the header), as in the CSV export. */
  readonly row: number;
  readonly column: string;
  /** The cell as its CSV export writes it. */
  readonly csv: string;
  /** What the reader sees: `csv` read back and shown as `display`. */
  readonly text: string;
  readonly display: Display;
}

/** A sentence: plain text and quoted numbers, in reading order. */
export type Part = string | Quote;
export type Sentence = readonly Part[];

export function isQuote(part: Part): part is Quote {
  return typeof part !== 'string';
}

/** A sentence as plain text (the terminal, alt texts, the workbook). */
export function plainText(sentence: Sentence): string {
  return sentence.map((part) => (isQuote(part) ? part.text : part)).join('');
}

/**
 * Build a sentence from a template: `s\`${name} is ${quote} of items\``. Text values are kept as text,
 * quotes as quotes, and a sentence value is spliced in.
 */
export function s(strings: TemplateStringsArray, ...values: readonly (Part | Sentence)[]): Sentence {
  const parts: Part[] = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text);
    if (i < values.length) {
      const value = values[i]!;
      if (Array.isArray(value)) parts.push(...(value as Sentence));
      else parts.push(value as Part);
    }
  });
  return parts;
}

/** The sentence with its first letter in upper case. */
export function capitalised(sentence: Sentence): Sentence {
  const [first, ...rest] = sentence;
  return typeof first === 'string' ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : sentence;
}

/** `a, b and c`, each item a sentence of its own. */
export function listOf(items: readonly Sentence[]): Sentence {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(i === items.length - 1 ? ' and ' : ', ');
    parts.push(...item);
  });
  return parts;
}

/** One table, read by row index and column name. */
export class TableView {
  private readonly index: ReadonlyMap<string, number>;

  constructor(readonly table: Table) {
    this.index = new Map(table.columns.map((c, i) => [c.name, i]));
  }

  get name(): string {
    return this.table.name;
  }

  /** Row indexes 0..n-1. */
  get rows(): number[] {
    return this.table.rows.map((_, i) => i);
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  cell(row: number, column: string): Cell {
    const k = this.index.get(column);
    if (k === undefined) throw new Error(`${this.table.name} has no column ${column}`);
    return this.table.rows[row]![k]!;
  }

  /** The cell as a number; undefined when blank (a suppressed small cell) or text. */
  num(row: number, column: string): number | undefined {
    const cell = this.cell(row, column);
    return typeof cell === 'number' ? cell : undefined;
  }

  text(row: number, column: string): string {
    const cell = this.cell(row, column);
    return cell === null ? '' : String(cell);
  }

  /** Rows whose `column` holds a number, in table order. */
  withNumber(column: string): number[] {
    return this.rows.filter((r) => this.num(r, column) !== undefined);
  }

  /** The first row whose `column` equals `value`, or undefined. */
  find(column: string, value: Cell): number | undefined {
    const row = this.rows.find((r) => this.cell(r, column) === value);
    return row;
  }

  /** The row with the largest (or smallest) number in `column`; ties to the earlier row. */
  top(column: string, rows: readonly number[] = this.withNumber(column), smallest = false): number | undefined {
    let best: number | undefined;
    for (const r of rows) {
      const v = this.num(r, column);
      if (v === undefined) continue;
      if (best === undefined || (smallest ? v < this.num(best, column)! : v > this.num(best, column)!)) best = r;
    }
    return best;
  }

  /** Rows sorted by `column`, largest first (ties keep table order). */
  sortedBy(column: string, rows: readonly number[] = this.withNumber(column)): number[] {
    return [...rows].sort((a, b) => (this.num(b, column) ?? -Infinity) - (this.num(a, column) ?? -Infinity));
  }

  /** A number of this table, as a quote. */
  quote(row: number, column: string, display: Display): Quote {
    const cell = this.cell(row, column);
    if (typeof cell !== 'number') throw new Error(`${this.table.name} row ${row} column ${column} is not a number`);
    const kind = this.table.columns[this.index.get(column)!]!.kind;
    const csv = formatNumber(cell, kind);
    return { table: this.table.name, row, column, csv, text: show(Number(csv), display), display };
  }
}

/** The tables of a run, by name. */
export class Tables {
  private readonly byName: ReadonlyMap<string, TableView>;

  constructor(readonly all: readonly Table[]) {
    this.byName = new Map(all.map((t) => [t.name, new TableView(t)]));
  }

  /** The table if the run made it and it has rows. */
  get(name: string): TableView | undefined {
    const view = this.byName.get(name);
    return view !== undefined && view.table.rows.length > 0 ? view : undefined;
  }
}
