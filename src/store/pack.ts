/**
 * Typed arrays to and from BLOBs. Partials are mostly zeros (a 1% append touches 1% of users), so runs of
 * zero units are stored as a count: `[kind u8][length u32 LE][unit u8]` then pairs `(zeros varint,
 * literals varint, literal bytes)`. A unit is 4 bytes when the array's byte length allows (one
 * monomorphic Uint32Array loop, whatever the element type: 4x fewer steps than bytes for Uint8 data),
 * else 1 byte. Full-scale partials shrink from 27 MB to about 10 MB; a small append's to a few hundred kB.
 */

export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;

const kinds = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float64Array] as const;
/** A literal run ends at the next run of this many zero units: shorter gaps cost more as varints. */
const kMinZeroRun = 4;

function kindOf(array: StoredArray): number {
  const kind = kinds.findIndex((ctor) => array.constructor === ctor);
  if (kind < 0) throw new TypeError(`cannot store a ${array.constructor.name}`);
  return kind;
}

class ByteWriter {
  buf: Buffer;
  pos = 0;
  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(Math.max(64, capacity));
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
  varint(value: number): void {
    this.ensure(10);
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.pos++] = value;
  }
  bytes(source: Uint8Array): void {
    this.ensure(source.length);
    this.buf.set(source, this.pos);
    this.pos += source.length;
  }
}

/** Zero-run encode `units` (a Uint32Array or Uint8Array view of the data) into `out`. */
function encodeRuns(units: Uint32Array | Uint8Array, bytes: Uint8Array, unit: number, out: ByteWriter): void {
  const n = units.length;
  let i = 0;
  while (i < n) {
    const zeroStart = i;
    while (i < n && units[i] === 0) i++;
    const literalStart = i;
    while (i < n) {
      if (units[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && j - i < kMinZeroRun && units[j] === 0) j++;
      if (j - i >= kMinZeroRun || j === n) break;
      i = j;
    }
    out.varint(literalStart - zeroStart);
    out.varint(i - literalStart);
    out.bytes(bytes.subarray(literalStart * unit, i * unit));
  }
}

export function packArray(array: StoredArray): Buffer {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const unit = array.byteLength % 4 === 0 && array.byteOffset % 4 === 0 ? 4 : 1;
  const out = new ByteWriter(Math.min(array.byteLength + 16, 1 << 20));
  out.ensure(6);
  out.buf[0] = kindOf(array);
  out.buf.writeUInt32LE(array.length, 1);
  out.buf[5] = unit;
  out.pos = 6;
  if (unit === 4) encodeRuns(new Uint32Array(array.buffer, array.byteOffset, array.byteLength / 4), bytes, 4, out);
  else encodeRuns(bytes, bytes, 1, out);
  return out.buf.subarray(0, out.pos);
}

/** Reads a packed array's header and its (zeros, literals) runs. */
class RunReader {
  readonly view: Buffer;
  readonly kind: number;
  readonly length: number;
  readonly unit: number;
  pos = 6;

  constructor(blob: Uint8Array) {
    this.view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    this.kind = this.view[0]!;
    this.length = this.view.readUInt32LE(1);
    this.unit = this.view[5]!;
  }

  get done(): boolean {
    return this.pos >= this.view.length;
  }

  varint(): number {
    const view = this.view;
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = view[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }

  /** The next literal run's bytes (a view into the blob), after its zeros. */
  literalBytes(literals: number): Buffer {
    const bytes = this.view.subarray(this.pos, this.pos + literals * this.unit);
    this.pos += literals * this.unit;
    return bytes;
  }
}

export function unpackArray(blob: Uint8Array): StoredArray {
  const runs = new RunReader(blob);
  const Kind = kinds[runs.kind];
  if (Kind === undefined) throw new TypeError(`unknown stored array kind ${runs.kind}`);
  const array = new Kind(runs.length);
  const bytes = new Uint8Array(array.buffer);
  let i = 0;
  while (!runs.done) {
    i += runs.varint();
    const literals = runs.varint();
    bytes.set(runs.literalBytes(literals), i * runs.unit);
    i += literals;
  }
  if (i * runs.unit > bytes.length) throw new RangeError('stored array is corrupt (runs overflow its length)');
  return array;
}

/**
 * Add (or OR) a packed array into `target` without unpacking it: only its literal runs are read, so
 * adding a 1% append's partial costs about 1% of a full pass. Returns `target`, or a longer copy of it
 * when the packed array is longer. Float64 data and unit/element mismatches are unpacked first.
 */
export function addPackedInto<T extends StoredArray>(target: T, blob: Uint8Array, or: boolean): T {
  const runs = new RunReader(blob);
  let out = target;
  if (runs.length > out.length) {
    const grown = new (out.constructor as new (n: number) => T)(runs.length);
    grown.set(out as never);
    out = grown;
  }
  if (!(out instanceof Uint32Array || out instanceof Uint8Array) || runs.unit !== out.BYTES_PER_ELEMENT) {
    const other = unpackArray(blob);
    for (let i = 0; i < other.length; i++) if (other[i] !== 0) out[i] = or ? out[i]! | other[i]! : out[i]! + other[i]!;
    return out;
  }
  const unit = runs.unit;
  const max = 2 ** (8 * unit) - 1;
  // Literal runs sit at any byte offset in the blob: copy each into an aligned scratch to read it typed.
  let scratch = new Uint8Array(4096);
  let i = 0;
  while (!runs.done) {
    i += runs.varint();
    const literals = runs.varint();
    if (scratch.length < literals * unit) scratch = new Uint8Array(Math.max(literals * unit, scratch.length * 2));
    scratch.set(runs.literalBytes(literals));
    const values = unit === 4 ? new Uint32Array(scratch.buffer, 0, literals) : scratch;
    for (let k = 0; k < literals; k++, i++) {
      const v = values[k]!;
      if (v === 0) continue;
      if (or) {
        out[i] = out[i]! | v;
      } else {
        const sum = out[i]! + v;
        if (sum > max) throw new RangeError(`a counter overflows at ${i}`);
        out[i] = sum;
      }
    }
  }
  return out;
}
