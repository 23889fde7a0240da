/**
 * Typed arrays to and from BLOBs. Partials are mostly zeros (a 1% append touches 1% of users), so runs of
 * zero elements are stored as a count: `[kind u8][length u32 LE]` then pairs `(zeros varint,
 * literals varint, literal bytes)`. Full-scale partials shrink from 27 MB to about 10 MB; a small
 * append's partial to a few hundred kB, which is what keeps reruns cheap.
 */

export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;

const kinds = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float64Array] as const;

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

export function packArray(array: StoredArray): Buffer {
  const size = array.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const out = new ByteWriter(Math.min(array.byteLength + 16, 1 << 20));
  out.ensure(5);
  out.buf[0] = kindOf(array);
  out.buf.writeUInt32LE(array.length, 1);
  out.pos = 5;
  const n = array.length;
  let i = 0;
  while (i < n) {
    const zeroStart = i;
    while (i < n && array[i] === 0) i++;
    const literalStart = i;
    // A literal run ends at the next run of 4+ zeros: shorter gaps cost more as varints than as bytes.
    while (i < n) {
      if (array[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && j - i < 4 && array[j] === 0) j++;
      if (j - i >= 4 || j === n) break;
      i = j;
    }
    out.varint(literalStart - zeroStart);
    out.varint(i - literalStart);
    out.bytes(bytes.subarray(literalStart * size, i * size));
  }
  return out.buf.subarray(0, out.pos);
}

export function unpackArray(blob: Uint8Array): StoredArray {
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const Kind = kinds[view[0]!];
  if (Kind === undefined) throw new TypeError(`unknown stored array kind ${view[0]}`);
  const length = view.readUInt32LE(1);
  const array = new Kind(length);
  const size = array.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(array.buffer);
  let pos = 5;
  let i = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = view[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (pos < view.length) {
    i += varint();
    const literals = varint();
    bytes.set(view.subarray(pos, pos + literals * size), i * size);
    pos += literals * size;
    i += literals;
  }
  if (i > length) throw new RangeError('stored array is corrupt (runs overflow its length)');
  return array;
}
