import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeGlyphRanges, GLYPH_BORDER } from './glyph-pbf.ts';
import { FONTSTACKS, GLYPH_RANGE_STARTS, writeGlyphs } from './make-glyphs.ts';

const dir = mkdtempSync(join(tmpdir(), 'yzt-glyphs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeGlyphs', () => {
  const files = writeGlyphs(dir);

  it('writes every range of every fontstack', () => {
    expect(files).toBe(FONTSTACKS.length * GLYPH_RANGE_STARTS.length);
  });

  it('writes a 0-255 range MapLibre can read: digits and letters with SDF bitmaps of the right size', () => {
    const [stack, ...more] = decodeGlyphRanges(readFileSync(join(dir, 'Noto Sans Regular', '0-255.pbf')));
    expect(more).toHaveLength(0);
    expect(stack?.name).toBe('Noto Sans Regular');
    expect(stack?.range).toBe('0-255');
    const ids = new Set(stack?.glyphs.map((g) => g.id));
    for (const ch of '0123456789ABCXYZabcxyz-()·') expect(ids.has(ch.codePointAt(0) ?? -1), ch).toBe(true);
    expect(ids.has(10)).toBe(false); // no glyph for a control character

    const eight = stack?.glyphs.find((g) => g.id === 0x38);
    expect(eight?.width).toBeGreaterThan(5);
    expect(eight?.height).toBeGreaterThan(10);
    expect(eight?.advance).toBeGreaterThan(5);
    expect(eight?.bitmap?.length).toBe(((eight?.width ?? 0) + 2 * GLYPH_BORDER) * ((eight?.height ?? 0) + 2 * GLYPH_BORDER));
    // an SDF has inside (high), edge and outside (low) values, not a blank square
    const values = new Set(eight?.bitmap);
    expect(Math.max(...values)).toBeGreaterThan(200);
    expect(Math.min(...values)).toBeLessThan(50);

    const space = stack?.glyphs.find((g) => g.id === 0x20);
    expect(space?.bitmap).toBeUndefined();
    expect(space?.advance).toBeGreaterThan(0);
  });

  it('draws the bold stack heavier than the regular one', () => {
    const ink = (name: string) => {
      const [s] = decodeGlyphRanges(readFileSync(join(dir, name, '0-255.pbf')));
      const h = s?.glyphs.find((g) => g.id === 0x48); // 'H'
      return [...(h?.bitmap ?? [])].filter((v) => v > 192).length;
    };
    expect(ink('Noto Sans Bold')).toBeGreaterThan(ink('Noto Sans Regular'));
  });
});
