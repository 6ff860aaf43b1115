// The OpenAPI paths of the unit API (巡逻力量) and of dispatch from a case (指挥派遣): bodies and
// query parameters from the zod schemas the routes validate with, answers written out by hand.
import { CAMERA_STATES, UNIT_EVENT_TYPES, UNIT_STATUSES, UNIT_KINDS, dispatchRequestSchema, unitCommandSchema } from '../wire/index.ts';
import { fromZod } from './openapi-schemas.ts';
import { FIX_REJECTIONS, fixInputSchema, MAX_FIX_BATCH } from '../wire/unit-fixes.ts';
import { MAX_TRACK_FIXES, trackQuerySchema } from './unit-fix-routes.ts';
import { recommendationQuerySchema } from './unit-routes.ts';

type Doc = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const answer = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => answer(description, ref('Error'));
const refusal = (description: string, extra: Record<string, unknown>) => answer(description, { allOf: [ref('Error'), { type: 'object', properties: extra }] });
const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const str = { type: 'string' };
const time = { type: ['string', 'null'], format: 'date-time' };
const num = { type: ['number', 'null'] };

const queryParameters = (schema: Parameters<typeof fromZod>[0]) => Object.entries((fromZod(schema).properties ?? {}) as Record<string, Doc>).map(([name, { description, ...s }]) => ({
  name, in: 'query', required: false, ...(description ? { description } : {}), schema: s,
}));
const recommendationParameters = queryParameters(recommendationQuerySchema);
const fixRejection = { type: 'object', properties: { index: { type: 'integer' }, code: { enum: [...FIX_REJECTIONS] }, reason: str } };

/** Paths under /api/v1 of the unit API. */
export const unitPaths: Record<string, Doc> = {
  '/units/status': {
    get: {
      summary: 'Duty status of the units in your jurisdiction (勤务状态)',
      description: 'Every unit of the county starts available (在岗) at version 0; each status command is an event in the one log (stream unit). ' +
        'Changes after lastSeq arrive in the live tick as unitStatuses.',
      security: [{ session: [] }],
      responses: { 200: answer('the units of your townships', ref('UnitStatusList')), 401: error('not logged in'), 403: error('an API key') },
    },
  },
  '/units/{id}/commands': {
    post: {
      summary: 'Change a unit\'s status (accept, decline, depart, arrive, clear, cancel, resume, sign-off, disable)',
      description: 'The body is the command with the unit version you saw: {type, expectedVersion, …fields}. Dispatch is not a unit command: ' +
        'POST /cases/{id}/dispatch. An officer (admin, leader, duty officer) of a jurisdiction containing the unit\'s township. Audited.',
      security: [{ session: [] }],
      parameters: [path('id', 'the unit id (units.json)')],
      requestBody: { required: true, ...json(ref('UnitCommandBody')) },
      responses: {
        200: answer('applied', ref('UnitCommandResult')),
        403: error('not an officer, an API key, or the unit is outside your jurisdiction'),
        404: error('no such unit'),
        409: refusal('the unit moved on (another version), or its status does not allow the command; unit is its current state', { unit: ref('UnitDutyState') }),
        422: error('a malformed command: field names what'),
      },
    },
  },
  '/cases/{id}/recommendation': {
    get: {
      summary: 'The units to send to a case, ranked by road travel time (派遣建议)',
      description: 'The case\'s township\'s units by ETA over the county\'s roads (class → speed per unit kind, foot ignores one-way), then the county\'s on ' +
        'escalation; busy units apart (dispatching one needs override); off-duty, out-of-service and never-located units excluded with the reason. ' +
        'The first `routes` free units carry their road route.',
      security: [{ session: [] }],
      parameters: [path('id', 'the case (its incident id)'), ...recommendationParameters],
      responses: { 200: answer('ranked', ref('UnitRecommendation')), 400: error('a bad query parameter'), 403: error('may not dispatch'), 404: error('no such case in your jurisdiction') },
    },
  },
  '/cases/{id}/dispatch': {
    post: {
      summary: 'Dispatch a unit to a case (指挥派遣)',
      description: 'One commit writes both: the case an `assigned` event (assignee kind unit; the case moves to 派遣) and the unit a `dispatched` one — ' +
        'or neither. expectedVersion is the case\'s version you saw. A busy unit is refused (409, naming the case it is on: double booking) unless ' +
        'override is true. Two officers dispatching one unit at once: one commits, the other gets that 409.',
      security: [{ session: [] }],
      parameters: [path('id', 'the case (its incident id)')],
      requestBody: { required: true, ...json(ref('DispatchRequest')) },
      responses: {
        200: answer('dispatched', ref('DispatchResult')),
        403: error('not an officer of the unit\'s (or the case\'s) jurisdiction, or an API key'),
        404: error('no such case in your jurisdiction'),
        409: refusal('double booking, the case moved on, or its stage does not allow an assignment', { unit: ref('UnitDutyState'), case: { type: 'object' } }),
        422: error('a malformed body or an unknown unit: field names what'),
      },
    },
  },
  '/units/{id}/fixes': {
    post: {
      summary: 'Post a batch of GPS fixes of a unit (定位上报)',
      description: `A JSON array of 1 … ${MAX_FIX_BATCH} fixes {at, lng, lat, speed? (m/s), heading? (° from north)}, WGS-84. Each fix is accepted, a duplicate ` +
        '(idempotent per unit and `at` to the millisecond: the fix stored first stays), or rejected with its reason: malformed; future (more than 30 s ahead of the ' +
        'server clock); outside-area (beyond the county\'s bounding box + 5 km); too-fast (a jump from or to the unit\'s neighbouring fixes in time faster than its kind ' +
        'moves: foot 15, e-bike 45, car 150 km/h, plus 50 m of GPS error). The answer comes after the accepted fixes are committed to disk; the newest moves the unit ' +
        'on the map and in the recommendation. Who: an API key of a fix source (source name gps or gps-…), or a session that may dispatch (admin, leader, duty officer) ' +
        'of a jurisdiction containing the unit\'s township.',
      security: [{ apiKey: [] }, { session: [] }],
      parameters: [path('id', 'the unit id (units.json)')],
      requestBody: { required: true, ...json({ type: 'array', minItems: 1, maxItems: MAX_FIX_BATCH, items: fromZod(fixInputSchema) }) },
      responses: {
        200: answer('stored (accepted + duplicates); rejected lists the others by index', ref('FixBatchResult')),
        403: error('an API key of another source, or a role that may not dispatch'),
        404: error('no such unit in your jurisdiction'),
        413: error(`more than ${MAX_FIX_BATCH} fixes`),
        422: refusal('not an array, empty, or every fix rejected', { accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'array', items: fixRejection } }),
      },
    },
  },
  '/units/{id}/track': {
    get: {
      summary: 'The stored fixes of a unit in a window (轨迹回放)',
      description: `Oldest first, at most ${MAX_TRACK_FIXES}; truncated: ask again from the last one's time. Default window: the hour before until (default now).`,
      security: [{ session: [] }],
      parameters: [path('id', 'the unit id (units.json)'), ...queryParameters(trackQuerySchema)],
      responses: { 200: answer('the track', ref('UnitTrack')), 400: error('a bad query parameter'), 403: error('an API key'), 404: error('no such unit in your jurisdiction') },
    },
  },
  '/cases/{id}/cameras': {
    get: {
      summary: 'The cameras that can see a case (视频联动)',
      description: 'The cameras whose field of view covers the case\'s scene: within the camera\'s range and within fov/2 of its bearing (cameras.geojson). ' +
        'Occlusion (buildings, trees, terrain) is ignored: a listed camera may still look at a wall. Online cameras first, then by offAxisDeg / (fov/2) + ' +
        'distanceM / range (lower first). streamUrl is the camera\'s own `streamUrl` property, else CAMERA_STREAM_TEMPLATE with {id}, else null (no stream configured).',
      security: [{ session: [] }],
      parameters: [path('id', 'the case (its incident id)')],
      responses: { 200: answer('the covering cameras, best first', ref('CaseCameras')), 403: error('an API key'), 404: error('no such case in your jurisdiction') },
    },
  },
};

const dutyState = {
  type: 'object',
  properties: {
    unitId: str, callsign: str, townshipCode: str, version: { type: 'integer' }, lastSeq: { type: 'integer' },
    status: { enum: [...UNIT_STATUSES] }, since: time,
    assignment: { type: ['object', 'null'], description: 'caseId, dispatchedBy, override, milestones (dispatchedAt, acknowledgedAt, enRouteAt, onSceneAt, clearedAt), disposition' },
    unanswered: { type: 'boolean' }, overdue: { type: 'boolean' }, updatedAt: time,
  },
};

const rankedUnit = {
  type: 'object',
  properties: {
    unitId: str, callsign: str, kind: { enum: [...UNIT_KINDS] }, team: str, townshipCode: str, tier: { enum: ['township', 'county'] },
    status: { enum: [...UNIT_STATUSES] }, statusSince: time, timeInStatusS: num, caseId: { type: ['string', 'null'] },
    etaS: { ...num, description: 'seconds by road; null: unreachable' }, distanceM: num, straightLineM: { type: 'number' }, offRoadM: num,
    requiresOverride: { type: 'boolean' }, route: { type: 'array', items: { type: 'array', items: { type: 'number' } }, description: 'LineString coordinates [lng, lat][]' },
    fixAt: { type: 'string', format: 'date-time' },
  },
};

const unitEvent = { type: 'object', properties: { seq: { type: 'integer' }, unitId: str, version: { type: 'integer' }, type: { enum: [...UNIT_EVENT_TYPES] }, at: { type: 'string', format: 'date-time' }, actor: { type: 'object' }, payload: { type: 'object' } } };

const caseCamera = {
  type: 'object',
  properties: {
    cameraId: str, name: str, state: { enum: [...CAMERA_STATES] }, distanceM: { type: 'number' }, offAxisDeg: { type: 'number', description: 'degrees between the camera axis and the scene' },
    streamUrl: { type: ['string', 'null'], description: 'HLS or play URL; null: no stream configured' },
  },
};

export const unitSchemas: Record<string, unknown> = {
  FixBatchResult: { type: 'object', properties: { unitId: str, accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'array', items: fixRejection } } },
  UnitTrack: {
    type: 'object',
    properties: {
      unitId: str, since: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' }, truncated: { type: 'boolean' },
      fixes: { type: 'array', items: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, lng: { type: 'number' }, lat: { type: 'number' }, speed: num, heading: num } } },
    },
  },
  CaseCameras: { type: 'object', properties: { caseId: str, scene: { type: 'object', properties: { lng: { type: 'number' }, lat: { type: 'number' } } }, cameras: { type: 'array', items: caseCamera } } },
  UnitDutyState: dutyState,
  UnitEvent: unitEvent,
  UnitStatusList: { type: 'object', properties: { units: { type: 'array', items: ref('UnitDutyState') }, lastSeq: { type: 'integer' }, asOf: { type: 'string', format: 'date-time' } } },
  UnitCommandBody: { allOf: [fromZod(unitCommandSchema), { type: 'object', required: ['expectedVersion'], properties: { expectedVersion: { type: 'integer', minimum: 0 } } }] },
  UnitCommandResult: { type: 'object', properties: { unit: ref('UnitDutyState'), events: { type: 'array', items: ref('UnitEvent') } } },
  DispatchRequest: fromZod(dispatchRequestSchema),
  DispatchResult: { type: 'object', properties: { case: { type: 'object', description: 'the case as GET /cases/{id} shows it' }, unit: ref('UnitDutyState'), caseEvents: { type: 'array', items: { type: 'object' } }, unitEvents: { type: 'array', items: ref('UnitEvent') } } },
  UnitRecommendation: {
    type: 'object',
    properties: {
      caseId: str, scene: { type: 'object', properties: { lng: { type: 'number' }, lat: { type: 'number' } } }, includesCounty: { type: 'boolean' },
      available: { type: 'array', items: rankedUnit }, busy: { type: 'array', items: rankedUnit },
      excluded: { type: 'array', items: { type: 'object', properties: { unitId: str, callsign: str, reason: { enum: ['off-duty', 'out-of-service', 'no-position'] } } } },
      asOf: { type: 'string', format: 'date-time' },
    },
  },
};
