// The case API as the console and the phone page use it (wire types from server/wire, defined once).
// A command answers the new state, or a refusal with the server's reason and — on 409 — the case
// as it is now, so the card can show what changed instead of a bare error.
import { sessionLost } from '../auth/session.ts';
import { API_BASE, getJson } from './http.ts';
import type {
  CaseCommandResult, CaseDetailResponse, CaseListResponse, CaseTab, CaseView,
} from '../../server/wire/case-api.ts';
import type { CaseCommand } from '../../server/wire/case.ts';
import type { CaseStage } from '../../server/wire/case.ts';

export interface CaseListFilter {
  tab?: CaseTab;
  stage?: CaseStage;
  township?: string;
  category?: string;
  source?: string;
  assignee?: 'me';
  sort?: 'due' | 'newest';
  limit?: number;
}

/** GET /cases with the filter's fields as query parameters. */
export function fetchCases(filter: CaseListFilter, signal?: AbortSignal): Promise<CaseListResponse> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return getJson<CaseListResponse>(`/cases${qs ? `?${qs}` : ''}`, signal);
}

/** GET /cases/{id}: state, timeline and the commands the caller may give now. */
export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetailResponse> {
  return getJson<CaseDetailResponse>(`/cases/${encodeURIComponent(id)}`, signal);
}

/** What a command came to: applied, or refused with the reason (and the current case on 409). */
export type CommandOutcome =
  | ({ ok: true } & CaseCommandResult)
  | { ok: false; status: number; reason: string; field?: string; case?: CaseView };

/** POSTs one command with the version the user saw. Never throws for an HTTP refusal. */
export async function sendCaseCommand(id: string, expectedVersion: number, command: CaseCommand): Promise<CommandOutcome> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/cases/${encodeURIComponent(id)}/commands`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ ...command, expectedVersion }),
    });
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
  if (res.status === 401) sessionLost();
  const body = (await res.json().catch(() => ({}))) as Partial<CaseCommandResult> & { message?: string; field?: string; case?: CaseView };
  if (res.ok && body.case && body.events) return { ok: true, case: body.case, events: body.events };
  return {
    ok: false, status: res.status, reason: body.message ?? res.statusText,
    ...(body.field ? { field: body.field } : {}), ...(body.case ? { case: body.case } : {}),
  };
}

/** A stored photo as POST /cases/{id}/photos answers it. */
export interface UploadedPhoto {
  id: string;
  type: string;
  width: number;
  height: number;
  url: string;
}

/** Uploads one image file as the raw body; the answer's id goes into a feedback or handle command. */
export async function uploadCasePhoto(caseId: string, file: Blob): Promise<{ ok: true; photo: UploadedPhoto } | { ok: false; status: number; reason: string }> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/cases/${encodeURIComponent(caseId)}/photos`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' }, body: file,
    });
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
  if (res.status === 401) sessionLost();
  const body = (await res.json().catch(() => ({}))) as { photo?: UploadedPhoto; message?: string };
  if (res.ok && body.photo) return { ok: true, photo: body.photo };
  return { ok: false, status: res.status, reason: body.message ?? res.statusText };
}

/** Where a case photo is served (only to accounts whose jurisdiction covers the case). */
export const casePhotoUrl = (caseId: string, photoId: string) =>
  `${API_BASE}/cases/${encodeURIComponent(caseId)}/photos/${encodeURIComponent(photoId)}`;
