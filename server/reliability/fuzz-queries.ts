// Malformed query strings and path parameters for every GET route, generated from a seed. Routes
// that take parameters get at least one value no valid request has; routes that take none get junk
// they must ignore without failing (a cache-busting `?_=…` must keep working).
import type { PRNG } from 'seedrandom';
import type { HttpCase } from './fuzz-bodies.ts';

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const NUMBER_JUNK = ['NaN', 'Infinity', '-Infinity', '', 'abc', '1e309', '%ff', '%', '%zz', '1,5', '１'];
const DATE_JUNK = ['', 'x', 'yesterday', '2026-13-01T00:00:00Z', '2026-11-22', '2026-11-22T08:00:00', '2026-02-30T00:00:00Z', '1795311165370', 'NaN', '%ff', '-000001-01-01T00:00:00Z', '2026-11-22T08:00:00+25:00'];
const UNKNOWN = ['foo', '__proto__', 'constructor', 'prototype', 'limit[]', 'constructor[prototype][polluted]', '__proto__[polluted]', 'a'.repeat(100), '%ff', 'since ', 'LIMIT'];

/** Bad values per parameter of each route with a query schema. */
const ROUTES: Record<string, Record<string, string[]>> = {
  '/api/v1/incidents': {
    since: DATE_JUNK,
    until: DATE_JUNK,
    township: ['', '12345678', '1234567890', 'abcdefghi', '３２１２０２００１', '321202001 ', '%ff'],
    townshipCode: ['', '12345678', 'x', '３２１２０２００１'],
    category: ['', 'FIRE', 'x', 'fire ', '消防', '%ff'],
    limit: ['0', '-1', '5001', '1.5', ...NUMBER_JUNK],
  },
  '/api/v1/incidents/export': {
    format: ['', 'xml', 'CSV', 'json', '%ff', 'csv '],
    since: DATE_JUNK,
    until: DATE_JUNK,
    category: ['', 'FIRE', 'x', '%ff'],
  },
  '/api/v1/incidents.arrow': {
    since: DATE_JUNK,
    until: DATE_JUNK,
  },
  '/api/v1/heat.arrow': {
    windowHours: ['0', '-1', '745', '1e9', ...NUMBER_JUNK],
  },
  '/api/v1/counts': {
    windowHours: ['0', '-1', '721', '-0', ...NUMBER_JUNK],
  },
  '/api/v1/audit': {
    beforeSeq: ['0', '-1', '1.5', ...NUMBER_JUNK],
    action: ['', 'AUTH.LOGIN', 'x y', '..', 'a.b.c', '%ff', '__proto__', 'auth.login;drop'],
    limit: ['0', '501', '1.5', ...NUMBER_JUNK],
  },
  '/api/v1/audit/export': {
    format: ['', 'xml', 'NDJSON', '%ff'],
    since: DATE_JUNK,
    until: DATE_JUNK,
  },
  '/api/v1/hotspots': {
    window: ['', 'x', '25h', '24H', '%ff'],
    windowMinutes: ['0', '1.5', '86401', '-5', ...NUMBER_JUNK],
    now: DATE_JUNK,
    fdr: ['0', '0.3', '-1', ...NUMBER_JUNK],
    minCount: ['0', '1.5', '-2', ...NUMBER_JUNK],
    baseline: ['', 'x', 'HOUSEHOLDS'],
    limit: ['0', '101', '2.5', ...NUMBER_JUNK],
  },
};
/** A valid value per parameter, mixed in so the bad one is not always alone. */
const GOOD: Record<string, string> = { since: '2026-11-01T00:00:00Z', category: 'fire', limit: '10', windowHours: '24', window: '24h', baseline: 'none', format: 'ndjson' };

/** Path-parameter routes with values that name nothing (or cannot be decoded). */
const pathJunk = (rng: PRNG): string[] => [
  `/api/v1/incidents/${pick(rng, ['x', '0', '-1', 'null', '..', '%2e%2e', '%ff', '%', 'a'.repeat(200), '01a200ef-0000-7000-8000-000000000000', '事件', '%00', '__proto__', 'constructor'])}`,
  `/tiles/${pick(rng, ['-1', 'x', '99', '1.5', '%ff'])}/${pick(rng, ['0', 'x', '-1'])}/${pick(rng, ['0.png', 'x.pbf', '99999999999.pbf', '.pbf', '%ff'])}`,
  `/tiles/styles/${pick(rng, ['x.json', '..%2f..%2fpackage.json', 'day', 'DAY.json', '%ff', '__proto__.json', 'constructor.json'])}`,
  `/tiles/fonts/${pick(rng, ['x', '..', '%2e%2e'])}/${pick(rng, ['0-254.pbf', '1-256.pbf', 'x.pbf', '65536-65791.pbf', '%ff'])}`,
  `/api/v1/${pick(rng, ['nope', 'events', 'incidents/x/y', '__proto__', 'constructor', '%ff', 'health/', 'accounts/x', 'api-keys/%ff'])}`,
  `/display/${pick(rng, ['x', 'a'.repeat(201), '%ff', '__proto__', 'yzd_0000000000000000000000', '%00', '事件'])}`,
  `/?display=${pick(rng, ['x', 'a'.repeat(201), '%ff', '', '__proto__'])}`,
];

/** Routes that take no query parameters. */
export const PARAMETERLESS = [
  '/api/v1/health', '/api/v1/jurisdiction', '/api/v1/cameras', '/api/v1/routes', '/api/v1/units', '/api/v1/openapi.json',
  '/api/v1/auth/me', '/api/v1/audit/verify', '/api/v1/accounts', '/api/v1/display-links', '/api/v1/api-keys',
];

const q = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${/%|\[/.test(k) ? k : encodeURIComponent(k)}=${/^%|%$|%zz/.test(v) ? v : encodeURIComponent(v)}`).join('&');

/** `malformed` cases for routes with parameters, `junk` for parameterless ones. */
export function queryCases(rng: PRNG, malformed: number, junk: number): { malformed: HttpCase[]; junk: HttpCase[] } {
  const out: HttpCase[] = [];
  for (let i = 0; i < malformed; i++) {
    const r = rng();
    if (r < 0.2) {
      out.push({ kind: 'path', method: 'GET', route: pick(rng, pathJunk(rng)) });
      continue;
    }
    const route = pick(rng, Object.keys(ROUTES));
    const params = ROUTES[route]!;
    const pairs: [string, string][] = [];
    for (const [k, v] of Object.entries(GOOD)) if (k in params && rng() < 0.3) pairs.push([k, v]);
    const bad = 1 + Math.floor(rng() * 2);
    for (let b = 0; b < bad; b++) {
      const how = rng();
      if (how < 0.7) {
        const name = pick(rng, Object.keys(params));
        const value = pick(rng, params[name]!);
        // Replace a good value of the same name rather than repeat it (a repeat is its own case).
        const at = pairs.findIndex(([k]) => k === name);
        if (at >= 0) pairs.splice(at, 1);
        pairs.push([name, value]);
      } else if (how < 0.85) {
        pairs.push([pick(rng, UNKNOWN), pick(rng, ['1', '', 'x', '%ff'])]);
      } else {
        const name = pick(rng, Object.keys(params));
        pairs.push([name, GOOD[name] ?? '1'], [name, GOOD[name] ?? '1']); // repeated: an array, not a value
      }
    }
    if (route === '/api/v1/incidents' && rng() < 0.05) pairs.splice(0, pairs.length, ['township', '321202001'], ['townshipCode', '321202002']);
    if (route === '/api/v1/hotspots' && rng() < 0.05) pairs.splice(0, pairs.length, ['window', '24h'], ['windowMinutes', '60']);
    if (route === '/api/v1/incidents.arrow' && rng() < 0.2) {
      // Well-formed dates that make no range: reversed, empty, or longer than the 31 days allowed.
      pairs.splice(0, pairs.length, ...pick(rng, [
        [['since', '2026-11-22T00:00:00Z'], ['until', '2026-11-21T00:00:00Z']],
        [['since', '2026-11-22T00:00:00Z'], ['until', '2026-11-22T00:00:00Z']],
        [['since', '2026-01-01T00:00:00Z'], ['until', '2026-11-22T00:00:00Z']],
        [['since', '0000-01-01T00:00:00Z']],
      ] as [string, string][][]));
    }
    out.push({ kind: 'query', method: 'GET', route: `${route}?${q(pairs)}` });
  }
  const junkCases: HttpCase[] = [];
  for (let i = 0; i < junk; i++) {
    const pairs: [string, string][] = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => [pick(rng, [...UNKNOWN, '_', 'limit']), pick(rng, ['1', '', 'x', 'NaN', '%ff'])]);
    junkCases.push({ kind: 'junk-query', method: 'GET', route: `${pick(rng, PARAMETERLESS)}?${q(pairs)}` });
  }
  return { malformed: out, junk: junkCases };
}
