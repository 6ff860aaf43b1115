// How the live channel decides who may connect: the handshake must come from an allowed page (the
// rule of server/auth/origin.ts: Origin, else Sec-Fetch-Site, against the request's own origin), and it
// must carry a valid session cookie — or, for a wall display, its display session cookie or a
// display link token in the Socket.IO auth payload ({ display: token }). Refusals are audited.
import type { IncomingMessage } from 'node:http';
import type { Access } from '../auth/access.ts';
import { originRefusal, ownOriginOf } from '../auth/origin.ts';
import { actorOf } from '../auth/principal.ts';
import type { SessionPrincipal } from '../auth/principal.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { createRefusalAudit } from '../http/refusal-audit.ts';
import type { UnauthenticatedAction } from '../http/refusal-audit.ts';
import type { LiveAuth, Viewer } from './live.ts';

const viewerOf = (p: SessionPrincipal): Viewer => ({
  scope: p.scope,
  sessionId: p.sessionId,
  accountId: p.kind === 'account' ? p.accountId : null,
  displayLinkId: p.kind === 'display' ? p.linkId : null,
});

/** `trustProxy`: TRUST_PROXY, so a refusal behind nginx is audited under the client, as fastify's are. */
export function createLiveAuth(access: Access, allowedOrigins: readonly string[], trustProxy: boolean | readonly string[] = false): LiveAuth {
  const ipOf = clientAddressOf(trustProxy);
  const ownOrigin = ownOriginOf(trustProxy);
  // Refusals of nobody in particular (no session, a wrong display token, a foreign page) are on
  // record like the HTTP guard's: one entry per address and kind a minute, counting the rest.
  const recordAnonymous = createRefusalAudit((entry) => access.audit.append(entry), () => access.now());
  const refuse = (req: IncomingMessage, reason: string, p?: SessionPrincipal, anonymous: UnauthenticatedAction = 'access.unauthenticated') => {
    if (p) access.audit.append({ actor: actorOf(p), action: 'access.denied', details: { path: '/socket.io', reason }, ip: ipOf(req) });
    else recordAnonymous({ action: anonymous, method: req.method ?? 'GET', path: '/socket.io', reason, ip: ipOf(req) ?? 'unknown' });
    return { refused: reason };
  };
  return {
    originAllowed(req) {
      const why = originRefusal(req.headers, ownOrigin(req), allowedOrigins);
      // A foreign page's handshake: on record as a denial, each with its reason (the HTTP guard does the same).
      if (why) access.audit.append({ actor: actorOf(undefined), action: 'access.denied', details: { path: '/socket.io', reason: why }, ip: ipOf(req) });
      return why === undefined;
    },
    authenticate(req, auth) {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      const p = token ? access.authenticateSession(token) : undefined;
      const display = (auth as { display?: unknown } | null)?.display;
      if (!p && typeof display === 'string') {
        // A display that keeps no cookies connects with its link's token: no session is stored
        // for it (it may reconnect for days); the link itself is re-checked instead.
        const link = /^[A-Za-z0-9_-]{1,200}$/.test(display) ? access.displayLinks.byToken(display) : undefined;
        const scope = link && access.scopes.resolve(link.jurisdictionCode);
        if (!link || !scope) return refuse(req, 'unknown, revoked or expired display link', undefined, 'display.refused');
        return { scope, sessionId: null, accountId: null, displayLinkId: link.id };
      }
      if (!p) return refuse(req, 'unauthorized: log in or open a display link');
      if (p.kind === 'account' && p.mustChangePassword) return refuse(req, 'password change required', p);
      return viewerOf(p);
    },
    stillValid: (viewer) => (viewer.sessionId !== null ? access.sessionValid(viewer.sessionId) : access.displayLinks.usable(viewer.displayLinkId!)),
  };
}
