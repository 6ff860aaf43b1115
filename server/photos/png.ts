// PNG: walks the chunks from the signature to IEND, checking each one's length and CRC, reads the
// size from IHDR, and drops the chunks that carry metadata: eXIf (EXIF, GPS), tEXt, zTXt and iTXt
// (free text, XMP), and anything after IEND. Image chunks are copied byte for byte. An EXIF
// orientation other than 1 is kept as a minimal eXIf chunk with that one tag, where the old was.
import { crc32 } from 'node:zlib';
import { orientationOfExif, orientationOnlyTiff, turns } from './exif-orientation.ts';
import { assemble, PhotoError } from './photo-error.ts';
import type { CleanedImage } from './photo-error.ts';

/** Metadata chunks that are removed. */
const DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);
const SIGNATURE_LENGTH = 8;
/** Largest chunk length the format allows (2^31 − 1). */
const MAX_CHUNK = 0x7fffffff;

/** A PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Checks a PNG, reads its size and removes its metadata (see the file comment). */
export function cleanPng(b: Uint8Array): CleanedImage {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: (Uint8Array | [number, number])[] = [[0, SIGNATURE_LENGTH]];
  const removed: string[] = [];
  let width = 0;
  let height = 0;
  let imageData = false;
  let orientationKept = false;
  let i = SIGNATURE_LENGTH;
  for (;;) {
    if (i + 12 > b.length) throw new PhotoError(422, 'the PNG ends before its IEND chunk: the file is truncated');
    const length = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PhotoError(422, `the PNG is damaged: no chunk type at byte ${i}`);
    const end = i + 12 + length;
    if (length > MAX_CHUNK || end > b.length) throw new PhotoError(422, `the PNG's ${type} chunk at byte ${i} runs past the end of the file: the file is truncated`);
    if (crc32(b.subarray(i + 4, end - 4)) !== view.getUint32(end - 4)) throw new PhotoError(422, `the PNG's ${type} chunk at byte ${i} has a wrong CRC: the file is damaged`);
    if (i === SIGNATURE_LENGTH) {
      if (type !== 'IHDR' || length !== 13) throw new PhotoError(422, 'the PNG does not start with its IHDR chunk');
      width = view.getUint32(i + 8);
      height = view.getUint32(i + 12);
      if (width === 0 || height === 0) throw new PhotoError(422, 'the PNG has a width or height of 0');
    }
    if (type === 'IDAT') imageData = true;
    if (DROPPED.has(type)) {
      removed.push(type);
      const orientation = type === 'eXIf' ? orientationOfExif(b.subarray(i + 8, end - 4)) : undefined;
      if (!orientationKept && turns(orientation)) {
        parts.push(pngChunk('eXIf', orientationOnlyTiff(orientation)));
        orientationKept = true;
      }
    } else {
      parts.push([i, end]);
    }
    i = end;
    if (type === 'IEND') break;
  }
  if (!imageData) throw new PhotoError(422, 'the PNG has no image data (no IDAT chunk)');
  if (i < b.length) removed.push('trailing bytes');
  return { width, height, bytes: assemble(parts, b), removed };
}
