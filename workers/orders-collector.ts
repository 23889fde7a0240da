/**
 * The orders.csv row rules, for both CSV paths: check a row (not a number, out of range; a blank
 * days_since_prior_order is unknown, not 0) and keep it, columnar, in file order. Repeated order_ids are
 * resolved later by the main thread, which sees every range in order (the first row wins).
 */
import { RejectCode } from '../src/sources/reject-codes.js';
import { kMaxOrderId, kMaxUserId, type OrderRoles, type OrderRows } from './protocol.js';
import type { FieldText, RecordSink } from './scan-numeric.js';
import { RejectLog } from './reject-log.js';

/** order_number has no natural bound; this one keeps it exact in the 32-bit column. */
const kMaxOrderNumber = 0x7fffffff;

export function newOrderRows(capacity: number): OrderRows {
  return {
    count: 0,
    orderId: new Int32Array(capacity),
    userId: new Int32Array(capacity),
    orderNumber: new Int32Array(capacity),
    dow: new Uint8Array(capacity),
    hour: new Uint8Array(capacity),
    days: new Int8Array(capacity),
    evalSet: new Uint8Array(capacity),
    line: new Float64Array(capacity),
  };
}

/** A copy of `rows` with room for `capacity` rows. */
export function growOrderRows(rows: OrderRows, capacity: number): OrderRows {
  const grown = newOrderRows(capacity);
  grown.count = rows.count;
  grown.orderId.set(rows.orderId.subarray(0, rows.count));
  grown.userId.set(rows.userId.subarray(0, rows.count));
  grown.orderNumber.set(rows.orderNumber.subarray(0, rows.count));
  grown.dow.set(rows.dow.subarray(0, rows.count));
  grown.hour.set(rows.hour.subarray(0, rows.count));
  grown.days.set(rows.days.subarray(0, rows.count));
  grown.evalSet.set(rows.evalSet.subarray(0, rows.count));
  grown.line.set(rows.line.subarray(0, rows.count));
  return grown;
}

/** Inclusive bounds per orders column, checked in column order. */
interface Bound {
  k: number;
  min: number;
  max: number;
}

export class OrdersCollector implements RecordSink {
  rows: OrderRows;
  readonly rejects: RejectLog;
  accepted = 0;
  private readonly bounds: Bound[];
  private readonly kDays: number;

  constructor(
    private readonly roles: OrderRoles,
    maxRejectDetails: number,
    capacityHint: number,
  ) {
    this.rows = newOrderRows(Math.max(1024, capacityHint));
    this.rejects = new RejectLog(maxRejectDetails);
    this.kDays = roles.daysSincePrior;
    this.bounds = [
      { k: roles.orderId, min: 1, max: kMaxOrderId },
      { k: roles.userId, min: 1, max: kMaxUserId },
      { k: roles.orderNumber, min: 1, max: kMaxOrderNumber },
      { k: roles.orderDow, min: 0, max: 6 },
      { k: roles.orderHour, min: 0, max: 23 },
      { k: roles.daysSincePrior, min: 0, max: 30 },
    ].sort((a, b) => a.k - b.k);
  }

  get read(): number {
    return this.accepted + this.rejects.total;
  }

  reject(line: number, code: RejectCode, column: number, value: string): void {
    this.rejects.add(line, code, column, value);
  }

  record(line: number, vals: Float64Array, fields: FieldText): void {
    const bounds = this.bounds;
    for (let b = 0; b < bounds.length; b++) {
      const k = bounds[b]!.k;
      const v = vals[k]!;
      if (v !== v && !(k === this.kDays && fields.isEmpty(k))) {
        this.rejects.add(line, RejectCode.NOT_A_NUMBER, k, fields.text(k));
        return;
      }
    }
    for (let b = 0; b < bounds.length; b++) {
      const { k, min, max } = bounds[b]!;
      const v = vals[k]!;
      if (v !== v) continue; // a blank days_since_prior_order
      if (!(v >= min && v <= max)) {
        this.rejects.add(line, RejectCode.OUT_OF_RANGE, k, fields.text(k));
        return;
      }
    }
    let rows = this.rows;
    if (rows.count === rows.orderId.length) rows = this.rows = growOrderRows(rows, rows.count * 2);
    const n = rows.count++;
    const roles = this.roles;
    rows.orderId[n] = vals[roles.orderId]!;
    rows.userId[n] = vals[roles.userId]!;
    rows.orderNumber[n] = vals[roles.orderNumber]!;
    rows.dow[n] = vals[roles.orderDow]!;
    rows.hour[n] = vals[roles.orderHour]!;
    const days = vals[roles.daysSincePrior]!;
    rows.days[n] = days !== days ? -1 : days;
    rows.evalSet[n] = vals[roles.evalSet]!;
    rows.line[n] = line;
    this.accepted++;
  }
}
