// The unit API (巡逻力量): the duty status of the caller's units, status commands on one unit, and
// from a case — the units ranked by road travel time (派遣建议) and the one action that dispatches
// one of them (指挥派遣: the case assigned and the unit dispatched in one commit). Every refusal is a
// 4xx with its reason; double booking is a 409 that names the case the unit is already on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inScope } from '../auth/scope.ts';
import type { SessionPrincipal } from '../auth/principal.ts';
import type { CaseService } from '../casework/case-service.ts';
import type { IncidentStore } from '../store/types.ts';
import type { UnitState } from '../units/unit-state.ts';
import { recommendationFor } from '../unitwork/recommendation.ts';
import type { UnitRefused } from '../unitwork/unit-service.ts';
import type { Unitwork } from '../unitwork/unitwork.ts';
import { dispatchRequestSchema, parseUnitCommandBody } from '../wire/index.ts';
import type { DispatchResult, UnitCommandResult, UnitRecommendation, UnitStatusListResponse } from '../wire/index.ts';
import { errorBody, HttpError } from './errors.ts';
import { parseQuery } from './queries.ts';

export interface UnitRouteDeps {
  store: IncidentStore;
  unitwork: Unitwork;
  cases: CaseService;
  /** The units' latest GPS fixes (their positions for the ranking). */
  fixes: UnitState;
  now(): number;
}

/** How many of the first free units carry their route unless asked otherwise. */
export const DEFAULT_ROUTES = 3;
/** Most units one recommendation draws the route of. */
export const MAX_ROUTES = 10;

export const recommendationQuerySchema = z.strictObject({
  county: z.enum(['true', 'false'], { error: 'county must be true or false' }).optional()
    .describe("Rank the rest of the county's units after the township's (escalation); default: only for a county-level case."),
  routes: z.string({ error: `routes must be a whole number 0 … ${MAX_ROUTES}` }).regex(/^\d{1,3}$/, `routes must be a whole number 0 … ${MAX_ROUTES}`)
    .transform(Number).pipe(z.number().max(MAX_ROUTES, `routes must be at most ${MAX_ROUTES}`)).optional()
    .describe('How many of the first free units carry their road route as [lng, lat][].'),
});

function sessionOf(request: FastifyRequest): SessionPrincipal {
  const p = request.principal;
  if (!p || p.kind === 'api-key') throw new HttpError(403, 'units are directed by people: this needs a login session, not an API key');
  return p;
}

function refuse(reply: FastifyReply, a: UnitRefused): FastifyReply {
  return reply.code(a.status).send({ ...errorBody(a.status, a.reason, a.field), ...(a.unit ? { unit: a.unit } : {}), ...(a.case ? { case: a.case } : {}) });
}

export function registerUnitRoutes(api: FastifyInstance, deps: UnitRouteDeps): void {
  const { unitwork } = deps;

  api.get('/units/status', { config: { access: 'read' } }, async (request): Promise<UnitStatusListResponse> => {
    const p = sessionOf(request);
    const units = unitwork.book.all().filter((u) => inScope(p.scope, u.townshipCode));
    return { units, lastSeq: await deps.store.lastSeq(), asOf: new Date(deps.now()).toISOString() };
  });

  api.post<{ Params: { id: string } }>('/units/:id/commands', { config: { access: 'dispatch' } }, async (request, reply) => {
    const p = sessionOf(request);
    const parsed = parseUnitCommandBody(request.body);
    if ('refusal' in parsed) return refuse(reply, { ok: false, ...parsed.refusal });
    const a = await unitwork.service.execute(request.params.id, parsed.expectedVersion, parsed.command, p, request.ip);
    if (!a.ok) return refuse(reply, a);
    const result: UnitCommandResult = { unit: a.unit, events: a.events };
    return result;
  });

  api.get<{ Params: { id: string } }>('/cases/:id/recommendation', { config: { access: 'dispatch' } }, async (request, reply): Promise<UnitRecommendation | FastifyReply> => {
    const p = sessionOf(request);
    const q = parseQuery(recommendationQuerySchema, request.query);
    const record = await deps.cases.read(request.params.id, p.scope);
    if (!record) return reply.code(404).send(errorBody(404, `no case with id ${request.params.id}`));
    return recommendationFor(unitwork.router(), record, unitwork.book, deps.fixes.latest(), { routes: q.routes ?? DEFAULT_ROUTES, ...(q.county ? { includeCounty: q.county === 'true' } : {}) }, deps.now());
  });

  api.post<{ Params: { id: string } }>('/cases/:id/dispatch', { config: { access: 'dispatch' } }, async (request, reply) => {
    const p = sessionOf(request);
    const body = dispatchRequestSchema.safeParse(request.body);
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.') || '(body)';
      return reply.code(422).send(errorBody(422, issue.code === 'unrecognized_keys' ? `${field} is not a field of a dispatch ({unitId, expectedVersion, override?})` : issue.message, field));
    }
    const { unitId, expectedVersion, override = false } = body.data;
    const a = await unitwork.service.dispatch({ caseId: request.params.id, unitId, expectedVersion, override }, p, request.ip);
    if (!a.ok) return refuse(reply, a);
    const result: DispatchResult = { case: a.case, unit: a.unit, caseEvents: a.caseEvents, unitEvents: a.unitEvents };
    return result;
  });
}
