// The incident store: a durable, append-only log of incidents with a gapless sequence number.
// SQLite implements it for one node; a PostgreSQL store will implement the same interface, so it
// stays small and asynchronous.
import type { GridAssignment, Incident, IncidentCategory, ValidIncidentInput } from '../wire/index.ts';

/** A validated, assigned incident ready to be stored (occurredAt already normalised to UTC). */
export type NewIncident = ValidIncidentInput & GridAssignment;

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

export interface IncidentStore {
  /**
   * Appends a batch in one transaction and resolves only after it is durably committed (ack after
   * commit). New incidents get consecutive sequence numbers in batch order; items whose
   * (source, sourceId) is already stored — earlier, or earlier in the same batch — are duplicates.
   */
  appendBatch(items: NewIncident[]): Promise<AppendOutcome[]>;
  getById(id: string): Promise<Incident | undefined>;
  /** Newest first by occurredAt (then seq). */
  listRecent(query: IncidentQuery): Promise<Incident[]>;
  /** Incidents with seq > afterSeq, in seq order, at most `limit`. */
  after(afterSeq: number, limit: number): Promise<Incident[]>;
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
