/**
 * WOFF 1.0 (https://www.w3.org/TR/WOFF/) from a TrueType font: the same tables, each zlib-compressed
 * when that makes it smaller, behind a 44-byte header and a directory of 20 bytes per table. The page
 * embeds Inter this way (about half the size of the TrueType file), so that the browser draws chart
 * text in the font vega measured it with.
 */
import { deflateSync } from 'node:zlib';

const kWoffSignature = 0x774f4646; // 'wOFF'
const kHeaderBytes = 44;
const kEntryBytes = 20;

const align4 = (n: number): number => (n + 3) & ~3;

/** The WOFF file of the TrueType (or other sfnt) font `sfnt`; deterministic for the same bytes. */
export function woffFromSfnt(sfnt: Buffer): Buffer {
  const count = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 12 + i * 16;
    const offset = sfnt.readUInt32BE(entry + 8);
    const length = sfnt.readUInt32BE(entry + 12);
    if (offset + length > sfnt.length) throw new Error(`font table ${sfnt.toString('latin1', entry, entry + 4)} runs past the end of the file`);
    const data = sfnt.subarray(offset, offset + length);
    const packed = deflateSync(data, { level: 9 });
    return { tag: sfnt.readUInt32BE(entry), checksum: sfnt.readUInt32BE(entry + 4), data, stored: packed.length < length ? packed : data };
  });
  // The sfnt directory is sorted by tag already; WOFF keeps that order.
  let at = kHeaderBytes + count * kEntryBytes;
  const offsets = tables.map((table) => {
    const offset = at;
    at = align4(at + table.stored.length);
    return offset;
  });
  const woff = Buffer.alloc(at);
  woff.writeUInt32BE(kWoffSignature, 0);
  woff.writeUInt32BE(sfnt.readUInt32BE(0), 4); // flavor: the sfnt version
  woff.writeUInt32BE(woff.length, 8);
  woff.writeUInt16BE(count, 12);
  woff.writeUInt32BE(12 + count * 16 + tables.reduce((sum, t) => sum + align4(t.data.length), 0), 16); // totalSfntSize
  woff.writeUInt16BE(1, 20); // majorVersion; minorVersion, metadata and private blocks stay 0
  tables.forEach((table, i) => {
    const entry = kHeaderBytes + i * kEntryBytes;
    woff.writeUInt32BE(table.tag, entry);
    woff.writeUInt32BE(offsets[i]!, entry + 4);
    woff.writeUInt32BE(table.stored.length, entry + 8);
    woff.writeUInt32BE(table.data.length, entry + 12);
    woff.writeUInt32BE(table.checksum, entry + 16);
    table.stored.copy(woff, offsets[i]!);
  });
  return woff;
}
