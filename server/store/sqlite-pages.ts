// Keyset pages of a time range on SQLite (pointsPage, incidentsPage), oldest first by
// (occurred_at, seq). A page is a window of at most `limit` entries of the time index after the
// cursor, found first on the index alone; the filters (township, village, category) then pick
// rows inside it. So one page costs at most `limit` index entries and rows, however few the
// filters keep: a village with no incidents in a year is read a bounded page at a time, not in one
// statement that runs through every incident of the county in that year.
import type Database from 'better-sqlite3';

/** A position in the (occurred_at, seq) order; at is ms. */
export interface RangeKey {
  at: number;
  seq: number;
}

/** What a page reads: [sinceMs, untilMs) after a cursor, at most `limit` entries, with filters. */
export interface RangeWindow {
  sinceMs: number;
  untilMs: number;
  after?: RangeKey;
  limit: number;
  townshipCode?: string;
  villageCode?: string;
  category?: string;
}

/** A page's rows as SQLite returns them, and where the next one starts. */
export interface RawRangePage<R> {
  rows: R[];
  next?: RangeKey;
}

interface Params {
  afterAt: number;
  afterSeq: number;
  endAt: number;
  endSeq: number;
  until: number;
  offset: number;
  limit: number;
  township: string;
  village: string;
  category: string;
}

/**
 * Pages of `columns` of the incident table. `keyOf` reads a row's (occurred_at ms, seq), to resume
 * after the last row when a page was cut at `limit` rows.
 */
export function createRangePager<R>(db: Database.Database, columns: string, keyOf: (row: R) => RangeKey): (w: RangeWindow) => RawRangePage<R> {
  // The cursor alone is the lower bound (it starts at (since, 0)): given a second one, the planner
  // may range over the index from the cursor and only filter by since.
  const afterCursor = '(occurred_at, seq) > (@afterAt, @afterSeq)';
  // The window's last entry: the limit-th after the cursor, read from the index alone.
  const windowEnd = db.prepare<Params, RangeKey>(
    `SELECT occurred_at AS at, seq FROM incidents WHERE ${afterCursor} AND occurred_at < @until ORDER BY occurred_at, seq LIMIT 1 OFFSET @offset`,
  );
  // Prepared per filter combination on first use: each is a plain conjunction the planner sees.
  const statements = new Map<string, Database.Statement<Params, R>>();
  function rowsStatement(w: RangeWindow, bounded: boolean): Database.Statement<Params, R> {
    const where = [afterCursor, bounded ? '(occurred_at, seq) <= (@endAt, @endSeq)' : 'occurred_at < @until'];
    if (w.townshipCode !== undefined || w.villageCode !== undefined) where.push('township_code = @township');
    if (w.villageCode !== undefined) where.push('village_code = @village');
    if (w.category !== undefined) where.push('category = @category');
    const sql = `SELECT ${columns} FROM incidents WHERE ${where.join(' AND ')} ORDER BY occurred_at, seq LIMIT @limit`;
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare<Params, R>(sql)));
    return stmt;
  }

  return (w) => {
    const after = w.after !== undefined && w.after.at >= w.sinceMs ? w.after : { at: w.sinceMs, seq: 0 };
    const params: Params = {
      afterAt: after.at,
      afterSeq: after.seq,
      endAt: 0,
      endSeq: 0,
      until: w.untilMs,
      offset: w.limit - 1,
      limit: w.limit,
      township: w.townshipCode ?? w.villageCode?.slice(0, 9) ?? '',
      village: w.villageCode ?? '',
      category: w.category ?? '',
    };
    const end = windowEnd.get(params);
    if (end) {
      params.endAt = end.at;
      params.endSeq = end.seq;
    }
    const rows = rowsStatement(w, end !== undefined).all(params);
    // A full page may have been cut before the window's end (rows committed between the two
    // statements): resume after its last row, which is never past the end.
    const last = rows.length === w.limit ? rows[rows.length - 1] : undefined;
    const next = last !== undefined ? keyOf(last) : end;
    return next ? { rows, next } : { rows };
  };
}
