// Fuzz the case API (issue 10), as fuzz.test.ts fuzzes the rest: 3,000 malformed requests from a
// fixed seed against the real server on a real port, on real cases in four stages — commands with
// wrong field types, missing and stray fields (`__proto__`, constructor), unknown types, stale and
// future versions, another township's case, the wrong person (a grid worker giving a centre's
// command, a wall display, an API key, nobody), a stage that forbids the command, huge notes and
// bodies, broken JSON and encodings, batches of junk, junk queries and case ids, non-image photos.
// Outcome: nothing crashes, every request is answered 4xx with a JSON body naming the reason (a
// batch: every command refused with its own), no case moves (versions, log, audit), no photo is
// stored, no prototype is polluted, and the server still applies a valid command after.
//
// Checked able to fail: with the command body read in two passes (a loose one for expectedVersion,
// then the rest), the `__proto__` bodies were applied (200) and moved their case; with
// changedAfterSeq coerced by z.coerce, `?changedAfterSeq=` and `=0x1f` were answered 200.
import { readdirSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { YizhangtuApp } from '../app.ts';
import { fixtureConfig, tempDir } from '../test-fixtures/app.ts';
import { displayCookie, sessionFor, testKey } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { canvasImage } from '../test-fixtures/photos.ts';
import { ApiClient, withApiKey } from './client.ts';
import type { HttpCase } from './fuzz-bodies.ts';
import { caseCases } from './fuzz-cases.ts';
import type { CaseFuzzWorld, KnownCase } from './fuzz-cases.ts';
import { failuresByKind, runCases } from './fuzz-run.ts';
import type { Tally } from './fuzz-run.ts';
import { makeIncidents } from './incidents.ts';

const SEED = 'yizhangtu-fuzz-cases-1';
/** Cases per generator; 3,000 in all. */
const COUNTS = {
  'cmd-field': 900, 'cmd-type': 200, 'cmd-version': 300, 'cmd-jurisdiction': 250, 'cmd-stage': 200, 'cmd-huge': 40, 'cmd-body': 250,
  batch: 250, 'case-query': 400, 'cmd-id': 80, 'photo-real': 130,
};
const GRID = '321202001002001';

let app: YizhangtuApp;
let api: ApiClient;
let remove: () => void;
let officer: string;
const crashes: string[] = [];
const onCrash = (err: unknown) => crashes.push(String((err as Error)?.stack ?? err));

beforeAll(async () => {
  const dir = tempDir('yzt-fuzz-cases-');
  remove = dir.remove;
  app = await createApp(withApiKey(fixtureConfig(dir.dir, { rateLimitPerMinute: 1_000_000 })), { logger: false });
  const { url } = await app.listen(0, '127.0.0.1');
  officer = (await sessionFor(app, { role: 'duty-officer', jurisdictionCode: '321202001' })).cookie;
  api = new ApiClient(url, { cookie: officer });
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});
afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await app?.close();
  remove?.();
});

/** Posts a command as the officer; it must be applied. */
async function command(id: string, body: Record<string, unknown>): Promise<number> {
  const a = await api.raw('POST', `/api/v1/cases/${id}/commands`, JSON.stringify(body), 'application/json');
  if (a.status !== 200) throw new Error(`setup command ${body.type} answered ${a.status}: ${a.text}`);
  return (JSON.parse(a.text) as { case: { version: number } }).case.version;
}

/** Eight cases of the officer's township in four stages, and one of another township. */
async function world(): Promise<CaseFuzzWorld> {
  const now = Date.now();
  const posted = await api.postEvents([...makeIncidents(Array(8).fill(FIXTURE_POINTS[GRID]), 'fz-case', now), ...makeIncidents([FIXTURE_POINTS['321202002001001']], 'fz-west', now)]);
  const ids = posted.body.accepted.map((a) => a.id);
  const mine: KnownCase[] = ids.slice(0, 8).map((id) => ({ id, version: 1, stage: 'intake' }));
  const walk = async (c: KnownCase, steps: Record<string, unknown>[], stage: KnownCase['stage']) => {
    for (const s of steps) c.version = await command(c.id, { ...s, expectedVersion: c.version });
    c.stage = stage;
  };
  const accept = { type: 'accept' }, assign = { type: 'assign', assignee: { kind: 'grid', gridCode: GRID } };
  await walk(mine[2]!, [accept], 'accepted');
  await walk(mine[3]!, [accept, { type: 'note', text: '已电话联系' }], 'accepted');
  await walk(mine[4]!, [accept, assign], 'dispatched');
  await walk(mine[5]!, [accept, { type: 'note', text: 'a' }, { type: 'note', text: 'b' }, assign], 'dispatched');
  await walk(mine[6]!, [accept, { type: 'archive', satisfaction: 'basically-satisfied', disposition: 'unfounded' }], 'archived');
  await walk(mine[7]!, [{ type: 'archive', satisfaction: 'satisfied', disposition: 'duplicate' }], 'archived');
  const worker = await sessionFor(app, { role: 'grid-worker', jurisdictionCode: '321202001002' });
  return {
    mine,
    other: { id: ids[8]!, version: 1, stage: 'intake' },
    worker: { cookie: worker.cookie },
    display: { cookie: displayCookie(app, '321202001').cookie },
    apiKey: { cookie: '', authorization: `Bearer ${testKey()}` },
    anonymous: { cookie: '' },
    grid: GRID,
    images: { 'image/jpeg': await canvasImage('image/jpeg'), 'image/png': await canvasImage('image/png'), 'image/webp': await canvasImage('image/webp') },
  };
}

describe('fuzzing the case API', () => {
  it('answers 3,000 malformed case requests with a 4xx naming the reason, moves no case, stores no photo, and stays healthy', async () => {
    const w = await world();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const seqBefore = await app.store.lastSeq();
    const versionsBefore = [...w.mine, w.other].map((c) => app.casework.book.get(c.id)!.state.version);
    const auditedBefore = app.access.audit.list({ action: 'case.', limit: 500 }).length;

    const cases = caseCases(seedrandom(SEED), w, COUNTS);
    const byKind = new Map<string, HttpCase[]>();
    for (const c of cases) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
    const tallies = new Map<string, Tally>();
    const t0 = Date.now();
    for (const [kind, list] of byKind) tallies.set(kind, await runCases(api, list, false));
    const seconds = (Date.now() - t0) / 1000;

    const failures = [...tallies.values()].flatMap((t) => t.failures);
    const statuses: Record<number, number> = {};
    for (const t of tallies.values()) for (const [s, n] of Object.entries(t.byStatus)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
    const versionsAfter = [...w.mine, w.other].map((c) => app.casework.book.get(c.id)!.state.version);
    const storedVersions = await Promise.all([...w.mine, w.other].map(async (c) => (await app.store.getById(c.id))!.version));
    const seqAfter = await app.store.lastSeq();
    const audited = app.access.audit.list({ action: 'case.', limit: 500 }).length - auditedBefore;
    const photoFiles = readdirSync(app.photos.dir);
    const polluted = Object.getOwnPropertyNames(Object.prototype).sort();
    // Healthy after: the server still applies a valid command, and polls still answer.
    const health = await api.getJson<{ status: string }>('/api/v1/health');
    const target = w.mine[0]!;
    const valid = await api.raw('POST', `/api/v1/cases/${target.id}/commands`, JSON.stringify({ type: 'note', expectedVersion: target.version, text: '模糊测试之后' }), 'application/json');
    const poll = await api.raw('GET', `/api/v1/cases?changedAfterSeq=${seqAfter}`);

    console.log(
      `fuzz cases: ${cases.length} malformed case requests in ${seconds.toFixed(1)} s, crashes ${crashes.length}, 5xx ${Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, k]) => n + k, 0)}, failures ${failures.length}; ` +
        [...tallies].map(([kind, t]) => `${kind} ${t.refused}/${byKind.get(kind)!.length} 4xx with a reason ${JSON.stringify(t.byStatus)}`).join('; ') +
        `; all: ${JSON.stringify(statuses)}; after: log seq ${seqBefore} → ${seqAfter}, case versions ${versionsBefore.join() === versionsAfter.join() ? 'unchanged' : 'CHANGED'}, ` +
        `case.* audit entries +${audited}, photo files ${photoFiles.length}, Object.prototype ${polluted.join() === prototypeKeys.join() ? 'untouched' : 'POLLUTED'}, ` +
        `health ${health.status}, valid command ${valid.status}, poll ${poll.status}`,
    );
    if (failures.length > 0) console.log(failuresByKind(failures));
    expect(crashes).toEqual([]);
    expect(failures).toEqual([]);
    expect(seqAfter).toBe(seqBefore);
    expect(versionsAfter).toEqual(versionsBefore);
    expect(storedVersions).toEqual(versionsBefore);
    expect(audited).toBe(0);
    expect(photoFiles).toEqual([]);
    expect(polluted).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(health.status).toBe('ok');
    expect(valid.status, valid.text).toBe(200);
    expect(poll.status).toBe(200);
    expect(JSON.parse(poll.text).cases.map((c: { id: string }) => c.id)).toEqual([target.id]);
  }, 170_000);
});
