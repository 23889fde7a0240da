/**
 * Text widths from the font the charts are drawn with (Inter, shipped by @expo-google-fonts/inter), so
 * that vega lays out labels, legends and titles for the text as drawn. Without a canvas vega guesses
 * 0.8 em a character, about half again Inter's real width: axis titles then float far from their labels
 * and long labels are cut short. Reads two tables of the TrueType file: `cmap` (character to glyph,
 * format 4) and `hmtx` (glyph advance widths); kerning is left out (under 1% on label text).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The font files charts use, regular and bold (PNG rendering loads the same files). */
export function fontFiles(): { regular: string; bold: string } {
  const root = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/inter/package.json'));
  return { regular: join(root, '400Regular', 'Inter_400Regular.ttf'), bold: join(root, '700Bold', 'Inter_700Bold.ttf') };
}

/** Advance widths of one font, in em, by code point. */
export class FontMetrics {
  private readonly cache = new Map<number, number>();

  private constructor(
    private readonly font: Buffer,
    private readonly unitsPerEm: number,
    private readonly advances: Uint16Array,
    private readonly cmap: number,
  ) {}

  static read(path: string): FontMetrics {
    const font = readFileSync(path);
    const tables = new Map<string, number>();
    const count = font.readUInt16BE(4);
    for (let i = 0; i < count; i++) tables.set(font.toString('latin1', 12 + i * 16, 16 + i * 16), font.readUInt32BE(12 + i * 16 + 8));
    const table = (tag: string): number => {
      const offset = tables.get(tag);
      if (offset === undefined) throw new Error(`${path}: no ${tag} table`);
      return offset;
    };
    const unitsPerEm = font.readUInt16BE(table('head') + 18);
    const metrics = font.readUInt16BE(table('hhea') + 34);
    const hmtx = table('hmtx');
    const advances = new Uint16Array(metrics);
    for (let g = 0; g < metrics; g++) advances[g] = font.readUInt16BE(hmtx + g * 4);
    const cmap = table('cmap');
    let format4 = -1;
    for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
      const record = cmap + 4 + i * 8;
      const subtable = cmap + font.readUInt32BE(record + 4);
      if (font.readUInt16BE(record) === 3 && font.readUInt16BE(record + 2) === 1 && font.readUInt16BE(subtable) === 4) format4 = subtable;
    }
    if (format4 < 0) throw new Error(`${path}: no Unicode BMP cmap`);
    return new FontMetrics(font, unitsPerEm, advances, format4);
  }

  /** Width of `text` in pixels at `size`. */
  width(text: string, size: number): number {
    let em = 0;
    for (const char of text) em += this.advance(char.codePointAt(0)!);
    return em * size;
  }

  private advance(code: number): number {
    let width = this.cache.get(code);
    if (width === undefined) {
      const glyph = this.glyph(code);
      width = this.advances[Math.min(glyph, this.advances.length - 1)]! / this.unitsPerEm;
      this.cache.set(code, width);
    }
    return width;
  }

  /** Glyph id of a code point by the format 4 cmap (0, the missing glyph, when not mapped). */
  private glyph(code: number): number {
    const f = this.font;
    const segments = f.readUInt16BE(this.cmap + 6) / 2;
    const ends = this.cmap + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let i = 0; i < segments; i++) {
      if (code > f.readUInt16BE(ends + i * 2)) continue;
      const start = f.readUInt16BE(starts + i * 2);
      if (code < start) return 0;
      const delta = f.readInt16BE(deltas + i * 2);
      const rangeOffset = f.readUInt16BE(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const at = rangeOffsets + i * 2 + rangeOffset + (code - start) * 2;
      const glyph = f.readUInt16BE(at);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  }
}
