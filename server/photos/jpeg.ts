// JPEG: walks the marker segments from SOI to EOI, reads the frame size from SOFn, and keeps only
// what decoding needs: tables, frame and scan headers, the entropy-coded data (copied byte for
// byte), JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14).
// Dropped: APP1 (EXIF with GPS, XMP), every other APPn (IPTC in APP13, MPF and vendor blocks), COM,
// and anything after EOI (phones append depth maps and second images there, with their own EXIF).
// An EXIF orientation other than 1 is kept as a minimal APP1 with that one tag, where the old was.
import { EXIF_HEADER, orientationOfExif, orientationOnlyTiff, startsWith, turns } from './exif-orientation.ts';
import { assemble, PhotoError } from './photo-error.ts';
import type { CleanedImage } from './photo-error.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const ICC_PROFILE = new TextEncoder().encode('ICC_PROFILE\0');
const XMP = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0');

/** Markers that stand alone, without a length: TEM and RST0–7 (SOI and EOI are handled apart). */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
/** Start of frame: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const hex = (m: number) => `FF${m.toString(16).toUpperCase().padStart(2, '0')}`;

/** The name of a dropped segment, for `removed`. */
function label(marker: number, payload: Uint8Array): string {
  if (marker === APP1) return startsWith(payload, EXIF_HEADER) ? 'APP1 Exif' : startsWith(payload, XMP) ? 'APP1 XMP' : 'APP1';
  if (marker === COM) return 'COM';
  return `APP${marker - APP0}`;
}

function keeps(marker: number, payload: Uint8Array): boolean {
  if (marker === APP2) return startsWith(payload, ICC_PROFILE);
  if ((marker >= APP0 && marker <= 0xef) || marker === COM) return marker === APP0 || marker === APP14;
  return true;
}

/** A minimal APP1 segment holding only the orientation. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = orientationOnlyTiff(orientation);
  const out = new Uint8Array(4 + EXIF_HEADER.length + tiff.length);
  out.set([0xff, APP1, 0, 2 + EXIF_HEADER.length + tiff.length]);
  out.set(EXIF_HEADER, 4);
  out.set(tiff, 4 + EXIF_HEADER.length);
  return out;
}

/** End of the entropy-coded data that starts at `from`: the first marker that is not RSTn (FF00 is a stuffed FF). */
function scanEnd(b: Uint8Array, from: number): number {
  for (let j = b.indexOf(0xff, from); j >= 0 && j + 1 < b.length; j = b.indexOf(0xff, j + 1)) {
    const next = b[j + 1]!;
    if (next !== 0 && !(next >= 0xd0 && next <= 0xd7)) return j;
  }
  throw new PhotoError(422, 'the JPEG ends inside its image data, before the end-of-image marker: the file is truncated');
}

/** Checks a JPEG, reads its size and removes its metadata (see the file comment). */
export function cleanJpeg(b: Uint8Array): CleanedImage {
  const parts: (Uint8Array | [number, number])[] = [[0, 2]];
  const removed: string[] = [];
  let width = 0;
  let height = 0;
  let orientationKept = false;
  let i = 2;
  for (;;) {
    if (i + 1 >= b.length) throw new PhotoError(422, 'the JPEG ends before its end-of-image marker: the file is truncated');
    if (b[i] !== 0xff) throw new PhotoError(422, `the JPEG is damaged: expected a marker at byte ${i}, found 0x${b[i]!.toString(16)}`);
    while (b[i + 1] === 0xff && i + 2 < b.length) i++; // fill bytes
    const marker = b[i + 1]!;
    const at = i;
    i += 2;
    if (marker === EOI) {
      if (width === 0) throw new PhotoError(422, 'the JPEG has no image data (no frame before its end-of-image marker)');
      parts.push([at, i]);
      break;
    }
    if (marker === SOI || marker === 0) throw new PhotoError(422, `the JPEG is damaged: unexpected marker ${hex(marker)} at byte ${at}`);
    if (standalone(marker)) {
      parts.push([at, i]);
      continue;
    }
    if (i + 2 > b.length) throw new PhotoError(422, 'the JPEG ends inside a segment header: the file is truncated');
    const length = (b[i]! << 8) | b[i + 1]!;
    const end = i + length;
    if (length < 2 || end > b.length) throw new PhotoError(422, `the JPEG's segment ${hex(marker)} at byte ${at} runs past the end of the file: the file is truncated`);
    const payload = b.subarray(i + 2, end);
    if (isSof(marker)) {
      if (payload.length < 6) throw new PhotoError(422, 'the JPEG\'s frame header is too short');
      if (width !== 0) throw new PhotoError(422, 'the JPEG holds more than one frame header');
      height = (payload[1]! << 8) | payload[2]!;
      width = (payload[3]! << 8) | payload[4]!;
      if (width === 0 || height === 0) throw new PhotoError(422, 'the JPEG gives no width or height in its frame header (a DNL height is not supported)');
    }
    if (keeps(marker, payload)) {
      parts.push([at, end]);
    } else {
      removed.push(label(marker, payload));
      const orientation = marker === APP1 && startsWith(payload, EXIF_HEADER) ? orientationOfExif(payload) : undefined;
      if (!orientationKept && turns(orientation)) {
        parts.push(orientationSegment(orientation));
        orientationKept = true;
      }
    }
    i = end;
    if (marker === SOS) {
      if (width === 0) throw new PhotoError(422, 'the JPEG\'s image data starts before its frame header');
      const dataEnd = scanEnd(b, i);
      parts.push([i, dataEnd]);
      i = dataEnd;
    }
  }
  if (i < b.length) removed.push('trailing bytes');
  return { width, height, bytes: assemble(parts, b), removed };
}
