// Why a photo was refused, with the HTTP status that says so: 413 too large, 415 not an image of
// an accepted type (or not the type it claims), 422 an image the server will not keep (damaged,
// truncated, absurd dimensions).

/** A refused photo; the message is meant for the person who sent it. */
export class PhotoError extends Error {
  override name = 'PhotoError';
  constructor(
    readonly statusCode: 400 | 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** What a format's cleaner hands back: the dimensions, the bytes to store, and what it removed. */
export interface CleanedImage {
  width: number;
  height: number;
  /** The image with its metadata removed; image data bytes untouched. */
  bytes: Uint8Array;
  /** What was removed, e.g. "APP1 Exif", "tEXt", "trailing bytes" (for logs and tests). */
  removed: string[];
}

/** Joins byte ranges of `source` and inserted blocks into one array. */
export function assemble(parts: (Uint8Array | [number, number])[], source: Uint8Array): Uint8Array {
  let length = 0;
  for (const p of parts) length += Array.isArray(p) ? p[1] - p[0] : p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    const block = Array.isArray(p) ? source.subarray(p[0], p[1]) : p;
    out.set(block, at);
    at += block.length;
  }
  return out;
}
