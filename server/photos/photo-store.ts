// Photos of cases (现场照片) as files in DATA_DIR/photos: `<id>.jpg|png|webp` holds the image with
// its metadata removed, `<id>.json` beside it says whose case it belongs to, who uploaded it, when,
// and its SHA-256. Files rather than a table: a photo is a few MB written once and never changed,
// the case's events reference it by id, and a file pair needs no schema, no migration and no lock
// shared with the access or incident database; a backup is a copy of the directory.
//
// Durability: both files are written to temporary names in the same directory and fsynced, then
// renamed — the image first, the sidecar last (the sidecar is the commit: a photo without one does
// not exist) — and the directory is fsynced before add() resolves. A write that fails removes
// whatever it made; leftovers of a crash (temporary files, an image without its sidecar) are
// removed when the store opens. Ids are minted here and checked against their exact shape before
// any path is built, so no request can name a file outside the directory.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { uuidv7 } from '../store/ids.ts';
import type { AuditActor, PhotoType } from '../wire/index.ts';
import { PhotoError } from './photo-error.ts';
import { checkPhoto } from './photo-image.ts';

/** A stored photo, as its sidecar records it. */
export interface StoredPhoto {
  id: string;
  caseId: string;
  type: PhotoType;
  /** Size of the stored file, bytes. */
  bytes: number;
  width: number;
  height: number;
  /** SHA-256 of the stored file, hex: the case's record can show the evidence is unchanged. */
  sha256: string;
  uploadedBy: AuditActor;
  /** ISO 8601, UTC. */
  uploadedAt: string;
}

/** What an upload brings: the raw body and what the client said it is. */
export interface NewPhoto {
  caseId: string;
  declaredType: PhotoType;
  bytes: Uint8Array;
  uploadedBy: AuditActor;
}

/** The file operations the store needs; tests inject failing ones. */
export interface PhotoFiles {
  /** Creates `file` (which must not exist) with mode 0600, writes `data`, fsyncs and closes it. */
  writeNew(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** fsync of a directory: the renames in it survive a power cut. */
  syncDir(dir: string): Promise<void>;
  /** Removes `file`; no error when it does not exist. */
  remove(file: string): Promise<void>;
}

/** The node:fs implementation of PhotoFiles. */
export const nodePhotoFiles: PhotoFiles = {
  async writeNew(file, data) {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  remove: (file) => rm(file, { force: true }),
};

export interface PhotoStoreOptions {
  /** DATA_DIR: photos go to its `photos` subdirectory (created, mode 0700). */
  dataDir: string;
  /** PHOTO_MAX_BYTES: largest photo accepted. */
  maxBytes: number;
  now?: () => number;
  files?: PhotoFiles;
}

export interface PhotoStore {
  /** The directory holding the photos. */
  readonly dir: string;
  /** Largest photo accepted, bytes. */
  readonly maxBytes: number;
  /** Checks, cleans and durably stores a photo of a case (resolved after fsync); throws PhotoError when refused. */
  add(photo: NewPhoto): Promise<StoredPhoto>;
  /** Photo `photoId` of case `caseId`; undefined when there is none (also for another case's photo or a malformed id). */
  get(caseId: string, photoId: string): Promise<StoredPhoto | undefined>;
  /** The stored image's bytes as a stream, or undefined when its file is gone. */
  open(photo: StoredPhoto): Promise<ReadStream | undefined>;
}

const EXTENSION: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
/** The exact shape of the ids this store mints (UUIDv7, lower case). */
const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IMAGE_FILE = /^([0-9a-f-]{36})\.(jpg|png|webp)$/;
const SIDECAR_FILE = /^([0-9a-f-]{36})\.json$/;
const TEMP_FILE = /^\..*\.tmp$/;

/** True when `id` has the shape of a photo id (nothing else ever reaches a file path). */
export const isPhotoId = (id: string): boolean => PHOTO_ID.test(id);

/** Removes what a crash left: temporary files, images without a sidecar, sidecars without an image. */
function sweep(dir: string): void {
  const names = new Set(readdirSync(dir));
  const hasImage = (id: string) => Object.values(EXTENSION).some((ext) => names.has(`${id}.${ext}`));
  for (const name of names) {
    const image = IMAGE_FILE.exec(name);
    const sidecar = SIDECAR_FILE.exec(name);
    const left = TEMP_FILE.test(name) || (image && !names.has(`${image[1]}.json`)) || (sidecar && !hasImage(sidecar[1]!));
    if (left) rmSync(path.join(dir, name), { force: true });
  }
}

/** Opens (creating) the photo directory of `dataDir` and clears what a crash left in it. */
export function openPhotoStore(options: PhotoStoreOptions): PhotoStore {
  const dir = path.join(options.dataDir, 'photos');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // also when it existed: the photos are nobody else's to read
  sweep(dir);
  const files = options.files ?? nodePhotoFiles;
  const now = options.now ?? Date.now;
  const { maxBytes } = options;
  const imageOf = (p: Pick<StoredPhoto, 'id' | 'type'>) => path.join(dir, `${p.id}.${EXTENSION[p.type]}`);
  const sidecarOf = (id: string) => path.join(dir, `${id}.json`);

  return {
    dir,
    maxBytes,
    async add(input) {
      if (input.bytes.length > maxBytes) throw new PhotoError(413, `the photo is larger than ${maxBytes} bytes (PHOTO_MAX_BYTES): send a smaller one`);
      const checked = checkPhoto(input.bytes, input.declaredType);
      const nowMs = now();
      const photo: StoredPhoto = {
        id: uuidv7(nowMs),
        caseId: input.caseId,
        type: checked.type,
        bytes: checked.bytes.length,
        width: checked.width,
        height: checked.height,
        sha256: createHash('sha256').update(checked.bytes).digest('hex'),
        uploadedBy: input.uploadedBy,
        uploadedAt: new Date(nowMs).toISOString(),
      };
      const image = imageOf(photo);
      const sidecar = sidecarOf(photo.id);
      const temp = (file: string) => path.join(dir, `.${path.basename(file)}.tmp`);
      try {
        await files.writeNew(temp(image), checked.bytes);
        await files.writeNew(temp(sidecar), new TextEncoder().encode(`${JSON.stringify(photo)}\n`));
        await files.rename(temp(image), image);
        await files.rename(temp(sidecar), sidecar);
        await files.syncDir(dir);
      } catch (err) {
        // Not answered as stored, so not kept: a retry uploads it again under a new id.
        await Promise.allSettled([sidecar, temp(sidecar), image, temp(image)].map((f) => files.remove(f)));
        throw err;
      }
      return photo;
    },
    async get(caseId, photoId) {
      if (!isPhotoId(photoId)) return undefined;
      let photo: StoredPhoto;
      try {
        photo = JSON.parse(await readFile(sidecarOf(photoId), 'utf8')) as StoredPhoto;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      return photo.id === photoId && photo.caseId === caseId && photo.type in EXTENSION ? photo : undefined;
    },
    async open(photo) {
      try {
        return (await open(imageOf(photo), 'r')).createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
