// The demo's closed loop on the real server (demo county, real SQLite, the case service and its
// audit), at a high DEMO_RATE for a few simulated hours with the clock driven, not waited for: the
// duty's commands are all accepted by the rules (a deliberate race with a person aside), the open
// demo cases level off, some are overdue (mostly in the stuck townships) and the stages are spread.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YizhangtuApp } from '../app.ts';
import { caseActorOf } from '../casework/case-service.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { isOpenStage } from '../wire/index.ts';
import type { CaseStage } from '../wire/index.ts';
import { commandsOf, describeFigures, stuckTownshipsOf } from './demo-loop.ts';
import type { DutyFigures } from './duty.ts';

const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));
const RATE = 40;
const HOURS = 2.5;
const STEP_MS = 30_000;
/** 10:00 in Taizhou: the day's rate is about flat until the evening. */
const START = Date.parse('2026-03-02T10:00:00+08:00');
const RACE_AT_MS = 60 * 60_000;
const RACED = 40;

let server: YizhangtuApp;
let cleanup: () => void;
const series: { hour: number; figures: DutyFigures }[] = [];
let raced: string[] = [];
let stuckTownships: Set<string>;

beforeAll(async () => {
  const t = tempDir('yzt-loop-');
  cleanup = t.remove;
  const jurisdiction = await loadJurisdiction(DEMO_DIR);
  stuckTownships = stuckTownshipsOf(jurisdiction).codes;
  let clock = START;
  server = await createFixtureApp(t.dir, { jurisdictionDir: DEMO_DIR, demoFeed: true, demoRate: RATE }, { jurisdiction, now: () => clock, demo: { backfillHours: 0, figuresIntervalMs: 0 } });
  const demo = server.demo!;
  const admin = server.access.accounts.byUsername('admin')!.account;
  const adminPrincipal = { kind: 'account' as const, role: 'admin' as const, scope: server.access.scopes.county, accountId: admin.id, username: 'admin', sessionId: 0, mustChangePassword: false, expiresAt: Infinity };
  expect(caseActorOf(adminPrincipal).type).toBe('account');
  for (let elapsed = STEP_MS; elapsed <= HOURS * 3_600_000; elapsed += STEP_MS) {
    clock = START + elapsed;
    if (elapsed === RACE_AT_MS) {
      // A person writes a note on open demo cases while the duty gives its moves: whoever commits
      // second on a case gets 409, and the duty must carry on from the case as it is then.
      const open = [...server.casework.book.records()].filter((r) => r.state.source === 'demo' && isOpenStage(r.state.stage)).slice(0, RACED);
      raced = open.map((r) => r.state.id);
      await Promise.all([demo.step(), ...open.map((r) => server.casework.service.execute(r.state.id, r.state.version, { type: 'note', text: '值班长抽查' }, adminPrincipal, null))]);
    } else {
      await demo.step();
    }
    server.casework.book.popDue(clock);
    if (elapsed % (30 * 60_000) === 0) {
      const figures = demo.duty!.figures();
      series.push({ hour: elapsed / 3_600_000, figures });
      console.log(`[demo loop] ${RATE}/min, ${(elapsed / 3_600_000).toFixed(1)} h: ${describeFigures(figures)}`);
    }
  }
}, 300_000);

afterAll(async () => {
  await server?.close();
  cleanup?.();
});

const last = () => series[series.length - 1]!.figures;

describe('the demo loop, run by itself', () => {
  it('gives only commands the rules accept: nothing refused but the deliberate race (409)', () => {
    const { refused } = last();
    expect(Object.keys(refused).filter((status) => status !== '409')).toEqual([]);
    expect(refused[409] ?? 0).toBeLessThanOrEqual(RACED);
    // The raced cases went on through the loop afterwards.
    for (const id of raced) expect(server.casework.book.get(id)!.state.version).toBeGreaterThan(2);
  });

  it('gives them through the case service: every command is in the audit log, by a demo account', async () => {
    const commands = commandsOf(last());
    const perHour = Math.round(commands / HOURS);
    console.log(`[demo loop] ${commands} commands in ${HOURS} simulated hours (${perHour} per hour at ${RATE} incidents/min): ${JSON.stringify(last().commands)}`);
    const res = await server.app.inject({ url: '/api/v1/audit?action=case.archive&limit=5', headers: { cookie: adminCookie(server) } });
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries as { actor: { name: string } }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actor.name.startsWith('demo-duty-'))).toBe(true);
    let audited = 0;
    for (const e of server.access.audit.iterate()) if (e.action.startsWith('case.') && e.actor.type === 'account' && e.actor.name?.startsWith('demo-')) audited += 1;
    expect(audited).toBe(commands);
    expect(server.access.audit.verify().ok).toBe(true);
    const demoAccounts = server.access.accounts.list().filter((a) => a.username.startsWith('demo-'));
    expect(demoAccounts.some((a) => a.role === 'duty-officer')).toBe(true);
    expect(demoAccounts.some((a) => a.role === 'grid-worker')).toBe(true);
    expect(last().commands.escalate).toBeGreaterThan(0);
    expect(last().commands['hand-down']).toBeGreaterThan(0);
    expect(last().commands.merge).toBeGreaterThan(0);
  });

  it('levels off: the open demo cases stop growing with uptime', () => {
    const at = (h: number) => series.find((s) => s.hour === h)!.figures.open;
    const posted = [...server.casework.book.records()].filter((r) => r.state.source === 'demo').length;
    console.log(`[demo loop] ${posted} demo incidents posted; open demo cases every half hour: ${series.map((x) => x.figures.open).join(', ')}`);
    expect(at(HOURS)).toBeLessThan(0.6 * posted);
    // The last hour adds little to what the first built up (stuck cases still trickle in).
    expect(at(HOURS) - at(HOURS - 1)).toBeLessThan(0.15 * at(1));
  });

  it('leaves some overdue, most of them in the stuck townships', () => {
    const nowMs = START + HOURS * 3_600_000;
    const overdue = [...server.casework.book.records()].filter((r) => r.state.source === 'demo' && server.casework.book.view(r, nowMs).overdue.step);
    expect(last().overdue).toBeGreaterThan(0);
    const inStuck = overdue.filter((r) => stuckTownships.has(r.state.townshipCode)).length;
    console.log(`[demo loop] ${overdue.length} overdue demo cases, ${inStuck} of them in the stuck townships ${[...stuckTownships].join(', ')}`);
    expect(inStuck / overdue.length).toBeGreaterThan(0.5);
  });

  it('spreads the open cases over the stages of the loop', () => {
    const { stages, open } = last();
    const spread: CaseStage[] = ['intake', 'accepted', 'dispatched', 'handling', 'verifying'];
    for (const s of spread) expect(stages[s] ?? 0).toBeGreaterThan(0.02 * open);
    const archived = [...server.casework.book.records()].filter((r) => r.state.stage === 'archived').length;
    expect(archived).toBeGreaterThan(open);
  });
});
