// The path of a request as sent, and the rule that it must be in canonical form. A client resolves
// dot segments and never sends a fragment (RFC 3986 §5.2, RFC 9112 §3.2), and no route of this
// server takes a slash, a backslash or a control character inside a segment; a path that does
// anyway is a probe, or a spelling meant to reach one route through another's pattern
// (/tiles/..%2fapi/… matches /tiles/:z/:x/:file). It names nothing: 404, before any hook or
// handler reads it. What remains — percent-encoding of ordinary characters — the router decodes,
// so that every spelling that gets past here reaches the one route its decoded path names.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

/** The path without its query (which may carry a display token), exactly as sent. */
export const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '';

/** Why a path (as sent, without its query) is not in canonical form, or undefined when it is. */
export function nonCanonical(path: string): string | undefined {
  if (!path.startsWith('/')) return 'it does not start with /';
  if (path.includes('#')) return 'it carries a fragment (#), which a client never sends';
  const segments = path.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i]!;
    // One empty segment is allowed: the last (a trailing slash, or the root path /).
    if (raw === '') {
      if (i === segments.length - 1) continue;
      return 'it has an empty segment (//)';
    }
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return 'it has a malformed percent-encoding';
    }
    if (s === '.' || s === '..') return 'it has a dot segment (/./ or /../)';
    if (/[/\\]/.test(s)) return 'a segment holds a slash or backslash';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(s)) return 'a segment holds a control character';
  }
  return undefined;
}

/** Answers every request whose path is not in canonical form with 404; call before any other hook. */
export function registerCanonicalPaths(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request);
    const why = nonCanonical(path);
    if (why === undefined) return done();
    reply.code(404).send(errorBody(404, `no route ${request.method} ${path.slice(0, 300)}: the path is not in canonical form (${why})`));
  });
}
