// How the HTTP API parses JSON and answers errors: every failure is a JSON body
// { statusCode, error, message } with a reason a person can act on; nothing a client sends can
// crash the server or leak a stack trace.
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AccessError } from '../auth/access-error.ts';
import { BatchError } from '../ingest/validate.ts';

/** Body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The query parameter or field at fault, when there is one. */
  field?: string;
}

/** A client error with a message meant for the client. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function errorBody(statusCode: number, message: string, field?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(field ? { field } : {}) };
}

/** Whitespace as String.prototype.trim strips it (the same set as \s). */
const SPACE = /\s/;
/** With the `u` flag, \p{Cs} matches only a surrogate that is not part of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;
/** A \uD800–\uDFFF escape in the text: only then can a parsed string hold a lone surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** True when any string or key in the parsed value holds a lone surrogate (iterative: bodies nest deep). */
function holdsLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

/**
 * JSON bodies are parsed with plain JSON.parse, which creates `__proto__` as an ordinary own key
 * (it never changes a prototype): validation then rejects it per item like any unknown field,
 * with its index, instead of refusing the whole batch. Nothing downstream merges raw objects.
 */
export function registerJsonParser(app: FastifyInstance, bodyLimit: number): void {
  // JSON is the only body the API takes: anything else is 415, not a string that fails later.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => {
    // Bodies are decoded strictly: invalid UTF-8 is refused, not turned into U+FFFD, which would
    // store (and acknowledge) text the source never sent. isUtf8 + toString (both SIMD) cost a
    // fraction of a fatal TextDecoder; toString keeps a leading BOM, so JSON.parse refuses it.
    const buffer = body as Buffer;
    if (!isUtf8(buffer)) {
      done(new HttpError(400, 'the body is not valid UTF-8: send the JSON encoded as UTF-8'), undefined);
      return;
    }
    const text = buffer.toString('utf8');
    // Trimmed only when it starts with whitespace: a copy of every 200 kB body is not free.
    if (text === '' || (SPACE.test(text[0]!) && text.trim() === '')) {
      done(new HttpError(400, 'the body is empty: send one incident object or an array of them as JSON'), undefined);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      done(new HttpError(400, `the body is not valid JSON: ${(err as Error).message}`), undefined);
      return;
    }
    // "\ud800" alone is valid JSON but not text: stored, it would come back as U+FFFD.
    if (SURROGATE_ESCAPE.test(text) && holdsLoneSurrogate(value)) {
      done(new HttpError(400, 'the body holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair): send well-formed Unicode text'), undefined);
      return;
    }
    done(null, value);
  });
}

/**
 * Maps every error to a clear JSON answer; unexpected ones are logged and answered 500/503.
 * `onForbidden` hears of every 403 raised by a handler (the access layer audits them).
 */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number, onForbidden?: (request: FastifyRequest, message: string) => void): void {
  app.setErrorHandler((err: FastifyError | HttpError | BatchError | AccessError | Error, request, reply) => {
    if ((err instanceof HttpError || err instanceof AccessError) && err.statusCode === 403) onForbidden?.(request, err.message);
    if (err instanceof AccessError && err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    if (err instanceof HttpError || err instanceof AccessError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message, err.field));
    if (err instanceof BatchError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message));
    const code = (err as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody(413, `the body is larger than ${bodyLimit} bytes: send fewer incidents per request`));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(errorBody(415, 'Content-Type must be application/json'));
    }
    const status = (err as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(status, err.message));
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody(500, 'internal error: the request was not completed; it is safe to retry'));
  });
}
