// JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the API's bodies. Request bodies and query
// parameters come from the zod schemas the server validates with; answers, which the server builds
// itself, are written out here from the wire types in server/wire.
import { z } from 'zod';
import {
  CAMERA_STATES,
  INCIDENT_CATEGORIES,
  INCIDENT_PRIORITIES,
  INCIDENT_STAGES,
  incidentInputSchema,
  UNIT_KINDS,
  UNIT_STATES,
} from '../wire/index.ts';

type Schema = Record<string, unknown>;

/** Request bodies larger than this are refused with 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A zod schema as a plain JSON Schema object, without the top-level $schema key. */
export function fromZod(schema: z.ZodType): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Schema;
  return rest;
}

/** Query parameters from a zod object schema. */
export function queryParameters(schema: z.ZodObject): Schema[] {
  const props = (fromZod(schema).properties ?? {}) as Record<string, Schema>;
  return Object.entries(props).map(([name, { description, ...s }]) => ({
    name,
    in: 'query',
    required: false,
    ...(description ? { description } : {}),
    schema: s,
  }));
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const dateTime = (description: string): Schema => ({ type: 'string', format: 'date-time', description });
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const countsMap: Schema = { type: 'object', additionalProperties: int, description: 'Count per 9-digit township code; every township present.' };

/** A GeoJSON FeatureCollection whose features carry `props`. */
function featureCollection(props: Schema, geometry: string): Schema {
  return obj({
    type: { const: 'FeatureCollection' },
    features: {
      type: 'array',
      items: obj({ type: { const: 'Feature' }, geometry: { type: 'object', description: `GeoJSON ${geometry}, WGS-84` }, properties: props }),
    },
  });
}

const gridAssignment = {
  townshipCode: str('9-digit township code (乡镇/街道)'),
  villageCode: str('12-digit village code (村/社区)'),
  gridCode: str('grid code = village code + 3 digits (网格)'),
};

export const componentSchemas: Record<string, Schema> = {
  IncidentInput: fromZod(incidentInputSchema),
  Incident: obj({
    id: str('server-assigned stable id'),
    seq: { ...int, description: 'gapless server-assigned sequence number' },
    source: str(),
    sourceId: str(),
    category: { enum: [...INCIDENT_CATEGORIES] },
    priority: { enum: [...INCIDENT_PRIORITIES] },
    lng: num,
    lat: num,
    occurredAt: dateTime('UTC'),
    receivedAt: dateTime('UTC, when the server committed it'),
    description: str(),
    stage: { enum: [...INCIDENT_STAGES] },
    ...gridAssignment,
  }),
  AcceptedIncident: obj({
    index: { ...int, description: 'position in the posted array (0 for a single object)' },
    id: str(),
    seq: int,
    ...gridAssignment,
    duplicate: { type: 'boolean', description: 'true when (source, sourceId) was already stored: the stored incident is returned' },
  }),
  RejectedIncident: obj({
    index: int,
    field: str('the field at fault; "(item)" for the item as a whole, "lng,lat" for a location outside the jurisdiction'),
    reason: str(),
  }),
  IngestResult: obj({
    accepted: { type: 'array', items: ref('AcceptedIncident') },
    rejected: { type: 'array', items: ref('RejectedIncident') },
  }),
  Error: obj({ statusCode: int, error: str(), message: str('what was wrong, for a person to act on'), field: str() }, ['field']),
  Health: obj({ status: { enum: ['ok', 'error'] }, version: str(), lastSeq: int, demoFeed: { type: 'boolean' } }, ['lastSeq', 'demoFeed']),
  IncidentList: obj({
    incidents: { type: 'array', items: ref('Incident'), description: 'newest first by occurredAt' },
    lastSeq: { ...int, description: 'highest committed sequence number; resume the live channel after it' },
    asOf: dateTime('server time of the answer'),
  }),
  Counts: obj({ asOf: dateTime('end of the window'), windowHours: num, windowMs: int, counts: countsMap }),
  UnitInfo: obj({
    id: str(),
    callsign: str(),
    kind: { enum: [...UNIT_KINDS] },
    team: str(),
    routeId: str(),
    townshipCode: str(),
  }),
  UnitFix: obj({
    id: str(),
    lng: num,
    lat: num,
    heading: { ...num, description: 'degrees clockwise from north' },
    speed: { ...num, description: 'm/s' },
    state: { enum: [...UNIT_STATES] },
    at: dateTime('time of the fix'),
  }),
  Units: obj({
    units: { type: 'array', items: ref('UnitInfo') },
    fixes: { type: 'array', items: ref('UnitFix'), description: 'latest fix of every unit heard from' },
    asOf: dateTime('server time of the answer'),
  }),
  Jurisdiction: obj({
    county: obj({ type: { const: 'Feature' }, geometry: { type: 'object' }, properties: obj({ code: str(), name: str(), city: str(), province: str(), schematic: { type: 'boolean' } }) }),
    townships: featureCollection(obj({ code: str(), name: str(), households: int }), 'Polygon | MultiPolygon'),
    villages: featureCollection(obj({ code: str(), name: str(), townshipCode: str(), households: int }), 'Polygon | MultiPolygon'),
    grids: featureCollection(
      obj({ code: str(), name: str(), villageCode: str(), townshipCode: str(), households: int, worker: obj({ name: str(), phone: str() }) }),
      'Polygon | MultiPolygon',
    ),
  }),
  Cameras: featureCollection(
    obj({
      id: str(),
      name: str(),
      state: { enum: [...CAMERA_STATES] },
      bearing: { ...num, description: 'viewing direction, degrees clockwise from north' },
      fov: { ...num, description: 'horizontal field of view, degrees' },
      range: { ...num, description: 'useful range, metres' },
      townshipCode: str(),
      gridCode: str(),
    }),
    'Point',
  ),
  Hotspots: obj({
    window: obj({ name: str('e.g. 24h'), ms: int, from: dateTime('window start'), to: dateTime('window end') }),
    method: obj({ statistic: { const: 'getis-ord-gi*' }, neighbours: { const: 'queen-contiguity' }, baseline: { enum: ['households', 'none'] }, fdr: num, minCount: int }),
    hotspots: {
      type: 'array',
      items: obj({
        id: str('hs-<peak grid code>, stable while that grid stays the peak'),
        rank: int,
        z: { ...num, description: 'peak Gi* z-score' },
        p: { ...num, description: 'one-sided p-value of the peak' },
        gridCodes: { type: 'array', items: str() },
        villageCodes: { type: 'array', items: str() },
        townshipCodes: { type: 'array', items: str() },
        centre: { type: 'array', items: num, minItems: 2, maxItems: 2, description: '[lng, lat], incident-weighted' },
        extent: { type: 'array', items: num, minItems: 4, maxItems: 4, description: '[west, south, east, north]' },
        count: int,
        expected: { ...num, description: 'incidents the households share would predict' },
        previous: int,
        weekEarlier: int,
        changeVsPrevious: { type: ['number', 'null'] },
        changeVsWeekEarlier: { type: ['number', 'null'] },
        trend: { enum: ['new', 'rising', 'steady', 'falling'] },
        topCategories: { type: 'array', items: obj({ category: str(), count: int }) },
      }),
    },
  }),
  Routes: featureCollection(
    obj({ id: str(), name: str(), team: str(), townshipCode: str(), color: { type: 'array', items: int, minItems: 3, maxItems: 3 } }),
    'LineString',
  ),
};
