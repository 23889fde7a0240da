/**
 * The checker checks: the oracle's field splitter and money format, and the comparison that accepts an
 * exported ratio only when it is correctly rounded, rejects a changed cell, a row out of order, and a
 * file without a BOM, with LF row ends or with needless quotes.
 */
import test from 'ava';
import { cellMatches, compareTable, diffRejects } from './compare.js';
import { splitFields } from '../helpers/csv-fields.js';
import { money, type ExpectedTable } from './oracle.js';

test('splitFields reads quoted fields, doubled quotes and empty fields', (t) => {
  t.deepEqual(splitFields('1,"Pears, Baby",,"say ""hi""",'), ['1', 'Pears, Baby', '', 'say "hi"', '']);
  t.deepEqual(splitFields(''), ['']);
  t.throws(() => splitFields('1,"open'));
  t.throws(() => splitFields('1,"closed"x'));
});

test('money writes cents with two decimals, exactly', (t) => {
  t.is(money(0), '0.00');
  t.is(money(5), '0.05');
  t.is(money(123456), '1234.56');
  t.is(money(1005), '10.05');
  t.is(money(900719925474099), '9007199254740.99');
});

test('a ratio matches only its correctly rounded decimal, with its number of decimals', (t) => {
  const third = { num: 1n, den: 3n, decimals: 6 };
  t.true(cellMatches(third, '0.333333'));
  t.false(cellMatches(third, '0.333334'));
  t.false(cellMatches(third, '0.33333'));
  t.false(cellMatches(third, '0.3333333'));
  t.false(cellMatches(third, ''));
  // An exact tie (0.125 to 2 decimals) may go either way, as toFixed on the nearest double does.
  const eighth = { num: 1n, den: 8n, decimals: 2 };
  t.true(cellMatches(eighth, '0.12'));
  t.true(cellMatches(eighth, '0.13'));
  t.false(cellMatches(eighth, '0.14'));
  // 7.79 dollars from cents: 779 / (1 * 100).
  t.true(cellMatches({ num: 779n, den: 100n, decimals: 4 }, '7.7900'));
  // A zero denominator is a blank cell.
  t.true(cellMatches({ num: 0n, den: 0n, decimals: 6 }, ''));
  t.false(cellMatches({ num: 0n, den: 0n, decimals: 6 }, '0.000000'));
  t.true(cellMatches('text', 'text'));
  t.false(cellMatches('text', 'Text'));
});

const expected: ExpectedTable = {
  columns: ['price_range', 'items', 'share_of_items'],
  rows: [
    ['Low, cheap', '1', { num: 1n, den: 3n, decimals: 6 }],
    ['Mid', '2', { num: 2n, den: 3n, decimals: 6 }],
  ],
};
const good = '\ufeffprice_range,items,share_of_items\r\n"Low, cheap",1,0.333333\r\nMid,2,0.666667\r\n';

test('compareTable accepts the same table, and extra columns after the required ones', (t) => {
  t.deepEqual(compareTable('t.csv', expected, good), []);
  t.deepEqual(compareTable('t.csv', expected, '\ufeffprice_range,items,share_of_items,note\r\n"Low, cheap",1,0.333333,x\r\nMid,2,0.666667,y\r\n'), []);
});

test('compareTable names each difference: a cell, the row order, the format', (t) => {
  t.deepEqual(compareTable('t.csv', expected, good.replace('0.666667', '0.666666')), ['t.csv row 2 (price_range=Mid) column share_of_items: expected 6 decimals of 2/3 = 0.6666666666…, got "0.666666"']);
  t.is(compareTable('t.csv', expected, '\ufeffprice_range,items,share_of_items\r\nMid,2,0.666667\r\n"Low, cheap",1,0.333333\r\n').length, 6);
  t.deepEqual(compareTable('t.csv', expected, good.slice(1)), ['t.csv: no UTF-8 BOM']);
  t.true(compareTable('t.csv', expected, good.replaceAll('\r\n', '\n')).some((p) => p.includes('CRLF')));
  t.deepEqual(compareTable('t.csv', expected, good.replace('Mid,', '"Mid",')), ['t.csv: row 3 is not minimally quoted: "Mid",2,0.666667']);
  t.deepEqual(compareTable('t.csv', expected, good.replace('Mid,2,0.666667\r\n', '')), ['t.csv: 1 rows, expected 2', 't.csv row 2: expected "Mid" | "2" | 6 decimals of 2/3 = 0.6666666666…, got no row']);
});

test('diffRejects finds missing, wrong and repeated rows', (t) => {
  const rejects = '\ufefffile,line,reason,column,value\r\na.csv,2,not a number,x,y\r\na.csv,2,not a number,x,y\r\na.csv,5,unknown order,order_id,9\r\n';
  const diff = diffRejects(
    [
      { file: 'a.csv', line: 2, reason: 'not a number' },
      { file: 'a.csv', line: 5, reason: 'unknown product' },
      { file: 'b.csv', line: 3, reason: 'out of range' },
    ],
    rejects,
  );
  t.like(diff, { listed: 3, missing: 1, wrong: 1, duplicated: 1 });
  t.deepEqual(diff.examples, { missing: ['b.csv:3 out of range'], wrong: ['a.csv:5 unknown order (oracle: unknown product)'], duplicated: ['a.csv:2'] });
});
