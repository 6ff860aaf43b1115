// The principal of the request being served, for code that is handed no request: the hotspot
// service (a plugin of the engine) computes on the caller's scope through this.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal.ts';

export const requestContext = new AsyncLocalStorage<{ principal: Principal | undefined }>();

/** The principal of the current request; undefined outside one or for an anonymous request. */
export function currentPrincipal(): Principal | undefined {
  return requestContext.getStore()?.principal;
}
