// The HTTP API under /api/v1: health, the ingest endpoint, and the read endpoints.
import type { FastifyInstance } from 'fastify';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { JurisdictionResponse, TownshipCounts } from '../wire/index.ts';
import { createCachedJson } from './cached-json.ts';
import { errorBody, HttpError } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { countsQuerySchema, incidentsQuerySchema, parseQuery } from './queries.ts';

export const API_PREFIX = '/api/v1';

/** What the routes read from; each a stage with its own interface. */
export interface ApiContext {
  version: string;
  jurisdiction: Jurisdiction;
  store: IncidentStore;
  ingest: Ingest;
  units: UnitState;
  cameras: CameraStates;
  /** Per-township counts (every township, zeros included) of (nowMs − windowMs, nowMs]. */
  townshipCounts(windowMs: number, nowMs: number): TownshipCounts;
  /** Default counting window. */
  windowHours: number;
  demoFeed: boolean;
  now(): number;
}

const HOUR_MS = 3_600_000;

/** GET /units: the static unit list and every unit's latest fix. */
export interface UnitsResponse {
  units: Jurisdiction['units'];
  fixes: ReturnType<UnitState['latest']>;
  asOf: string;
}

/** Registers every /api/v1 route on `app`. */
export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const sendCached = createCachedJson();
  const j = ctx.jurisdiction;
  const jurisdictionBody: JurisdictionResponse = { county: j.county, townships: j.townships, villages: j.villages, grids: j.grids };
  const openapi = buildOpenApi(ctx.version);

  app.register(
    async (api) => {
      api.get('/health', async (_req, reply) => {
        try {
          const lastSeq = await ctx.store.lastSeq();
          return { status: 'ok', version: ctx.version, lastSeq, demoFeed: ctx.demoFeed };
        } catch (err) {
          _req.log.error({ err }, 'health: store unavailable');
          return reply.code(503).send({ status: 'error', version: ctx.version, message: 'the incident store is unavailable' });
        }
      });

      api.post('/events', async (request, reply) => {
        const result = await ctx.ingest(request.body);
        if (result.accepted.length === 0) return reply.code(422).send(result);
        return reply.code(result.accepted.some((a) => !a.duplicate) ? 201 : 200).send(result);
      });

      api.get('/jurisdiction', (request, reply) => sendCached(request, reply, jurisdictionBody));
      api.get('/cameras', (request, reply) => sendCached(request, reply, ctx.cameras.collection()));
      api.get('/routes', (request, reply) => sendCached(request, reply, j.routes));
      api.get('/units', async (): Promise<UnitsResponse> => ({
        units: j.units,
        fixes: ctx.units.latest(),
        asOf: new Date(ctx.now()).toISOString(),
      }));

      api.get('/incidents', async (request) => {
        const q = parseQuery(incidentsQuerySchema, request.query);
        if (q.township && q.townshipCode && q.township !== q.townshipCode) {
          throw new HttpError(400, 'township and townshipCode disagree: give one of them', 'township');
        }
        const incidents = await ctx.store.listRecent({
          since: q.since,
          until: q.until,
          townshipCode: q.township ?? q.townshipCode,
          category: q.category,
          limit: q.limit,
        });
        return { incidents, lastSeq: await ctx.store.lastSeq(), asOf: new Date(ctx.now()).toISOString() };
      });

      api.get<{ Params: { id: string } }>('/incidents/:id', async (request, reply) => {
        const incident = await ctx.store.getById(request.params.id);
        if (!incident) return reply.code(404).send(errorBody(404, `no incident with id ${request.params.id}`));
        return incident;
      });

      api.get('/counts', async (request) => {
        const q = parseQuery(countsQuerySchema, request.query);
        const windowHours = q.windowHours ?? ctx.windowHours;
        const nowMs = ctx.now();
        return {
          asOf: new Date(nowMs).toISOString(),
          windowHours,
          windowMs: windowHours * HOUR_MS,
          counts: ctx.townshipCounts(windowHours * HOUR_MS, nowMs),
        };
      });

      api.get('/openapi.json', async () => openapi);
    },
    { prefix: API_PREFIX },
  );
}
