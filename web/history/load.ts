// Fetches an Arrow IPC stream from our own server with progress, and decodes incidents.arrow into
// typed columns (apache-arrow's tableFromIPC, then the wire's reader: one copy per column, no rows).
import { tableFromIPC } from 'apache-arrow';
import { ARROW_META, ARROW_STREAM_TYPE, readHeatColumns, readIncidentColumns } from '../../server/wire/index.ts';
import type { HeatColumns, IncidentColumns } from '../../server/wire/index.ts';
import { API_BASE, HttpError } from '../api/http.ts';
import { sessionLost } from '../auth/session.ts';

/** Bytes received so far (the stream is sent without a length, so there is no total). */
export type OnProgress = (bytes: number) => void;

/** GETs an Arrow stream under /api/v1 as bytes, reporting progress as chunks arrive. */
export async function fetchArrow(path: string, signal: AbortSignal, onProgress: OnProgress = () => undefined): Promise<Uint8Array> {
  const url = `${API_BASE}${path}`;
  const res = await fetch(url, { signal, headers: { accept: ARROW_STREAM_TYPE } });
  if (res.status === 401) sessionLost();
  if (!res.ok) {
    let reason = res.statusText;
    try {
      reason = ((await res.json()) as { message?: string }).message ?? reason;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new HttpError(res.status, url, `${res.status} ${reason} (${url})`);
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    onProgress(bytes);
  }
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** One decoded incidents.arrow answer and what it cost. */
export interface LoadedHistory {
  columns: IncidentColumns;
  lastSeq: number;
  bytes: number;
  /** Time to decode the bytes into columns, ms (the rest of a load is the network and a busy page). */
  decodeMs: number;
}

/** Decodes incidents.arrow bytes. */
export function decodeIncidents(bytes: Uint8Array): LoadedHistory {
  const started = performance.now();
  const columns = readIncidentColumns(tableFromIPC(bytes));
  const lastSeq = Number(columns.metadata.get(ARROW_META.lastSeq));
  if (!Number.isFinite(lastSeq)) throw new Error(`incidents.arrow has no valid ${ARROW_META.lastSeq}`);
  return { columns, lastSeq, bytes: bytes.byteLength, decodeMs: Math.round(performance.now() - started) };
}

/** The incident history of [since, now) in the caller's jurisdiction. */
export async function loadIncidentHistory(sinceMs: number, signal: AbortSignal, onProgress?: OnProgress): Promise<LoadedHistory> {
  const q = new URLSearchParams({ since: new Date(sinceMs).toISOString() });
  return decodeIncidents(await fetchArrow(`/incidents.arrow?${q.toString()}`, signal, onProgress));
}

/** The heat grid's non-empty cells over the last `windowHours`. */
export async function loadHeat(windowHours: number, signal: AbortSignal): Promise<HeatColumns> {
  const bytes = await fetchArrow(`/heat.arrow?windowHours=${windowHours}`, signal);
  return readHeatColumns(tableFromIPC(bytes));
}
