/**
 * Busiest labels (SPEC.md section 3, Q1): rank by orders, ties to the lower day or hour number.
 * Pure functions over (key, orders) pairs.
 */

export interface Ranked {
  key: number;
  orders: number;
}

/** Keys of the `n` entries with most orders (ties to the lower key). */
export function topKeys(entries: readonly Ranked[], n: number): Set<number> {
  return new Set([...entries].sort((a, b) => b.orders - a.orders || a.key - b.key).slice(0, n).map((e) => e.key));
}

/** Keys of the `n` entries with fewest orders (ties to the lower key). */
export function bottomKeys(entries: readonly Ranked[], n: number): Set<number> {
  return new Set([...entries].sort((a, b) => a.orders - b.orders || a.key - b.key).slice(0, n).map((e) => e.key));
}

/** `Busiest day` / `Least busy` / `Regularly busy`. */
export function dayLabel(entries: readonly Ranked[], key: number): string {
  if (topKeys(entries, 1).has(key)) return 'Busiest day';
  if (bottomKeys(entries, 1).has(key)) return 'Least busy';
  return 'Regularly busy';
}

/** `Busiest days` (top two) / `Slowest days` (bottom two) / `Regularly busy`. */
export function twoDayLabel(entries: readonly Ranked[], key: number): string {
  if (topKeys(entries, 2).has(key)) return 'Busiest days';
  if (bottomKeys(entries, 2).has(key)) return 'Slowest days';
  return 'Regularly busy';
}

/** `Most orders` (top n hours) / `Fewest orders` (bottom n) / `Average orders`. */
export function hourLabel(entries: readonly Ranked[], key: number, n: number): string {
  if (topKeys(entries, n).has(key)) return 'Most orders';
  if (bottomKeys(entries, n).has(key)) return 'Fewest orders';
  return 'Average orders';
}
