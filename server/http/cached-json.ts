// Large, rarely changing answers (the jurisdiction geometry, cameras, routes) are serialised once
// per object and answered with an ETag, so a wall display that reloads gets 304 instead of megabytes.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Serialised {
  body: string;
  etag: string;
}

export type SendCached = (request: FastifyRequest, reply: FastifyReply, value: object) => FastifyReply;

/** A sender that serialises each distinct object once (keyed by identity, so replace, don't mutate). */
export function createCachedJson(): SendCached {
  const cache = new WeakMap<object, Serialised>();
  return (request, reply, value) => {
    let s = cache.get(value);
    if (!s) {
      const body = JSON.stringify(value);
      s = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      cache.set(value, s);
    }
    reply.header('etag', s.etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === s.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(s.body);
  };
}
