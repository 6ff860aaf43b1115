// Jurisdiction scoping (辖区), derived from the statistical codes themselves: an account holds one
// code — the county (6 digits), a township (9) or a village (12) — and a thing is in its scope iff
// the thing's own code (grid, village or township code) starts with the account's code. So a county
// account sees everything, a township its villages and grids, a village its grids.
import type { Jurisdiction } from '../jurisdiction/load.ts';
import type { Scope } from '../wire/access.ts';

export type { Scope, ScopeLevel } from '../wire/access.ts';

/** True when a grid, village or township code lies inside the scope. */
export function inScope(scope: Pick<Scope, 'code'>, code: string): boolean {
  return code.startsWith(scope.code);
}

/** Looks up jurisdiction codes: which exist and what they are called. */
export interface ScopeResolver {
  /** The scope of a code, or undefined when the jurisdiction has no such county, township or village. */
  resolve(code: string): Scope | undefined;
  /** The county's scope (sees everything). */
  county: Scope;
}

export function createScopeResolver(j: Jurisdiction): ScopeResolver {
  const countyName = j.county.properties.name;
  const county: Scope = { code: j.county.properties.code, level: 'county', name: countyName, path: [countyName] };
  const townships = new Map(j.townships.features.map((f) => [f.properties.code, f.properties.name]));
  const scopes = new Map<string, Scope>([[county.code, county]]);
  for (const [code, name] of townships) scopes.set(code, { code, level: 'township', name, path: [countyName, name] });
  for (const { properties: v } of j.villages.features) {
    const township = townships.get(v.townshipCode) ?? v.townshipCode;
    scopes.set(v.code, { code: v.code, level: 'village', name: v.name, path: [countyName, township, v.name] });
  }
  return { resolve: (code) => scopes.get(code), county };
}
