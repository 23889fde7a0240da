/**
 * The order-line rules, in one place for both CSV paths: check a row (first reason that applies: not a
 * number, out of range, unknown order, unknown product), then count it.
 *
 * Why per-order scratch counters: the lines files are sorted by order_id, and order ids are random with
 * respect to users, so a per-user counter touched on every line costs a cache miss per order (about
 * 0.3 us on the benchmark machine). Lines therefore add into per-order arrays (sequential writes), and
 * `finish()` folds those into the per-user and day x hour partials in one tight loop whose independent
 * iterations let the CPU overlap the misses. Only department and aisle counts need the product, so
 * those two stay per line (hot after an order's first line).
 */
import { COMMA, CR, DIGIT_0, DIGIT_9, kFastMaxDigits, kMaxCount, kMinId, kReordered, LF, skipPastRowEnd } from '../src/csv/index.js';
import { RejectCode, type RejectList } from '../src/rejects/index.js';
import { allocateLinesPartial, kProductPlace, kProductPrice, kProductStride, type Baskets, type LineRoles, type LinesPartial, type SharedLookups } from './protocol.js';
import type { FieldText, NumericScanner, RecordSink } from './scan-numeric.js';

/** Scratch per-order counters are 16-bit; past this many lines in one order we flush early instead of wrapping. */
const kOrderCounterMax = 0xffff;
/** Int32 per product in the worker's product table: price, place, items, reorders. */
const kProductWords = 4;
/** Likewise the 32-bit scratch revenue (cents). */
const kOrderRevenueMax = 0xffffffff;

export class LinesAccumulator implements RecordSink {
  readonly partial: LinesPartial;
  accepted = 0;

  private readonly orderUser: Int32Array;
  private readonly orderDowHour: Uint8Array;
  /**
   * Per product, this worker's own copy of the shared lookup with its counters beside it, four Int32 at
   * `4 * id`: price in cents, place (`aisle << 8 | department`, -1 = not in the catalogue), items,
   * reorders. A line's product then costs one cache line instead of two (lookup, then counters):
   * products are drawn at random per line, and 800 kB of them does not fit a core's L2 here.
   */
  private readonly products: Int32Array;
  private readonly productSlots: number;
  private readonly deptSlots: number;
  private readonly aisleWords: number;
  private readonly kOrder: number;
  private readonly kProduct: number;
  private readonly kCart: number;
  private readonly kReordered: number;
  /** Scratch, per order_id: lines, known-price lines, revenue cents, reordered lines. */
  private readonly orderItems: Uint16Array;
  private readonly orderKnown: Uint16Array;
  private readonly orderRevenue: Uint32Array;
  private readonly orderReorders: Uint16Array;
  /**
   * The partial's arrays, held here too: the hot loops reach them in one load from this object (a
   * partial built name by name keeps most of its arrays out of line, one more load per line).
   */
  private readonly orderHasLines: Uint32Array;
  private readonly dowHourItems: Float64Array;
  private readonly dowHourKnownItems: Float64Array;
  private readonly dowHourRevenueCents: Float64Array;
  private readonly dowHourReorders: Float64Array;
  private readonly userItems: Uint32Array;
  private readonly userKnownItems: Uint32Array;
  private readonly userRevenueCents: Float64Array;
  private readonly userReorders: Uint32Array;
  private readonly userDeptItems: Uint32Array;
  private readonly userAisleBits: Uint32Array;
  /** Lowest and highest order_id touched, so `finish()` folds only that span. */
  private low = Infinity;
  private high = -1;
  /** The range's baskets (when asked for): accepted lines' products, cut where the order id changes. */
  private readonly baskets: BasketWriter | undefined;


  /**
   * `rejects` takes every rejected row: its column names are the file's header. With `basketLines` (an
   * estimate of the range's lines, for the first allocation) the accumulator also keeps the baskets.
   */
  constructor(
    lookups: SharedLookups,
    roles: LineRoles,
    readonly rejects: RejectList,
    basketLines?: number,
  ) {
    this.orderUser = new Int32Array(lookups.orderUser);
    this.orderDowHour = new Uint8Array(lookups.orderDowHour);
    const shared = new Int32Array(lookups.products);
    this.productSlots = shared.length / kProductStride;
    this.products = new Int32Array(this.productSlots * kProductWords);
    for (let p = 0; p < this.productSlots; p++) {
      this.products[p * kProductWords] = shared[p * kProductStride + kProductPrice]!;
      this.products[p * kProductWords + 1] = shared[p * kProductStride + kProductPlace]!;
    }
    this.deptSlots = lookups.deptSlots;
    this.aisleWords = lookups.aisleWords;
    this.kOrder = roles.orderId;
    this.kProduct = roles.productId;
    this.kCart = roles.addToCartOrder;
    this.kReordered = roles.reordered;
    const orderSlots = this.orderUser.length;
    this.orderItems = new Uint16Array(orderSlots);
    this.orderKnown = new Uint16Array(orderSlots);
    this.orderRevenue = new Uint32Array(orderSlots);
    this.orderReorders = new Uint16Array(orderSlots);
    const partial = allocateLinesPartial({ orderSlots, productSlots: this.productSlots, userSlots: lookups.userSlots, deptSlots: lookups.deptSlots, aisleWords: lookups.aisleWords });
    this.partial = partial;
    this.orderHasLines = partial.orderHasLines;
    this.dowHourItems = partial.dowHourItems;
    this.dowHourKnownItems = partial.dowHourKnownItems;
    this.dowHourRevenueCents = partial.dowHourRevenueCents;
    this.dowHourReorders = partial.dowHourReorders;
    this.userItems = partial.userItems;
    this.userKnownItems = partial.userKnownItems;
    this.userRevenueCents = partial.userRevenueCents;
    this.userReorders = partial.userReorders;
    this.userDeptItems = partial.userDeptItems;
    this.userAisleBits = partial.userAisleBits;
    this.baskets = basketLines === undefined ? undefined : new BasketWriter(basketLines, this.productSlots);
  }

  get read(): number {
    return this.accepted + this.rejects.total;
  }

  reject(line: number, code: RejectCode, column: number, value: string): void {
    this.rejects.addAt(line, code, column, value);
  }

  record(line: number, vals: Float64Array, fields: FieldText): void {
    const o = vals[this.kOrder]!;
    const p = vals[this.kProduct]!;
    const cart = vals[this.kCart]!;
    const r = vals[this.kReordered]!;
    // NaN is the only value not equal to itself: one test for "any field not a number".
    if (o !== o || p !== p || cart !== cart || r !== r) {
      const k = o !== o ? this.kOrder : p !== p ? this.kProduct : cart !== cart ? this.kCart : this.kReordered;
      this.rejects.addAt(line, RejectCode.NOT_A_NUMBER, k, fields.text(k));
      return;
    }
    // Ids past the lookups (even past kMaxOrderId) are positive ids we do not know: unknown, not out of range.
    const badOrder = !(o >= kMinId);
    const badProduct = !(p >= kMinId);
    const badCart = !(cart >= kMinId && cart <= kMaxCount);
    if (badOrder || badProduct || badCart || !(r >= kReordered.min && r <= kReordered.max)) {
      const k = badOrder ? this.kOrder : badProduct ? this.kProduct : badCart ? this.kCart : this.kReordered;
      this.rejects.addAt(line, RejectCode.OUT_OF_RANGE, k, fields.text(k));
      return;
    }
    const user = o < this.orderUser.length ? this.orderUser[o]! : 0;
    if (user === 0) {
      this.rejects.addAt(line, RejectCode.UNKNOWN_ORDER, this.kOrder, fields.text(this.kOrder));
      return;
    }
    if (p >= this.productSlots || this.products[p * kProductWords + 1]! < 0) {
      this.rejects.addAt(line, RejectCode.UNKNOWN_PRODUCT, this.kProduct, fields.text(this.kProduct));
      return;
    }
    this.add(o, p, r, user);
  }

  /** Count one accepted line: the only place the counters grow. */
  private add(o: number, p: number, r: number, user: number): void {
    const products = this.products;
    const at = p * kProductWords;
    const price = products[at]!;
    const place = products[at + 1]!;
    if (this.orderItems[o] === kOrderCounterMax || this.orderRevenue[o]! + price > kOrderRevenueMax) this.foldOrder(o);
    this.orderItems[o]!++;
    if (price >= 0) {
      this.orderKnown[o]!++;
      this.orderRevenue[o]! += price;
    }
    this.orderReorders[o]! += r;
    if (o < this.low) this.low = o;
    if (o > this.high) this.high = o;
    products[at + 2]!++;
    products[at + 3]! += r;
    this.userDeptItems[user * this.deptSlots + (place & 0xff)]!++;
    const aisle = place >>> 8;
    this.userAisleBits[user * this.aisleWords + (aisle >>> 5)]! |= 1 << (aisle & 31);
    this.accepted++;
    this.baskets?.add(o, p);
  }

  /**
   * The fast loop for the standard header (order_id,product_id,add_to_cart_order,reordered): a row of
   * four runs of 1-9 digits ending in LF or CRLF whose values pass every check is counted right here,
   * without a call per field; any other row (blank, sign, quote, long number, any reject) goes to
   * `scanner.scanRange` for that one row, so `record` decides it. Returns rows consumed.
   *
   * Its bounds are the kernel's (src/csv/limits.ts), copied into locals: V8 reloads an imported binding
   * on every use, which cost 15% of the scan. The digit loops are written out: a shared digit reader
   * (an object, or skip-then-value functions) cost 14% and 40% (README, "Fast loops").
   */
  scanStandard(buf: Buffer, start: number, end: number, firstLine: number, scanner: NumericScanner): number {
    const orderUser = this.orderUser;
    const orderSlots = orderUser.length;
    const products = this.products;
    const productSlots = this.productSlots;
    const zero = DIGIT_0;
    const nine = DIGIT_9;
    const comma = COMMA;
    const cr = CR;
    const lf = LF;
    const maxDigits = kFastMaxDigits;
    const minId = kMinId;
    const minReordered = kReordered.min;
    const maxReordered = kReordered.max;
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
      let p = 0;
      while (c >= zero && c <= nine) {
        p = p * 10 + c - zero;
        c = buf[++i]!;
      }
      ok = ok && c === comma && i - s >= 1 && i - s <= maxDigits;
      s = ++i;
      c = buf[i]!;
      let cart = 0;
      while (c >= zero && c <= nine) {
        cart = cart * 10 + c - zero;
        c = buf[++i]!;
      }
      ok = ok && c === comma && i - s >= 1 && i - s <= maxDigits;
      const r = buf[++i]! - zero;
      c = buf[++i]!;
      if (c === cr) c = buf[++i]!;
      if (ok && c === lf && i < end && r >= minReordered && r <= maxReordered && cart >= minId && o >= minId && o < orderSlots && p >= minId && p < productSlots && products[p * kProductWords + 1]! >= 0) {
        const user = orderUser[o]!;
        if (user !== 0) {
          this.add(o, p, r, user);
          i++;
          line++;
          continue;
        }
      }
      // Not the common row: the exact path reads just this row.
      const rowEnd = skipPastRowEnd(buf, rowStart, end);
      scanner.scanRange(buf, rowStart, rowEnd, this, line);
      i = rowEnd;
      line++;
    }
    return line - firstLine;
  }

  /** The range's baskets (undefined unless asked for); call after `finish()`. */
  takeBaskets(): Baskets | undefined {
    return this.baskets?.take();
  }

  /** Fold the per-order scratch counters into the partial; call once, after the last row. */
  finish(): LinesPartial {
    for (let o = this.low; o <= this.high; o++) if (this.orderItems[o] !== 0) this.foldOrder(o);
    const { productItems, productReorders } = this.partial;
    for (let p = 0; p < this.productSlots; p++) {
      productItems[p] = this.products[p * kProductWords + 2]!;
      productReorders[p] = this.products[p * kProductWords + 3]!;
    }
    return this.partial;
  }

  /** Move order `o`'s scratch counters into the per-user and day x hour partials. */
  private foldOrder(o: number): void {
    const user = this.orderUser[o]!;
    const cell = this.orderDowHour[o]!;
    const items = this.orderItems[o]!;
    const known = this.orderKnown[o]!;
    const revenue = this.orderRevenue[o]!;
    const reorders = this.orderReorders[o]!;
    this.orderHasLines[o >>> 5]! |= 1 << (o & 31);
    this.dowHourItems[cell]! += items;
    this.dowHourKnownItems[cell]! += known;
    this.dowHourRevenueCents[cell]! += revenue;
    this.dowHourReorders[cell]! += reorders;
    this.userItems[user]! += items;
    this.userKnownItems[user]! += known;
    this.userRevenueCents[user]! += revenue;
    this.userReorders[user]! += reorders;
    this.orderItems[o] = 0;
    this.orderKnown[o] = 0;
    this.orderRevenue[o] = 0;
    this.orderReorders[o] = 0;
  }
}

/**
 * Baskets as the lines come: a new basket whenever the order id changes, so a file that lists each
 * order's lines together gives one basket per order, except at the ends of a range (an order cut by a
 * range boundary) and where a file lists an order's lines apart: those come as fragments with the same
 * order id, which the main thread joins (src/pairs). Product ids are kept in 16 bits when they fit.
 */
class BasketWriter {
  private ids: Int32Array;
  private starts: Uint32Array;
  private items: Uint16Array | Uint32Array;
  private count = 0;
  private length = 0;
  private order = -1;

  constructor(lines: number, productSlots: number) {
    const capacity = Math.max(16, lines);
    this.items = productSlots <= 0x10000 ? sharedArray(Uint16Array, capacity) : sharedArray(Uint32Array, capacity);
    this.ids = sharedArray(Int32Array, Math.max(16, capacity >>> 3));
    this.starts = sharedArray(Uint32Array, this.ids.length + 1);
  }

  add(o: number, p: number): void {
    if (o !== this.order) {
      if (this.count === this.ids.length) {
        this.ids = grown(Int32Array, this.ids, this.ids.length * 2);
        this.starts = grown(Uint32Array, this.starts, this.ids.length + 1);
      }
      this.ids[this.count] = o;
      this.starts[this.count++] = this.length;
      this.order = o;
    }
    if (this.length === this.items.length) this.items = this.items instanceof Uint16Array ? grown(Uint16Array, this.items, this.length * 2) : grown(Uint32Array, this.items, this.length * 2);
    this.items[this.length++] = p;
  }

  /** The baskets, as views of shared memory: the pairs count reads them on any thread without a copy. */
  take(): Baskets {
    this.starts[this.count] = this.length;
    return { orderIds: this.ids.subarray(0, this.count), starts: this.starts.subarray(0, this.count + 1), items: this.items.subarray(0, this.length) };
  }
}

type Ctor<T> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

function sharedArray<T>(ctor: Ctor<T>, length: number): T {
  return new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT));
}

function grown<T extends Int32Array | Uint32Array | Uint16Array>(ctor: Ctor<T>, array: T, length: number): T {
  const bigger = sharedArray(ctor, length);
  bigger.set(array);
  return bigger;
}
