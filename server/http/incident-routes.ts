// The incident queries, cut to the caller's jurisdiction: the list, one by id (an id outside the
// scope is answered exactly like an unknown one, 404, and the attempt audited), and the export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Access } from '../auth/access.ts';
import { actorOf } from '../auth/principal.ts';
import { inScope } from '../auth/scope.ts';
import type { Scope } from '../auth/scope.ts';
import { rangePages, scopeFilter } from '../store/range-pages.ts';
import type { IncidentQuery, IncidentStore } from '../store/types.ts';
import { INCIDENT_CATEGORIES } from '../wire/index.ts';
import type { Incident, IncidentsResponse } from '../wire/index.ts';
import { deny, pathOf } from './access-guard.ts';
import { exportFormatSchema } from './access-schemas.ts';
import { errorBody, HttpError } from './errors.ts';
import { csvFormat, EXPORT_DEFAULT_RANGE_DAYS, EXPORT_MAX_RANGE_DAYS, exportRange, ndjsonFormat, recordExportEnd, sendExport } from './export-stream.ts';
import { incidentsQuerySchema, parseQuery } from './queries.ts';

export interface IncidentRouteDeps {
  access: Access;
  store: IncidentStore;
  now(): number;
}

/**
 * Incidents one export page reads (the event loop's longest hold is a page read and encoded): reading
 * 500 took ≈ 3.5 ms of CPU (median of 300 pages, 14 ms the worst) on this 2-core VM and encoding
 * them less; 1000 took twice that, 2000 up to 56 ms. Under a load of 7 the wall time is 2–3× the CPU.
 */
const EXPORT_PAGE_ROWS = 500;
/** Without until, an export reaches this far past now: sources' clocks run minutes ahead (ingest accepts 15). */
const CLOCK_SLACK_MS = 3_600_000;

export const incidentExportQuerySchema = z.strictObject({
  format: exportFormatSchema.default('csv'),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time with a time zone' }).optional()
    .describe(`Only incidents that occurred at or after this time. Default: ${EXPORT_DEFAULT_RANGE_DAYS} days before until (or now). At most ${EXPORT_MAX_RANGE_DAYS} days before until (or now): a longer range is a 400.`),
  until: z.iso.datetime({ offset: true, error: 'until must be an ISO 8601 date-time with a time zone' }).optional()
    .describe('Only incidents that occurred before this time. Default: now (and incidents dated up to an hour ahead of the server clock).'),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }).optional(),
});

const EXPORT_COLUMNS = ['id', 'seq', 'source', 'sourceId', 'category', 'priority', 'stage', 'lng', 'lat', 'occurredAt', 'receivedAt', 'townshipCode', 'villageCode', 'gridCode', 'description'] as const;

/** The incidents of each page whose grid lies in the scope (the store filtered by township or village; the grid decides). */
async function* insideScope(scope: Scope, pages: AsyncIterable<Incident[]>): AsyncGenerator<Incident[]> {
  for await (const page of pages) {
    const inside = page.every((i) => inScope(scope, i.gridCode)) ? page : page.filter((i) => inScope(scope, i.gridCode));
    if (inside.length > 0) yield inside;
  }
}

/** The caller's scope (the guard admitted only session principals to these routes). */
export function scopeOf(request: FastifyRequest): Scope {
  const p = request.principal;
  if (!p || p.kind === 'api-key') throw new HttpError(403, 'this needs a login session, not an API key');
  return p.scope;
}

/**
 * The newest incidents inside a village: the store filters by township, so ask it for more until
 * `limit` of them are inside (or the township has no more).
 */
async function listInVillage(store: IncidentStore, q: IncidentQuery, village: string): Promise<Incident[]> {
  let ask = q.limit * 16;
  for (;;) {
    const page = await store.listRecent({ ...q, townshipCode: village.slice(0, 9), limit: ask });
    const inside = page.filter((i) => i.villageCode === village);
    if (inside.length >= q.limit || page.length < ask) return inside.slice(0, q.limit);
    ask *= 4;
  }
}

export function registerIncidentRoutes(api: FastifyInstance, deps: IncidentRouteDeps): void {
  const { access, store } = deps;

  api.get('/incidents', async (request, reply) => {
    const scope = scopeOf(request);
    const q = parseQuery(incidentsQuerySchema, request.query);
    if (q.township && q.townshipCode && q.township !== q.townshipCode) {
      throw new HttpError(400, 'township and townshipCode disagree: give one of them', 'township');
    }
    const asked = q.township ?? q.townshipCode;
    if (asked !== undefined && !inScope(scope, asked) && !inScope({ code: asked }, scope.code)) {
      return deny(access, request, reply, `forbidden: township ${asked} lies outside your jurisdiction ${scope.code}`, 'township outside jurisdiction');
    }
    const query: IncidentQuery = { since: q.since, until: q.until, category: q.category, limit: q.limit };
    let incidents: Incident[];
    if (scope.level === 'village') incidents = await listInVillage(store, query, scope.code);
    else incidents = await store.listRecent({ ...query, townshipCode: scope.level === 'township' ? scope.code : asked });
    return { incidents, lastSeq: await store.lastSeq(), asOf: new Date(deps.now()).toISOString() } satisfies IncidentsResponse;
  });

  api.get('/incidents/export', { config: { access: 'export' } }, async (request, reply: FastifyReply) => {
    const scope = scopeOf(request);
    const q = parseQuery(incidentExportQuerySchema, request.query);
    const nowMs = deps.now();
    const range = exportRange(q, nowMs);
    const since = new Date(range.sinceMs).toISOString();
    const until = new Date(q.until !== undefined ? range.endMs : nowMs + CLOCK_SLACK_MS).toISOString();
    // On record when it starts (the rows leave as they are read, and a client may stop halfway);
    // the rows written are recorded when it ends.
    const started = access.audit.append({
      actor: actorOf(request.principal),
      action: 'incidents.exported',
      details: { format: q.format, since, until: q.until ?? null, category: q.category ?? null, jurisdiction: scope.code },
      ip: request.ip,
    });
    const query = { since, until, ...scopeFilter(scope), ...(q.category !== undefined ? { category: q.category } : {}) };
    const pages = (gone: AbortSignal) => insideScope(scope, rangePages((after) => store.incidentsPage({ ...query, ...(after ? { after } : {}), limit: EXPORT_PAGE_ROWS }), gone));
    const format = q.format === 'csv' ? csvFormat(EXPORT_COLUMNS, (i: Incident) => EXPORT_COLUMNS.map((c) => i[c])) : ndjsonFormat<Incident>();
    const stamp = new Date(nowMs).toISOString().slice(0, 10);
    return sendExport(reply, `incidents-${scope.code}-${stamp}.${q.format}`, format, pages, recordExportEnd(access, request, 'incidents.export-ended', started.seq));
  });

  api.get<{ Params: { id: string } }>('/incidents/:id', async (request, reply) => {
    const scope = scopeOf(request);
    const incident = await store.getById(request.params.id);
    if (incident && !inScope(scope, incident.gridCode)) {
      // Answered like an unknown id, so its existence is not revealed; the attempt is on record.
      access.audit.append({
        actor: actorOf(request.principal),
        action: 'access.denied',
        target: `incident:${incident.id}`,
        details: { method: request.method, path: pathOf(request), reason: 'incident outside jurisdiction', jurisdiction: scope.code },
        ip: request.ip,
      });
    }
    if (!incident || !inScope(scope, incident.gridCode)) return reply.code(404).send(errorBody(404, `no incident with id ${request.params.id}`));
    return incident;
  });
}
