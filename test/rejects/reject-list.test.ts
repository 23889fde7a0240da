/** The one reject list: every reject counted by code, the first `cap` kept, across threads and runs. */
import test from 'ava';
import { RejectCode, RejectList } from '../../src/rejects/index.js';

test('the cap keeps the first rows in detail and counts every one', (t) => {
  const list = new RejectList(2, ['order_id', 'product_id']);
  list.addAt(5, RejectCode.NOT_A_NUMBER, 0, 'x');
  list.add(6, RejectCode.UNKNOWN_PRODUCT, 'product_id', '99');
  list.addAt(7, RejectCode.FIELD_COUNT, -1, '3 fields, expected 4');
  t.is(list.length, 2);
  t.is(list.notKept, 1);
  t.is(list.total, 3);
  t.deepEqual(list.rows(), [
    { line: 5, code: RejectCode.NOT_A_NUMBER, column: 'order_id', value: 'x' },
    { line: 6, code: RejectCode.UNKNOWN_PRODUCT, column: 'product_id', value: '99' },
  ]);
});

test('append moves lines, maps column names, and applies the cap once', (t) => {
  const range = new RejectList(10, ['a', 'b']);
  range.addAt(0, RejectCode.OUT_OF_RANGE, 1, '-1');
  range.addAt(3, RejectCode.FIELD_COUNT, -1, 'whole row');
  const file = new RejectList(2);
  file.add(1, RejectCode.BAD_QUOTE, '', 'quote');
  file.append(RejectList.fromTransfer(range.toTransfer()), 100);
  t.deepEqual(file.rows().map((r) => `${r.line}:${r.code}:${r.column}`), ['1:0:', '100:3:b']);
  t.is(file.notKept, 1);
  t.is(file.total, 3);
  t.is(file.byCode[RejectCode.FIELD_COUNT], 1);
});

test('rows sort by line, stably; columns round-trip; a clone is independent', (t) => {
  const list = new RejectList();
  list.add(9, RejectCode.UNKNOWN_ORDER, 'order_id', 'late');
  list.add(2, RejectCode.UNKNOWN_ORDER, 'order_id', 'first');
  list.add(2, RejectCode.UNKNOWN_PRODUCT, 'product_id', 'second');
  list.sortByLine();
  t.deepEqual(list.rows().map((r) => r.value), ['first', 'second', 'late']);
  const copy = RejectList.fromColumns(list.toColumns());
  t.deepEqual(copy.rows(), list.rows());
  const clone = list.clone();
  clone.add(1, RejectCode.BAD_QUOTE, '', 'only in the clone');
  t.is(list.length, 3);
  t.is(clone.length, 4);
  t.deepEqual(list.toColumns(1).values, ['second', 'late'], 'the rows from an index on (a run\'s new chunk)');
});

test('long values are cut', (t) => {
  const list = new RejectList();
  list.add(1, RejectCode.NOT_A_NUMBER, 'x', 'y'.repeat(200));
  t.is(list.value(0), `${'y'.repeat(80)}...`);
});
