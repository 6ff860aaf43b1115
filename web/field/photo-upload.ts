// Uploads a step's photos to a case one by one (a phone link is narrow), remembering what is up:
// a retry after a refusal or a dropped connection sends only the photos not stored yet.
import { uploadCasePhoto } from '../api/cases.ts';
import { preparePhoto } from './prepare-photo.ts';

export type UploadOutcome = { ok: true; ids: string[] } | { ok: false; status: number; reason: string; index: number };

/** Stores each file not in `uploaded` yet (file → photo id, updated as they go up); answers the ids in file order. */
export async function uploadPhotos(
  caseId: string, files: readonly File[], uploaded: Map<File, string>, onProgress?: (done: number) => void,
): Promise<UploadOutcome> {
  const ids: string[] = [];
  for (const [index, file] of files.entries()) {
    let id = uploaded.get(file);
    if (id === undefined) {
      const answer = await uploadCasePhoto(caseId, await preparePhoto(file));
      if (!answer.ok) return { ok: false, status: answer.status, reason: answer.reason, index };
      id = answer.photo.id;
      uploaded.set(file, id);
    }
    ids.push(id);
    onProgress?.(index + 1);
  }
  return { ok: true, ids };
}
