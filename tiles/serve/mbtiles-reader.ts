// Reads tiles and metadata from an MBTiles archive (SQLite, opened read-only). Used for the demo
// county's archive and for a county's own archive built by tilemaker or planetiler.
import Database from 'better-sqlite3';

export interface TileSetInfo {
  name: string;
  attribution: string;
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  /** 'pbf' (vector) or a raster image format. */
  format: string;
  vector_layers: unknown[];
  /** Fingerprint of the inputs, for archives this project built. */
  sourceHash?: string;
}

export interface TileArchive {
  info: TileSetInfo;
  /** The stored tile bytes (gzipped MVT for pbf archives), or null when there is no tile. */
  tile(z: number, x: number, y: number): Buffer | null;
  close(): void;
}

function numbers(s: string | undefined, n: number): number[] | null {
  const parts = (s ?? '').split(',').map(Number);
  return parts.length === n && parts.every(Number.isFinite) ? parts : null;
}

/** Opens an archive; throws if the file is missing or not an MBTiles database. */
export function openMbtiles(path: string): TileArchive {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const meta = Object.fromEntries(
    (db.prepare('SELECT name, value FROM metadata').all() as Array<{ name: string; value: string }>).map((r) => [r.name, r.value]),
  );
  const json = meta.json ? (JSON.parse(meta.json) as { vector_layers?: unknown[] }) : {};
  const minzoom = Number(meta.minzoom ?? 0);
  const maxzoom = Number(meta.maxzoom ?? 14);
  const bounds = (numbers(meta.bounds, 4) ?? [-180, -85.0511, 180, 85.0511]) as TileSetInfo['bounds'];
  const center = (numbers(meta.center, 3) ?? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, minzoom]) as TileSetInfo['center'];
  const select = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
  return {
    info: {
      name: meta.name ?? 'basemap',
      attribution: meta.attribution ?? '',
      minzoom,
      maxzoom,
      bounds,
      center,
      format: meta.format ?? 'pbf',
      vector_layers: json.vector_layers ?? [],
      ...(meta.source_hash ? { sourceHash: meta.source_hash } : {}),
    },
    tile(z, x, y) {
      const data = select.get(z, x, 2 ** z - 1 - y) as Buffer | undefined;
      return data ?? null;
    },
    close() {
      db.close();
    },
  };
}
