// The one EXIF tag a stored photo keeps: Orientation (0x0112). Phones write the sensor's pixels
// and say in EXIF how to turn them; browsers apply it (image-orientation: from-image), so without
// it a portrait photo shows on its side. Everything else in EXIF (GPS position, time, device,
// owner, thumbnail) is dropped: the case has its location, and a photo forwarded outside must not
// carry where the worker was. Both functions work on the TIFF structure EXIF is stored in.

const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The Orientation (1–8) in IFD0 of a TIFF block, or undefined when absent or unreadable. */
export function orientationOf(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined; // "II" little-endian, "MM" big-endian
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== SHORT || view.getUint32(entry + 4, little) !== 1) return undefined;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** The Orientation of EXIF data that may start with the "Exif\0\0" header (JPEG APP1, some WebP writers). */
export function orientationOfExif(data: Uint8Array): number | undefined {
  return orientationOf(startsWith(data, EXIF_HEADER) ? data.subarray(EXIF_HEADER.length) : data);
}

/** A TIFF block holding IFD0 with the Orientation tag only (26 bytes, big-endian). */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  const out = new Uint8Array(26);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x4d4d);
  view.setUint16(2, 42);
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, SHORT);
  view.setUint32(14, 1);
  view.setUint16(18, orientation); // value, left-justified in the 4-byte field
  view.setUint32(22, 0); // no next IFD (no thumbnail)
  return out;
}

/** "Exif\0\0": the header of EXIF in a JPEG APP1 segment. */
export const EXIF_HEADER = Uint8Array.of(0x45, 0x78, 0x69, 0x66, 0, 0);

/** True when `data` starts with `prefix`. */
export function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.length < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (data[k] !== prefix[k]) return false;
  return true;
}

/** Orientation worth keeping: 1 is "as stored", so a photo with 1 keeps no EXIF at all. */
export const turns = (orientation: number | undefined): orientation is number => orientation !== undefined && orientation > 1;
