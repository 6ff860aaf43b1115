// Photos are what their bytes are, and lose their metadata: real images from the canvas with a
// phone's metadata spliced in come out byte for byte as the canvas wrote them (plus a minimal
// orientation block when the photo is turned), and broken or disguised files are refused with the reason.
import { crc32 } from 'node:zlib';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { canvasImage, concat, hasSecret, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../test-fixtures/photos.ts';
import type { Spliced } from '../test-fixtures/photos.ts';
import type { PhotoType } from '../wire/index.ts';
import { EXIF_HEADER, orientationOfExif, orientationOnlyTiff } from './exif-orientation.ts';
import { PhotoError } from './photo-error.ts';
import { checkPhoto, MAX_PHOTO_SIDE_PX, sniffPhotoType } from './photo-image.ts';
import { pngChunk } from './png.ts';
import { riffChunk } from './webp.ts';

/** The block the server writes for a turned photo, in each format's framing. */
function orientationBlock(type: PhotoType, orientation: number): Uint8Array {
  const tiff = orientationOnlyTiff(orientation);
  if (type === 'image/jpeg') return concat(Uint8Array.of(0xff, 0xe1, 0, 2 + 6 + tiff.length), EXIF_HEADER, tiff);
  if (type === 'image/png') return pngChunk('eXIf', tiff);
  return riffChunk('EXIF', tiff);
}

/** What the server should store: the canvas's image, with the orientation block where the metadata was. */
function expected(type: PhotoType, original: Uint8Array, spliced: Spliced, orientation: number | undefined): Uint8Array {
  if (orientation === undefined || orientation === 1) return original;
  const out = concat(original.subarray(0, spliced.at), orientationBlock(type, orientation), original.subarray(spliced.at));
  if (type === 'image/webp') {
    new DataView(out.buffer).setUint32(4, out.length - 8, true);
    out[20] = out[20]! | 0x08; // VP8X: EXIF present
  }
  return out;
}

const splice = (type: PhotoType, image: Uint8Array, orientation: number | undefined, variant: boolean): Spliced =>
  type === 'image/jpeg' ? jpegWithMetadata(image, orientation, variant) : type === 'image/png' ? pngWithMetadata(image, orientation) : webpWithMetadata(image, orientation, variant);

const REMOVED: Record<PhotoType, string[]> = {
  'image/jpeg': ['APP1 Exif', 'APP1 XMP', 'APP2', 'APP3', 'APP13', 'COM', 'trailing bytes'],
  'image/png': ['eXIf', 'tEXt', 'zTXt', 'iTXt', 'trailing bytes'],
  'image/webp': ['EXIF', 'XMP', 'trailing bytes'],
};

describe('checkPhoto strips metadata', () => {
  const cases: [PhotoType, number | undefined, boolean][] = [];
  for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
    for (const orientation of [undefined, 1, 6, 8]) cases.push([type, orientation, false]);
    // JPEG: little-endian EXIF; WebP: EXIF chunk with the "Exif\0\0" header some writers put in.
    if (type !== 'image/png') cases.push([type, 6, true]);
  }

  it.each(cases)('%s with orientation %s (variant %s): GPS, text and trailers gone, image bytes untouched', async (type, orientation, variant) => {
    const original = await canvasImage(type);
    const spliced = splice(type, original, orientation, variant);
    expect(hasSecret(spliced.bytes)).toEqual({ text: true, gps: true });

    const photo = checkPhoto(spliced.bytes, type);
    expect(photo).toMatchObject({ type, width: 40, height: 30, removed: REMOVED[type] });
    expect(hasSecret(photo.bytes)).toEqual({ text: false, gps: false });
    expect(Buffer.from(photo.bytes).equals(Buffer.from(expected(type, original, spliced, orientation)))).toBe(true);
    // Skia (Chrome's image library) turns a JPEG or WebP by the kept tag (5–8 swap the sides); its
    // PNG decoder ignores eXIf.
    const decoded = await loadImage(Buffer.from(photo.bytes));
    const turned = orientation !== undefined && orientation >= 5 && type !== 'image/png';
    expect([decoded.width, decoded.height]).toEqual(turned ? [30, 40] : [40, 30]);
  });

  it('keeps an image without metadata exactly as it is', async () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
      const original = await canvasImage(type);
      const photo = checkPhoto(original, type);
      expect(Buffer.from(photo.bytes).equals(Buffer.from(original)), type).toBe(true);
      expect(photo.removed).toEqual([]);
    }
  });

  it('reads the kept orientation back from the minimal EXIF', () => {
    for (const o of [2, 3, 4, 5, 6, 7, 8]) expect(orientationOfExif(concat(EXIF_HEADER, orientationOnlyTiff(o)))).toBe(o);
  });
});

/** A copy of `b` with `edit` applied. */
const edited = (b: Uint8Array, edit: (c: Uint8Array, view: DataView) => void) => {
  const c = b.slice();
  edit(c, new DataView(c.buffer));
  return c;
};
const ascii = (s: string) => new TextEncoder().encode(s);

describe('checkPhoto refuses', () => {
  it.each<[string, (j: Uint8Array, p: Uint8Array, w: Uint8Array) => Uint8Array, PhotoType, number, string]>([
    ['an empty body', () => new Uint8Array(0), 'image/jpeg', 400, 'empty'],
    ['text', () => ascii('hello, this is not a photo'), 'image/jpeg', 415, 'not a JPEG, PNG or WebP'],
    ['a GIF', () => ascii('GIF89a\x01\x00\x01\x00'), 'image/png', 415, 'GIF'],
    ['a HEIC photo', () => ascii('\0\0\0\x18ftypheic\0\0\0\0'), 'image/jpeg', 415, 'HEIC'],
    ['an SVG', () => ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png', 415, 'markup'],
    ['a JPEG sent as PNG', (j) => j, 'image/png', 415, 'Content-Type says image/png but the body is a JPEG image'],
    ['a PNG sent as WebP', (_j, p) => p, 'image/webp', 415, 'is a PNG image'],
    ['a JPEG magic and nothing else', () => Uint8Array.of(0xff, 0xd8, 0xff), 'image/jpeg', 422, 'truncated'],
    ['a JPEG cut in half', (j) => j.subarray(0, j.length >> 1), 'image/jpeg', 422, 'truncated'],
    ['a JPEG without its end-of-image marker', (j) => j.subarray(0, j.length - 2), 'image/jpeg', 422, 'truncated'],
    ['a JPEG with junk where a marker belongs', (j) => concat(j.subarray(0, 20), Uint8Array.of(0x12, 0x34), j.subarray(20)), 'image/jpeg', 422, 'expected a marker'],
    ['a JPEG of 20000 px', (j) => edited(j, (c, v) => v.setUint16(sof(c) + 7, 20_000)), 'image/jpeg', 422, `at most ${MAX_PHOTO_SIDE_PX} px`],
    ['a PNG signature only', (_j, p) => p.subarray(0, 8), 'image/png', 422, 'truncated'],
    ['a PNG cut inside IDAT', (_j, p) => p.subarray(0, p.length - 20), 'image/png', 422, 'truncated'],
    ['a PNG without IEND', (_j, p) => p.subarray(0, p.length - 12), 'image/png', 422, 'before its IEND'],
    ['a PNG with a damaged IDAT', (_j, p) => edited(p, (c) => { c[c.length - 20] = c[c.length - 20]! ^ 0xff; }), 'image/png', 422, 'wrong CRC'],
    ['a PNG without IDAT', (_j, p) => concat(p.subarray(0, 33), p.subarray(p.length - 12)), 'image/png', 422, 'no image data'],
    ['a PNG of 50000 × 50000 px', (_j, p) => edited(p, (c, v) => { v.setUint32(16, 50_000); v.setUint32(20, 50_000); v.setUint32(29, crc32(c.subarray(12, 29))); }), 'image/png', 422, '50000 × 50000 px'],
    ['a WebP header only', () => ascii('RIFF\x04\0\0\0WEBP'), 'image/webp', 422, 'no image data'],
    ['a WebP cut in half', (_j, _p, w) => w.subarray(0, w.length >> 1), 'image/webp', 422, 'truncated'],
    ['a WebP whose first chunk is not an image', (_j, _p, w) => edited(w, (c) => c.set(ascii('JUNK'), 12)), 'image/webp', 422, 'does not start with a valid VP8'],
    ['a WebP canvas of 16000 px', (_j, _p, w) => edited(w, (c) => { c[24] = 0x7f; c[25] = 0x3e; }), 'image/webp', 422, '16000 × 30 px'],
  ])('%s', async (_name, make, declared, status, message) => {
    const [j, p, w] = await Promise.all([canvasImage('image/jpeg'), canvasImage('image/png'), canvasImage('image/webp')]);
    let err: unknown;
    try {
      checkPhoto(make(j, p, w), declared);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PhotoError);
    expect(err).toMatchObject({ statusCode: status, message: expect.stringContaining(message) });
  });

  it('sniffs by magic number only', async () => {
    expect(sniffPhotoType(await canvasImage('image/webp'))).toBe('image/webp');
    expect(sniffPhotoType(ascii('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(sniffPhotoType(Uint8Array.of(0xff, 0xd8))).toBeUndefined();
  });
});

/** Offset of the JPEG's SOF0/SOF2 marker. */
function sof(j: Uint8Array): number {
  for (let k = 2; k + 1 < j.length; k++) if (j[k] === 0xff && (j[k + 1] === 0xc0 || j[k + 1] === 0xc2)) return k;
  throw new Error('no SOF');
}
