// The OpenAPI 3.1 document served at /api/v1/openapi.json: written by hand so it reads like
// documentation, with request bodies and query parameters generated from the zod schemas the
// server actually validates with (so the two cannot drift).
import { hotspotsQuerySchema } from '../aggregate/hotspot-routes.ts';
import { heatArrowQuerySchema, incidentsArrowQuerySchema } from '../arrow/arrow-routes.ts';
import { MAX_BATCH_ITEMS } from '../ingest/validate.ts';
import { ARROW_MAX_RANGE_DAYS, ARROW_STREAM_TYPE } from '../wire/index.ts';
import { accessPaths, accessSchemas } from './openapi-access.ts';
import { photoPaths, photoSchemas } from './openapi-photos.ts';
import { unitPaths, unitSchemas } from './openapi-units.ts';
import { casePaths } from './openapi-cases.ts';
import { caseSchemas } from './openapi-case-schemas.ts';
import { BODY_LIMIT_BYTES, componentSchemas, queryParameters } from './openapi-schemas.ts';
import { countsQuerySchema, incidentsQuerySchema } from './queries.ts';

type Doc = Record<string, unknown>;

export { BODY_LIMIT_BYTES } from './openapi-schemas.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const answer = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => answer(description, ref('Error'));

const geo = (summary: string, schema: string): Doc => ({
  get: {
    summary,
    description: 'WGS-84 GeoJSON. Answered with an ETag; send If-None-Match to get 304 when unchanged.',
    responses: { 200: answer(summary, ref(schema)), 304: { description: 'unchanged since the ETag you sent' } },
  },
});

/** Builds the document for this server version. */
export function buildOpenApi(version: string): Doc {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yizhangtu (一张图) API',
      version,
      description:
        'Live GIS situational awareness for grid-based social governance. Incidents are posted to /events; ' +
        'live updates (batched ticks, resume after a sequence number) flow over Socket.IO at /socket.io, ' +
        'with the events defined in server/wire/live.ts. The offline basemap (vector tiles, TileJSON, styles, ' +
        'glyphs) is served under /tiles. Coordinates are WGS-84 (not GCJ-02). ' +
        'Every error answer is JSON with a message that says what was wrong. Every incident is a case (案件) in the closed loop ' +
        '受理 → 派遣 → 处置 → 反馈 → 核查 → 归档, on one gapless event log: read cases and give them commands under /cases (each command names ' +
        'the version it saw; a stale one is answered 409 with the current state); external systems follow them by polling ' +
        '/cases?changedAfterSeq=.\n\n' +
        'Access: everything but /health, /openapi.json and /auth/login needs a session (the `yzt_session` cookie from ' +
        '/auth/login, or a wall display\'s from its display link) — or, for POST /events only, an API key valid for the ' +
        'source named in each item. Every answer is cut to the caller\'s jurisdiction: an incident, unit, camera or count ' +
        'is included iff its grid/village/township code starts with the jurisdiction code of the account (6-digit county: ' +
        'everything; 9-digit township; 12-digit village). An id outside it is answered 404. The live channel takes the same ' +
        'cookie (or `auth: { display: token }`), checks Origin, and sends each connection only its jurisdiction; `seq` stays ' +
        'the global sequence, so a scoped client sees gaps between its incidents\' seqs, and `lastSeq` (hello, tick, resume) is where ' +
        'to resume from. Every refusal of a logged-in caller (403) is written to the audit log; so are refusals for want of a ' +
        'valid credential (401: access.unauthenticated, access.bad-api-key), at most one entry per address and kind a minute, ' +
        'the next one counting those left out.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      '/health': {
        get: {
          summary: 'Liveness and version',
          security: [],
          responses: { 200: answer('the server and its store work', ref('Health')), 503: answer('the store is unavailable', ref('Health')) },
        },
      },
      '/events': {
        post: {
          summary: 'Report incidents (事件上报)',
          security: [{ apiKey: [] }, { session: [] }],
          description:
            `One incident object or an array of up to ${MAX_BATCH_ITEMS}; body at most ${BODY_LIMIT_BYTES} bytes. ` +
            '(source, sourceId) is an idempotency key: posting a known pair again returns the stored incident with ' +
            'the same id and duplicate: true, also after a restart, so retries are always safe. All accepted items of ' +
            'one request are committed in one transaction before the answer: an answered incident is durable. ' +
            'Each item is validated and assigned to exactly one grid on its own; bad items are listed in `rejected` ' +
            'by index, field and reason while the good ones are accepted. `source` may be left out: the credential names it. ' +
            'With an API key, items naming another source than the key\'s are rejected (field `source`). With a session, a ' +
            'person posts under a source of their own — `grid-report` for a grid worker (发现上报), `console` for a duty officer, ' +
            'leader or admin — and never under a system\'s source (that needs the source\'s API key; field `source`); their ' +
            'sourceId is stored in their account\'s own namespace (`a<account id>.<creation stamp>/<sourceId>`), so no other ' +
            'principal can consume it, and items outside the account\'s jurisdiction are rejected (field `lng,lat`). No API key ' +
            'can be issued for the reserved sources grid-report, console and demo. A wall display may not post.',
          requestBody: {
            required: true,
            ...json({ oneOf: [ref('IncidentInput'), { type: 'array', items: ref('IncidentInput'), minItems: 1, maxItems: MAX_BATCH_ITEMS }] }),
          },
          responses: {
            201: answer('at least one new incident was stored (rejected items, if any, are listed)', ref('IngestResult')),
            200: answer('every accepted item was already stored (all duplicates)', ref('IngestResult')),
            400: error('the body is not JSON, empty, or neither an object nor an array'),
            413: error(`the body exceeds ${BODY_LIMIT_BYTES} bytes or holds more than ${MAX_BATCH_ITEMS} items`),
            415: error('Content-Type is not application/json'),
            401: error('no session and no valid API key'),
            403: error('a wall display may not post (audited)'),
            422: answer('no item was accepted; `rejected` says why for each', ref('IngestResult')),
            429: error('rate limit per key or account: see Retry-After'),
            500: error('not stored; safe to retry (idempotent)'),
          },
        },
      },
      '/jurisdiction': geo('County, townships, villages and grids with their codes and names', 'Jurisdiction'),
      '/cameras': geo('Cameras with their current state (online / offline / fault)', 'Cameras'),
      '/routes': geo('Patrol routes', 'Routes'),
      '/units': {
        get: { summary: 'Patrol units and their latest fixes', responses: { 200: answer('units', ref('Units')) } },
      },
      '/incidents': {
        get: {
          summary: 'Recent incidents, newest first, filtered',
          parameters: queryParameters(incidentsQuerySchema),
          responses: { 200: answer('matching incidents', ref('IncidentList')), 400: error('a query parameter is invalid; `field` names it') },
        },
      },
      '/incidents/{id}': {
        get: {
          summary: 'One incident by id',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: answer('the incident', ref('Incident')), 404: error('no such incident') },
        },
      },
      '/counts': {
        get: {
          summary: 'Incidents per township in a window ending now (一张图 heat)',
          parameters: queryParameters(countsQuerySchema),
          responses: { 200: answer('counts', ref('Counts')), 400: error('windowHours is invalid') },
        },
      },
      '/hotspots': {
        get: {
          summary: 'Statistically significant hotspots of a window (热点), ranked',
          description:
            'Getis-Ord Gi* over grid cells with queen contiguity, against a households baseline, with a ' +
            'Benjamini–Hochberg false discovery rate; each hotspot compared with the previous window and a week earlier.',
          parameters: queryParameters(hotspotsQuerySchema),
          responses: { 200: answer('hotspots', ref('Hotspots')), 400: error('a query parameter is invalid; `field` names it') },
        },
      },
      '/incidents.arrow': {
        get: {
          summary: 'Incident history of a time range as an Arrow IPC stream (for deck.gl binary attributes)',
          description:
            `Oldest first by (occurredAt, seq), at most ${ARROW_MAX_RANGE_DAYS} days, cut to the caller's jurisdiction, streamed in record batches. ` +
            'Columns (names in server/wire/analytics.ts): position FixedSizeList<Float32>[2] = [lng, lat] − origin (schema metadata ' +
            '`yizhangtu.origin`, for deck.gl lnglat-offsets), id FixedSizeBinary(16) (arrow.uuid), seq Uint32, occurredAt Float64 (ms since epoch), ' +
            'category Dictionary<Int8> (INCIDENT_CATEGORIES order), priority Int8 and stage Int8 (indexes into INCIDENT_PRIORITIES / INCIDENT_STAGES), ' +
            'source Dictionary<Int16>, township Dictionary<Int16>, village and grid Dictionary<Int32> (delta dictionaries: an index means the same in every batch). ' +
            'Metadata `yizhangtu.lastSeq`: resume the live channel after it.',
          parameters: queryParameters(incidentsArrowQuerySchema),
          responses: {
            200: { description: 'Arrow IPC stream', content: { [ARROW_STREAM_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
            400: error('a query parameter is invalid or the range is too long; `field` names it'),
          },
        },
      },
      '/heat.arrow': {
        get: {
          summary: 'Heat grid (热力) of a window as an Arrow IPC stream',
          description:
            '250 m cells with at least one incident in the window ending now, cut to the caller\'s jurisdiction. Columns: position ' +
            'FixedSizeList<Float32>[2] (cell centre − origin), count Uint32, cell Uint32 (row-major index). Metadata: `yizhangtu.total` ' +
            '(sum of count), `yizhangtu.geometry` (JSON: west, south, cellLng, cellLat, columns, rows, cellMeters), window from/to, ' +
            '`yizhangtu.lastSeq` (the counts include every incident up to this sequence number; a live client adds those above it).',
          parameters: queryParameters(heatArrowQuerySchema),
          responses: {
            200: { description: 'Arrow IPC stream', content: { [ARROW_STREAM_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
            400: error('windowHours is invalid; `field` names it'),
          },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1', ...json({ type: 'object' }) } } },
      },
      ...accessPaths,
      ...casePaths,
      ...photoPaths,
      ...unitPaths,
    },
    security: [{ session: [] }],
    components: {
      schemas: { ...componentSchemas, ...accessSchemas, ...caseSchemas, ...photoSchemas, ...unitSchemas },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'yzt_session', description: 'Set by POST /auth/login or by opening a display link.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'POST /events (valid for one source), and POST /units/{id}/fixes for a fix source (gps, gps-…). Also accepted as X-API-Key.' },
      },
    },
  };
}
