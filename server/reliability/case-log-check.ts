// Reads the case log straight out of the database file (read-only, as an operator would after a
// crash) and checks it against itself: one gapless sequence over incidents and events, each case's
// versions 2..n without a hole or a repeat, and each incident row's projection (version, stage,
// open, due time) equal to the fold of its case's events. Folding uses the server's own fold
// (casework/case-log.ts), so "explained by the log" means what the server would rebuild at start.
import Database from 'better-sqlite3';
import { foldCase, projectionOf } from '../casework/case-log.ts';
import type { EventRow } from '../store/sqlite-events.ts';
import { msToIso, toIncident } from '../store/sqlite-schema.ts';
import type { Row } from '../store/sqlite-schema.ts';
import type { StoredEvent } from '../store/types.ts';
import type { CaseState, Incident } from '../wire/index.ts';

export interface CaseLog {
  incidents: Map<string, Incident>;
  /** Each case's events in version order. */
  events: Map<string, StoredEvent[]>;
  /** Every seq of the log, incidents and events together, ascending. */
  seqs: number[];
  /** The incident rows' projection columns, by case id. */
  projections: Map<string, { version: number; stage: string; open: number; stepDueAt: number | null }>;
}

/** Reads the log of a database file without writing to it. */
export function readCaseLog(file: string): CaseLog {
  const db = new Database(file, { readonly: true });
  try {
    const incidents = new Map<string, Incident>();
    const projections: CaseLog['projections'] = new Map();
    for (const r of db.prepare('SELECT * FROM incidents ORDER BY seq').iterate() as IterableIterator<Row>) {
      incidents.set(r.id, toIncident(r));
      projections.set(r.id, { version: r.version, stage: r.stage, open: r.open, stepDueAt: r.step_due_at });
    }
    const events = new Map<string, StoredEvent[]>();
    for (const r of db.prepare("SELECT * FROM events WHERE stream = 'case' ORDER BY stream_id, version").iterate() as IterableIterator<EventRow>) {
      const e: StoredEvent = { seq: r.seq, stream: 'case', streamId: r.stream_id, version: r.version, type: r.type, at: msToIso(r.at), actor: JSON.parse(r.actor), payload: JSON.parse(r.payload) };
      events.set(r.stream_id, [...(events.get(r.stream_id) ?? []), e]);
    }
    const seqs = (db.prepare('SELECT seq FROM incidents UNION ALL SELECT seq FROM events ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    return { incidents, events, seqs, projections };
  } finally {
    db.close();
  }
}

/** The state of a case after its first `version` entries (1: created), folded by the server's fold. */
export function stateAt(log: CaseLog, caseId: string, version: number): CaseState | undefined {
  const incident = log.incidents.get(caseId);
  if (!incident) return undefined;
  const events = (log.events.get(caseId) ?? []).filter((e) => e.version <= version);
  if (events.length !== version - 1) return undefined;
  return foldCase(incident, events);
}

/** What is wrong with the log by itself: seq gaps or repeats, version holes, projections its events do not explain. */
export function logDefects(log: CaseLog): string[] {
  const out: string[] = [];
  log.seqs.forEach((s, k) => {
    if (s !== k + 1) out.push(`seq ${k + 1}: found ${s} (a gap or a repeat)`);
  });
  for (const [id, incident] of log.incidents) {
    const events = log.events.get(id) ?? [];
    events.forEach((e, k) => {
      if (e.version !== k + 2) out.push(`case ${id}: event ${k + 1} has version ${e.version}, expected ${k + 2}`);
    });
    const state = foldCase(incident, events);
    const p = projectionOf(state);
    const row = log.projections.get(id)!;
    const due = p.stepDueAt === null ? null : Date.parse(p.stepDueAt);
    if (row.version !== state.version || row.stage !== p.stage || row.open !== (p.open ? 1 : 0) || row.stepDueAt !== due) {
      out.push(`case ${id}: row says version ${row.version} ${row.stage} open=${row.open} due ${row.stepDueAt}, its log ${state.version} ${p.stage} open=${p.open} due ${due}`);
    }
  }
  for (const id of log.events.keys()) if (!log.incidents.has(id)) out.push(`events of ${id}, which has no incident`);
  return out;
}

/** The CaseState part of a view (what the log must explain; the rest the server derives at the moment). */
export function stateOf(view: CaseState): CaseState {
  const { lng: _lng, lat: _lat, occurredAt: _o, description: _d, overdue: _v, duplicates: _u, ...state } = view as CaseState & Record<string, unknown>;
  return state as CaseState;
}
