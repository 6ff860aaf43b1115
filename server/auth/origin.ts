// Which web pages may act with a session cookie. A browser names the page a request comes from in
// Origin, and says how it relates to the target in Sec-Fetch-Site. The rule, for the access guard
// (requests that change something) and for the live channel's handshake:
//  - Origin present: it must be one of ALLOWED_ORIGINS or — with none configured — exactly the
//    request's own origin: scheme, host and port. The scheme is the connection's, or
//    X-Forwarded-Proto (the host X-Forwarded-Host) only from a peer TRUST_PROXY trusts.
//  - no Origin, Sec-Fetch-Site present: it must be `same-origin`, or `none` (the user typed or
//    bookmarked the address); `same-site` and `cross-site` are refused.
//  - neither header: not a browser. Every current browser sends one of them on every request that
//    changes something (and on every WebSocket handshake), and the session cookie is
//    SameSite=Strict besides, so such a request cannot be one that another site's page forged.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyAddr from '@fastify/proxy-addr';

/** Sec-Fetch-Site values that a request from the page itself (or the user) carries. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** `scheme://host[:port]` normalised (default port dropped, host lower-cased), or null if malformed. */
export function originOf(scheme: string, host: string): string | null {
  if (!/^https?$/i.test(scheme) || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  try {
    return new URL(`${scheme.toLowerCase()}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Why a request with these headers may not act with its cookie, or undefined when it may.
 * `own` is the request's own origin (originOf), `allowlist` ALLOWED_ORIGINS (normalised origins).
 */
export function originRefusal(headers: IncomingHttpHeaders, own: string | null, allowlist: readonly string[]): string | undefined {
  const origin = headers.origin;
  if (origin === undefined) {
    const site = headers['sec-fetch-site'];
    if (site === undefined || OWN_FETCH_SITES.has(site.toLowerCase())) return undefined;
    return `sec-fetch-site ${site} without an Origin header`;
  }
  const o = normalised(origin);
  const allowed = o !== null && (allowlist.length > 0 ? allowlist.includes(o) : o === own);
  return allowed ? undefined : `origin ${origin} not allowed`;
}

function normalised(origin: string): string | null {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null; // "null" (sandboxed frames, file://) and garbage
  }
}

const lastEntry = (v: string) => v.slice(v.lastIndexOf(',') + 1).trim();

/**
 * The own origin of a raw Node request (the live channel's handshake) under TRUST_PROXY: the same
 * rule as fastify's request.protocol and request.host, so both paths compare against one origin.
 */
export function ownOriginOf(trustProxy: boolean | readonly string[]): (req: IncomingMessage) => string | null {
  const trust = typeof trustProxy === 'boolean' ? () => trustProxy : proxyAddr.compile([...trustProxy]);
  return (req) => {
    const peer = req.socket.remoteAddress;
    const trusted = peer !== undefined && trust(peer, 0);
    const proto = req.headers['x-forwarded-proto'];
    const fwdHost = req.headers['x-forwarded-host'];
    const scheme = trusted && typeof proto === 'string' ? lastEntry(proto) : (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    const host = trusted && typeof fwdHost === 'string' ? lastEntry(fwdHost) : (req.headers.host ?? '');
    return originOf(scheme, host);
  };
}
