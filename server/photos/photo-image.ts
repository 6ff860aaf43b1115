// What a photo is decided by its bytes, never by the Content-Type alone: the magic number names
// the format, the declared type must agree with it, the format's own structure is checked chunk
// by chunk (a truncated or damaged file is refused), the header's dimensions must be sane (a
// 50,000 px PNG of a few kB decodes to gigabytes in a browser), and the metadata is removed.
import type { PhotoType } from '../wire/index.ts';
import { cleanJpeg } from './jpeg.ts';
import { PhotoError } from './photo-error.ts';
import type { CleanedImage } from './photo-error.ts';
import { cleanPng } from './png.ts';
import { cleanWebp } from './webp.ts';

/** Largest width or height accepted, px: phone cameras stay below it; decompression bombs do not. */
export const MAX_PHOTO_SIDE_PX = 12_000;

const NAMES: Record<PhotoType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The accepted type the bytes are, by their magic number. */
export function sniffPhotoType(b: Uint8Array): PhotoType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** What else the bytes look like, so the refusal can say what was sent. */
function otherKind(b: Uint8Array): string | undefined {
  const head = ascii(b, 0, Math.min(b.length, 16));
  if (head.startsWith('GIF8')) return 'a GIF image';
  if (/^....ftyp(heic|heix|hevc|mif1|msf1|avif)/s.test(head)) return 'a HEIC/AVIF image (on an iPhone: Settings → Camera → Formats → Most Compatible)';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF image';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (/^\s*</.test(head)) return 'markup (HTML, XML or SVG)';
  if (/^\s*[[{]/.test(head)) return 'JSON';
  return undefined;
}

/** A photo ready to store: its type (from the bytes), size and the cleaned bytes. */
export interface CheckedPhoto extends CleanedImage {
  type: PhotoType;
}

/**
 * Checks `bytes` against the declared Content-Type and returns them cleaned of metadata, or throws
 * PhotoError: 400 empty, 415 not JPEG/PNG/WebP or not the declared type, 422 damaged or too large in pixels.
 */
export function checkPhoto(bytes: Uint8Array, declared: PhotoType): CheckedPhoto {
  if (bytes.length === 0) throw new PhotoError(400, 'the body is empty: send the photo\'s bytes as the body');
  const type = sniffPhotoType(bytes);
  if (!type) {
    const kind = otherKind(bytes);
    throw new PhotoError(415, `the body is not a JPEG, PNG or WebP image${kind ? ` but ${kind}` : ''}: send a photo in one of those formats`);
  }
  if (type !== declared) throw new PhotoError(415, `Content-Type says ${declared} but the body is a ${NAMES[type]} image: send it as ${type}`);
  const cleaned = type === 'image/jpeg' ? cleanJpeg(bytes) : type === 'image/png' ? cleanPng(bytes) : cleanWebp(bytes);
  if (cleaned.width > MAX_PHOTO_SIDE_PX || cleaned.height > MAX_PHOTO_SIDE_PX) {
    throw new PhotoError(422, `the image is ${cleaned.width} × ${cleaned.height} px; at most ${MAX_PHOTO_SIDE_PX} px a side are accepted: send a smaller photo`);
  }
  return { type, ...cleaned };
}
