// Renders the SDF glyph ranges the basemap styles use for Latin letters, digits and punctuation,
// at build time, from a font on this machine (Debian's fonts-noto-cjk, else DejaVu). Chinese
// characters are not in these files: MapLibre draws them in the browser from local fonts
// (localIdeographFontFamily), so no CJK glyph download is ever needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import TinySDF from '@mapbox/tiny-sdf';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { encodeGlyphRange, GLYPH_BORDER, type Glyph } from './glyph-pbf.ts';

/** The fontstacks the styles name in `text-font`, and the weight each is drawn with. */
export const FONTSTACKS = [
  { name: 'Noto Sans Regular', weight: 'normal' },
  { name: 'Noto Sans Bold', weight: 'bold' },
] as const;

/**
 * First code points of the 256-wide ranges generated: Basic Latin + Latin-1, Latin Extended-A,
 * General Punctuation (– — “ ” …), Letterlike (№ ℃), Arrows, Mathematical Operators (−), and
 * Geometric Shapes. CJK blocks and full-width forms are drawn locally by MapLibre.
 */
export const GLYPH_RANGE_STARTS = [0, 256, 8192, 8448, 8704, 9472] as const;

/** Font families tried in order; the first one installed is used. */
const FAMILY_PREFERENCE = ['Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans SC', 'Noto Sans', 'DejaVu Sans'];

// SDF parameters MapLibre's glyph atlas expects of server glyphs (as node-fontnik makes them).
const FONT_SIZE = 24;
const RADIUS = 8;
const CUTOFF = 0.25;
/** Server glyph `top` is measured from an origin above the em box, not from the baseline. */
const TOP_ORIGIN = 27;

/** The installed font family glyphs are drawn from, or an error saying what to install. */
export function glyphFontFamily(): string {
  const family = FAMILY_PREFERENCE.find((f) => GlobalFonts.has(f));
  if (!family) {
    throw new Error(`no font for basemap glyphs: install fonts-noto-cjk (tried ${FAMILY_PREFERENCE.join(', ')})`);
  }
  return family;
}

/** tiny-sdf draws on an HTML canvas; in Node it draws on a Skia canvas instead. */
class NodeTinySDF extends TinySDF {
  _createCanvas(size: number) {
    return createCanvas(size, size);
  }
}

/** Control characters have no glyph; MapLibre never asks for them. */
function isControl(cp: number): boolean {
  return cp < 32 || (cp >= 127 && cp < 160);
}

/** Draws the glyphs of one 256 code point range. */
export function renderGlyphRange(sdf: TinySDF, start: number): Glyph[] {
  const glyphs: Glyph[] = [];
  for (let id = start; id < start + 256; id++) {
    if (isControl(id)) continue;
    const g = sdf.draw(String.fromCodePoint(id));
    const empty = g.glyphWidth === 0 || g.glyphHeight === 0;
    glyphs.push({
      id,
      width: empty ? 0 : g.glyphWidth,
      height: empty ? 0 : g.glyphHeight,
      left: g.glyphLeft,
      top: g.glyphTop - TOP_ORIGIN,
      advance: Math.round(g.glyphAdvance),
      ...(empty ? {} : { bitmap: Uint8Array.from(g.data) }),
    });
  }
  return glyphs;
}

/** Writes `<outDir>/<fontstack>/<start>-<end>.pbf` for every fontstack and range; returns the file count. */
export function writeGlyphs(outDir: string, onProgress?: (done: number, total: number) => void): number {
  const family = glyphFontFamily();
  const total = FONTSTACKS.length * GLYPH_RANGE_STARTS.length;
  let done = 0;
  for (const stack of FONTSTACKS) {
    const sdf = new NodeTinySDF({
      fontSize: FONT_SIZE,
      buffer: GLYPH_BORDER,
      radius: RADIUS,
      cutoff: CUTOFF,
      fontFamily: `"${family}", "DejaVu Sans", sans-serif`,
      fontWeight: stack.weight,
    });
    const dir = join(outDir, stack.name);
    mkdirSync(dir, { recursive: true });
    for (const start of GLYPH_RANGE_STARTS) {
      const range = `${start}-${start + 255}`;
      const pbf = encodeGlyphRange({ name: stack.name, range, glyphs: renderGlyphRange(sdf, start) });
      writeFileSync(join(dir, `${range}.pbf`), pbf);
      done += 1;
      onProgress?.(done, total);
    }
  }
  return done;
}
