/**
 * Settings are validated once, at the edge (STYLE.md item 4): every message says what is wrong and how to
 * fix it, and each one has a test here (piscina's option-validation tests).
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, loadConfig, validateConfig } from '../../src/config/index.js';
import { EtlError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/temp.js';

function rejects(t: import('ava').ExecutionContext, input: unknown, message: RegExp): void {
  const error = t.throws(() => validateConfig(input, 'settings.json'), { instanceOf: EtlError });
  t.is(error?.code, 'CONFIG');
  t.is((error as EtlError).exitCode, 2);
  t.regex(error!.message, message);
}

test('no file: the defaults; a valid file overrides only what it names', (t) => {
  t.is(loadConfig(undefined), defaultConfig);
  const config = validateConfig({ weekStartsOn: 'sunday', midPriceMax: 12 });
  t.is(config.weekStartsOn, 'sunday');
  t.is(config.midPriceMax, 12);
  t.is(config.lowPriceMax, defaultConfig.lowPriceMax);
  t.true(Object.isFrozen(config));
});

test('not an object: says the shape expected', (t) => {
  rejects(t, [1, 2], /^settings\.json must be a JSON object like \{"minCellCustomers": 10\}$/);
  rejects(t, null, /must be a JSON object/);
});

test('an unknown option: suggests the closest one and lists the known ones', (t) => {
  rejects(t, { busiestHour: 8 }, /^settings\.json: unknown option "busiestHour" \(did you mean "busiestHours"\?\); known options: weekStartsOn, minCellCustomers/);
  rejects(t, { zzzzzzzzzz: 1 }, /unknown option "zzzzzzzzzz"; known options:/);
});

test('weekStartsOn: names both values', (t) => {
  rejects(t, { weekStartsOn: 'monday' }, /^settings\.json: weekStartsOn must be "saturday" \(order_dow 0 = Saturday\) or "sunday", got "monday"$/);
});

test('a number out of its range or of the wrong kind: names the range', (t) => {
  rejects(t, { busiestHours: 13 }, /^settings\.json: busiestHours must be an integer from 1 to 12, got 13$/);
  rejects(t, { busiestHours: 2.5 }, /busiestHours must be an integer from 1 to 12, got 2\.5/);
  rejects(t, { lowPriceMax: '5' }, /^settings\.json: lowPriceMax must be a number from 0 to 1000000, got "5"$/);
});

test('bounds that must be ordered: says which must be below which', (t) => {
  rejects(t, { lowPriceMax: 20 }, /^settings\.json: lowPriceMax \(20\) must be below midPriceMax \(15\)$/);
  rejects(t, { regularOrdersAbove: 50 }, /^settings\.json: regularOrdersAbove must be below loyalOrdersAbove$/);
  rejects(t, { regularDaysAbove: 25 }, /^settings\.json: regularDaysAbove must be below nonFrequentDaysAbove$/);
});

test('a file that cannot be read, or is not JSON: names the file', (t) => {
  const dir = tempDir(t);
  const missing = t.throws(() => loadConfig(join(dir, 'none.json')), { instanceOf: EtlError });
  t.regex(missing!.message, /^cannot read config file .*none\.json: ENOENT$/);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"weekStartsOn": ');
  const invalid = t.throws(() => loadConfig(broken), { instanceOf: EtlError });
  t.regex(invalid!.message, /^config file .*broken\.json is not valid JSON: /);
  t.is((invalid as EtlError).exitCode, 2);
});

test('segment settings: ages, incomes, shopper-time hours and cluster k must be in order', (t) => {
  rejects(t, { youngAdultMaxAge: 70 }, /^settings\.json: ages must go adultMinAge <= youngAdultMaxAge < seniorMinAge, got 18, 70, 65$/);
  rejects(t, { lowIncomeBelow: 200_000 }, /^settings\.json: lowIncomeBelow \(200000\) must not be above highIncomeAbove \(120000\)$/);
  rejects(t, { eveningFromHour: 9 }, /^settings\.json: shopper-time hours must rise: earlyBirdFromHour < daytimeFromHour < eveningFromHour < nightOwlFromHour, got 5, 10, 9, 22$/);
  rejects(t, { clusterMinK: 9 }, /^settings\.json: clusterMinK \(9\) must not be above clusterMaxK \(8\)$/);
  rejects(t, { clusterSampleSize: 50 }, /^settings\.json: clusterSampleSize must be an integer from 100 to 20000, got 50$/);
});
