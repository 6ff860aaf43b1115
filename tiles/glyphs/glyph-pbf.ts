// The glyph range protobuf MapLibre reads from a style's `glyphs` URL (glyphs.proto of
// mapbox/node-fontnik): glyphs { repeated fontstack stacks = 1 }, fontstack { name = 1,
// range = 2, repeated glyph glyphs = 3 }, glyph { id = 1, bitmap = 2, width = 3, height = 4,
// left = 5 (sint), top = 6 (sint), advance = 7 }. The bitmap is an SDF with a 3 px border.
import { PbfReader, PbfWriter } from 'pbf';

/** Border of SDF pixels around every glyph bitmap; MapLibre assumes exactly this. */
export const GLYPH_BORDER = 3;

/** One glyph's metrics and SDF bitmap ((width + 6) × (height + 6) bytes, absent when empty). */
export interface Glyph {
  id: number;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
  bitmap?: Uint8Array;
}

/** One fontstack's glyphs for a range of 256 code points. */
export interface GlyphRange {
  name: string;
  /** "0-255", "256-511", … */
  range: string;
  glyphs: Glyph[];
}

function writeGlyph(g: Glyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, g.id);
  if (g.bitmap && g.bitmap.length > 0) pbf.writeBytesField(2, g.bitmap);
  pbf.writeVarintField(3, g.width);
  pbf.writeVarintField(4, g.height);
  pbf.writeSVarintField(5, g.left);
  pbf.writeSVarintField(6, g.top);
  pbf.writeVarintField(7, g.advance);
}

function writeFontstack(r: GlyphRange, pbf: PbfWriter): void {
  pbf.writeStringField(1, r.name);
  pbf.writeStringField(2, r.range);
  for (const g of r.glyphs) pbf.writeMessage(3, writeGlyph, g);
}

/** Encodes one glyph range file. */
export function encodeGlyphRange(r: GlyphRange): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, writeFontstack, r);
  return pbf.finish();
}

function readGlyph(tag: number, g: Glyph, pbf: PbfReader): void {
  if (tag === 1) g.id = pbf.readVarint();
  else if (tag === 2) g.bitmap = pbf.readBytes();
  else if (tag === 3) g.width = pbf.readVarint();
  else if (tag === 4) g.height = pbf.readVarint();
  else if (tag === 5) g.left = pbf.readSVarint();
  else if (tag === 6) g.top = pbf.readSVarint();
  else if (tag === 7) g.advance = pbf.readVarint();
}

function readFontstack(tag: number, r: GlyphRange, pbf: PbfReader): void {
  if (tag === 1) r.name = pbf.readString();
  else if (tag === 2) r.range = pbf.readString();
  else if (tag === 3) {
    r.glyphs.push(pbf.readMessage(readGlyph, { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 }));
  }
}

/** Decodes a glyph range file (all fontstacks in it). */
export function decodeGlyphRanges(buf: Uint8Array): GlyphRange[] {
  return new PbfReader(buf).readFields(
    (tag, out: GlyphRange[], pbf) => {
      if (tag === 1) out.push(pbf.readMessage(readFontstack, { name: '', range: '', glyphs: [] }));
    },
    [],
  );
}
