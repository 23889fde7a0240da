/**
 * The orders.csv row rules, for both CSV paths: check a row (not a number, out of range; a blank
 * days_since_prior_order is unknown, not 0) and keep it, columnar, in file order. Repeated order_ids are
 * resolved later by the main thread, which sees every range in order (the first row wins).
 */
import { RejectCode } from '../src/sources/reject-codes.js';
import { kMaxOrderId, kMaxUserId, type OrderRoles, type OrderRows } from './protocol.js';
import { evalSetCode, type FieldText, type NumericScanner, type RecordSink } from './scan-numeric.js';
import { skipPastRowEnd } from '../src/sources/csv/tokenize.js';
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

/** Inclusive bounds per orders column, checked in column order; ids above `limit` do not fit the lookups. */
interface Bound {
  k: number;
  min: number;
  max: number;
  limit: number;
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
      { k: roles.orderId, min: 1, max: Infinity, limit: kMaxOrderId },
      { k: roles.userId, min: 1, max: Infinity, limit: kMaxUserId },
      { k: roles.orderNumber, min: 1, max: Infinity, limit: kMaxOrderNumber },
      { k: roles.orderDow, min: 0, max: 6, limit: 6 },
      { k: roles.orderHour, min: 0, max: 23, limit: 23 },
      { k: roles.daysSincePrior, min: 0, max: 30, limit: 30 },
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
    for (let b = 0; b < bounds.length; b++) {
      const { k, limit } = bounds[b]!;
      if (vals[k]! > limit) {
        this.rejects.add(line, RejectCode.ID_TOO_LARGE, k, fields.text(k));
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

  /**
   * The fast loop for the real header (order_id,user_id,eval_set,order_number,order_dow,
   * order_hour_of_day,days_since_prior_order): a row of plain digits (days blank or like `15.0`) whose
   * values pass every check is kept right here; any other row goes to `scanner.scanRange` for that one
   * row, so `record` decides it. Returns rows consumed.
   */
  scanStandard(buf: Buffer, start: number, end: number, firstLine: number, scanner: NumericScanner): number {
    let line = firstLine;
    let i = start;
    while (i < end) {
      const rowStart = i;
      let c = buf[i]!;
      let s = i;
      let o = 0;
      while (c >= 48 && c <= 57) {
        o = o * 10 + c - 48;
        c = buf[++i]!;
      }
      let ok = c === 44 && i - s >= 1 && i - s <= 9;
      s = ++i;
      c = buf[i]!;
      let u = 0;
      while (c >= 48 && c <= 57) {
        u = u * 10 + c - 48;
        c = buf[++i]!;
      }
      ok = ok && c === 44 && i - s >= 1 && i - s <= 9;
      s = ++i;
      c = buf[i]!;
      while (c >= 97 && c <= 122) c = buf[++i]!; // eval_set: lower-case letters
      const evalSet = evalSetCode(buf, s, i);
      ok = ok && c === 44;
      s = ++i;
      c = buf[i]!;
      let n = 0;
      while (c >= 48 && c <= 57) {
        n = n * 10 + c - 48;
        c = buf[++i]!;
      }
      ok = ok && c === 44 && i - s >= 1 && i - s <= 9;
      const dow = buf[++i]! - 48;
      c = buf[++i]!;
      ok = ok && c === 44 && dow >= 0 && dow <= 6;
      s = ++i;
      c = buf[i]!;
      let hour = 0;
      while (c >= 48 && c <= 57) {
        hour = hour * 10 + c - 48;
        c = buf[++i]!;
      }
      ok = ok && c === 44 && i - s >= 1 && i - s <= 2 && hour <= 23;
      s = ++i;
      c = buf[i]!;
      let days = 0;
      while (c >= 48 && c <= 57) {
        days = days * 10 + c - 48;
        c = buf[++i]!;
      }
      const digits = i - s;
      if (digits > 0 && c === 46) {
        c = buf[++i]!;
        while (c === 48) c = buf[++i]!;
      }
      if (c === 13) c = buf[++i]!;
      if (ok && c === 10 && i < end && digits <= 2 && days <= 30 && o >= 1 && o <= kMaxOrderId && u >= 1 && u <= kMaxUserId && n >= 1) {
        let rows = this.rows;
        if (rows.count === rows.orderId.length) rows = this.rows = growOrderRows(rows, rows.count * 2);
        const k = rows.count++;
        rows.orderId[k] = o;
        rows.userId[k] = u;
        rows.orderNumber[k] = n;
        rows.dow[k] = dow;
        rows.hour[k] = hour;
        rows.days[k] = digits === 0 ? -1 : days;
        rows.evalSet[k] = evalSet;
        rows.line[k] = line;
        this.accepted++;
        i++;
        line++;
        continue;
      }
      const rowEnd = skipPastRowEnd(buf, rowStart, end);
      scanner.scanRange(buf, rowStart, rowEnd, this, line);
      i = rowEnd;
      line++;
    }
    return line - firstLine;
  }
}
