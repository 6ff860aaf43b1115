// Fuzz path spellings (hardening): every operation of the OpenAPI document, its path parameters
// filled with real ids, asked for in spellings generated from a fixed seed (fuzz-paths.ts), by each
// kind of principal — anonymous, a session that must change its password, a grid worker, the
// county admin, an API key — against the real server with a web build (so @fastify/static's
// catch-all route is there too). Each variant must get the status of the path as documented, with
// the same rate limit, or a 404: never a 2xx where the documented path refuses, never 403 where it
// says 401, never an answer without the limit it carries.
//
// Checked able to fail: with the guard and the limiter reading the raw URL (the code before this
// suite), /%61pi/v1/counts answered a must-change session 200 where /api/v1/counts is 403, and
// every encoded spelling of an API path came back without its X-RateLimit-Limit.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { adminCookie, cookieFor, keyHeaders, sessionFor, testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';
import type { IngestResult } from '../wire/index.ts';
import { operationsOf, pathVariants } from './fuzz-paths.ts';
import type { Operation, Variant } from './fuzz-paths.ts';

const SEED = 'yizhangtu-fuzz-paths-1';
const VARIANTS_PER_OPERATION = 30;
/** Limits far above what the suite sends, and different, so that each answer says which budget it counted against. */
const PER_MINUTE = 1_000_000;
const LOGIN_PER_MINUTE = 999_999;
/** A body every handler refuses before it changes anything: the parser answers 400 once access is granted. */
const UNPARSABLE = '{';

let server: YizhangtuApp;
let url: string;
let remove: () => void;
let principals: Record<string, Record<string, string>>;
let fill: Record<string, string>;

beforeAll(async () => {
  const t = tempDir('yzt-fuzz-paths-');
  remove = t.remove;
  const webDir = path.join(t.dir, 'web');
  mkdirSync(path.join(webDir, 'assets'), { recursive: true });
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(webDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  server = await createFixtureApp(path.join(t.dir, 'data'), { webDir, rateLimitPerMinute: PER_MINUTE, loginRateLimitPerMinute: LOGIN_PER_MINUTE });
  ({ url } = await server.listen(0, '127.0.0.1'));

  const mustChange = server.access.accounts.create({ username: 'first-login', role: 'leader', jurisdictionCode: '321202', passwordHash: 'scrypt$unused', mustChangePassword: true });
  const worker = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001' });
  principals = {
    anonymous: {},
    'must-change session': { cookie: cookieFor(server, mustChange.id) },
    'grid worker': { cookie: worker.cookie },
    admin: { cookie: adminCookie(server) },
    'api key': { authorization: `Bearer ${testKey()}` },
  };
  const posted = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: keyHeaders(), body: JSON.stringify(incidentAt(FIXTURE_POINTS['321202001002001'], 'fuzz-paths-1')) });
  const incidentId = ((await posted.json()) as IngestResult).accepted[0]!.id;
  const unitId = 'unit-001'; // the first unit of the demo county's units.json
  const link = server.access.displayLinks.create({ label: 'fuzz wall', jurisdictionCode: '321202001', createdBy: 'test', expiresAt: null }).link;
  fill = {
    '/api/v1/incidents/{id}': incidentId,
    // A case is its incident: same id. (A photo path gets the case id as the photo id too: a 404 of its own.)
    '/api/v1/cases/{id}': incidentId,
    '/api/v1/cases/{id}/commands': incidentId,
    '/api/v1/cases/{id}/photos': incidentId,
    '/api/v1/cases/{id}/photos/{photoId}': incidentId,
    '/api/v1/cases/{id}/recommendation': incidentId,
    '/api/v1/cases/{id}/dispatch': incidentId,
    '/api/v1/cases/{id}/cameras': incidentId,
    // A unit of the fixture county, or none (a 404 of its own is as good: the spelling must still match it).
    '/api/v1/units/{id}/commands': unitId,
    '/api/v1/units/{id}/fixes': unitId,
    '/api/v1/units/{id}/track': unitId,
    '/api/v1/accounts/{id}': String(worker.accountId),
    '/api/v1/display-links/{id}': String(link.id),
    '/api/v1/api-keys/{id}': server.access.apiKeys.issue('sensor', 'fuzz', 'test').apiKey.id,
  };
});
afterAll(async () => {
  await server?.close();
  remove?.();
});

interface Answer {
  status: number;
  limit: string | undefined;
}

async function ask(method: string, target: string, headers: Record<string, string>): Promise<Answer> {
  const body = method === 'GET' ? undefined : UNPARSABLE;
  const res = await rawRequest(url, method, target, body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body);
  return { status: res.status, limit: res.headers['x-ratelimit-limit'] as string | undefined };
}

/** 'same', '404', or what is wrong with the variant's answer. */
function verdict(documented: Answer, variant: Answer): string {
  // A 404 is always an acceptable answer to a variant (nothing reached a handler), also where the
  // documented path is itself a 404 from its handler (an unknown photo id), with its route's rate limit.
  if (variant.status === 404 && (documented.status !== 404 || variant.limit !== documented.limit)) return '404';
  if (variant.status === documented.status) {
    return variant.limit === documented.limit ? 'same' : `rate limit ${variant.limit ?? 'none'} where the documented path has ${documented.limit ?? 'none'}`;
  }
  if (variant.status === 404) return '404';
  return `${variant.status} where the documented path answers ${documented.status}`;
}

describe('fuzzing path spellings', () => {
  it('answers every spelling of every documented path like the path itself, or 404, for every kind of principal', async () => {
    const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
    const operations = operationsOf(doc, fill);
    const rng = seedrandom(SEED);
    const cases: { op: Operation; variants: Variant[] }[] = operations.map((op) => ({ op, variants: pathVariants(rng, op, VARIANTS_PER_OPERATION) }));

    const tally = { sent: 0, same: 0, notFound: 0 };
    const failures: string[] = [];
    const documentedStatuses: Record<string, Record<number, number>> = {};
    const byKind: Record<string, { sent: number; same: number; notFound: number }> = {};
    const tasks = Object.entries(principals).flatMap(([who, headers]) => cases.map((c) => ({ who, headers, ...c })));
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < tasks.length; k = next++) {
        const { who, headers, op, variants } = tasks[k]!;
        const documented = await ask(op.method, op.path, headers);
        const seen = (documentedStatuses[who] ??= {});
        seen[documented.status] = (seen[documented.status] ?? 0) + 1;
        if (documented.status >= 500) failures.push(`${who} ${op.method} ${op.path} → ${documented.status} (the documented path itself)`);
        for (const v of variants) {
          const answer = await ask(op.method, v.path, headers);
          const outcome = verdict(documented, answer);
          const kind = (byKind[v.kind.split('+')[0]!] ??= { sent: 0, same: 0, notFound: 0 });
          tally.sent += 1;
          kind.sent += 1;
          if (outcome === 'same') {
            tally.same += 1;
            kind.same += 1;
          } else if (outcome === '404') {
            tally.notFound += 1;
            kind.notFound += 1;
          } else failures.push(`${who} ${op.method} ${v.path} [${v.kind}]: ${outcome} (${op.path})`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));

    const variants = cases.reduce((s, c) => s + c.variants.length, 0);
    console.log(
      `fuzz paths: ${operations.length} documented operations × ${VARIANTS_PER_OPERATION} spellings = ${variants} variants × ${Object.keys(principals).length} principals = ${tally.sent} sent; ` +
        `same status ${tally.same}, 404 ${tally.notFound}, failures ${failures.length}; ` +
        `documented paths answered ${JSON.stringify(documentedStatuses)}; by kind of spelling ${JSON.stringify(byKind)}`,
    );
    if (failures.length > 0) console.log(`first failures:\n  ${failures.slice(0, 20).join('\n  ')}`);
    expect(tally.sent).toBe(variants * Object.keys(principals).length);
    expect(failures).toEqual([]);
  }, 240_000);
});
