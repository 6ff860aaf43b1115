// The photo store keeps what it acknowledged and nothing else: a stored photo survives a reopen,
// belongs to its case only, and a refused or failed write (at any step) leaves no file behind.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-fixtures/app.ts';
import { canvasImage, hasSecret, jpegWithMetadata } from '../test-fixtures/photos.ts';
import type { AuditActor } from '../wire/index.ts';
import { checkPhoto } from './photo-image.ts';
import { nodePhotoFiles, openPhotoStore } from './photo-store.ts';
import type { PhotoFiles } from './photo-store.ts';

const MiB = 1024 * 1024;
const worker: AuditActor = { type: 'account', id: '7', name: 'grid-worker-1' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dataDir(): string {
  const t = tempDir('yzt-photos-');
  cleanups.push(t.remove);
  return t.dir;
}

describe('photo store', () => {
  it('stores a cleaned photo durably, in a private directory, for its case only', async () => {
    const dir = dataDir();
    const store = openPhotoStore({ dataDir: dir, maxBytes: 8 * MiB, now: () => Date.parse('2026-12-01T08:00:00Z') });
    const original = await canvasImage('image/jpeg');
    const photo = await store.add({ caseId: 'case-1', declaredType: 'image/jpeg', bytes: jpegWithMetadata(original, 6).bytes, uploadedBy: worker });

    expect(photo).toMatchObject({ caseId: 'case-1', type: 'image/jpeg', width: 40, height: 30, uploadedBy: worker, uploadedAt: '2026-12-01T08:00:00.000Z' });
    expect(photo.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(readdirSync(store.dir).sort()).toEqual([`${photo.id}.jpg`, `${photo.id}.json`]);
    expect(store.dir).toBe(path.join(dir, 'photos'));
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(store.dir, `${photo.id}.jpg`)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path.join(store.dir, `${photo.id}.json`), 'utf8'))).toEqual(photo);

    const file = readFileSync(path.join(store.dir, `${photo.id}.jpg`));
    expect(file.length).toBe(photo.bytes);
    expect(hasSecret(file)).toEqual({ text: false, gps: false });

    // A new store on the same directory (a restart) finds it; another case's id does not.
    const reopened = openPhotoStore({ dataDir: dir, maxBytes: 8 * MiB });
    expect(await reopened.get('case-1', photo.id)).toEqual(photo);
    expect(await reopened.get('case-2', photo.id)).toBeUndefined();
    const stream = await reopened.open(photo);
    expect((await buffer(stream!)).equals(file)).toBe(true);
  });

  it('never reads a file outside its directory, whatever the photo id says', async () => {
    const dir = dataDir();
    const store = openPhotoStore({ dataDir: dir, maxBytes: MiB });
    // A sidecar and an image beside the photo directory, where a path built from these ids lands.
    for (const id of ['../planted', 'x/../../planted', './../planted']) {
      writeFileSync(path.join(dir, 'planted.json'), JSON.stringify({ id, caseId: 'case-1', type: 'image/jpeg' }));
      writeFileSync(path.join(dir, 'planted.jpg'), 'not a photo');
      expect(await store.get('case-1', id), id).toBeUndefined();
    }
    for (const id of ['', 'x', '0190f2a1-7c3e-7a11-8b2c-3d4e5f60718', '0190F2A1-7C3E-7A11-8B2C-3D4E5F607182', '0190f2a1-7c3e-4a11-8b2c-3d4e5f607182', '0190f2a1-7c3e-7a11-8b2c-3d4e5f607182.json']) {
      expect(await store.get('case-1', id), id).toBeUndefined();
    }
  });

  it('refuses a photo over the limit (413, naming it) and a broken one, writing nothing', async () => {
    const store = openPhotoStore({ dataDir: dataDir(), maxBytes: 500 });
    const image = await canvasImage('image/jpeg');
    await expect(store.add({ caseId: 'c', declaredType: 'image/jpeg', bytes: image, uploadedBy: worker })).rejects.toMatchObject({ statusCode: 413, message: expect.stringContaining('500 bytes (PHOTO_MAX_BYTES)') });
    await expect(store.add({ caseId: 'c', declaredType: 'image/jpeg', bytes: image.subarray(0, 300), uploadedBy: worker })).rejects.toMatchObject({ statusCode: 422 });
    expect(readdirSync(store.dir)).toEqual([]);
  });

  const STEPS = ['write image', 'write sidecar', 'rename image', 'rename sidecar', 'sync directory'] as const;

  /** Real file operations that fail at `step` with ENOSPC; a failing write first writes half its data. */
  function failingAt(step: (typeof STEPS)[number]): PhotoFiles {
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    let writes = 0;
    let renames = 0;
    return {
      async writeNew(file, data) {
        const which = writes++ === 0 ? 'write image' : 'write sidecar';
        if (which !== step) return nodePhotoFiles.writeNew(file, data);
        await nodePhotoFiles.writeNew(file, data.subarray(0, data.length >> 1));
        throw enospc();
      },
      async rename(from, to) {
        const which = renames++ === 0 ? 'rename image' : 'rename sidecar';
        if (which === step) throw enospc();
        return nodePhotoFiles.rename(from, to);
      },
      async syncDir(dir) {
        if (step === 'sync directory') throw enospc();
        return nodePhotoFiles.syncDir(dir);
      },
      remove: nodePhotoFiles.remove,
    };
  }

  it.each(STEPS)('leaves nothing behind when the %s step fails', async (step) => {
    const store = openPhotoStore({ dataDir: dataDir(), maxBytes: MiB, files: failingAt(step) });
    const bytes = await canvasImage('image/png');
    await expect(store.add({ caseId: 'c', declaredType: 'image/png', bytes, uploadedBy: worker })).rejects.toThrow('ENOSPC');
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('clears what a crash left when it opens, and keeps whole photos and foreign files', async () => {
    const dir = dataDir();
    const first = openPhotoStore({ dataDir: dir, maxBytes: MiB });
    const kept = await first.add({ caseId: 'c', declaredType: 'image/webp', bytes: await canvasImage('image/webp'), uploadedBy: worker });
    const photos = first.dir;
    const id = (n: number) => `0190f2a1-7c3e-7a11-8b2c-3d4e5f6071${String(n).padStart(2, '0')}`;
    writeFileSync(path.join(photos, `.${id(1)}.jpg.tmp`), 'half an image');
    writeFileSync(path.join(photos, `.${id(1)}.json.tmp`), '{"id":');
    writeFileSync(path.join(photos, `${id(2)}.png`), 'renamed, but its sidecar never was');
    writeFileSync(path.join(photos, `${id(3)}.json`), '{}');
    writeFileSync(path.join(photos, 'README.txt'), 'an operator\'s note');
    mkdirSync(path.join(photos, 'backup'));

    openPhotoStore({ dataDir: dir, maxBytes: MiB });
    expect(readdirSync(photos).sort()).toEqual([`${kept.id}.json`, `${kept.id}.webp`, 'README.txt', 'backup'].sort());
    expect(existsSync(path.join(photos, 'README.txt'))).toBe(true);
  });

  it('stores a 4 MB phone JPEG (prints the time)', async () => {
    const store = openPhotoStore({ dataDir: dataDir(), maxBytes: 8 * MiB });
    const { bytes } = jpegWithMetadata(await canvasImage('image/jpeg', 2400, 1700, true), 6);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      const photo = await store.add({ caseId: 'c', declaredType: 'image/jpeg', bytes, uploadedBy: worker });
      times.push(performance.now() - t0);
      expect(photo.width).toBe(2400);
    }
    const checks: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      checkPhoto(bytes, 'image/jpeg');
      checks.push(performance.now() - t0);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!.toFixed(1);
    console.log(
      `photo store: a ${(bytes.length / 1e6).toFixed(2)} MB JPEG checked, cleaned, hashed, written and fsynced in ${median(times)} ms ` +
        `(median of 5; ${times.map((t) => t.toFixed(1)).join(', ')}), of which checking and cleaning alone ${median(checks)} ms`,
    );
  });
});
