// Rate limits (@fastify/rate-limit): per account, display link or API key — or per client address
// when anonymous — with a stricter per-address limit on login attempts. Over the limit: 429 with
// Retry-After. Counted after authentication (so the key is who, not where) and before the body is
// parsed (so a flood costs little).
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { rateKeyOf } from '../auth/principal.ts';
import { errorBody } from './errors.ts';

export interface RateLimits {
  /** Requests per minute per account, display link or API key (or address, anonymous). */
  perMinute: number;
  /** Login attempts per minute per address. */
  loginPerMinute: number;
}


export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preParsing',
    // Only the API is limited: the page, its assets and the basemap tiles load in bursts.
    allowList: (request) => !request.url.startsWith('/api/'),
    max: (_request, key) => (key.startsWith('login:') ? limits.loginPerMinute : limits.perMinute),
    timeWindow: 60_000,
    keyGenerator: (request) => {
      if (request.method === 'POST' && request.url.split('?')[0] === '/api/v1/auth/login') return `login:${request.ip}`;
      return request.principal ? rateKeyOf(request.principal) : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => {
      const body = errorBody(429, `too many requests: at most ${context.max} a minute; try again in ${context.after}`);
      return Object.assign(new Error(body.message), { statusCode: 429 });
    },
  });
}
