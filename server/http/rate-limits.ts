// Rate limits (@fastify/rate-limit): per account, display link or API key — or per client address
// when anonymous — with a stricter per-address limit on the routes where a password is tried (login,
// password change: they declare `rateLimitClass: 'password'`, and share one count). Over the limit: 429 with
// Retry-After. Counted after authentication (so the key is who, not where) and before the body is
// parsed (so a flood costs little). Which limit applies is a property of the route that matched,
// set as each route is registered (per-route config), not read from the spelling of the path:
// /api/v1/auth/%6cogin is the login route and is limited as one.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { rateKeyOf } from '../auth/principal.ts';
import { errorBody } from './errors.ts';
import { isApiRoute } from './route-declarations.ts';

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

/** Registers the limits; call before any route is registered (each route is classified as it is). */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  // Runs before the plugin's own onRoute hook (added below), which reads config.rateLimit.
  app.addHook('onRoute', (route) => {
    // Only the API is limited: the page, its assets and the basemap tiles load in bursts.
    if (!isApiRoute(route.url)) route.config = { ...route.config, rateLimit: false };
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preParsing',
    max: (_request, key) => (key.startsWith('login:') ? limits.loginPerMinute : limits.perMinute),
    timeWindow: 60_000,
    // The password routes share one per-address count (one global store, one key), whatever their spelling.
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
