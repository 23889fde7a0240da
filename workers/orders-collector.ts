/**
 * The orders.csv row rules, for both CSV paths: check a row (not a number, out of range; a blank
 * days_since_prior_order is unknown, not 0) and keep it, columnar, in file order. Repeated order_ids are
 * resolved later by the main thread, which sees every range in order (the first row wins).
 */
import {
  COMMA,
  CR,
  DIGIT_0,
  DIGIT_9,
  DOT,
  evalSetCode,
  kDaysSincePrior,
  kDow,
  kFastMaxDigits,
  kHour,
  kMaxCount,
  kMaxOrderId,
  kMaxUserId,
  kMinId,
  LF,
  LOWER_A,
  LOWER_Z,
  skipPastRowEnd,
} from '../src/csv/index.js';
import { RejectCode, type RejectList } from '../src/rejects/index.js';
import type { OrderRoles, OrderRows } from './protocol.js';
import type { FieldText, NumericScanner, RecordSink } from './scan-numeric.js';

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
  accepted = 0;
  private readonly bounds: Bound[];
  private readonly kDays: number;

  /** `rejects` takes every rejected row: its column names are the file's header. */
  constructor(
    private readonly roles: OrderRoles,
    readonly rejects: RejectList,
    capacityHint: number,
  ) {
    this.rows = newOrderRows(Math.max(1024, capacityHint));
    this.kDays = roles.daysSincePrior;
    this.bounds = [
      { k: roles.orderId, min: kMinId, max: Infinity, limit: kMaxOrderId },
      { k: roles.userId, min: kMinId, max: Infinity, limit: kMaxUserId },
      { k: roles.orderNumber, min: kMinId, max: Infinity, limit: kMaxCount },
      { k: roles.orderDow, ...kDow, limit: kDow.max },
      { k: roles.orderHour, ...kHour, limit: kHour.max },
      { k: roles.daysSincePrior, ...kDaysSincePrior, limit: kDaysSincePrior.max },
    ].sort((a, b) => a.k - b.k);
  }

  get read(): number {
    return this.accepted + this.rejects.total;
  }

  reject(line: number, code: RejectCode, column: number, value: string): void {
    this.rejects.addAt(line, code, column, value);
  }

  record(line: number, vals: Float64Array, fields: FieldText): void {
    const bounds = this.bounds;
    for (let b = 0; b < bounds.length; b++) {
      const k = bounds[b]!.k;
      const v = vals[k]!;
      if (v !== v && !(k === this.kDays && fields.isEmpty(k))) {
        this.rejects.addAt(line, RejectCode.NOT_A_NUMBER, k, fields.text(k));
        return;
      }
    }
    for (let b = 0; b < bounds.length; b++) {
      const { k, min, max } = bounds[b]!;
      const v = vals[k]!;
      if (v !== v) continue; // a blank days_since_prior_order
      if (!(v >= min && v <= max)) {
        this.rejects.addAt(line, RejectCode.OUT_OF_RANGE, k, fields.text(k));
        return;
      }
    }
    for (let b = 0; b < bounds.length; b++) {
      const { k, limit } = bounds[b]!;
      if (vals[k]! > limit) {
        this.rejects.addAt(line, RejectCode.ID_TOO_LARGE, k, fields.text(k));
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
   * row, so `record` decides it. Returns rows consumed. Bounds come from src/csv/limits.ts, copied into
   * locals like the order-line loop's (see LinesAccumulator.scanStandard).
   */
  scanStandard(buf: Buffer, start: number, end: number, firstLine: number, scanner: NumericScanner): number {
    const zero = DIGIT_0;
    const nine = DIGIT_9;
    const comma = COMMA;
    const cr = CR;
    const lf = LF;
    const dot = DOT;
    const lowerA = LOWER_A;
    const lowerZ = LOWER_Z;
    const maxDigits = kFastMaxDigits;
    const minId = kMinId;
    const maxOrderId = kMaxOrderId;
    const maxUserId = kMaxUserId;
    const maxDow = kDow.max;
    const maxHour = kHour.max;
    const maxDays = kDaysSincePrior.max;
    let line = firstLine;
    let i = start;
    while (i < end) {
      const rowStart = i;
      let c = buf[i]!;
      let s = i;
      let o = 0;
      while (c >= zero && c <= nine) {
        o = o * 10 + c - zero;
        c = buf[++i]!;
      }
      let ok = c === comma && i - s >= 1 && i - s <= maxDigits;
      s = ++i;
      c = buf[i]!;
      let u = 0;
      while (c >= zero && c <= nine) {
        u = u * 10 + c - zero;
        c = buf[++i]!;
      }
      ok = ok && c === comma && i - s >= 1 && i - s <= maxDigits;
      s = ++i;
      c = buf[i]!;
      while (c >= lowerA && c <= lowerZ) c = buf[++i]!; // eval_set: lower-case letters
      const evalSet = evalSetCode(buf, s, i);
      ok = ok && c === comma;
      s = ++i;
      c = buf[i]!;
      let n = 0;
      while (c >= zero && c <= nine) {
        n = n * 10 + c - zero;
        c = buf[++i]!;
      }
      ok = ok && c === comma && i - s >= 1 && i - s <= maxDigits;
      const dow = buf[++i]! - zero;
      c = buf[++i]!;
      ok = ok && c === comma && dow >= 0 && dow <= maxDow;
      s = ++i;
      c = buf[i]!;
      let hour = 0;
      while (c >= zero && c <= nine) {
        hour = hour * 10 + c - zero;
        c = buf[++i]!;
      }
      ok = ok && c === comma && i - s >= 1 && i - s <= 2 && hour <= maxHour;
      s = ++i;
      c = buf[i]!;
      let days = 0;
      while (c >= zero && c <= nine) {
        days = days * 10 + c - zero;
        c = buf[++i]!;
      }
      const digits = i - s;
      if (digits > 0 && c === dot) {
        c = buf[++i]!;
        while (c === zero) c = buf[++i]!;
      }
      if (c === cr) c = buf[++i]!;
      if (ok && c === lf && i < end && digits <= 2 && days <= maxDays && o >= minId && o <= maxOrderId && u >= minId && u <= maxUserId && n >= minId) {
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
