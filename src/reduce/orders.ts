/**
 * The orders lookup: one entry per accepted order_id, built from the workers' row batches in file order,
 * so that a repeated order_id keeps its first row and the later ones are rejected (SPEC.md section 7).
 * `user` lives on a SharedArrayBuffer: the order-line workers read it without a copy.
 */
import type { OrderRows } from '../../workers/protocol.js';
import { RejectCode, type RejectList } from '../rejects/index.js';

/** Accepted orders, indexed by order_id. Grain: one entry per order_id; `user[id] === 0` = no such order. */
export interface OrdersTable {
  /** Array length: highest order_id + 1. */
  slots: number;
  /** Accepted orders. */
  count: number;
  /** Highest user_id + 1. */
  userSlots: number;
  /** user_id per order (SharedArrayBuffer-backed). */
  user: Int32Array;
  /** order_number per order. */
  number: Int32Array;
  /** order_dow (0-6) per order. */
  dow: Uint8Array;
  /** order_hour_of_day (0-23) per order. */
  hour: Uint8Array;
  /** days_since_prior_order, -1 when blank (a first order). */
  days: Int8Array;
  /** 0 prior, 1 train, 2 test, 3 other. */
  evalSet: Uint8Array;
}

export function emptyOrdersTable(): OrdersTable {
  return allocate(1, 1);
}

function allocate(slots: number, userSlots: number): OrdersTable {
  return {
    slots,
    count: 0,
    userSlots,
    user: new Int32Array(new SharedArrayBuffer(slots * 4)),
    number: new Int32Array(slots),
    dow: new Uint8Array(slots),
    hour: new Uint8Array(slots),
    days: new Int8Array(slots),
    evalSet: new Uint8Array(slots),
  };
}

/** `table` with room for every order and user id of `rows`. */
function withRoomFor(table: OrdersTable, rows: OrderRows): OrdersTable {
  let maxOrder = 0;
  let maxUser = 0;
  for (let k = 0; k < rows.count; k++) {
    if (rows.orderId[k]! > maxOrder) maxOrder = rows.orderId[k]!;
    if (rows.userId[k]! > maxUser) maxUser = rows.userId[k]!;
  }
  return withRoom(table, maxOrder + 1, maxUser + 1);
}

/** A copy of `table` with room for `slots` orders (the same table when it is big enough). */
function withRoom(table: OrdersTable, slots: number, userSlots: number): OrdersTable {
  if (slots <= table.slots) {
    table.userSlots = Math.max(table.userSlots, userSlots);
    return table;
  }
  // 1/16 spare: the next appended orders (new ids above the old maximum) fit without another copy.
  const grown = allocate(slots + (slots >>> 4), Math.max(table.userSlots, userSlots));
  grown.count = table.count;
  grown.user.set(table.user);
  grown.number.set(table.number);
  grown.dow.set(table.dow);
  grown.hour.set(table.hour);
  grown.days.set(table.days);
  grown.evalSet.set(table.evalSet);
  return grown;
}

/** What `acceptOrders` should report besides the rejects. */
export interface AcceptOptions {
  /** Receives the order_ids accepted, in row order. */
  acceptedIds?: number[];
  /** Receives the row (batch-relative `line`) of every row rejected as a duplicate. */
  duplicateLines?: number[];
}

/**
 * The one first-order-wins rule (SPEC.md section 7), for orders.csv ranges and order drops alike: add a
 * batch of order rows (in file order) to `table`; a row repeating an order_id already in the table, or
 * earlier in the batch, is rejected into `rejects` as a duplicate (its line = `lineBase` + its row).
 * Returns the table, a new one if it had to grow: `table` is handed over, use only the one returned.
 */
export function acceptOrders(table: OrdersTable, rows: OrderRows, lineBase: number, rejects: RejectList, options: AcceptOptions = {}): { table: OrdersTable; duplicates: number } {
  const out = withRoomFor(table, rows);
  const { user, number, dow, hour, days, evalSet } = out;
  const { orderId, userId, orderNumber, dow: rowDow, hour: rowHour, days: rowDays, evalSet: rowEval } = rows;
  let accepted = 0;
  for (let k = 0; k < rows.count; k++) {
    const id = orderId[k]!;
    if (user[id] !== 0) {
      rejects.add(lineBase + rows.line[k]!, RejectCode.DUPLICATE_ORDER, 'order_id', String(id));
      options.duplicateLines?.push(rows.line[k]!);
      continue;
    }
    user[id] = userId[k]!;
    number[id] = orderNumber[k]!;
    dow[id] = rowDow[k]!;
    hour[id] = rowHour[k]!;
    days[id] = rowDays[k]!;
    evalSet[id] = rowEval[k]!;
    accepted++;
    options.acceptedIds?.push(id);
  }
  out.count += accepted;
  return { table: out, duplicates: rows.count - accepted };
}

/** Add rows already known to be new orders (a cached lookup's appended segment): no checks, no account. */
export function applyOrderRows(table: OrdersTable, rows: OrderRows): OrdersTable {
  const out = withRoomFor(table, rows);
  for (let k = 0; k < rows.count; k++) {
    const id = rows.orderId[k]!;
    out.user[id] = rows.userId[k]!;
    out.number[id] = rows.orderNumber[k]!;
    out.dow[id] = rows.dow[k]!;
    out.hour[id] = rows.hour[k]!;
    out.days[id] = rows.days[k]!;
    out.evalSet[id] = rows.evalSet[k]!;
  }
  out.count += rows.count;
  return out;
}
