/** Each customer flag rule of SPEC.md sections 3 and 7 at its boundaries, with the default settings. */
import test from 'ava';
import { defaultConfig as config, validateConfig } from '../../src/config/index.js';
import { activityOf, ageGroupOf, frequencyOf, habitOf, incomeGroupOf, kLabels, loyaltyOf, medianOfCounts, parentOf, partOfDay, profileOf, regionOf, shopperTimeOf, spendingOf } from '../../src/segments/flags.js';

const label = (dim: keyof typeof kLabels, code: number): string => kLabels[dim][code]!;

test('loyalty by max_order: > 40 loyal, > 10 regular, else new', (t) => {
  t.deepEqual([41, 40, 11, 10, 1].map((m) => label('loyalty', loyaltyOf(m, config))), ['Loyal customer', 'Regular customer', 'Regular customer', 'New customer', 'New customer']);
});

test('spending by the mean known item price: >= 10 high; no known price: low', (t) => {
  t.is(label('spending', spendingOf(2000, 2, config)), 'High spender', 'exactly 10.00');
  t.is(label('spending', spendingOf(1999, 2, config)), 'Low spender', '9.995');
  t.is(label('spending', spendingOf(0, 0, config)), 'Low spender');
  t.is(label('spending', spendingOf(999, 1, validateConfig({ highSpenderMinPrice: 9.99 }))), 'High spender', '9.99 x 100 is 999 cents, not 998.99');
});

test('frequency by median days: > 20 non-frequent, > 10 regular, else frequent; none: unknown', (t) => {
  t.deepEqual([20.5, 20, 10.5, 10, 0, Number.NaN].map((d) => label('frequency', frequencyOf(d, config))), ['Non-frequent customer', 'Regular customer', 'Regular customer', 'Frequent customer', 'Frequent customer', 'Unknown']);
});

test('activity: low below 5 orders', (t) => {
  t.deepEqual([4, 5].map((m) => label('activity', activityOf(m, config))), ['Low activity', 'Normal activity']);
});

test('regions by full state name, case and spaces ignored; anything else is Unknown', (t) => {
  t.is(label('region', regionOf('District of Columbia')), 'South');
  t.is(label('region', regionOf(' new york ')), 'Northeast');
  t.is(label('region', regionOf('Iowa')), 'Midwest');
  t.is(label('region', regionOf('Hawaii')), 'West');
  t.is(label('region', regionOf('NY')), 'Unknown', 'abbreviations are not guessed');
  t.is(label('region', regionOf('')), 'Unknown');
});

test('age groups 18-35, 36-64, 65+; under 18 or missing: Unknown', (t) => {
  t.deepEqual([17, 18, 35, 36, 64, 65, -1].map((a) => label('age_group', ageGroupOf(a, config))), ['Unknown', 'Young adult', 'Young adult', 'Middle-aged', 'Middle-aged', 'Senior', 'Unknown']);
});

test('income groups: < 50,000 low, 50,000-120,000 middle, > 120,000 high; missing: Unknown', (t) => {
  t.deepEqual([49_999, 50_000, 120_000, 120_001, -1].map((i) => label('income_group', incomeGroupOf(i, config))), ['Low income', 'Middle income', 'Middle income', 'High income', 'Unknown']);
});

test('parent and profile need both age group and dependants', (t) => {
  t.deepEqual([0, 1, 3, -1].map((d) => label('parent', parentOf(d))), ['No children', 'Parent', 'Parent', 'Unknown']);
  t.is(label('profile', profileOf(0, 0)), 'Young parent');
  t.is(label('profile', profileOf(0, 1)), 'Young single adult');
  t.is(label('profile', profileOf(1, 1)), 'Middle-aged without children');
  t.is(label('profile', profileOf(2, 0)), 'Senior parent');
  t.is(label('profile', profileOf(3, 0)), 'Unknown');
  t.is(label('profile', profileOf(1, 2)), 'Unknown');
});

test('shopper time: 5-9, 10-16, 17-21, 22-4; ties to the first in list order', (t) => {
  t.deepEqual([4, 5, 9, 10, 16, 17, 21, 22, 0].map((h) => label('shopper_time', partOfDay(h, config))), ['Night owl', 'Early bird', 'Early bird', 'Daytime', 'Daytime', 'Evening', 'Evening', 'Night owl', 'Night owl']);
  t.is(label('shopper_time', shopperTimeOf([1, 3, 3, 0])), 'Daytime');
  t.is(label('shopper_time', shopperTimeOf([9, 9, 9, 5, 2, 0, 0, 2], 4)), 'Early bird', 'from an offset, a tie');
});

test('department habits: yes, no, or Unknown without the department', (t) => {
  t.deepEqual([3, 0, undefined].map((n) => label('habit', habitOf(n))), ['yes', 'no', 'Unknown']);
});

test('the median of counts: odd, even (mean of the middle two), none', (t) => {
  const counts = (values: number[]): number[] => {
    const c = new Array<number>(31).fill(0);
    for (const v of values) c[v]!++;
    return c;
  };
  t.is(medianOfCounts(counts([3, 1, 7]), 3), 3);
  t.is(medianOfCounts(counts([3, 1, 7, 30]), 4), 5);
  t.is(medianOfCounts(counts([4, 4]), 2), 4);
  t.true(Number.isNaN(medianOfCounts(counts([]), 0)));
  t.is(medianOfCounts([0, 0, 9, 1, 0, 0, 1], 2, 3, 4), 1.5, 'from an offset: values 0 and 3 in the window');
});
