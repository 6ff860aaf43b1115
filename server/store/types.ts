// The incident store: a durable, append-only log of incidents with a gapless sequence number.
// SQLite implements it for one node; a PostgreSQL store will implement the same interface, so it
// stays small and asynchronous.
import type { GridAssignment, Incident, IncidentCategory, ValidIncidentInput } from '../wire/index.ts';

/** A validated, assigned incident ready to be stored (occurredAt already normalised to UTC). */
export type NewIncident = ValidIncidentInput &
  GridAssignment & {
    /** Due times of its case's first step (受理) and of the whole case, ms (限时办结); absent: no limit. */
    due?: { stepMs: number; caseMs: number };
    /** The account that reported it, when a person did (their session posted it). */
    reporterAccountId?: number;
  };

/** What happened to one item of an appended batch. */
export interface AppendOutcome {
  incident: Incident;
  /** True when (source, sourceId) was already stored: `incident` is the stored one, nothing new was written. */
  duplicate: boolean;
}

/** What the map draws of an incident: no description, sourceId or receivedAt. */
export type IncidentPoint = Pick<Incident, 'seq' | 'id' | 'source' | 'category' | 'priority' | 'stage' | 'lng' | 'lat' | 'occurredAt' | 'townshipCode' | 'villageCode' | 'gridCode'>;

/** Where a page of a time range stopped: the (occurredAt, seq) of the last incident it examined. */
export interface PageCursor {
  occurredAt: string;
  seq: number;
}

/** One page of pointsPage: a time range in (occurredAt, seq) order, resumed after a cursor. */
export interface PointsPageQuery {
  /** occurredAt ≥ since (ISO 8601). */
  since: string;
  /** occurredAt < until (ISO 8601). */
  until: string;
  /** Only this township, or (with townshipCode) only this village. */
  townshipCode?: string;
  villageCode?: string;
  /** Resume after this position (the previous page's `next`). */
  after?: PageCursor;
  /** Most incidents of the range one page examines (and so returns), whatever the filters keep. */
  limit: number;
}

/** One page of incidentsPage: pointsPage's range and scope, and optionally one category. */
export interface IncidentsPageQuery extends PointsPageQuery {
  category?: IncidentCategory;
}

/**
 * A page of a time range. It examines at most `limit` incidents of the range, so a filter that keeps
 * few (a village, a category) cannot make one read run through the whole range: a page may hold
 * fewer rows than `limit`, or none, and still have a `next`.
 */
export interface RangePage<T> {
  rows: T[];
  /** Resume here (as `after`); absent when the range is done. */
  next?: PageCursor;
}

/** Filters of listRecent; every one optional except the limit. */
export interface IncidentQuery {
  /** occurredAt ≥ since (ISO 8601). */
  since?: string;
  /** occurredAt < until (ISO 8601). */
  until?: string;
  townshipCode?: string;
  category?: IncidentCategory;
  limit: number;
}

/**
 * The streams of the log: a case (created by its incident, version 1) and a patrol unit's duty
 * status (no created entry: a unit of units.json is at version 0 before its first event).
 */
export type LogStream = 'case' | 'unit';

/** A change about to be appended: what happened, when (ISO), who did it, and its details. */
export interface EventDraft {
  type: string;
  at: string;
  actor: unknown;
  payload: unknown;
}

/** What the incidents table keeps of a case's state after a command, for queries that do not fold the log. */
export interface CaseProjection {
  stage: string;
  open: boolean;
  /** When the case's new current step is due (ISO); null: no limit. */
  stepDueAt: string | null;
}

/** The events a command appends to one stream, if that stream is still at the version the command saw. */
export interface StreamAppend {
  stream: LogStream;
  streamId: string;
  expectedVersion: number;
  events: EventDraft[];
  /** What a case's incident row keeps of its state after the command; a unit stream has no row (omit it). */
  projection?: CaseProjection;
}

/** A change in the log, after the incident that created its stream. */
export interface StoredEvent extends EventDraft {
  /** Its place in the one gapless log (shared with incidents). */
  seq: number;
  stream: LogStream;
  streamId: string;
  /** The stream's version after it (a case's created incident is version 1; a unit's first event is 1). */
  version: number;
}

/** The answer to a command: its events as stored, or the stream that had moved on (409). */
export type CommandOutcome = { ok: true; events: StoredEvent[] } | { ok: false; conflict: { streamId: string; version: number | null } };

/** One entry of the log: an incident (the `created` entry of its case) or a later event. */
export type LogEntry = { kind: 'created'; seq: number; incident: Incident } | { kind: 'event'; seq: number; event: StoredEvent };

export interface IncidentStore {
  /**
   * Appends a batch in one transaction and resolves only after it is durably committed (ack after
   * commit). New incidents get consecutive sequence numbers in batch order; items whose
   * (source, sourceId) is already stored — earlier, or earlier in the same batch — are duplicates.
   * `receivedAtMs` is when ingest received them (the start of their time limits); default: now.
   */
  appendBatch(items: NewIncident[], receivedAtMs?: number): Promise<AppendOutcome[]>;
  getById(id: string): Promise<Incident | undefined>;
  /** Newest first by occurredAt (then seq). */
  listRecent(query: IncidentQuery): Promise<Incident[]>;
  /** Incidents with seq > afterSeq, in seq order, at most `limit`. */
  after(afterSeq: number, limit: number): Promise<Incident[]>;
  /**
   * Appends a command's events in one transaction, all or nothing, resolving only after the commit
   * (ack after commit): each stream must still be at its expectedVersion, checked against the
   * committed log (optimistic concurrency), and its events take the next seqs of the one log.
   */
  appendCommand(appends: StreamAppend[]): Promise<CommandOutcome>;
  /** The log after afterSeq in seq order — incidents and events merged — at most `limit` entries. */
  logAfter(afterSeq: number, limit: number): Promise<LogEntry[]>;
  /** Every event of one stream after its creation, in version order. */
  eventsOf(stream: LogStream, streamId: string): Promise<StoredEvent[]>;
  /** Visits every open case — its incident and its events in order — without loading them all at once. */
  forEachOpenCase(visit: (incident: Incident, events: StoredEvent[]) => void): Promise<number>;
  /** Highest committed seq (0 when empty). */
  lastSeq(): Promise<number>;
  /**
   * A page of a time range, oldest first by (occurredAt, seq). Paged rather than iterated so a long
   * read (a month of history as Arrow) leaves the connection free for commits between pages.
   */
  pointsPage(query: PointsPageQuery): Promise<RangePage<IncidentPoint>>;
  /** Like pointsPage, with every column of the incident: for exports, read a page at a time. */
  incidentsPage(query: IncidentsPageQuery): Promise<RangePage<Incident>>;
  /** Visits every incident with occurredAt ≥ since, without loading them all at once. */
  forEachSince(since: string, visit: (incident: Incident) => void): Promise<number>;
  close(): Promise<void>;
}
