// A phone photo made fit to send over a field connection: a picture up to PASS_BYTES of an accepted
// type goes as it is; a bigger one (a 12 MP camera's 4–8 MB) is redrawn at most MAX_SIDE_PX a side as
// JPEG. Redrawing also drops the file's metadata; the server strips it either way.
import { PHOTO_TYPES } from '../../server/wire/photo.ts';

/** Largest file sent unchanged, bytes. */
const PASS_BYTES = 1_500_000;
/** Longest side of a redrawn photo, px (plenty to read a sign or a plate). */
const MAX_SIDE_PX = 2048;
const JPEG_QUALITY = 0.85;

/** The photo to upload for a picked file; the file itself when it is small, or the browser cannot redraw it. */
export async function preparePhoto(file: File): Promise<Blob> {
  const accepted = (PHOTO_TYPES as readonly string[]).includes(file.type);
  if (accepted && file.size <= PASS_BYTES) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file); // applies the EXIF orientation
  } catch {
    return file; // not an image the browser reads: the server says what is wrong with it
  }
  const scale = Math.min(1, MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  return blob ?? file;
}
