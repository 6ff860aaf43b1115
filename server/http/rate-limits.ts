// Rate limits (@fastify/rate-limit): per account, display link or API key — or per client address
// when anonymous — with a stricter per-address limit on the routes where a password is tried (login,
// password change: they declare `rateLimitClass: 'password'`, and share one count). Over the limit: 429 with
// Retry-After. Counted after authentication (so the key is who, not where) and before the body is
// parsed (so a flood costs little).
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { rateKeyOf } from '../auth/principal.ts';
import { errorBody } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'password': a password is tried here; limited per address at loginPerMinute. */
    rateLimitClass?: 'password';
  }
}

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
      if (request.routeOptions.config?.rateLimitClass === 'password') return `login:${request.ip}`;
      return request.principal ? rateKeyOf(request.principal) : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => {
      const body = errorBody(429, `too many requests: at most ${context.max} a minute; try again in ${context.after}`);
      return Object.assign(new Error(body.message), { statusCode: 429 });
    },
  });
}
