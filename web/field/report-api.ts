// 发现上报: a grid worker's report, posted with the session (the server stores it under source
// grid-report, attributed to the account, at the grid the point lies in). The sourceId is made once
// per report and reused on a retry, so a report sent twice over a bad connection is stored once.
import { sessionLost } from '../auth/session.ts';
import { API_BASE } from '../api/http.ts';
import type { AcceptedIncident, IncidentCategory, IncidentPriority, IngestResult } from '../../server/wire/incident.ts';

export interface FieldReport {
  sourceId: string;
  category: IncidentCategory;
  priority: IncidentPriority;
  lng: number;
  lat: number;
  description: string;
  occurredAt: string;
}

/** A fresh idempotency key for one report (getRandomValues also works outside secure contexts). */
export function newReportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `field-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type ReportOutcome =
  | { ok: true; incident: AcceptedIncident }
  | { ok: false; status: number; reason: string; field?: string };

/** POSTs the report to /events; never throws for a refusal or a lost connection. */
export async function postFieldReport(report: FieldReport): Promise<ReportOutcome> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/events`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
  if (res.status === 401) sessionLost();
  const body = (await res.json().catch(() => ({}))) as Partial<IngestResult> & { message?: string };
  const accepted = body.accepted?.[0];
  if (res.ok && accepted) return { ok: true, incident: accepted };
  const rejected = body.rejected?.[0];
  if (rejected) return { ok: false, status: res.status, reason: rejected.reason, field: rejected.field };
  return { ok: false, status: res.status, reason: body.message ?? res.statusText };
}
