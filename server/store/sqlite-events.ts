// Appending a command's events to the log, inside the writer thread's transaction: each stream the
// command touches (a case, a unit) must still be at the version the command saw — optimistic concurrency,
// checked here against what is committed, not against anyone's memory — and then its events take
// the next seqs of the one log and a case's incident row projection (version, stage, open, due
// time) moves with them; a unit's version is read off its events (it has no row). A command is all or nothing: one stale stream and none of its events is written.
import type Database from 'better-sqlite3';

/** An event as it travels to the writer: JSON already serialised on the main thread. */
export interface PackedEvent {
  type: string;
  /** ms since the epoch. */
  at: number;
  actor: string;
  payload: string;
}

/** What the incident row of a case keeps of its new state. */
export interface CaseProjection {
  stage: string;
  open: boolean;
  /** ms; null: the current step has no limit. */
  stepDueAt: number | null;
}

/** The events of one stream within a command, if the stream is still at expectedVersion. */
export interface PackedStreamAppend {
  stream: 'case' | 'unit';
  streamId: string;
  expectedVersion: number;
  events: PackedEvent[];
  /** A case's incident row after the command; null for a unit (its version is its latest event's). */
  projection: CaseProjection | null;
}

/** One command: its streams' appends, written together or not at all. */
export interface PackedCommand {
  appends: PackedStreamAppend[];
}

/** The writer's answer: the seq of the command's first event, or the stream that was not at the version expected. */
export type CommittedCommand = { ok: true; firstSeq: number } | { ok: false; streamId: string; version: number | null };

/** A stored event as SQLite returns it. */
export interface EventRow {
  seq: number;
  stream: string;
  stream_id: string;
  version: number;
  type: string;
  at: number;
  actor: string;
  payload: string;
}

/**
 * Prepares the event append on the write connection; the returned function runs inside the
 * caller's transaction and numbers the events from `seq + 1`, returning the answer and the last
 * seq it used.
 */
export function prepareEventAppend(db: Database.Database): (command: PackedCommand, seq: number) => { committed: CommittedCommand; seq: number } {
  const caseVersion = db.prepare<[string], { version: number }>('SELECT version FROM incidents WHERE id = ?');
  // A unit has no row: its version is its latest event's (0 before any), found by the unique index.
  const unitVersion = db.prepare<[string], { version: number }>("SELECT coalesce(max(version), 0) AS version FROM events WHERE stream = 'unit' AND stream_id = ?");
  const versionOf = (a: PackedStreamAppend): number | null =>
    (a.stream === 'unit' ? unitVersion.get(a.streamId) : caseVersion.get(a.streamId))?.version ?? null;
  const insert = db.prepare<[number, string, string, number, string, number, string, string]>(
    'INSERT INTO events (seq, stream, stream_id, version, type, at, actor, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const project = db.prepare<[number, string, number, number | null, string]>('UPDATE incidents SET version = ?, stage = ?, open = ?, step_due_at = ? WHERE id = ?');

  return (command, seq) => {
    // Every version first: nothing is written for a command that lost a race.
    for (const a of command.appends) {
      const current = versionOf(a);
      if (current !== a.expectedVersion) return { committed: { ok: false, streamId: a.streamId, version: current }, seq };
    }
    const firstSeq = seq + 1;
    for (const a of command.appends) {
      let version = a.expectedVersion;
      for (const e of a.events) insert.run(++seq, a.stream, a.streamId, ++version, e.type, e.at, e.actor, e.payload);
      if (a.projection) project.run(version, a.projection.stage, a.projection.open ? 1 : 0, a.projection.stepDueAt, a.streamId);
    }
    return { committed: { ok: true, firstSeq }, seq };
  };
}
