// The photos of a 发现上报 belong in its case's record: once they are stored, the reporter adds them
// to the case as a note (the reporter's one command on its own open report), with the version it
// reads just before — and once more if someone (the duty officer accepting it) acted in between.
import { fetchCase, sendCaseCommand } from '../api/cases.ts';

export type RecordOutcome = { ok: true } | { ok: false; status: number; reason: string };

/** Records the stored photo ids on the reported case as a note with `text`. */
export async function recordReportPhotos(caseId: string, photoIds: readonly string[], text: string): Promise<RecordOutcome> {
  let version: number;
  try {
    version = (await fetchCase(caseId)).case.version;
  } catch (err) {
    return { ok: false, status: (err as { status?: number }).status ?? 0, reason: err instanceof Error ? err.message : 'network' };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const answer = await sendCaseCommand(caseId, version, { type: 'note', text, photos: [...photoIds] });
    if (answer.ok) return { ok: true };
    if (answer.status !== 409 || !answer.case) return { ok: false, status: answer.status, reason: answer.reason };
    version = answer.case.version;
  }
  return { ok: false, status: 409, reason: 'the case kept changing: try again' };
}
