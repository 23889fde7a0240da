/**
 * The one shape every summary takes on its way out: to SQLite (`summary_<name>`), to CSV, and to the
 * workbook. Values are kept unrounded here; exports format them by column kind.
 */

/** How a column's numbers are written: integers, money (2 decimals), decimals (4), shares (6), or text. */
export type ColumnKind = 'int' | 'money' | 'decimal' | 'share' | 'text';

export interface Column {
  /** Column name, as exported. */
  name: string;
  kind: ColumnKind;
}

/** A number, a text (`no prices`, labels), or null for a blank cell. */
export type Cell = number | string | null;

export interface Table {
  /** File and table name without extension, e.g. `orders_by_day`. */
  name: string;
  /** What one row is ("one row per day_of_week with orders"). */
  grain: string;
  columns: Column[];
  rows: Cell[][];
}
