/**
 * Hand-written CSV byte encoding: digits straight into a Uint8Array, no strings per field. At scale 1
 * the generator writes ~36M rows (~700 MB); `${a},${b}` per row would allocate twice that in strings
 * and roughly triple the encode time.
 */

export const kComma = 0x2c;
export const kLf = 0x0a;
export const kCr = 0x0d;
export const kQuote = 0x22;
export const kDot = 0x2e;
export const kZero = 0x30;

/** Decimal digits of a non-negative integer below 2^31. */
export function digitCount(value: number): number {
  if (value < 10) return 1;
  if (value < 100) return 2;
  if (value < 1_000) return 3;
  if (value < 10_000) return 4;
  if (value < 100_000) return 5;
  if (value < 1_000_000) return 6;
  if (value < 10_000_000) return 7;
  if (value < 100_000_000) return 8;
  if (value < 1_000_000_000) return 9;
  return 10;
}

/** Write a non-negative integer below 2^31 at `pos`; returns the position after it. */
export function putUint(buf: Uint8Array, pos: number, value: number): number {
  const end = pos + digitCount(value);
  let p = end;
  while (value >= 10) {
    const q = (value / 10) | 0;
    buf[--p] = kZero + value - q * 10;
    value = q;
  }
  buf[--p] = kZero + value;
  return end;
}

/** Write an integer 0..99 as two digits (`08`): the real orders.csv zero-pads order_hour_of_day. */
export function putTwoDigits(buf: Uint8Array, pos: number, value: number): number {
  const tens = (value / 10) | 0;
  buf[pos] = kZero + tens;
  buf[pos + 1] = kZero + value - tens * 10;
  return pos + 2;
}

/**
 * Write tenths as the course's prices: one decimal, but whole numbers without `.0` (58 -> `5.8`,
 * 90 -> `9`).
 */
export function putTenths(buf: Uint8Array, pos: number, tenths: number): number {
  const whole = (tenths / 10) | 0;
  const frac = tenths - whole * 10;
  pos = putUint(buf, pos, whole);
  if (frac === 0) return pos;
  buf[pos] = kDot;
  buf[pos + 1] = kZero + frac;
  return pos + 2;
}

/**
 * `v,` pre-encoded for v = 0..max (8 bytes a slot), for numbers written millions of times: a line's
 * product_id and add_to_cart_order (32M each at scale 1). Copying the slot replaces a division per
 * digit, and the slot lengths make exact buffer sizing a table lookup.
 */
export class CommaTerminatedNumbers {
  /** Largest number in the table. */
  readonly max: number;
  /** Slot v holds the digits of v and a comma, starting at v * 8. */
  readonly text: Uint8Array;
  /** Bytes used in slot v (digits + 1). */
  readonly length: Uint8Array;

  constructor(max: number) {
    this.max = max;
    this.text = new Uint8Array((max + 1) * 8);
    this.length = new Uint8Array(max + 1);
    for (let v = 0; v <= max; v++) {
      const end = putUint(this.text, v * 8, v);
      this.text[end] = kComma;
      this.length[v] = end + 1 - v * 8;
    }
  }
}

/** Copy pre-encoded bytes (short constants like `prior`); returns the position after them. */
export function putBytes(buf: Uint8Array, pos: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[pos + i] = bytes[i]!;
  return pos + bytes.length;
}

/** ASCII/UTF-8 bytes of a constant. */
export function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/**
 * A CSV field as the real files write it: quoted only when it contains a comma, quote or line break,
 * with inner quotes doubled (`9" Pie` -> `"9"" Pie"`).
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A growable byte buffer for the dimension files (products, customers), which mix numbers with text.
 * The hot order and line rows use exact-size buffers and the put* functions directly instead.
 */
export class ByteSink {
  private buf: Buffer;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.alloc(capacity);
  }

  /** Make room for `extra` more bytes and return the buffer to write into at `length`. */
  reserve(extra: number): Uint8Array {
    if (this.length + extra > this.buf.length) {
      const grown = Buffer.alloc(Math.max(this.buf.length * 2, this.length + extra));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    return this.buf;
  }

  uint(value: number): void {
    this.length = putUint(this.reserve(10), this.length, value);
  }

  tenths(value: number): void {
    this.length = putTenths(this.reserve(12), this.length, value);
  }

  byte(value: number): void {
    this.reserve(1)[this.length++] = value;
  }

  bytes(value: Uint8Array): void {
    this.length = putBytes(this.reserve(value.length), this.length, value);
  }

  /** UTF-8 text as is (the caller quotes it if needed). */
  text(value: string): void {
    const max = value.length * 3;
    this.reserve(max);
    this.length += this.buf.write(value, this.length, max, 'utf8');
  }

  /** The bytes written so far (a view; valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** Take the bytes written so far and start empty. */
  take(): Uint8Array {
    const out = new Uint8Array(this.buf.subarray(0, this.length));
    this.length = 0;
    return out;
  }
}
