// POST /api/v1/events with its authorisation per item. An API key posts only as its own source
// (other items are rejected with a reason, the rest accepted). A logged-in person posts only under
// a source of their own — grid-report for a grid worker (发现上报), console for a duty officer,
// leader or admin (值班录入) — never under a system's source, and only inside their jurisdiction;
// their sourceId is stored inside their account's own namespace, so one principal can never
// consume another's idempotency keys (a squatted hotline id would make the hotline's real report
// a "duplicate" and lose it). The demo feed posts in-process through the same ingest and needs no key.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import { actorOf } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import { inScope } from '../auth/scope.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { MAX_BATCH_ITEMS } from '../ingest/validate.ts';
import { CONSOLE_SOURCE, GRID_REPORT_SOURCE } from '../wire/index.ts';
import type { GridAssignment, IngestResult, RejectedIncident } from '../wire/index.ts';
import { pathOf } from './access-guard.ts';
import { HttpError } from './errors.ts';

export interface EventsRouteDeps {
  access: Access;
  ingest: Ingest;
  assign(lng: number, lat: number): GridAssignment | null;
  countyCode: string;
  /** The account of a session, for the namespace of its sourceIds. */
  reporterOf(accountId: number): Reporter | undefined;
}

/** What an account needs to post in its own name: its id and when it was created (see accountNamespace). */
export interface Reporter {
  accountId: number;
  createdAt: string;
}

/** The source a person's reports are stored under. */
export const sourceOfAccount = (role: string): string => (role === 'grid-worker' ? GRID_REPORT_SOURCE : CONSOLE_SOURCE);

/**
 * The namespace of a person's sourceIds (the stored sourceId is it + their own id). The account's
 * creation time is part of it because SQLite may give a deleted account's id to the next one, and
 * that account must not inherit the old one's keys.
 */
export const accountNamespace = (r: Reporter): string => `a${r.accountId}.${Date.parse(r.createdAt).toString(36)}/`;

type Check = { item: unknown } | { rejected: Omit<RejectedIncident, 'index'> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(p: Principal, item: unknown, deps: EventsRouteDeps): Check {
  if (!isRecord(item)) return { item }; // validation names the problem
  if (p.kind === 'api-key') {
    // The key names the source: it may be left out, and any other is refused.
    if (item.source === undefined) return { item: { ...item, source: p.source } };
    if (item.source !== p.source) {
      const asked = typeof item.source === 'string' ? `"${item.source.slice(0, 64)}"` : 'another source';
      return { rejected: { field: 'source', reason: `this API key is valid for source "${p.source}" only, not ${asked}` } };
    }
    return { item };
  }
  if (p.kind !== 'account') return { rejected: { field: '(item)', reason: 'only an account or an API key may post incidents' } };
  const source = sourceOfAccount(p.role);
  if (item.source !== undefined && item.source !== source) {
    const asked = typeof item.source === 'string' ? `"${item.source.slice(0, 64)}"` : 'another source';
    return { rejected: { field: 'source', reason: `a logged-in ${p.role} posts as source "${source}" (or leave source out); posting as ${asked} needs that source's API key` } };
  }
  const own = { ...item, source };
  if (p.scope.code !== deps.countyCode && typeof item.lng === 'number' && typeof item.lat === 'number') {
    const at = Number.isFinite(item.lng) && Number.isFinite(item.lat) ? deps.assign(item.lng, item.lat) : null;
    if (at && !inScope(p.scope, at.gridCode)) {
      return { rejected: { field: 'lng,lat', reason: `(${item.lng}, ${item.lat}) lies in grid ${at.gridCode}, outside your jurisdiction ${p.scope.code} ${p.scope.name}` } };
    }
  }
  return { item: own };
}

async function handle(request: FastifyRequest, deps: EventsRouteDeps): Promise<IngestResult> {
  const p = request.principal!;
  const body = request.body;
  const items = Array.isArray(body) ? body : isRecord(body) ? [body] : undefined;
  // Unusable bodies get exactly the ingest's own answer (400/413 with its reason).
  if (!items || items.length === 0 || items.length > MAX_BATCH_ITEMS) return deps.ingest(body);

  const refused: RejectedIncident[] = [];
  const pass: unknown[] = [];
  const indexOf: number[] = [];
  items.forEach((item, index) => {
    const c = check(p, item, deps);
    if ('rejected' in c) refused.push({ index, ...c.rejected });
    else {
      pass.push(c.item);
      indexOf.push(index);
    }
  });
  let namespace: string | undefined;
  if (p.kind === 'account') {
    const reporter = deps.reporterOf(p.accountId);
    if (!reporter) throw new HttpError(401, 'the account of this session no longer exists');
    namespace = accountNamespace(reporter);
  }
  const result: IngestResult = pass.length > 0 ? await deps.ingest(pass, namespace === undefined || p.kind !== 'account' ? {} : { sourceIdNamespace: namespace, reporterAccountId: p.accountId }) : { accepted: [], rejected: [] };
  // The ingest's answers are this request's own objects: renumbered in place to the body's indexes
  // (a copy per item was measurable at 1000 items a request), and not at all when nothing was refused.
  const { accepted } = result;
  if (refused.length > 0) {
    for (const a of accepted) a.index = indexOf[a.index]!;
    for (const r of result.rejected) r.index = indexOf[r.index]!;
  }
  const rejected = refused.length > 0 ? [...refused, ...result.rejected] : result.rejected;

  if (p.kind === 'account' && p.scope.code !== deps.countyCode) {
    // A duplicate answers with the stored incident: not if that one lies outside the caller's scope.
    for (let k = accepted.length - 1; k >= 0; k--) {
      const a = accepted[k]!;
      if (a.duplicate && !inScope(p.scope, a.gridCode)) {
        accepted.splice(k, 1);
        rejected.push({ index: a.index, field: 'sourceId', reason: 'this sourceId is already used by another incident' });
      }
    }
  }
  if (refused.length > 0) {
    deps.access.audit.append({
      actor: actorOf(p),
      action: 'access.denied',
      details: { method: request.method, path: pathOf(request), reason: 'incidents outside the caller\'s source or jurisdiction', refused: refused.length, first: refused[0] },
      ip: request.ip,
    });
  }
  return { accepted, rejected: rejected.sort((a, b) => a.index - b.index) };
}

export function registerEventsRoute(api: FastifyInstance, deps: EventsRouteDeps): void {
  api.post('/events', { config: { access: 'report' } }, async (request, reply) => {
    const result = await handle(request, deps);
    if (result.accepted.length === 0) return reply.code(422).send(result);
    return reply.code(result.accepted.some((a) => !a.duplicate) ? 201 : 200).send(result);
  });
}
