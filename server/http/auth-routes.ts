// /api/v1/auth: login, logout, who am I, change password; and the display link that turns a
// browser into a wall display (/display/<token> or /?display=<token>).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access.ts';
import { changePassword, login, logout, redeemDisplayLink } from '../auth/login.ts';
import type { SessionPrincipal } from '../auth/principal.ts';
import type { MeResponse } from '../wire/index.ts';
import { isAppPage } from '../wire/pages.ts';
import { pathOf } from './request-path.ts';
import { loginSchema, parseBody, passwordChangeSchema } from './access-schemas.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import { errorBody, HttpError } from './errors.ts';
import { createRefusalAudit } from './refusal-audit.ts';

export interface AuthRouteDeps {
  access: Access;
  /** Where a redeemed display link sends the browser. */
  displayHome?: string;
}

const secure = (request: FastifyRequest) => request.protocol === 'https';

function me(p: SessionPrincipal): MeResponse {
  return {
    kind: p.kind,
    user: p.kind === 'account' ? { id: p.accountId, username: p.username } : null,
    displayLink: p.kind === 'display' ? { id: p.linkId, label: p.label } : null,
    role: p.role,
    jurisdiction: p.scope,
    mustChangePassword: p.kind === 'account' && p.mustChangePassword,
    sessionExpiresAt: new Date(p.expiresAt).toISOString(),
  };
}

function sessionOf(request: FastifyRequest): SessionPrincipal {
  const p = request.principal;
  if (!p || p.kind === 'api-key') throw new HttpError(403, 'this needs a login session, not an API key');
  return p;
}

/** Registers /auth/* under the API prefix (call inside the /api/v1 plugin). */
export function registerAuthRoutes(api: FastifyInstance, deps: AuthRouteDeps): void {
  const { access } = deps;

  api.post('/auth/login', { config: { access: 'public', rateLimitClass: 'password' } }, async (request, reply): Promise<MeResponse> => {
    const { username, password } = parseBody(loginSchema, request.body);
    const started = await login(access, username, password, request.ip);
    reply.header('set-cookie', sessionCookie(started.token, started.expiresAt, access.now(), secure(request)));
    return me(access.authenticateSession(started.token)!);
  });

  api.post('/auth/logout', { config: { access: 'session' } }, async (request, reply) => {
    logout(access, sessionOf(request), request.ip);
    return reply.header('set-cookie', clearedSessionCookie(secure(request))).code(204).send();
  });

  api.get('/auth/me', { config: { access: 'session' } }, async (request): Promise<MeResponse> => me(sessionOf(request)));

  api.post('/auth/password', { config: { access: 'session', rateLimitClass: 'password' } }, async (request, reply) => {
    const p = sessionOf(request);
    if (p.kind !== 'account') throw new HttpError(403, 'a wall display has no password');
    const body = parseBody(passwordChangeSchema, request.body);
    await changePassword(access, p, body.currentPassword, body.newPassword, request.ip);
    return reply.code(204).send();
  });
}

/** Registers the display link redemption at /display/:token and /?display=<token> (outside the API prefix). */
export function registerDisplayLinkRedemption(app: FastifyInstance, deps: AuthRouteDeps): void {
  const home = deps.displayHome ?? '/';
  // A wrong link is on record, but a flood of them is one entry per address a minute.
  const recordRefusal = createRefusalAudit((entry) => deps.access.audit.append(entry), () => deps.access.now());
  const redeem = (token: string, request: FastifyRequest, reply: FastifyReply) => {
    const refused = (reason: string) => recordRefusal({ action: 'display.refused', method: request.method, path: '/display/…', reason, ip: request.ip });
    const started = /^[A-Za-z0-9_-]{1,200}$/.test(token) ? redeemDisplayLink(deps.access, token, request.ip, refused) : (refused('malformed display link token'), undefined);
    if (!started) return reply.code(404).send(errorBody(404, 'this display link is not valid: it was revoked, has expired, or was mistyped'));
    // The token leaves the address bar at once; the browser keeps only the session cookie.
    return reply
      .header('set-cookie', sessionCookie(started.token, started.expiresAt, deps.access.now(), secure(request)))
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .redirect(home, 303);
  };
  app.get<{ Params: { token: string } }>('/display/:token', { config: { access: 'public' } }, (request, reply) => redeem(request.params.token, request, reply));
  app.addHook('onRequest', (request, reply, done) => {
    const query = request.query as Record<string, unknown> | undefined;
    // On any page of the app (as sent, undecoded: /%3Fdisplay=… is no page), so none is ever shown with the token in its address.
    const token = request.method === 'GET' && isAppPage(pathOf(request)) ? query?.display : undefined;
    if (typeof token !== 'string') return done();
    void redeem(token, request, reply);
  });
}
