// Malformed photo uploads and photo reads, generated deterministically from a seed: empty bodies,
// wrong magic numbers, truncated and corrupted files, decompression bombs (absurd dimensions in
// the header), wrong or missing Content-Types, 20 MB bodies, photo ids that try to leave the photo
// directory, odd case ids and cases the caller may only see. Every case is malformed by
// construction, so the only right answer is a 4xx that names the reason.
import type { PRNG } from 'seedrandom';
import { pngChunk } from '../photos/png.ts';
import type { PhotoType } from '../wire/index.ts';
import type { HttpCase } from './fuzz-bodies.ts';

/** Case ids the fuzz server's caseAccess knows: photos may be added to the first, only seen in the second. */
export const FUZZ_CASES = { attach: 'fuzz-case-open', read: 'fuzz-case-seen' } as const;

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: PRNG, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Photo ids that try to reach another file (raw path segments, some already percent-encoded). */
const TRAVERSALS = [
  '../../access.sqlite', '..%2F..%2Faccess.sqlite', '%2e%2e%2f%2e%2e%2faccess.sqlite', '%2E%2E%2F%2E%2E%2Fincidents.sqlite',
  '%2e%2e/%2e%2e/access.sqlite', '..%5c..%5caccess.sqlite', '....%2F%2F....%2F%2Faccess.sqlite', '%252e%252e%252faccess.sqlite',
  '..', '.', '%2e', '%2e%2e', 'access.sqlite', '..%2Faccess.sqlite-wal', '%2Fetc%2Fpasswd', '..%2F..%2F..%2F..%2Fetc%2Fpasswd',
  '0190f2a1-7c3e-7a11-8b2c-3d4e5f607182%00.json', '0190f2a1-7c3e-7a11-8b2c-3d4e5f607182.json', '0190f2a1-7c3e-7a11-8b2c-3d4e5f607182%2F..',
  '%00', '%C0%AE%C0%AE%2F', '%u002e%u002e', '.%2e%2F', 'x'.repeat(90), '照片', '%F0%9F%98%80',
];
const CASE_IDS = ['__proto__', 'constructor', 'prototype', 'toString', '..', '%2e%2e', '%00', 'x'.repeat(90), '案件', `${FUZZ_CASES.attach}%2F..`, `${FUZZ_CASES.attach}%00`, ' ', '%20'];
const WRONG_TYPES = ['text/plain', 'application/json', 'application/octet-stream', 'image/gif', 'image/jpg', 'image/heic', 'image/svg+xml', 'multipart/form-data; boundary=x', 'image/*', '*/*', 'image', 'image/jpeg, image/png', 'application/x-www-form-urlencoded', undefined];

/** The image with dimensions far beyond any phone's in its header (the data itself unchanged). */
function bomb(rng: PRNG, type: PhotoType, image: Uint8Array): Uint8Array {
  const b = image.slice();
  const view = new DataView(b.buffer);
  const side = int(rng, 12_001, 16_000);
  if (type === 'image/png') {
    const ihdr = new Uint8Array(13);
    ihdr.set(b.subarray(16, 29));
    new DataView(ihdr.buffer).setUint32(rng() < 0.5 ? 0 : 4, int(rng, 12_001, 0x7fffffff));
    return new Uint8Array([...b.subarray(0, 8), ...pngChunk('IHDR', ihdr), ...b.subarray(33)]);
  }
  if (type === 'image/webp') {
    b[24 + (rng() < 0.5 ? 0 : 3)] = 0xff; // a low byte of the VP8X canvas width or height − 1 …
    b[26 + (rng() < 0.5 ? 0 : 3)] = 0xff; // … and a high byte: that side ≥ 16,711,681 px
    return b;
  }
  for (let k = 2; k + 8 < b.length; k++) {
    if (b[k] === 0xff && (b[k + 1] === 0xc0 || b[k + 1] === 0xc2)) {
      view.setUint16(k + (rng() < 0.5 ? 5 : 7), side);
      return b;
    }
  }
  throw new Error('no SOF in the JPEG');
}

/** Random bytes that start like none of the accepted formats. */
function noise(rng: PRNG, length: number): Uint8Array {
  const b = Uint8Array.from({ length }, () => Math.floor(rng() * 256));
  if (b[0] === 0xff || b[0] === 0x89 || b[0] === 0x52) b[0] = 0x00;
  return b;
}

/** Generates the cases; `images` holds one small valid image of each type. */
export function photoCases(rng: PRNG, images: Record<PhotoType, Uint8Array>, counts: Record<string, number>): HttpCase[] {
  const post = (kind: string, body: Uint8Array, contentType: string | undefined, caseId: string = FUZZ_CASES.attach): HttpCase => ({
    kind, method: 'POST', route: `/api/v1/cases/${caseId}/photos`, body: body as Uint8Array<ArrayBuffer>, ...(contentType !== undefined && { contentType }),
  });
  const anyImage = () => {
    const type = pick(rng, TYPES);
    return { type, image: images[type] };
  };
  const makers: Record<string, () => HttpCase> = {
    'photo-empty': () => post('photo-empty', new Uint8Array(0), pick(rng, TYPES)),
    'photo-magic': () => {
      const { type, image } = anyImage();
      if (rng() < 0.5) return post('photo-magic', noise(rng, int(rng, 1, 4000)), type);
      const b = image.slice();
      const at = int(rng, 0, 2);
      b[at] = b[at]! ^ 0x5a; // the magic number broken, the rest a real image
      return post('photo-magic', b, type);
    },
    'photo-mismatch': () => {
      const { type, image } = anyImage();
      return post('photo-mismatch', image, pick(rng, TYPES.filter((t) => t !== type)));
    },
    'photo-truncated': () => {
      const { type, image } = anyImage();
      return post('photo-truncated', image.subarray(0, int(rng, type === 'image/webp' ? 12 : 8, image.length - 1)), type);
    },
    'photo-corrupt-png': () => {
      const b = images['image/png'].slice();
      const at = int(rng, 8, b.length - 1);
      b[at] = b[at]! ^ (1 << int(rng, 0, 7)); // any one bit of a chunk: its CRC no longer matches
      return post('photo-corrupt-png', b, 'image/png');
    },
    'photo-bomb': () => {
      const { type, image } = anyImage();
      return post('photo-bomb', bomb(rng, type, image), type);
    },
    'photo-content-type': () => post('photo-content-type', anyImage().image, pick(rng, WRONG_TYPES)),
    'photo-20mb': () => {
      const { type, image } = anyImage();
      const b = new Uint8Array(20 * 1024 * 1024);
      b.set(image);
      return post('photo-20mb', b, type);
    },
    'photo-path': () => ({ kind: 'photo-path', method: 'GET', route: `/api/v1/cases/${pick(rng, [FUZZ_CASES.attach, FUZZ_CASES.read])}/photos/${pick(rng, TRAVERSALS)}` }),
    'photo-case': () => (rng() < 0.5
      ? post('photo-case', anyImage().image, 'image/jpeg', pick(rng, CASE_IDS))
      : { kind: 'photo-case', method: 'GET', route: `/api/v1/cases/${pick(rng, CASE_IDS)}/photos/0190f2a1-7c3e-7a11-8b2c-3d4e5f607182` }),
    'photo-read-only': () => {
      const { type, image } = anyImage();
      return post('photo-read-only', image, type, FUZZ_CASES.read);
    },
  };
  const cases: HttpCase[] = [];
  for (const [kind, count] of Object.entries(counts)) {
    const make = makers[kind];
    if (!make) throw new Error(`no generator for ${kind}`);
    for (let i = 0; i < count; i++) cases.push(make());
  }
  return cases;
}
