// The read endpoints the web uses, typed with the wire types.
import type {
  CameraCollection, Incident, IncidentCategory, IncidentsResponse, JurisdictionResponse, RouteCollection, UnitInfo, UnitsResponse,
} from '../../server/wire/index.ts';
import { getJson } from './http.ts';

export function fetchJurisdiction(signal?: AbortSignal): Promise<JurisdictionResponse> {
  return getJson<JurisdictionResponse>('/jurisdiction', signal);
}

export function fetchCameras(signal?: AbortSignal): Promise<CameraCollection> {
  return getJson<CameraCollection>('/cameras', signal);
}

export function fetchRoutes(signal?: AbortSignal): Promise<RouteCollection> {
  return getJson<RouteCollection>('/routes', signal);
}

export async function fetchUnits(signal?: AbortSignal): Promise<UnitInfo[]> {
  return (await getJson<UnitsResponse>('/units', signal)).units;
}

/** Most incidents one GET /incidents may return (the server's limit). */
export const MAX_INCIDENTS_PER_REQUEST = 5000;

export interface IncidentFilter {
  /** occurredAt ≥ since, ISO 8601. */
  since?: string;
  /** occurredAt < until, ISO 8601. */
  until?: string;
  townshipCode?: string;
  category?: IncidentCategory;
  limit?: number;
}

/** Recent incidents, newest first by occurrence time. */
export async function fetchIncidents(filter: IncidentFilter, signal?: AbortSignal): Promise<Incident[]> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
  return (await getJson<IncidentsResponse>(`/incidents?${q.toString()}`, signal)).incidents;
}

/**
 * Up to about `max` incidents that occurred since `since`, newest first, fetched page by page
 * (each page ends just after the previous one's oldest incident; the overlap merges by id).
 */
export async function fetchIncidentWindow(since: string, max: number, signal?: AbortSignal): Promise<Incident[]> {
  const out: Incident[] = [];
  let until: string | undefined;
  while (out.length < max) {
    const limit = Math.min(MAX_INCIDENTS_PER_REQUEST, max - out.length);
    const page = await fetchIncidents({ since, until, limit }, signal);
    out.push(...page);
    const oldest = page.at(-1);
    if (page.length < limit || !oldest) break;
    // `until` is exclusive: step 1 ms past the oldest so incidents sharing its time are not skipped.
    const next = new Date(Date.parse(oldest.occurredAt) + 1).toISOString();
    if (next === until) break;
    until = next;
  }
  return out;
}

/** One incident by id (GET /api/v1/incidents/:id; 404 outside the caller's jurisdiction). */
export function fetchIncident(id: string, signal?: AbortSignal): Promise<Incident> {
  return getJson<Incident>(`/incidents/${encodeURIComponent(id)}`, signal);
}
