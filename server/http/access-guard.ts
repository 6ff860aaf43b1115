// Authentication and authorisation of every HTTP request, before any handler runs. What a request
// needs is what the route that matched declares (route-declarations.ts), never what the path looks
// like: the router decodes /%61pi/… to /api/…, so a decision on the raw path would be a decision
// on a spelling. A path not in canonical form is answered 404 before this (request-path.ts); a
// route that declares nothing is refused; a path no route matches needs nothing (it is a 404).
// Credentials: an API key (Authorization: Bearer, or X-API-Key) or the session cookie; nothing
// else a client says counts. Every refusal of an authenticated caller (403) is written to the
// audit log; anonymous refusals (401) too, throttled per address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import { originOf, originRefusal } from '../auth/origin.ts';
import { actorOf, roleOf } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import { requestContext } from '../auth/request-context.ts';
import { can } from '../auth/roles.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { errorBody } from './errors.ts';
import { createRefusalAudit } from './refusal-audit.ts';
import { pathOf, registerCanonicalPaths } from './request-path.ts';
import { registerRouteDeclarations } from './route-declarations.ts';
import type { RouteAccess } from './route-declarations.ts';

export type { RouteAccess } from './route-declarations.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, established by the access guard; undefined when anonymous. */
    principal: Principal | undefined;
    /** True when the principal came from the session cookie (so the origin matters). */
    viaCookie: boolean;
  }
}

export interface GuardDeps {
  access: Access;
  allowedOrigins: readonly string[];
}

const MAX_KEY_LENGTH = 256;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export { pathOf } from './request-path.ts';

/** Answers 403 and audits the refusal. */
export function deny(access: Access, request: FastifyRequest, reply: FastifyReply, message: string, reason: string, target?: string): FastifyReply {
  access.audit.append({
    actor: actorOf(request.principal),
    action: 'access.denied',
    target: target ?? null,
    details: { method: request.method, path: pathOf(request), reason, role: request.principal ? (roleOf(request.principal) ?? null) : null },
    ip: request.ip,
  });
  return reply.code(403).send(errorBody(403, message));
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authz = request.headers.authorization;
  if (typeof authz === 'string' && /^bearer\s/i.test(authz)) return authz.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/** Why the principal may not do what the route needs, or undefined when it may. */
function refusal(p: Principal, need: Exclude<RouteAccess, 'public'>): string | undefined {
  if (p.kind === 'api-key') return need === 'report' ? undefined : 'an API key may only post incidents';
  if (p.kind === 'account' && p.mustChangePassword && need !== 'session') return 'password change required';
  if (need === 'session') return undefined;
  return can(p.role, need) ? undefined : `role ${p.role} may not ${need}`;
}

/** Registers the guard, with the canonical-path rule before it and the route declarations; call before any route is registered. */
export function registerAccessGuard(app: FastifyInstance, deps: GuardDeps): void {
  registerCanonicalPaths(app);
  registerRouteDeclarations(app);
  const recordUnauthenticated = createRefusalAudit((entry) => deps.access.audit.append(entry), () => deps.access.now());
  app.decorateRequest('principal', undefined);
  app.decorateRequest('viaCookie', false);
  app.addHook('onRequest', (request, reply, done) => {
    const need: RouteAccess | undefined = request.is404 ? 'public' : request.routeOptions.config.access;
    if (need === undefined) {
      // A defect of ours, not of the request: closed, and loud.
      request.log.error({ route: request.routeOptions.url }, 'route declares no access');
      reply.code(500).send(errorBody(500, `the route ${request.method} ${request.routeOptions.url ?? ''} declares no access requirement, so it is closed`));
      return;
    }

    const key = presentedKey(request);
    let badKey = false;
    let badSession = false;
    if (key !== undefined) {
      request.principal = key.length > 0 && key.length <= MAX_KEY_LENGTH ? deps.access.authenticateKey(key) : undefined;
      badKey = request.principal === undefined;
    } else {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token) {
        request.principal = deps.access.authenticateSession(token);
        request.viaCookie = request.principal !== undefined;
        badSession = request.principal === undefined;
      }
    }

    if (need !== 'public') {
      const p = request.principal;
      if (!p) {
        const reason = badKey ? 'API key unknown or revoked' : badSession ? 'session unknown, expired or ended' : 'no credential';
        recordUnauthenticated({ action: badKey ? 'access.bad-api-key' : 'access.unauthenticated', method: request.method, path: pathOf(request), reason, ip: request.ip });
        const message = badKey ? 'the API key is not valid (unknown or revoked)' : 'log in first (POST /api/v1/auth/login) or send an API key';
        reply.code(401).send(errorBody(401, message));
        return;
      }
      const foreign = request.viaCookie && !SAFE_METHODS.has(request.method) ? originRefusal(request.headers, originOf(request.protocol, request.host), deps.allowedOrigins) : undefined;
      if (foreign) {
        deny(deps.access, request, reply, 'this request comes from a page of another origin', foreign);
        return;
      }
      const why = refusal(p, need);
      if (why) {
        const message = why === 'password change required' ? 'change your password first: POST /api/v1/auth/password' : `forbidden: ${why}`;
        deny(deps.access, request, reply, message, why);
        return;
      }
    }
    // Everything after this hook (handlers, plugins with no request in hand) sees the principal.
    requestContext.run({ principal: request.principal }, done);
  });
}
