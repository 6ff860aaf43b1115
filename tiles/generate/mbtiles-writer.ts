// Writes an MBTiles 1.3 archive (SQLite): a `metadata` name/value table and a `tiles` table
// keyed by zoom, column and TMS row. It is written to a temporary file and renamed into place,
// so a running server never opens a half-built archive.
import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface MbtilesMetadata {
  name: string;
  description: string;
  attribution: string;
  version: string;
  /** Fingerprint of the inputs the archive was built from (see build.ts sourceHash). */
  source_hash?: string;
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north] */
  bounds: [number, number, number, number];
  /** [lng, lat, zoom] */
  center: [number, number, number];
  /** The TileJSON `vector_layers` MapLibre and tools read to know the schema. */
  vector_layers: Array<{ id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }>;
}

export interface MbtilesWriter {
  putTile(z: number, x: number, y: number, gzippedPbf: Buffer): void;
  /** Writes the metadata, commits and moves the archive to its final path. */
  finish(meta: MbtilesMetadata): void;
  /** Abandons the build, leaving any previous archive in place. */
  abort(): void;
}

/** Opens a new archive that becomes `path` on finish(). */
export function createMbtilesWriter(path: string): MbtilesWriter {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF'); // a throw-away file until renamed: no journal needed
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
    CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
    CREATE UNIQUE INDEX name ON metadata (name);
  `);
  const insertTile = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  const insertMeta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
  db.exec('BEGIN');
  let open = true;

  return {
    putTile(z, x, y, data) {
      insertTile.run(z, x, 2 ** z - 1 - y, data); // MBTiles rows count from the south (TMS)
    },
    finish(meta) {
      const { vector_layers, bounds, center, ...rest } = meta;
      const rows: Array<[string, string]> = [
        ...Object.entries(rest).map(([k, v]): [string, string] => [k, String(v)]),
        ['format', 'pbf'],
        ['type', 'baselayer'],
        ['bounds', bounds.join(',')],
        ['center', center.join(',')],
        ['json', JSON.stringify({ vector_layers })],
      ];
      for (const [k, v] of rows) insertMeta.run(k, v);
      db.exec('COMMIT');
      db.close();
      open = false;
      renameSync(tmp, path);
    },
    abort() {
      if (open) db.close();
      open = false;
      rmSync(tmp, { force: true });
    },
  };
}
