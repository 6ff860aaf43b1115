// Unit speeds are data, not code: km/h per (road class, unit kind) read from a JSON file a county can
// copy and edit (data/unit-speeds.json documents itself). A class a kind does not list gets its
// default; null closes a class to a kind (a foot patrol on a motorway).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UNIT_KINDS, type UnitKind } from '../wire/index.ts';

/** The speeds in force, resolved to metres per second. */
export interface UnitSpeeds {
  /** Metres per second of a kind on a road class; 0 when the kind may not use it. */
  speedMps(kind: UnitKind, roadClass: string): number;
  /** Whether the kind keeps to one-way streets (foot patrols do not). */
  obeysOneway(kind: UnitKind): boolean;
  /** Metres per second of the walked leg between a point and its nearest road. */
  offRoadMps: number;
  /** The validated table (km/h as written). */
  table: UnitSpeedTable;
}

/** The file that ships with the server (the defaults). */
export const DEFAULT_UNIT_SPEEDS_FILE = fileURLToPath(new URL('../../data/unit-speeds.json', import.meta.url));

const comment = z.union([z.string(), z.array(z.string())]).optional();
const kmh = z.number({ error: 'must be a speed in km/h' }).finite().positive('must be above 0 km/h').max(200, 'must be at most 200 km/h');
const kindSpeeds = z.strictObject({
  $comment: comment,
  default: kmh,
  obeysOneway: z.boolean({ error: 'must be true or false' }),
  classes: z.record(z.string().min(1), kmh.nullable(), { error: 'must map road classes to km/h or null' }).optional(),
});

/** The shape of data/unit-speeds.json. */
export const unitSpeedTableSchema = z.strictObject({
  $comment: comment,
  offRoadKmh: kmh,
  kinds: z.strictObject(Object.fromEntries(UNIT_KINDS.map((k) => [k, kindSpeeds])) as Record<UnitKind, typeof kindSpeeds>),
});
export type UnitSpeedTable = z.output<typeof unitSpeedTableSchema>;

/** A speeds file that cannot be used; the message names the file and the key. */
export class UnitSpeedsError extends Error {
  override name = 'UnitSpeedsError';
}

const KMH = 1000 / 3600;

/** Validates a table (e.g. a parsed file) and resolves it; `origin` names it in errors. */
export function parseUnitSpeeds(value: unknown, origin = 'unit speeds'): UnitSpeeds {
  const parsed = unitSpeedTableSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    if (keys.length === 0) throw new UnitSpeedsError(`${origin} must be a JSON object with "offRoadKmh" and "kinds"`);
    const key = keys.join('.');
    const why = issue.code === 'unrecognized_keys' ? 'is not a known key' : issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    throw new UnitSpeedsError(`${origin}: ${key} ${why}`);
  }
  const table = parsed.data;
  return {
    table,
    offRoadMps: table.offRoadKmh * KMH,
    speedMps(kind, roadClass) {
      const row = table.kinds[kind];
      const listed = row.classes && Object.hasOwn(row.classes, roadClass) ? row.classes[roadClass] : undefined;
      if (listed === null) return 0;
      return (listed ?? row.default) * KMH;
    },
    obeysOneway: (kind) => table.kinds[kind].obeysOneway,
  };
}

/** Reads and validates a speeds file (default: the shipped data/unit-speeds.json). */
export function loadUnitSpeeds(file = DEFAULT_UNIT_SPEEDS_FILE): UnitSpeeds {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UnitSpeedsError(`cannot read unit speeds ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UnitSpeedsError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseUnitSpeeds(value, file);
}
