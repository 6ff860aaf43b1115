// Serialises the county to the files of data/demo (minified JSON, one newline at the end) and
// writes them. Serialising is separate from writing so tests can hash the exact bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { County } from './county.ts';

/** File name for each collection, as the server's JURISDICTION_DIR expects them. */
export const FILES: Record<keyof County, string> = {
  county: 'county.geojson',
  townships: 'townships.geojson',
  villages: 'villages.geojson',
  grids: 'grids.geojson',
  roads: 'roads.geojson',
  water: 'water.geojson',
  landuse: 'landuse.geojson',
  cameras: 'cameras.geojson',
  routes: 'routes.geojson',
  units: 'units.json',
};

/** The exact text of every file, keyed by file name. */
export function serializeCounty(county: County): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of Object.keys(FILES) as (keyof County)[]) out.set(FILES[key], `${JSON.stringify(county[key])}\n`);
  return out;
}

/** Writes the files into `dir` (created if missing); returns each file's size in bytes. */
export async function writeCounty(dir: string, county: County): Promise<Map<string, number>> {
  await mkdir(dir, { recursive: true });
  const sizes = new Map<string, number>();
  for (const [file, text] of serializeCounty(county)) {
    await writeFile(path.join(dir, file), text);
    sizes.set(file, Buffer.byteLength(text));
  }
  return sizes;
}
