// The incident queries, cut to the caller's jurisdiction: the list, one by id (an id outside the
// scope is answered exactly like an unknown one, 404, and the attempt audited), and the export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Access } from '../auth/access.ts';
import { actorOf } from '../auth/principal.ts';
import { inScope } from '../auth/scope.ts';
import type { Scope } from '../auth/scope.ts';
import type { IncidentQuery, IncidentStore } from '../store/types.ts';
import { INCIDENT_CATEGORIES } from '../wire/index.ts';
import type { Incident, IncidentsResponse } from '../wire/index.ts';
import { deny, pathOf } from './access-guard.ts';
import { exportFormatSchema } from './access-schemas.ts';
import { toCsv } from './csv.ts';
import { errorBody, HttpError } from './errors.ts';
import { incidentsQuerySchema, parseQuery } from './queries.ts';

export interface IncidentRouteDeps {
  access: Access;
  store: IncidentStore;
  now(): number;
}

const DAY_MS = 86_400_000;

export const incidentExportQuerySchema = z.strictObject({
  format: exportFormatSchema.default('csv'),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time with a time zone' }).optional().describe('Default: 30 days ago.'),
  until: z.iso.datetime({ offset: true, error: 'until must be an ISO 8601 date-time with a time zone' }).optional(),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }).optional(),
});

const EXPORT_COLUMNS = ['id', 'seq', 'source', 'sourceId', 'category', 'priority', 'stage', 'lng', 'lat', 'occurredAt', 'receivedAt', 'townshipCode', 'villageCode', 'gridCode', 'description'] as const;

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
    const since = q.since ?? new Date(deps.now() - 30 * DAY_MS).toISOString();
    const untilMs = q.until === undefined ? Infinity : Date.parse(q.until);
    const rows: Incident[] = [];
    await store.forEachSince(since, (i) => {
      if (inScope(scope, i.gridCode) && Date.parse(i.occurredAt) < untilMs && (q.category === undefined || i.category === q.category)) rows.push(i);
    });
    rows.sort((a, b) => a.seq - b.seq);
    access.audit.append({
      actor: actorOf(request.principal),
      action: 'incidents.exported',
      details: { format: q.format, since, until: q.until ?? null, category: q.category ?? null, jurisdiction: scope.code, rows: rows.length },
      ip: request.ip,
    });
    const stamp = new Date(deps.now()).toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="incidents-${scope.code}-${stamp}.${q.format}"`);
    if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(EXPORT_COLUMNS, rows.map((i) => EXPORT_COLUMNS.map((c) => i[c]))));
    return reply.type('application/x-ndjson; charset=utf-8').send(rows.map((i) => JSON.stringify(i)).join('\n') + (rows.length ? '\n' : ''));
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
