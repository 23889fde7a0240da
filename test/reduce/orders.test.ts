/** The first-order-wins rule (SPEC.md section 7), shared by orders.csv and order drops. */
import test from 'ava';
import { acceptOrders, emptyOrdersTable } from '../../src/reduce/orders.js';
import { RejectCode, RejectList } from '../../src/rejects/index.js';
import { newOrderRows } from '../../workers/index.js';

function rowsOf(orders: [id: number, user: number, line: number][]) {
  const rows = newOrderRows(orders.length);
  for (const [id, user, line] of orders) {
    const k = rows.count++;
    rows.orderId[k] = id;
    rows.userId[k] = user;
    rows.orderNumber[k] = 1;
    rows.dow[k] = 2;
    rows.hour[k] = 9;
    rows.days[k] = -1;
    rows.line[k] = line;
  }
  return rows;
}

test('the first row of an order_id wins, in the batch and across batches; later rows are rejected with their lines', (t) => {
  const rejects = new RejectList();
  const ids: number[] = [];
  const duplicateLines: number[] = [];
  const first = acceptOrders(emptyOrdersTable(), rowsOf([[5, 1, 0], [9, 2, 1], [5, 3, 2]]), 10, rejects, { acceptedIds: ids, duplicateLines });
  t.is(first.duplicates, 1);
  t.is(first.table.user[5], 1, 'the first row of order 5 is kept');
  t.is(first.table.count, 2);
  const second = acceptOrders(first.table, rowsOf([[9, 7, 0], [12, 4, 1]]), 100, rejects, { acceptedIds: ids, duplicateLines });
  t.is(second.duplicates, 1);
  t.is(second.table.user[9], 2);
  t.is(second.table.user[12], 4);
  t.is(second.table.count, 3);
  t.deepEqual(ids, [5, 9, 12]);
  t.deepEqual(duplicateLines, [2, 0]);
  t.deepEqual(rejects.rows(), [
    { line: 12, code: RejectCode.DUPLICATE_ORDER, column: 'order_id', value: '5' },
    { line: 100, code: RejectCode.DUPLICATE_ORDER, column: 'order_id', value: '9' },
  ]);
  t.is(rejects.byCode[RejectCode.DUPLICATE_ORDER], 2);
});

test('the table grows for larger ids and keeps what it held', (t) => {
  const small = acceptOrders(emptyOrdersTable(), rowsOf([[3, 1, 0]]), 0, new RejectList()).table;
  const grown = acceptOrders(small, rowsOf([[1000, 2, 0]]), 0, new RejectList()).table;
  t.true(grown.slots > 1000);
  t.is(grown.user[3], 1);
  t.is(grown.user[1000], 2);
  t.is(grown.userSlots, 3);
});
