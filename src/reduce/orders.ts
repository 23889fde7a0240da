/**
 * The orders lookup: one entry per accepted order_id, built from the workers' row batches in file order,
 * so that a repeated order_id keeps its first row and the later ones are rejected (SPEC.md section 7).
 * `user` lives on a SharedArrayBuffer: the order-line workers read it without a copy.
 */
import type { OrderRows } from '../../workers/protocol.js';
import { RejectCode } from '../sources/reject-codes.js';
import type { SourceReport } from '../sources/report.js';

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

/**
 * Add a batch of order rows (in file order) to `table`; rows repeating an order_id already present are
 * rejected into `report` (their line = `lineBase` + row). Returns the table (a new one if it had to grow).
 */
export function assembleOrders(table: OrdersTable, rows: OrderRows, lineBase: number, report: SourceReport, maxRejectDetails: number, acceptedIds?: number[]): OrdersTable {
  const out = withRoomFor(table, rows);
  const { user, number, dow, hour, days, evalSet } = out;
  const { orderId, userId, orderNumber, dow: rowDow, hour: rowHour, days: rowDays, evalSet: rowEval } = rows;
  let accepted = 0;
  for (let k = 0; k < rows.count; k++) {
    const id = orderId[k]!;
    if (user[id] !== 0) {
      report.accepted--;
      report.rejectedByCode[RejectCode.DUPLICATE_ORDER]!++;
      if (report.rejects.length < maxRejectDetails) report.rejects.push(lineBase + rows.line[k]!, RejectCode.DUPLICATE_ORDER, 'order_id', String(id));
      else report.rejectsNotKept++;
      continue;
    }
    user[id] = userId[k]!;
    number[id] = orderNumber[k]!;
    dow[id] = rowDow[k]!;
    hour[id] = rowHour[k]!;
    days[id] = rowDays[k]!;
    evalSet[id] = rowEval[k]!;
    accepted++;
    if (acceptedIds !== undefined) acceptedIds.push(id);
  }
  out.count += accepted;
  return out;
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
