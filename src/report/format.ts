/**
 * How the report shows a number to a reader. Every shown number starts from the text its CSV export
 * holds (`formatNumber` by column kind), so what a reader sees is that CSV value rounded for reading,
 * never a different computation: `0.176424` in orders_by_day.csv shows as `17.6%`.
 */

/** The ways the report shows a number. */
/**
 * The ways the report shows a number: `hour` is the start of an hour of day (`06:00`), `hourEnd` its
 * last minute (`06:59`), for ranges of hours; `score` a value between -1 and 1 (a silhouette, 0.08).
 */
export type Display = 'count' | 'percent' | 'money' | 'decimal' | 'score' | 'index' | 'hour' | 'hourEnd';

/** `1234567` -> `1,234,567` (en-US grouping, written out so that the output never depends on ICU data). */
export function groupDigits(integerText: string): string {
  const negative = integerText.startsWith('-');
  const digits = negative ? integerText.slice(1) : integerText;
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += ',';
    grouped += digits[i];
  }
  return negative ? `-${grouped}` : grouped;
}

/** A number with `decimals` decimals and grouped thousands. */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const [whole, fraction] = text.split('.');
  return fraction === undefined ? groupDigits(whole!) : `${groupDigits(whole!)}.${fraction}`;
}

/**
 * A share (0-1) as a percentage: one decimal from 1% up, two below (0.36%), and `<0.01%` for a share
 * that would otherwise read as zero.
 */
export function percent(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) >= 1) return `${fixed(pct, 1)}%`;
  if (Math.abs(pct) >= 0.01) return `${fixed(pct, 2)}%`;
  return '<0.01%';
}

/** Dollars: cents below $1,000, whole dollars up to $1M, then `$1.23M`. */
export function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${sign}$${fixed(abs / 1e6, 2)}M`;
  if (abs >= 1000) return `${sign}$${fixed(abs, 0)}`;
  return `${sign}$${fixed(abs, 2)}`;
}

/** An hour of the day as a clock time: `0` -> `00:00`, `14` -> `14:00`. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** `value` (the number a CSV cell holds) shown as `display`. */
export function show(value: number, display: Display): string {
  switch (display) {
    case 'count':
      return fixed(value, 0);
    case 'percent':
      return percent(value);
    case 'money':
      return money(value);
    case 'decimal':
      return fixed(value, Math.abs(value) >= 100 ? 0 : 1);
    case 'score':
      return fixed(value, 2);
    case 'index':
      return fixed(value, 0);
    case 'hour':
      return hourText(value);
    case 'hourEnd':
      return `${String(value).padStart(2, '0')}:59`;
  }
}

/**
 * True for a column of dollars: money totals, and the averages of money (avg_item_price,
 * avg_order_value, avg_income) that the CSVs keep as plain decimals with 4 places.
 */
export function isMoneyColumn(column: { name: string; kind: string }): boolean {
  return column.kind === 'money' || (column.kind === 'decimal' && /price|order_value|revenue|income/.test(column.name));
}
