// GPS fixes of a unit over HTTP: POST /units/{id}/fixes (a batch from a tracker, a source system
// or the unit's phone; each fix accepted, a duplicate, or rejected with its reason; the answer comes
// after the accepted ones are committed) and GET /units/{id}/track (the stored fixes of a window,
// to draw and replay a track). Who may post: an API key of a fix source (source `gps` or `gps-…`),
// or a session that may dispatch the unit (an officer of its township or above).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../auth/roles.ts';
import { inScope } from '../auth/scope.ts';
import type { FixIngest } from '../unitwork/fix-ingest.ts';
import type { FixStore } from '../unitwork/fix-store.ts';
import type { UnitInfo } from '../wire/index.ts';
import { MAX_FIX_BATCH } from '../wire/unit-fixes.ts';
import type { FixBatchResult, UnitTrack } from '../wire/unit-fixes.ts';
import { errorBody, HttpError } from './errors.ts';
import { parseQuery } from './queries.ts';

export interface UnitFixRouteDeps {
  fixes: FixIngest;
  fixStore: FixStore;
  units: readonly UnitInfo[];
  now(): number;
}

/** True for the source name of an API key that may post fixes. */
export const isFixSource = (source: string): boolean => source === 'gps' || source.startsWith('gps-');

/** Most fixes one track answer carries; more in the window set `truncated`. */
export const MAX_TRACK_FIXES = 10_000;
/** The window of a track when `since` is not given: the hour before `until`. */
const DEFAULT_TRACK_MS = 3_600_000;

const isoTime = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with a zone` });
export const trackQuerySchema = z.strictObject({
  since: isoTime('since').optional().describe('Start of the window (inclusive); default: an hour before until.'),
  until: isoTime('until').optional().describe('End of the window (inclusive); default: now.'),
});

export function registerUnitFixRoutes(api: FastifyInstance, deps: UnitFixRouteDeps): void {
  const units = new Map(deps.units.map((u) => [u.id, u]));

  api.post<{ Params: { id: string } }>('/units/:id/fixes', { config: { access: 'report' } }, async (request, reply): Promise<FixBatchResult | undefined> => {
    const p = request.principal!;
    const unit = units.get(request.params.id);
    if (p.kind === 'api-key') {
      if (!isFixSource(p.source)) throw new HttpError(403, `the API key of source ${p.source} may not post fixes: fixes come from a source named gps or gps-…`);
    } else if (!can(p.role, 'dispatch')) {
      throw new HttpError(403, `role ${p.role} may not post a unit's fixes: an officer who may dispatch it, or an API key of a fix source`);
    } else if (unit && !inScope(p.scope, unit.townshipCode)) {
      return reply.code(404).send(errorBody(404, `no patrol unit with id ${request.params.id} in your jurisdiction`));
    }
    if (!unit) return reply.code(404).send(errorBody(404, `no patrol unit with id ${request.params.id}`));
    const body: unknown = request.body;
    if (!Array.isArray(body)) return reply.code(422).send(errorBody(422, 'the body must be a JSON array of fixes [{at, lng, lat, speed?, heading?}]', '(body)'));
    if (body.length === 0) return reply.code(422).send(errorBody(422, 'the batch is empty: send 1 … 1000 fixes', '(body)'));
    if (body.length > MAX_FIX_BATCH) return reply.code(413).send(errorBody(413, `at most ${MAX_FIX_BATCH} fixes in one batch, got ${body.length}`, '(body)'));
    const result = deps.fixes.ingest(unit.id, body)!;
    // Nothing stored: the whole batch was refused, each fix with its reason.
    if (result.accepted + result.duplicates === 0) return reply.code(422).send({ ...errorBody(422, `every fix was rejected (first: ${result.rejected[0]!.reason})`), ...result });
    return result;
  });

  api.get<{ Params: { id: string } }>('/units/:id/track', { config: { access: 'read' } }, async (request, reply): Promise<UnitTrack | undefined> => {
    const p = request.principal!;
    if (p.kind === 'api-key') throw new HttpError(403, 'a track is for people: this needs a login session, not an API key');
    const q = parseQuery(trackQuerySchema, request.query);
    const unit = units.get(request.params.id);
    if (!unit || !inScope(p.scope, unit.townshipCode)) return reply.code(404).send(errorBody(404, `no patrol unit with id ${request.params.id} in your jurisdiction`));
    const untilMs = q.until ? Date.parse(q.until) : deps.now();
    const sinceMs = q.since ? Date.parse(q.since) : untilMs - DEFAULT_TRACK_MS;
    if (sinceMs > untilMs) throw new HttpError(400, 'since must not be after until', 'since');
    const rows = deps.fixStore.track(unit.id, sinceMs, untilMs, MAX_TRACK_FIXES + 1);
    const truncated = rows.length > MAX_TRACK_FIXES;
    const fixes = (truncated ? rows.slice(0, MAX_TRACK_FIXES) : rows).map((f) => ({ at: new Date(f.atMs).toISOString(), lng: f.lng, lat: f.lat, speed: f.speed, heading: f.heading }));
    return { unitId: unit.id, since: new Date(sinceMs).toISOString(), until: new Date(untilMs).toISOString(), fixes, truncated };
  });
}
