// The HTTP API under /api/v1: health, auth and administration, the ingest endpoint, and the read
// endpoints — every read cut to the caller's jurisdiction (see server/auth/scope.ts).
import type { FastifyInstance } from 'fastify';
import type { Access } from '../auth/access.ts';
import type { ScopeFilter } from '../auth/scope-filter.ts';
import type { CameraStates } from '../cameras/camera-states.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import type { GridAssignment, TownshipCounts, UnitsResponse } from '../wire/index.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { createCachedJson } from './cached-json.ts';
import { registerEventsRoute } from './events-route.ts';
import { registerIncidentRoutes, scopeOf } from './incident-routes.ts';
import { buildOpenApi } from './openapi.ts';
import { countsQuerySchema, parseQuery } from './queries.ts';

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
  access: Access;
  scopeFilter: ScopeFilter;
  /** Grid assignment, to refuse reports outside the reporter's jurisdiction before storing them. */
  assign(lng: number, lat: number): GridAssignment | null;
}

const HOUR_MS = 3_600_000;

/** Registers every /api/v1 route on `app`. */
export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const sendCached = createCachedJson();
  const j = ctx.jurisdiction;
  const openapi = buildOpenApi(ctx.version);
  const filter = ctx.scopeFilter;

  app.register(
    async (api) => {
      api.get('/health', { config: { access: 'public' } }, async (_req, reply) => {
        try {
          const lastSeq = await ctx.store.lastSeq();
          return { status: 'ok', version: ctx.version, lastSeq, demoFeed: ctx.demoFeed };
        } catch (err) {
          _req.log.error({ err }, 'health: store unavailable');
          return reply.code(503).send({ status: 'error', version: ctx.version, message: 'the incident store is unavailable' });
        }
      });

      registerAuthRoutes(api, { access: ctx.access });
      registerAdminRoutes(api, ctx.access);
      registerAuditRoutes(api, ctx.access);
      registerEventsRoute(api, {
        access: ctx.access,
        ingest: ctx.ingest,
        assign: ctx.assign,
        countyCode: j.county.properties.code,
        reporterOf: (id) => {
          const a = ctx.access.accounts.get(id);
          return a && { accountId: a.id, createdAt: a.createdAt };
        },
      });
      registerIncidentRoutes(api, { access: ctx.access, store: ctx.store, now: ctx.now });

      api.get('/jurisdiction', (request, reply) => sendCached(request, reply, filter.jurisdiction(scopeOf(request))));
      api.get('/cameras', (request, reply) => sendCached(request, reply, filter.cameras(scopeOf(request), ctx.cameras.collection())));
      api.get('/routes', (request, reply) => sendCached(request, reply, filter.routes(scopeOf(request))));
      api.get('/units', async (request): Promise<UnitsResponse> => ({
        ...filter.units(scopeOf(request), ctx.units.latest()),
        asOf: new Date(ctx.now()).toISOString(),
      }));

      api.get('/counts', async (request) => {
        const scope = scopeOf(request);
        const q = parseQuery(countsQuerySchema, request.query);
        const windowHours = q.windowHours ?? ctx.windowHours;
        const nowMs = ctx.now();
        return {
          asOf: new Date(nowMs).toISOString(),
          windowHours,
          windowMs: windowHours * HOUR_MS,
          counts: filter.counts(scope, ctx.townshipCounts(windowHours * HOUR_MS, nowMs)),
        };
      });

      api.get('/openapi.json', { config: { access: 'public' } }, async () => openapi);
    },
    { prefix: API_PREFIX },
  );
}
