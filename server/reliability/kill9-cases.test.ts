// kill -9 while cases are worked (issue 10): the real server process is SIGKILLed twice while four
// duty officers, each logged in with a session of their own, apply 5,000 commands in bursts —
// batches of several cases (some carrying a case's next two steps) and single commands, on cases of
// their own and on cases all four work at once — through the closed loop (受理, 派遣, 接单, 反馈,
// 处置, 核查 / 返工, 归档, 重新办理, escalations, notes). After each restart on the same DATA_DIR
// the officers read their cases again and go on. Then the database file itself is read:
// - every acknowledged command's event is in the log, with the seq and version it was acknowledged
//   with (acknowledged-but-lost 0);
// - every state an officer was answered, and every case as the restarted server holds it, equals
//   the fold of its events up to that version (no state its log does not explain);
// - the log is one gapless sequence, each case's versions have no hole, and every incident row's
//   projection is what its events say.
//
// Checked able to fail: with the writer answering before its commit (the transaction committed
// 200 ms after the answers), 208 acknowledged commands were lost, 195 versions acknowledged twice,
// and 208 answers and 11 cases of the restarted server were states the log does not explain.
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../store/sqlite-store.ts';
import { tempDir } from '../test-fixtures/app.ts';
import { login } from '../test-fixtures/auth.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import type { CaseView } from '../wire/index.ts';
import { logDefects, readCaseLog, stateAt, stateOf } from './case-log-check.ts';
import { CaseSession } from './case-sessions.ts';
import type { Ack, SessionTally } from './case-sessions.ts';
import { ApiClient } from './client.ts';
import { makeIncidents, pointsInside } from './incidents.ts';
import { killHard, startServerProcess, stopGracefully } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

const CASES = 240;
/** Cases every officer works (each of the others, two of them). */
const SHARED = 16;
const OFFICERS = 4;
const TARGET = 5_000;
/** Acknowledged commands (over all lives) at which the 1st and 2nd server lives are killed. */
const KILL_AT = [1_500, 3_200];
const UNIT = 'unit-01';
const ADMIN_PASSWORD = 'kill9-cases-chief-secret-Zq4!';
const OFFICER_PASSWORD = 'kill9-cases-duty-secret-Wm7#';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Officer {
  id: number;
  cookie: string;
  views: Map<string, CaseView>;
  cases: string[];
}

describe('kill -9 while cases are worked', () => {
  it('loses no acknowledged command and leaves no case in a state its log does not explain', async () => {
    const dir = tempDir('yzt-kill9-cases-');
    cleanups.push(dir.remove);
    const env = { DATA_DIR: dir.dir, JURISDICTION_DIR: FIXTURE_JURISDICTION_DIR, ADMIN_PASSWORD, RATE_LIMIT_PER_MINUTE: '10000000' };
    let server: ServerProcess | undefined;
    cleanups.push(async () => {
      if (server) await killHard(server);
    });

    // First start: the cases (incidents at 待受理) and the officers, created by the admin and logged in.
    server = await startServerProcess(env);
    const api = new ApiClient(server.url);
    const posted = await api.postEvents(makeIncidents(await pointsInside(FIXTURE_JURISDICTION_DIR, CASES, 'kill9-cases'), 'k9c', Date.now()));
    const ids = posted.body.accepted.map((a) => a.id);
    const admin = (await login(server.url, 'admin', ADMIN_PASSWORD)).cookie!;
    const officers: Officer[] = [];
    for (let k = 0; k < OFFICERS; k++) {
      const res = await fetch(`${server.url}/api/v1/accounts`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: admin },
        body: JSON.stringify({ username: `officer-${k}`, role: 'duty-officer', jurisdictionCode: '321202', password: OFFICER_PASSWORD, mustChangePassword: false }),
      });
      expect(res.status).toBe(201);
      const { account } = (await res.json()) as { account: { id: number } };
      // Each case is worked by two officers (one can verify what the other handled), the first SHARED by all four.
      const cases = ids.filter((_, i) => i < SHARED || i % OFFICERS === k || (i + 1) % OFFICERS === k);
      officers.push({ id: account.id, cookie: (await login(server.url, `officer-${k}`, OFFICER_PASSWORD)).cookie!, views: new Map(), cases });
    }

    const acks: Ack[] = [];
    const tallies: SessionTally[][] = [];
    const lives: { acked: number; killed: boolean }[] = [];

    /** One server life: the officers work until TARGET commands are acknowledged, or the server is killed at `killAt`. */
    async function life(n: number, killAt: number | undefined): Promise<void> {
      server ??= await startServerProcess(env);
      const s = server;
      const before = acks.length;
      let killed = false;
      const sessions = officers.map((o) => new CaseSession(s.url, o.cookie, o.id, o.views, (a) => acks.push(a)));
      await Promise.all(sessions.map((x) => x.refresh()));
      const work = async (session: CaseSession, k: number) => {
        const rng = seedrandom(`kill9-cases-${n}-${k}`);
        const mine = officers[k]!.cases;
        while (acks.length < TARGET) {
          const answered = rng() < 0.5
            ? await session.batch([...new Set(Array.from({ length: 5 + Math.floor(rng() * 36) }, () => mine[Math.floor(rng() * mine.length)]!))], UNIT, rng)
            : await session.single(mine[Math.floor(rng() * mine.length)]!, UNIT, rng);
          if (!answered) {
            if (!killed) throw new Error(`no answer while the server was up:\n${s.output().slice(-2000)}`);
            return;
          }
          if (killAt !== undefined && !killed && acks.length >= killAt) {
            killed = true;
            setTimeout(() => s.child.kill('SIGKILL'), 3); // the other officers' requests are in flight meanwhile
          }
        }
      };
      await Promise.all(sessions.map(work));
      tallies.push(sessions.map((x) => x.tally));
      if (killed) {
        await killHard(s);
        server = undefined;
      }
      lives.push({ acked: acks.length - before, killed });
    }

    await life(1, KILL_AT[0]);
    await life(2, KILL_AT[1]);
    await life(3, undefined);
    // The cases as the twice-restarted server holds them, then a clean stop.
    const held = new Map<string, CaseView>();
    const res = await fetch(`${server!.url}/api/v1/cases?changedAfterSeq=0&limit=1000`, { headers: { cookie: officers[0]!.cookie } });
    for (const v of ((await res.json()) as { cases: CaseView[] }).cases) held.set(v.id, v);
    await stopGracefully(server!);
    server = undefined;

    const log = readCaseLog(path.join(dir.dir, DATABASE_FILE));
    const events = [...log.events.values()].flat();
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    const lost = acks.filter((a) => {
      const e = bySeq.get(a.seq);
      return !e || e.streamId !== a.caseId || e.version !== a.version || e.type !== a.type;
    });
    const ackedTwice = acks.length - new Set(acks.map((a) => a.seq)).size;
    const unexplainedAnswers = acks.filter((a) => !isDeepStrictEqual(stateAt(log, a.caseId, a.state.version), stateOf(a.state)));
    const unexplainedHeld = ids.filter((id) => {
      const v = held.get(id);
      const latest = 1 + (log.events.get(id)?.length ?? 0);
      return !v || v.version !== latest || !isDeepStrictEqual(stateAt(log, id, latest), stateOf(v));
    });
    const defects = logDefects(log);
    const ackedSeqs = new Set(acks.map((a) => a.seq));
    const unacknowledgedCommitted = events.filter((e) => !ackedSeqs.has(e.seq)).length;
    const all = tallies.flat();
    const refused: Record<number, number> = {};
    for (const t of all) for (const [s, k] of Object.entries(t.refused)) refused[Number(s)] = (refused[Number(s)] ?? 0) + k;
    const stages: Record<string, number> = {};
    for (const v of held.values()) stages[v.stage] = (stages[v.stage] ?? 0) + 1;
    const types: Record<string, number> = {};
    for (const e of events) types[e.type] = (types[e.type] ?? 0) + 1;

    console.log(
      `kill-9 cases: acknowledged ${acks.length}, lost ${lost.length}, acknowledged twice ${ackedTwice}; ` +
        `answers not explained by the log ${unexplainedAnswers.length}/${acks.length}, cases held by the restarted server not explained by the log ${unexplainedHeld.length}/${ids.length}; ` +
        `log: ${log.incidents.size} cases, ${events.length} events, seq 1..${log.seqs.at(-1)} with ${defects.length} defects (gaps, version holes, projections its events do not explain); ` +
        `killed twice, after ${lives[0]!.acked} and ${lives[0]!.acked + lives[1]!.acked} acknowledged; ${all.reduce((n, t) => n + t.unanswered, 0)} requests in flight at the kills holding ` +
        `${all.reduce((n, t) => n + t.uncertain, 0)} commands, of which ${unacknowledgedCommitted} were committed unacknowledged (the officers read them back after the restart); ` +
        `refused ${JSON.stringify(refused)} (409: stale after another officer, or the kill); events by type ${JSON.stringify(types)}; stages at the end ${JSON.stringify(stages)}`,
    );
    if (defects.length > 0) console.log(defects.slice(0, 10).join('\n'));
    expect(lives.map((l) => l.killed)).toEqual([true, true, false]);
    expect(acks.length).toBeGreaterThanOrEqual(TARGET);
    expect(lost).toEqual([]);
    expect(ackedTwice).toBe(0);
    expect(unexplainedAnswers.map((a) => `${a.caseId} v${a.state.version}`)).toEqual([]);
    expect(unexplainedHeld).toEqual([]);
    expect(defects).toEqual([]);
    expect(events.length).toBe(acks.length + unacknowledgedCommitted);
  }, 170_000);
});
