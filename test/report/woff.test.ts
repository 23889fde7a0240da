/**
 * The WOFF encoder against an independent reading of the format (W3C WOFF 1.0): header, directory,
 * 4-byte aligned blocks inside the file without overlap, and every table inflating back to the
 * TrueType table it came from, byte for byte, with its checksum.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { fontFiles } from '../../src/report/text-width.js';
import { woffFromSfnt } from '../../src/report/woff.js';

function sfntTables(font: Buffer): Map<string, { checksum: number; data: Buffer }> {
  const tables = new Map<string, { checksum: number; data: Buffer }>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const entry = 12 + i * 16;
    const offset = font.readUInt32BE(entry + 8);
    tables.set(font.toString('latin1', entry, entry + 4), { checksum: font.readUInt32BE(entry + 4), data: font.subarray(offset, offset + font.readUInt32BE(entry + 12)) });
  }
  return tables;
}

for (const [face, file] of Object.entries(fontFiles())) {
  test(`Inter ${face}: the WOFF holds every table of the TrueType file, compressed, and nothing else`, (t) => {
    const ttf = readFileSync(file);
    const woff = woffFromSfnt(ttf);
    const original = sfntTables(ttf);
    t.is(woff.toString('latin1', 0, 4), 'wOFF');
    t.is(woff.readUInt32BE(4), ttf.readUInt32BE(0), 'flavor = the sfnt version');
    t.is(woff.readUInt32BE(8), woff.length, 'length = the file length');
    const count = woff.readUInt16BE(12);
    t.is(count, original.size);
    t.is(woff.readUInt16BE(14), 0, 'reserved');
    const padded = (n: number): number => Math.ceil(n / 4) * 4;
    t.is(woff.readUInt32BE(16), 12 + 16 * count + [...original.values()].reduce((sum, table) => sum + padded(table.data.length), 0), 'totalSfntSize');
    t.deepEqual([24, 28, 32, 36, 40].map((at) => woff.readUInt32BE(at)), [0, 0, 0, 0, 0], 'no metadata or private block');
    let end = 44 + 20 * count;
    const tags: string[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 44 + 20 * i;
      const tag = woff.toString('latin1', entry, entry + 4);
      const [offset, compLength, origLength, checksum] = [4, 8, 12, 16].map((k) => woff.readUInt32BE(entry + k)) as [number, number, number, number];
      tags.push(tag);
      t.is(offset % 4, 0, `${tag} starts on a 4-byte boundary`);
      t.true(offset >= end && offset - end < 4, `${tag} follows the block before it (padding at most 3 bytes)`);
      t.true(offset + compLength <= woff.length, `${tag} lies inside the file`);
      const block = woff.subarray(offset, offset + compLength);
      const data = compLength < origLength ? inflateSync(block) : block;
      t.true(compLength <= origLength);
      t.deepEqual(data, original.get(tag)!.data, `${tag}: the same bytes`);
      t.is(checksum, original.get(tag)!.checksum, `${tag}: the same checksum`);
      end = offset + compLength;
    }
    t.deepEqual(tags, [...tags].sort(), 'directory sorted by tag');
    t.is(padded(end), woff.length, 'nothing after the last table but its padding');
    t.true(woff.length < ttf.length * 0.6, `${woff.length} bytes against ${ttf.length}`);
    t.deepEqual(woffFromSfnt(ttf), woff, 'deterministic');
  });
}
