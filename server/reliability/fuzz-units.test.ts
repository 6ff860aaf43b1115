// Fuzz the unit endpoints (issue 11): malformed and out-of-place requests, generated from a fixed
// seed, against the real server on the demo county — POST /units/{id}/commands, POST
// /cases/{id}/dispatch and GET /cases/{id}/recommendation with NaN and Infinity tokens, junk types,
// unknown fields, unknown units, another jurisdiction's units, statuses out of order, bad JSON; and
// POST /units/{id}/fixes (NaN, future times, teleports, swapped or impossible coordinates), GET
// /units/{id}/track and GET /cases/{id}/cameras.
// Outcome: no 5xx, each answer a 4xx with a JSON body naming the reason, and nothing is written to
// the log (every unit still at version 0, the case still as accepted).
import seedrandom from 'seedrandom';
import type { PRNG } from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { COMMAND_STATUSES } from '../units/status.ts';
import { acceptedCase, DEMO_UNITS, openDemoApp, placeUnits, routePoint } from '../unitwork/fixtures.ts';
import { openFixStore } from '../unitwork/fix-store.ts';
import { UNIT_COMMAND_TYPES } from '../wire/unit-status.ts';

const SEED = 'yizhangtu-fuzz-units-1';
const COUNTS = { 'fixes-body': 600, 'fixes-unit': 150, 'track-query': 150, 'case-cameras': 200, 'command-body': 1200, 'command-order': 400, 'command-unit': 300, 'dispatch-body': 900, 'dispatch-unit': 300, 'recommendation-query': 300, syntax: 200, 'api-key': 50 };
const EAST = '321202001';
/** A patrol route of the west township, for a case there. */
const WEST_ROUTE = DEMO_UNITS.find((u) => u.townshipCode === '321202002')!.routeId;
/** The east unit the fix fuzz posts to (a foot patrol: the slowest, so any jump of kilometres is a teleport). */
const SEEDED_UNIT = (DEMO_UNITS.find((u) => u.townshipCode === EAST && u.kind === 'foot') ?? DEMO_UNITS.find((u) => u.townshipCode === EAST)!).id;

type Case = { kind: string; method: 'GET' | 'POST'; url: string; body?: string; headers?: Record<string, string> };

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Values JSON text may hold where a field wants something else (bare tokens included). */
const JUNK = ['NaN', 'Infinity', '-Infinity', '1e400', '-1', '1.5', '"0"', '""', 'null', 'true', '[]', '{}', '[1,2]', '{"a":1}', '"\\u0000"', '"x".repeat', '9007199254740993', '"\u{1F600}"', '0x10', '"<script>"'];
/** JSON text that is not all valid JSON (NaN, Infinity are not JSON). */
const junk = (rng: PRNG): string => (rng() < 0.2 ? JSON.stringify('x'.repeat(Math.floor(rng() * 2000))) : pick(rng, JUNK));
/** Junk for a field that takes any text (a reason, a note): only what is not text, or too long, or blank. */
const NOT_TEXT = JUNK.filter((j) => !j.startsWith('"') || j === '""');
const notText = (rng: PRNG): string => (rng() < 0.2 ? JSON.stringify('长'.repeat(501 + Math.floor(rng() * 1000))) : pick(rng, NOT_TEXT));
const NOT_BOOLEAN = JUNK.filter((j) => j !== 'true');
const ids = (rng: PRNG): string => pick(rng, ['ghost', 'unit-999', 'UNIT-001', 'unit-001%00', '%2e%2e%2funit-001', '..', 'unit-001 ', encodeURIComponent('城东骑01'), 'x'.repeat(300), '__proto__', 'constructor']);

function object(fields: [string, string][]): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const ownUnits = DEMO_UNITS.filter((u) => u.townshipCode === EAST).map((u) => u.id);
const otherUnits = DEMO_UNITS.filter((u) => u.townshipCode !== EAST).map((u) => u.id);
/** Commands a fresh (available) unit cannot take from an officer: wrong status (409) or the server's own flags (403). */
const OUT_OF_ORDER = UNIT_COMMAND_TYPES.filter((t) => t !== 'dispatch' && (!COMMAND_STATUSES[t].includes('available') || t.startsWith('flag-')));
const FIELDS: Record<string, [string, string][]> = {
  decline: [['reason', '"忙"']], clear: [['disposition', '"resolved"']], cancel: [['reason', '"改派"']], disable: [['reason', '"故障"']],
};

function generate(rng: PRNG, caseId: string): Case[] {
  const out: Case[] = [];
  const post = (kind: string, url: string, body: string, headers?: Record<string, string>) => out.push({ kind, method: 'POST', url, body, ...(headers ? { headers } : {}) });
  for (let k = 0; k < COUNTS['command-body']; k++) {
    const unit = pick(rng, ownUnits);
    const fields: [string, string][] = [];
    const r = rng();
    if (r < 0.3) fields.push(['type', junk(rng)], ['expectedVersion', '0']); // junk type
    else if (r < 0.55) fields.push(['type', JSON.stringify(pick(rng, ['sign-off', 'resume', 'accept']))], ['expectedVersion', junk(rng)]); // junk version
    else if (r < 0.7) fields.push(['type', '"sign-off"']); // no version
    else if (r < 0.85) fields.push(['type', '"sign-off"'], ['expectedVersion', '0'], [pick(rng, ['extra', '__proto__', 'caseId', 'status']), junk(rng)]); // unknown field
    else {
      const type = pick(rng, ['decline', 'cancel', 'disable', 'clear']);
      fields.push(['type', JSON.stringify(type)], ['expectedVersion', '0'], type === 'clear' ? [pick(rng, ['disposition', 'note']), notText(rng)] : ['reason', notText(rng)]);
    }
    const body = rng() < 0.1 ? junk(rng) : object(fields);
    post('command-body', `/api/v1/units/${unit}/commands`, body);
  }
  for (let k = 0; k < COUNTS['command-order']; k++) {
    const type = pick(rng, OUT_OF_ORDER);
    post('command-order', `/api/v1/units/${pick(rng, ownUnits)}/commands`, object([['type', JSON.stringify(type)], ['expectedVersion', '0'], ...(FIELDS[type] ?? [])]));
  }
  for (let k = 0; k < COUNTS['command-unit']; k++) {
    const unit = rng() < 0.5 ? pick(rng, otherUnits) : ids(rng);
    post('command-unit', `/api/v1/units/${unit}/commands`, object([['type', '"sign-off"'], ['expectedVersion', '0']]));
  }
  for (let k = 0; k < COUNTS['dispatch-body']; k++) {
    const fields: [string, string][] = [];
    const r = rng();
    if (r < 0.3) fields.push(['unitId', junk(rng)], ['expectedVersion', '2']);
    else if (r < 0.55) fields.push(['unitId', JSON.stringify(pick(rng, ownUnits))], ['expectedVersion', junk(rng)]);
    else if (r < 0.7) fields.push(['unitId', JSON.stringify(pick(rng, ownUnits))], ['expectedVersion', '2'], ['override', pick(rng, NOT_BOOLEAN)]);
    else if (r < 0.85) fields.push(['unitId', JSON.stringify(pick(rng, ownUnits))], ['expectedVersion', '2'], [pick(rng, ['type', 'caseId', '__proto__', 'assignee']), junk(rng)]);
    else fields.push(['unitId', JSON.stringify(pick(rng, ownUnits))], ['expectedVersion', pick(rng, ['1', '3', '99'])]); // a stale version: 409
    const target = rng() < 0.1 ? ids(rng) : caseId;
    post('dispatch-body', `/api/v1/cases/${target}/dispatch`, rng() < 0.08 ? junk(rng) : object(fields));
  }
  for (let k = 0; k < COUNTS['dispatch-unit']; k++) {
    const unit = rng() < 0.6 ? pick(rng, otherUnits) : ids(rng);
    post('dispatch-unit', `/api/v1/cases/${caseId}/dispatch`, object([['unitId', JSON.stringify(unit)], ['expectedVersion', '2']]));
  }
  for (let k = 0; k < COUNTS['recommendation-query']; k++) {
    const q = pick(rng, [`routes=${encodeURIComponent(pick(rng, ['NaN', 'Infinity', '-1', '1.5', '11', '1e9', 'x', '']))}`, `county=${pick(rng, ['yes', '1', 'TRUE', ''])}`, `${pick(rng, ['limit', 'x', '__proto__', 'unit'])}=1`, 'routes=1&routes=2']);
    const target = rng() < 0.2 ? ids(rng) : caseId;
    out.push({ kind: 'recommendation-query', method: 'GET', url: `/api/v1/cases/${target}/recommendation?${q}` });
  }
  // Fixes: bare NaN / Infinity tokens, junk fields, times from the future, teleports from (and to) the
  // one fix stored for SEEDED_UNIT in beforeAll, shapes that are not a batch; every batch wholly refused.
  const seeded = seededFix;
  const kx = 94_000; // metres per degree east here, near enough for a teleport of kilometres
  for (let k = 0; k < COUNTS['fixes-body']; k++) {
    const r = rng();
    const n = 1 + Math.floor(rng() * 4);
    const item = (): string => {
      const q = rng();
      const at = JSON.stringify(new Date(seeded.atMs + (rng() < 0.5 ? 1 : -1) * (1 + Math.floor(rng() * 20)) * 1000).toISOString());
      if (q < 0.3) return object([['at', at], ['lng', junk(rng)], ['lat', String(seeded.lat)]]);
      if (q < 0.45) return object([['at', pick(rng, [junk(rng), '"2026-02-30T00:00:00Z"', '"now"', '"2026-12-03 08:00"', '1700000000000'])], ['lng', String(seeded.lng)], ['lat', String(seeded.lat)]]);
      if (q < 0.6) return object([['at', JSON.stringify(new Date(Date.now() + 31_000 + rng() * 1e9).toISOString())], ['lng', String(seeded.lng)], ['lat', String(seeded.lat)]]);
      if (q < 0.8) return object([['at', at], ['lng', String(seeded.lng + (3000 + rng() * 2000) / kx)], ['lat', String(seeded.lat)]]); // 3–5 km in ≤ 20 s
      if (q < 0.9) return object([['at', at], ['lng', String(seeded.lng)], ['lat', String(seeded.lat)], [pick(rng, ['speed', 'heading']), pick(rng, ['-1', '400', '"fast"', 'null', 'NaN'])]]);
      return object([['at', at], ['lng', String(seeded.lat)], ['lat', pick(rng, [String(seeded.lng), '91', '-91', '39.9'])]]); // swapped, or off the globe
    };
    const body = r < 0.1 ? junk(rng) : r < 0.15 ? item() : r < 0.2 ? '[]' : `[${Array.from({ length: n }, item).join(',')}]`;
    post('fixes-body', `/api/v1/units/${SEEDED_UNIT}/fixes`, body);
  }
  for (let k = 0; k < COUNTS['fixes-unit']; k++) {
    const unit = rng() < 0.5 ? pick(rng, otherUnits) : ids(rng).replace(/^\.\.$/, 'ghost');
    const fix = object([['at', JSON.stringify(new Date(seeded.atMs).toISOString())], ['lng', String(seeded.lng)], ['lat', String(seeded.lat)]]);
    post('fixes-unit', `/api/v1/units/${unit}/fixes`, `[${fix}]`, rng() < 0.2 ? keyHeaders() : undefined);
  }
  for (let k = 0; k < COUNTS['track-query']; k++) {
    const q = pick(rng, [`since=${encodeURIComponent(pick(rng, ['NaN', 'x', '2026-13-01', '', '1700000000']))}`, `until=${pick(rng, ['Infinity', 'yesterday'])}`, `since=2026-12-03T09:00:00Z&until=2026-12-03T08:00:00Z`, `${pick(rng, ['limit', '__proto__', 'unit'])}=1`]);
    const unit = rng() < 0.3 ? pick(rng, otherUnits) : rng() < 0.5 ? ids(rng).replace(/^\.\.$/, 'ghost') : SEEDED_UNIT;
    out.push({ kind: 'track-query', method: 'GET', url: `/api/v1/units/${unit}/track?${q}` });
  }
  for (let k = 0; k < COUNTS['case-cameras']; k++) {
    // Another township's case (made in beforeAll), unknown ids, a query the route does not take, an API key.
    // ('..' is left out: /cases/../cameras is the county's camera list, rightly a 200.)
    const r = rng();
    const target = r < 0.3 ? westCaseId : r < 0.8 ? ids(rng).replace(/^\.\.$/, 'ghost') : caseId;
    out.push({ kind: 'case-cameras', method: 'GET', url: `/api/v1/cases/${target}/cameras${target === caseId ? '' : pick(rng, ['', '?x=1', '?__proto__=1'])}`, ...(target === caseId ? { headers: keyHeaders() } : {}) });
  }
  for (let k = 0; k < COUNTS.syntax; k++) {
    const text = pick(rng, ['{', '{"type":', '{"type":"sign-off",}', "{'type':'x'}", '{"expectedVersion":0 "type":"x"}', '\u0000', '[', '{"a":1}{', 'undefined']);
    post('syntax', rng() < 0.5 ? `/api/v1/units/${pick(rng, ownUnits)}/commands` : `/api/v1/cases/${caseId}/dispatch`, text);
  }
  for (let k = 0; k < COUNTS['api-key']; k++) {
    post('api-key', rng() < 0.5 ? `/api/v1/units/${pick(rng, ownUnits)}/commands` : `/api/v1/cases/${caseId}/dispatch`, object([['type', '"sign-off"'], ['unitId', '"unit-001"'], ['expectedVersion', '0']]), keyHeaders());
  }
  return out;
}

let server: YizhangtuApp;
let remove: () => void;
let cookie: string;
let caseId: string;
let westCaseId: string;
let dataDir: string;
/** The one fix stored for SEEDED_UNIT before the fuzz: the teleports jump from it. */
let seededFix: { atMs: number; lng: number; lat: number };
let seededLatest: unknown;

beforeAll(async () => {
  const t = tempDir('yzt-fuzz-units-');
  remove = t.remove;
  dataDir = t.dir;
  server = await openDemoApp(t.dir);
  placeUnits(server);
  cookie = (await sessionFor(server, { role: 'duty-officer', jurisdictionCode: EAST })).cookie;
  caseId = await acceptedCase(server, cookie, 'fuzz-units-case');
  const west = (await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202002' })).cookie;
  westCaseId = await acceptedCase(server, west, 'fuzz-units-west-case', routePoint(WEST_ROUTE, 0.5));
  const p = routePoint(DEMO_UNITS.find((u) => u.id === SEEDED_UNIT)!.routeId, 0.5);
  seededFix = { atMs: Date.now() - 600_000, ...p };
  const seededResult = server.fixes.ingest(SEEDED_UNIT, [{ at: new Date(seededFix.atMs).toISOString(), lng: p.lng, lat: p.lat }]);
  if (seededResult?.accepted !== 1) throw new Error(`seeding a fix: ${JSON.stringify(seededResult)}`);
  seededLatest = server.unitFixes.latest().find((f) => f.id === SEEDED_UNIT);
}, 60_000);

afterAll(async () => {
  await server?.close();
  remove?.();
});

describe('fuzzing the unit endpoints', () => {
  it('answers every malformed or out-of-place request with a 4xx naming its reason, and writes nothing', async () => {
    const cases = generate(seedrandom(SEED), caseId);
    const byStatus = new Map<number, number>();
    const byKind = new Map<string, Map<number, number>>();
    const bad: string[] = [];
    for (const c of cases) {
      const res = await server.app.inject({
        method: c.method, url: c.url,
        headers: { cookie, ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers },
        ...(c.body !== undefined ? { payload: c.body } : {}),
      });
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      const kind = byKind.get(c.kind) ?? new Map<number, number>();
      byKind.set(c.kind, kind.set(res.statusCode, (kind.get(res.statusCode) ?? 0) + 1));
      let message: unknown;
      try {
        message = (res.json() as { message?: unknown }).message;
      } catch {
        message = undefined;
      }
      if (res.statusCode < 400 || res.statusCode >= 500 || typeof message !== 'string' || message.length === 0) {
        if (bad.length < 10) bad.push(`${c.kind} ${c.method} ${c.url} ${c.body?.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        else bad.push('…');
      }
    }
    const fmt = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`[fuzz units] ${cases.length} requests: ${fmt(byStatus)}`);
    for (const [kind, m] of byKind) console.log(`[fuzz units]   ${kind}: ${fmt(m)}`);
    expect(bad).toEqual([]);
    expect([...byStatus.keys()].filter((s) => s >= 500)).toEqual([]);
    // Every kind of refusal was exercised.
    for (const s of [400, 403, 404, 409, 422]) expect(byStatus.get(s), `status ${s}`).toBeGreaterThan(0);
    // Nothing was written: every unit still at version 0, the case still accepted (version 2).
    expect(server.unitwork.book.all().every((u) => u.version === 0 && u.status === 'available')).toBe(true);
    for (const u of DEMO_UNITS) expect(await server.store.eventsOf('unit', u.id)).toEqual([]);
    expect(server.casework.book.get(caseId)!.state).toMatchObject({ version: 2, stage: 'accepted' });
    // No fix was stored but those placed before the fuzz (one per unit, and the seeded one), and the unit still stands where it did.
    const fixes = openFixStore(dataDir);
    expect(DEMO_UNITS.flatMap((u) => fixes.track(u.id, 0, Date.now() + 1e12, 10))).toHaveLength(DEMO_UNITS.length + 1);
    fixes.close();
    expect(server.unitFixes.latest().find((f) => f.id === SEEDED_UNIT)).toEqual(seededLatest);
    expect((await server.app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  }, 300_000);
});
