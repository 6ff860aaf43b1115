// Test images: tiny real JPEG/PNG/WebP files from @napi-rs/canvas, and the metadata phones put in
// them spliced in by hand — EXIF with an orientation and a GPS IFD, XMP, IPTC, comments, PNG text
// chunks, an MPF-style second image after EOI. Every spliced block carries the text SECRET (and the
// GPS latitude seconds 123456 / 10000), so a test can check with hasSecret that none of it survives.
import { createCanvas } from '@napi-rs/canvas';
import { EXIF_HEADER } from '../photos/exif-orientation.ts';
import { pngChunk } from '../photos/png.ts';
import { riffChunk } from '../photos/webp.ts';
import type { PhotoType } from '../wire/index.ts';

/** The text every spliced metadata block carries. */
export const SECRET = 'SECRET';
/** GPS latitude seconds as an EXIF RATIONAL (32°29'12.3456" N): 123456 / 10000, in both byte orders. */
const LATITUDE_SECONDS = [Uint8Array.of(0, 1, 0xe2, 0x40, 0, 0, 0x27, 0x10), Uint8Array.of(0x40, 0xe2, 1, 0, 0x10, 0x27, 0, 0)];

const text = (s: string) => new TextEncoder().encode(s);
const FORMAT: Record<PhotoType, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** A real image of `width` × `height` px (a few coloured blocks; `noise` fills it with random pixels, which compress badly). */
export async function canvasImage(type: PhotoType, width = 40, height = 30, noise = false): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  if (noise) {
    const pixels = g.createImageData(width, height);
    for (let k = 0; k < pixels.data.length; k++) pixels.data[k] = k % 4 === 3 ? 255 : (Math.random() * 256) | 0;
    g.putImageData(pixels, 0, 0);
  } else {
    g.fillStyle = '#c33';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#33c';
    g.fillRect(width / 8, height / 6, width / 4, height / 2);
  }
  const format = FORMAT[type];
  const bytes = await (format === 'png' ? canvas.encode('png') : canvas.encode(format, 95));
  return new Uint8Array(bytes);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True when `needle` occurs in `hay`. */
export function contains(hay: Uint8Array, needle: Uint8Array | string): boolean {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(typeof needle === 'string' ? text(needle) : needle) >= 0;
}

/** True when any spliced metadata (its text, or the GPS latitude) is in `bytes`. */
export function hasSecret(bytes: Uint8Array): { text: boolean; gps: boolean } {
  return { text: contains(bytes, SECRET), gps: LATITUDE_SECONDS.some((l) => contains(bytes, l)) };
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  value: Uint8Array;
}

/**
 * A phone's EXIF as a TIFF block: IFD0 with Make, Orientation (when given) and a pointer to a GPS
 * IFD holding latitude and longitude, in either byte order.
 */
export function phoneExifTiff(orientation: number | undefined, littleEndian = false): Uint8Array {
  const u16 = (v: number) => { const b = new Uint8Array(2); new DataView(b.buffer).setUint16(0, v, littleEndian); return b; };
  const u32 = (v: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, littleEndian); return b; };
  const rationals = (...pairs: [number, number][]) => concat(...pairs.flatMap(([n, d]) => [u32(n), u32(d)]));
  const ascii = (s: string): Entry => ({ tag: 0x010f, type: 2, count: s.length + 1, value: concat(text(s), Uint8Array.of(0)) });
  const gps: Entry[] = [
    { tag: 1, type: 2, count: 2, value: text('N\0') },
    { tag: 2, type: 5, count: 3, value: rationals([32, 1], [29, 1], [123456, 10000]) },
    { tag: 3, type: 2, count: 2, value: text('E\0') },
    { tag: 4, type: 5, count: 3, value: rationals([119, 1], [54, 1], [65432, 10000]) },
  ];
  const ifd0: Entry[] = [ascii(`${SECRET}-PhoneMaker`), ...(orientation === undefined ? [] : [{ tag: 0x0112, type: 3, count: 1, value: u16(orientation) }]), { tag: 0x8825, type: 4, count: 1, value: u32(0) }];
  // Layout: header (8) | IFD0 | its data | GPS IFD | its data.
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const dataSize = (es: Entry[]) => es.reduce((s, e) => s + (e.value.length > 4 ? e.value.length : 0), 0);
  const gpsAt = 8 + ifdSize(ifd0.length) + dataSize(ifd0);
  ifd0[ifd0.length - 1]!.value = u32(gpsAt);
  const writeIfd = (es: Entry[], at: number): Uint8Array => {
    let dataAt = at + ifdSize(es.length);
    const head: Uint8Array[] = [u16(es.length)];
    const data: Uint8Array[] = [];
    for (const e of es) {
      head.push(u16(e.tag), u16(e.type), u32(e.count));
      if (e.value.length > 4) {
        head.push(u32(dataAt));
        data.push(e.value);
        dataAt += e.value.length;
      } else head.push(concat(e.value, new Uint8Array(4 - e.value.length)));
    }
    return concat(...head, u32(0), ...data);
  };
  return concat(text(littleEndian ? 'II' : 'MM'), u16(42), u32(8), writeIfd(ifd0, 8), writeIfd(gps, gpsAt));
}

const segment = (marker: number, payload: Uint8Array) => concat(Uint8Array.of(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff), payload);
const XMP_PACKET = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>32,29.2N ${SECRET}</exif:GPSLatitude></x:xmpmeta>`;

/** The JPEG's length up to the end of its APP0 (or its SOI): where a phone's APP1 goes. */
function afterApp0(jpeg: Uint8Array): number {
  return jpeg[3] === 0xe0 ? 4 + ((jpeg[4]! << 8) | jpeg[5]!) : 2;
}

/** Where metadata was spliced into a JPEG, and the image with it. */
export interface Spliced {
  bytes: Uint8Array;
  /** Offset at which the metadata blocks were inserted. */
  at: number;
}

/** A JPEG with a phone's metadata: EXIF (GPS, orientation), XMP, IPTC (APP13), a comment, APP3, and a second image after EOI. */
export function jpegWithMetadata(jpeg: Uint8Array, orientation: number | undefined, littleEndian = false): Spliced {
  const at = afterApp0(jpeg);
  const blocks = concat(
    segment(0xe1, concat(EXIF_HEADER, phoneExifTiff(orientation, littleEndian))),
    segment(0xe1, concat(text('http://ns.adobe.com/xap/1.0/\0'), text(XMP_PACKET))),
    segment(0xe2, concat(text('MPF\0'), text(SECRET))),
    segment(0xe3, text(`${SECRET}-vendor`)),
    segment(0xed, concat(text('Photoshop 3.0\0'), text(`8BIM ${SECRET} by-line`))),
    segment(0xfe, text(`${SECRET} comment`)),
  );
  const second = concat(Uint8Array.of(0xff, 0xd8), segment(0xe1, concat(EXIF_HEADER, phoneExifTiff(6))), Uint8Array.of(0xff, 0xd9));
  return { bytes: concat(jpeg.subarray(0, at), blocks, jpeg.subarray(at), second), at };
}

/** A PNG with eXIf (GPS, orientation), tEXt, zTXt and iTXt (XMP) after IHDR, and bytes after IEND. */
export function pngWithMetadata(png: Uint8Array, orientation: number | undefined): Spliced {
  const at = 8 + 25; // signature + IHDR
  const blocks = concat(
    pngChunk('eXIf', phoneExifTiff(orientation, true)),
    pngChunk('tEXt', text(`Comment\0${SECRET}`)),
    pngChunk('zTXt', concat(text('Author\0\0'), text(SECRET))),
    pngChunk('iTXt', concat(text('XML:com.adobe.xmp\0\0\0\0\0'), text(XMP_PACKET))),
  );
  return { bytes: concat(png.subarray(0, at), blocks, png.subarray(at), text(`${SECRET} trailer`)), at };
}

/** A WebP (canvas writes VP8X) with EXIF and XMP chunks appended and their VP8X flags set, and bytes after the RIFF end. */
export function webpWithMetadata(webp: Uint8Array, orientation: number | undefined, exifHeader = false): Spliced {
  if (String.fromCharCode(...webp.subarray(12, 16)) !== 'VP8X') throw new Error('expected an extended WebP from the canvas');
  const tiff = phoneExifTiff(orientation, true);
  const blocks = concat(riffChunk('EXIF', exifHeader ? concat(EXIF_HEADER, tiff) : tiff), riffChunk('XMP ', text(XMP_PACKET)));
  const out = concat(webp, blocks, text(`${SECRET} trailer`));
  new DataView(out.buffer).setUint32(4, webp.length - 8 + blocks.length, true);
  out[20] = out[20]! | 0x0c; // VP8X flags: EXIF and XMP present
  return { bytes: out, at: webp.length };
}
