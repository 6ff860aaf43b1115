// What each route needs is a property of the route, fixed when it is registered: its `access`
// declaration (config.access). The access guard reads it from the route that matched, so no
// spelling of a path (/%61pi/…, which the router decodes to /api/…) reaches a handler with less
// protection than the route's own. An /api route that declares nothing needs `read` — decided here
// from its pattern — so a route added later without thought is closed; any other route that
// declares nothing is refused by the guard. Routes that a third-party plugin registers get their
// declaration where we register the plugin (declareRoutesOf around it).
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Action } from '../auth/roles.ts';

/** What a route requires: nothing, any session (even one that must change its password), or an action. */
export type RouteAccess = 'public' | 'session' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** True for a route pattern of the HTTP API (the only routes that are rate limited, and closed by default). */
export const isApiRoute = (pattern: string): boolean => pattern === '/api' || pattern.startsWith('/api/');

/** Method, pattern and declared access of one registered route. */
export interface RouteDeclaration {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

// The options of every route, per app, read after all onRoute hooks ran (they edit them in place).
const registered = new WeakMap<FastifyInstance, RouteOptions[]>();

/** Gives each /api route without a declaration `read`; call on the root instance before any route. */
export function registerRouteDeclarations(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && isApiRoute(route.url)) route.config = { ...route.config, access: 'read' };
    routes.push(route);
  });
}

/** Declares `access` for every route registered inside `scope` that declares none (a plugin's routes). */
export function declareRoutesOf(scope: FastifyInstance, access: RouteAccess): void {
  scope.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) route.config = { ...route.config, access };
  });
}

/** Every route registered on `app` so far, with what it declares (undefined: refused by the guard). */
export function routeDeclarations(app: FastifyInstance): RouteDeclaration[] {
  return (registered.get(app) ?? []).flatMap((r) =>
    (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url, access: r.config?.access })),
  );
}
