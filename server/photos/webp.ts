// WebP: walks the RIFF chunks, reads the size from the first chunk (VP8X canvas, VP8 frame
// header or VP8L header), and drops the EXIF and XMP chunks (clearing their VP8X flags) and
// anything after the RIFF end. Image chunks are copied byte for byte. An EXIF orientation other
// than 1 is kept as a minimal EXIF chunk with that one tag, where the old was.
import { orientationOfExif, orientationOnlyTiff, turns } from './exif-orientation.ts';
import { assemble, PhotoError } from './photo-error.ts';
import type { CleanedImage } from './photo-error.ts';

const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ANMF']);

const u24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);

/** A RIFF chunk: FourCC, little-endian length, data and the pad byte of an odd length. */
export function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  for (let k = 0; k < 4; k++) out[k] = fourcc.charCodeAt(k);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** Width and height from the first chunk, which must say what kind of WebP this is. */
function sizeOf(fourcc: string, p: Uint8Array): { width: number; height: number } {
  if (fourcc === 'VP8X' && p.length >= 10) return { width: 1 + u24(p, 4), height: 1 + u24(p, 7) };
  if (fourcc === 'VP8 ' && p.length >= 10 && p[3] === 0x9d && p[4] === 0x01 && p[5] === 0x2a) {
    return { width: (p[6]! | (p[7]! << 8)) & 0x3fff, height: (p[8]! | (p[9]! << 8)) & 0x3fff };
  }
  if (fourcc === 'VP8L' && p.length >= 5 && p[0] === 0x2f) {
    const bits = new DataView(p.buffer, p.byteOffset + 1, 4).getUint32(0, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  throw new PhotoError(422, `the WebP does not start with a valid VP8, VP8L or VP8X chunk (found "${fourcc}")`);
}

/** Checks a WebP, reads its size and removes its metadata (see the file comment). */
export function cleanWebp(b: Uint8Array): CleanedImage {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffSize = view.getUint32(4, true);
  const riffEnd = 8 + riffSize;
  if (riffEnd > b.length) throw new PhotoError(422, `the WebP declares ${riffEnd} bytes but has ${b.length}: the file is truncated`);
  const parts: (Uint8Array | [number, number])[] = [];
  const removed: string[] = [];
  let size: { width: number; height: number } | undefined;
  let vp8x: { part: number; flags: number } | undefined;
  let imageData = false;
  let orientationKept = false;
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) throw new PhotoError(422, `the WebP ends inside a chunk header at byte ${i}: the file is truncated`);
    const fourcc = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    const length = view.getUint32(i + 4, true);
    // The pad byte of an odd-sized last chunk is sometimes left out; the chunk itself must be whole.
    const end = Math.min(i + 8 + length + (length & 1), riffEnd);
    if (i + 8 + length > riffEnd) throw new PhotoError(422, `the WebP's "${fourcc}" chunk at byte ${i} runs past the end of the file: the file is truncated`);
    const payload = b.subarray(i + 8, i + 8 + length);
    if (size === undefined) {
      size = sizeOf(fourcc, payload);
      if (size.width === 0 || size.height === 0) throw new PhotoError(422, 'the WebP has a width or height of 0');
      if (fourcc === 'VP8X') vp8x = { part: parts.length, flags: payload[0]! };
    }
    if (IMAGE_CHUNKS.has(fourcc)) imageData = true;
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      removed.push(fourcc.trim());
      const orientation = fourcc === 'EXIF' ? orientationOfExif(payload) : undefined;
      if (!orientationKept && turns(orientation)) {
        parts.push(riffChunk('EXIF', orientationOnlyTiff(orientation)));
        orientationKept = true;
      }
    } else {
      parts.push([i, end]);
    }
    i = end;
  }
  if (!size || !imageData) throw new PhotoError(422, 'the WebP has no image data (no VP8, VP8L or ANMF chunk)');
  if (riffEnd < b.length) removed.push('trailing bytes');
  if (vp8x) {
    const [from, to] = parts[vp8x.part] as [number, number];
    const patched = b.slice(from, to);
    patched[8] = (vp8x.flags & ~(EXIF_FLAG | XMP_FLAG)) | (orientationKept ? EXIF_FLAG : 0);
    parts[vp8x.part] = patched;
  }
  const body = assemble(parts, b);
  const out = new Uint8Array(12 + body.length);
  out.set(b.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  out.set(body, 12);
  return { ...size, bytes: out, removed };
}
