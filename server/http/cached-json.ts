// Large, rarely changing answers (the jurisdiction geometry, cameras, routes) are serialised and
// compressed once per object, not per request: the demo county's 1.4 MB jurisdiction costs ~250 ms
// of brotli per request otherwise. Answered with an ETag, so a reloading wall display gets 304.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip';

interface Serialised {
  body: string;
  etag: string;
  /** Compressed once on first demand, asynchronously so the event loop keeps serving. */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

export type SendCached = (request: FastifyRequest, reply: FastifyReply, value: object) => Promise<FastifyReply>;

/** Bodies below this size are sent as they are. */
const MIN_COMPRESS_BYTES = 1024;

/** True when the Accept-Encoding header accepts `encoding` (a q=0 entry refuses it). */
export function acceptsEncoding(header: string | undefined, encoding: Encoding): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== encoding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function compress(body: string, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body, { level: 9 });
}

/** A sender that serialises each distinct object once (keyed by identity, so replace, don't mutate). */
export function createCachedJson(): SendCached {
  const cache = new WeakMap<object, Serialised>();
  return async (request, reply, value) => {
    let s = cache.get(value);
    if (!s) {
      const body = JSON.stringify(value);
      s = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, encoded: {} };
      cache.set(value, s);
    }
    reply.header('etag', s.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === s.etag) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    const accept = request.headers['accept-encoding'];
    const encoding = (['br', 'gzip'] as const).find((e) => acceptsEncoding(accept, e));
    if (!encoding || s.body.length < MIN_COMPRESS_BYTES) return reply.send(s.body);
    const entry = s;
    const pending = (entry.encoded[encoding] ??= compress(entry.body, encoding).catch((err: unknown) => {
      delete entry.encoded[encoding]; // let the next request try again
      throw err;
    }));
    return reply.header('content-encoding', encoding).send(await pending);
  };
}
