/** The Q1 and Q3 labelling rules (SPEC.md sections 3 and 7), on small hand-made inputs. */
import test from 'ava';
import { bottomKeys, dayLabel, hourLabel, topKeys, twoDayLabel } from '../../src/summaries/busiest.js';
import { priceRange } from '../../src/summaries/products.js';

const days = [
  { key: 0, orders: 50 },
  { key: 1, orders: 70 },
  { key: 2, orders: 70 },
  { key: 3, orders: 10 },
  { key: 4, orders: 10 },
  { key: 5, orders: 30 },
  { key: 6, orders: 40 },
];

test('busiest labels rank by orders, ties to the lower key', (t) => {
  t.deepEqual([...topKeys(days, 2)], [1, 2]);
  t.deepEqual([...bottomKeys(days, 1)], [3]);
  t.is(dayLabel(days, 1), 'Busiest day');
  t.is(dayLabel(days, 2), 'Regularly busy', 'a tie for busiest goes to the lower day only');
  t.is(dayLabel(days, 3), 'Least busy');
  t.is(dayLabel(days, 4), 'Regularly busy');
  t.deepEqual(days.map((d) => twoDayLabel(days, d.key)), ['Regularly busy', 'Busiest days', 'Busiest days', 'Slowest days', 'Slowest days', 'Regularly busy', 'Regularly busy']);
});

test('hour labels: the n busiest, the n quietest, the rest average', (t) => {
  const hours = Array.from({ length: 24 }, (_, key) => ({ key, orders: key < 12 ? key : 24 - key }));
  const labels = hours.map((h) => hourLabel(hours, h.key, 3));
  t.is(labels.filter((l) => l === 'Most orders').length, 3);
  t.is(labels.filter((l) => l === 'Fewest orders').length, 3);
  t.is(labels[11], 'Most orders');
  t.is(labels[0], 'Fewest orders');
});

test('price ranges: the bounds belong to the lower range; unknown prices have their own', (t) => {
  t.is(priceRange(500, 500, 1500), 'Low-range product');
  t.is(priceRange(501, 500, 1500), 'Mid-range product');
  t.is(priceRange(1500, 500, 1500), 'Mid-range product');
  t.is(priceRange(1501, 500, 1500), 'High-range product');
  t.is(priceRange(0, 500, 1500), 'Low-range product');
  t.is(priceRange(-1, 500, 1500), 'Unknown price');
});
