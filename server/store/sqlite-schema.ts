// The incident table, its indexes and the connection settings, shared by the reading connection
// (main thread) and the writing one (the writer thread): both must run with the same settings.
import Database from 'better-sqlite3';
import type { Incident, IncidentCategory, IncidentPriority, IncidentStage } from '../wire/index.ts';
import { parseIsoMs } from './iso-time.ts';

/**
 * 3: the store is one event log — incidents are its `created` entries, `events` holds every later
 * change of a case, both numbered by one gapless seq; incidents carry their case's projection
 * (version, open, due times). 2: occurred_at is INTEGER ms since the epoch (1 stored it as ISO text).
 */
const SCHEMA_VERSION = 3;

/** The incident table's definition, for the table name given (the migration builds a new one beside the old). */
const tableSql = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  seq           INTEGER PRIMARY KEY,  -- gapless, assigned by the server inside the write transaction
  id            TEXT NOT NULL UNIQUE,
  source        TEXT NOT NULL,
  source_id     TEXT NOT NULL,
  category      TEXT NOT NULL,
  priority      TEXT NOT NULL,
  stage         TEXT NOT NULL,
  lng           REAL NOT NULL,
  lat           REAL NOT NULL,
  occurred_at   INTEGER NOT NULL,     -- ms since 1970-01-01 UTC: index keys a third the size of ISO text
  received_at   TEXT NOT NULL,
  description   TEXT NOT NULL,
  township_code TEXT NOT NULL,
  village_code  TEXT NOT NULL,
  grid_code     TEXT NOT NULL,
${CASE_COLUMNS.map(([name, type]) => `  ${name} ${type},`).join('\n')}
  UNIQUE (source, source_id)          -- the idempotency key
);`;

/**
 * What an incident row keeps of its case (schema 3), so that lists and exports need not fold the
 * log: the case's current version, stage (the stage column above) and whether it is open, written
 * in the transaction that appends each event; the due times of its current step and of the whole
 * case (限时办结, ms; NULL: no limit — incidents stored before schema 3 have none); and the
 * account that reported it, when a person did. Added to a schema-2 table by ALTER TABLE: constant
 * defaults make that instant, whatever the table's size.
 */
const CASE_COLUMNS: readonly [string, string][] = [
  ['version', 'INTEGER NOT NULL DEFAULT 1'],
  ['open', 'INTEGER NOT NULL DEFAULT 1'],
  ['step_due_at', 'INTEGER'],
  ['case_due_at', 'INTEGER'],
  ['reporter_account_id', 'INTEGER'],
];

/**
 * Every change after an incident's creation (accepted, assigned, handled …), numbered in the same
 * gapless seq as the incidents: together they are the one log that live ticks, resume and the
 * aggregates read in order. (stream, stream_id, version) is unique, so two commands that saw the
 * same version can never both be appended.
 */
const EVENTS_SQL = `
CREATE TABLE IF NOT EXISTS events (
  seq        INTEGER PRIMARY KEY,   -- shared with incidents.seq: one gapless log
  stream     TEXT NOT NULL,         -- 'case' | 'unit'
  stream_id  TEXT NOT NULL,         -- the case id (its incident's id), or the unit id
  version    INTEGER NOT NULL,      -- the stream's version after this event (a case's created = 1; a unit starts at 0)
  type       TEXT NOT NULL,
  at         INTEGER NOT NULL,      -- ms since the epoch
  actor      TEXT NOT NULL,         -- JSON
  payload    TEXT NOT NULL,         -- JSON
  UNIQUE (stream, stream_id, version)
);`;

// One time index, with the township beside the time. Every query of the store ranges over time
// (the last hour, day, month, or a keyset page through them), and a township account's adds
// township = ?, which this index answers from its own entries without reading rows. It replaced
// two indexes, (occurred_at) and (township_code, occurred_at): each takes every new row at a
// random place among its recent pages (a feed's occurredAt is minutes old), so each commit
// rewrote thousands of their pages into the WAL; one index of slightly longer keys halves that,
// and durable ingest held 52–87 k/s over five rounds instead of falling to 42 k/s as live rows
// piled up (measured; docs/benchmarks.md). Built before the old ones are dropped, in the
// migration's transaction, so an existing database is never without a time index.
const INDEXES = `
CREATE INDEX IF NOT EXISTS incidents_occurred_township ON incidents (occurred_at, township_code);
DROP INDEX IF EXISTS incidents_occurred;
DROP INDEX IF EXISTS incidents_township_occurred;
-- No (category, occurred_at) index: a category filter scans the time index (1 in 8 match), and the
-- index cost a third of the insert time (measured; see docs/benchmarks.md). Counts per category
-- come from the in-memory aggregates, not from SQL.
DROP INDEX IF EXISTS incidents_category_occurred;
-- The open cases, found at start without reading the closed ones. New incidents are open and take
-- the highest seq, so this index only ever grows at its right edge.
CREATE INDEX IF NOT EXISTS incidents_open ON incidents (seq) WHERE open = 1;
`;

/** A stored incident as SQLite returns it. */
export interface Row {
  seq: number;
  id: string;
  source: string;
  source_id: string;
  category: string;
  priority: string;
  stage: string;
  lng: number;
  lat: number;
  /** ms since the epoch; callers see ISO text (toIncident). */
  occurred_at: number;
  received_at: string;
  description: string;
  township_code: string;
  village_code: string;
  grid_code: string;
  version: number;
  open: number;
  step_due_at: number | null;
  case_due_at: number | null;
  reporter_account_id: number | null;
}

export function toIncident(r: Row): Incident {
  return {
    id: r.id,
    seq: r.seq,
    source: r.source,
    sourceId: r.source_id,
    category: r.category as IncidentCategory,
    priority: r.priority as IncidentPriority,
    lng: r.lng,
    lat: r.lat,
    occurredAt: msToIso(r.occurred_at),
    receivedAt: r.received_at,
    description: r.description,
    stage: r.stage as IncidentStage,
    townshipCode: r.township_code,
    villageCode: r.village_code,
    gridCode: r.grid_code,
    version: r.version,
    stepDueAt: r.step_due_at === null ? null : msToIso(r.step_due_at),
    caseDueAt: r.case_due_at === null ? null : msToIso(r.case_due_at),
    ...(r.reporter_account_id === null ? {} : { reporterAccountId: r.reporter_account_id }),
  };
}

/** The highest seq of the one log: of the incidents (created entries) and the events after them. */
export function prepareMaxSeq(db: Database.Database): Database.Statement<[], { m: number }> {
  return db.prepare<[], { m: number }>('SELECT max((SELECT coalesce(max(seq), 0) FROM incidents), (SELECT coalesce(max(seq), 0) FROM events)) AS m');
}

/** Opens a connection with the settings every connection to the incident database uses. */
export function connect(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (default 2 MiB): the time index takes random inserts, and a page read
  // back from the OS for every insert costs more than the insert.
  db.pragma('cache_size = -65536');
  // Checkpoint every ~160 MiB of WAL instead of ~4 MiB: the recent index pages are rewritten by every
  // commit (a group of 4000 live incidents touched ~4000 pages of the time indexes), and copying
  // them to the database once per 40,000 pages rather than per 1,000 cut the writer's CPU per row by
  // a fifth at 10,000 and by another ~3 µs at 40,000 (measured). Durability is the WAL's, unchanged;
  // the cost is a larger WAL file and a longer replay of it after a crash.
  db.pragma('wal_autocheckpoint = 40000');
  return db;
}

/** ISO text of stored ms: toISOString() is exactly the normalised form (iso-time.ts normaliseIso). */
export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ms of an ISO 8601 date-time, to bind against occurred_at; throws (like normaliseIso) when it is no date. */
export function isoToMs(iso: string): number {
  const ms = parseIsoMs(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${iso}`);
  return ms;
}

/** Rows copied per statement of the v1 → v2 rebuild, so progress can be reported between them. */
const MIGRATION_CHUNK = 100_000;

/** Hears how far the v1 → v2 rebuild got (rows copied of all). */
export type MigrationProgress = (copied: number, total: number) => void;

/** Prints progress of a rebuild only when it is big enough to be noticed. */
const printProgress: MigrationProgress = (copied, total) => {
  if (total >= MIGRATION_CHUNK) console.error(`yizhangtu store: converting occurred_at to integer ms: ${copied.toLocaleString('en')} / ${total.toLocaleString('en')} incidents`);
};

export interface MigrateOptions {
  progress?: MigrationProgress;
  /** Rows per copy statement of the rebuild (tests make it small). */
  chunkRows?: number;
}

/** Creates or upgrades the schema; refuses a database written by a newer server. */
export function migrate(db: Database.Database, file: string, options: MigrateOptions = {}): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${file} has schema version ${version}, newer than this server (${SCHEMA_VERSION}): upgrade the server`);
  }
  const occurred = (db.pragma('table_info(incidents)') as { name: string; type: string }[]).find((c) => c.name === 'occurred_at');
  // Run once, all or nothing: a crash or a bad row leaves the version-1 database as it was.
  db.transaction(() => {
    if (occurred && occurred.type.toUpperCase() !== 'INTEGER') rebuildWithMs(db, options.progress ?? printProgress, options.chunkRows ?? MIGRATION_CHUNK);
    db.exec(tableSql('incidents'));
    addCaseColumns(db, version);
    db.exec(EVENTS_SQL);
    db.exec(INDEXES);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Version 2 → 3: the case columns, added in place. Each incident already stored becomes the
 * `created` entry of its case, at the seq clients have already seen — nothing is renumbered — and
 * the events that follow it take the seqs after the highest one. Before schema 3 nothing could
 * change an incident, so every one of them is an open case at 待受理 (intake), without time limits
 * (none were in force when it arrived); a stage any older tool wrote is reset to intake, so that no
 * case is in a state its log does not explain.
 */
function addCaseColumns(db: Database.Database, fromVersion: number): void {
  const have = new Set((db.pragma('table_info(incidents)') as { name: string }[]).map((c) => c.name));
  for (const [name, type] of CASE_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE incidents ADD COLUMN ${name} ${type}`);
  if (fromVersion > 0 && fromVersion < 3) db.exec(`UPDATE incidents SET stage = 'intake' WHERE stage <> 'intake'`);
}

/**
 * Version 1 → 2: a new table with occurred_at as INTEGER ms, filled in seq order (the rowid B-tree
 * only appends), the old one dropped and the new one renamed; the time indexes are built after the
 * copy, in one sort each, rather than maintained row by row. A row whose text is no date fails the
 * NOT NULL constraint (the function gives NaN, which SQLite stores as NULL) and rolls it all back.
 */
function rebuildWithMs(db: Database.Database, progress: MigrationProgress, chunkRows: number): void {
  db.function('yzt_iso_ms', { deterministic: true }, (iso: unknown) => (typeof iso === 'string' ? parseIsoMs(iso) : null));
  const total = (db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n;
  db.exec('DROP TABLE IF EXISTS incidents_v2');
  db.exec(tableSql('incidents_v2'));
  const copy = db.prepare<[number, number]>(`
    INSERT INTO incidents_v2 (seq, id, source, source_id, category, priority, stage, lng, lat, occurred_at,
                              received_at, description, township_code, village_code, grid_code)
    SELECT seq, id, source, source_id, category, priority, stage, lng, lat, yzt_iso_ms(occurred_at),
           received_at, description, township_code, village_code, grid_code
    FROM incidents WHERE seq > ? ORDER BY seq LIMIT ?`);
  const lastCopied = db.prepare<[], { m: number }>('SELECT coalesce(max(seq), 0) AS m FROM incidents_v2');
  let copied = 0;
  progress(0, total);
  while (copied < total) {
    const n = copy.run(lastCopied.get()!.m, chunkRows).changes;
    if (n === 0) break;
    copied += n;
    progress(copied, total);
  }
  db.exec('DROP TABLE incidents');
  db.exec('ALTER TABLE incidents_v2 RENAME TO incidents');
}
