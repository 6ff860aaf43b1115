// Property tests over random command sequences by random actors on a few cases:
// (1) decide + apply agree, step by step, with a reference written here independently — an explicit
//     transition table interpreted row by row, and each state field computed by its own rule;
// (2) folding the whole log from empty reproduces every case exactly;
// (3) every case's versions run 1..n without gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountRef, CaseActor, CaseAssignee, CaseCommand, CaseEvent, CaseIncidentFacts, CaseLevel, CaseStage, CaseState } from '../wire/index.ts';
import { apply, fold } from './apply.ts';
import { createdDraft, decide } from './decide.ts';
import { account, actors, COUNTY, GRID, LIMITS, OTHER_GRID, stored, T0 } from './fixtures.ts';

// ── The reference ───────────────────────────────────────────────────────────────────────────

type Power = 'centre' | 'assignee' | 'either';
type Target = CaseStage | '=';
const OPEN: CaseStage[] = ['intake', 'accepted', 'dispatched', 'handling', 'verifying', 'verified'];
const ALL: CaseStage[] = [...OPEN, 'archived', 'merged'];

/** [command, from stages, the power needed, to]. Rows are tried in order; the first whose power the actor holds wins. */
const TRANSITIONS: [CaseCommand['type'], CaseStage[], Power, Target][] = [
  ['accept', ['intake'], 'centre', 'accepted'],
  ['accept', ['dispatched'], 'assignee', 'handling'],
  ['assign', ['accepted', 'dispatched', 'handling'], 'centre', 'dispatched'],
  ['feedback', ['dispatched'], 'assignee', 'handling'],
  ['feedback', ['dispatched', 'handling', 'verifying'], 'either', '='],
  ['handle', ['dispatched', 'handling'], 'either', 'verifying'],
  ['verify', ['verifying'], 'centre', 'verified'],
  ['reject', ['verifying'], 'centre', 'handling'],
  ['archive', ['intake', 'accepted', 'verified'], 'centre', 'archived'],
  ['escalate', OPEN, 'centre', 'intake'],
  ['hand-down', OPEN, 'centre', 'intake'],
  ['merge', OPEN, 'centre', 'merged'],
  ['reopen', ['archived'], 'centre', 'accepted'],
  ['note', ALL, 'either', '='],
];
const ASSIGNEE_MAY = new Set(['accept', 'feedback', 'handle', 'note']);
const LEVEL_RANK: Record<CaseLevel, number> = { village: 0, township: 1, county: 2 };
const CODE_LENGTH: Record<CaseLevel, number> = { village: 12, township: 9, county: 6 };
const MILESTONE: Partial<Record<CaseStage, keyof CaseState['milestones']>> = {
  accepted: 'acceptedAt', dispatched: 'dispatchedAt', handling: 'handlingAt', verifying: 'handledAt', verified: 'verifiedAt', archived: 'archivedAt',
};

type Account = Extract<CaseActor, { type: 'account' }>;
type RefOutcome = { status: number } | { state: CaseState };

const isoAt = (ms: number) => new Date(ms).toISOString();
const limit = (s: CaseState, step: 'accept' | 'handle' | 'verify' | 'total', now: number) => isoAt(now + LIMITS.limitsFor(s.category, s.priority)[step]);

function refCreated(id: string, facts: CaseIncidentFacts, seq: number): CaseState {
  const none = { acceptedAt: null, dispatchedAt: null, handlingAt: null, handledAt: null, verifiedAt: null, archivedAt: null };
  const at = isoAt(T0);
  return {
    ...facts, id, version: 1, lastSeq: seq, stage: 'intake', level: 'village', centreCode: facts.gridCode.slice(0, 12),
    reporterAccountId: facts.reporterAccountId ?? null,
    owner: null, assignee: null, handledBy: null, evaluation: null, mergedInto: null,
    stepDueAt: isoAt(T0 + LIMITS.limitsFor(facts.category, facts.priority).accept), caseDueAt: isoAt(T0 + LIMITS.limitsFor(facts.category, facts.priority).total),
    milestones: none, createdAt: at, updatedAt: at,
  };
}

function holdsCentre(a: Account, s: CaseState) {
  return ['admin', 'leader', 'duty-officer'].includes(a.role) && s.centreCode.startsWith(a.jurisdictionCode);
}
function holdsAssignee(a: Account, s: CaseState) {
  const x = s.assignee;
  if (x === null) return false;
  if (x.kind === 'grid') return a.role === 'grid-worker' && x.gridCode.startsWith(a.jurisdictionCode);
  if (x.kind === 'account') return x.accountId === a.id;
  return holdsCentre(a, s);
}
function sameAssignee(a: CaseAssignee, b: CaseAssignee) {
  return JSON.stringify([a.kind, a.kind === 'grid' ? a.gridCode : a.kind === 'account' ? a.accountId : a.unitId]) ===
    JSON.stringify([b.kind, b.kind === 'grid' ? b.gridCode : b.kind === 'account' ? b.accountId : b.unitId]);
}

/** What the reference expects of a command: the refusal's status, or the next state. */
function reference(s: CaseState, cmd: CaseCommand, actor: CaseActor, invalid: boolean, now: number, seq: number, survivor: CaseState | undefined): RefOutcome {
  if (actor.type !== 'account' || actor.role === 'wall-display') return { status: 403 };
  if (invalid) return { status: 422 };
  const centre = holdsCentre(actor, s), assignee = holdsAssignee(actor, s);
  if (!centre && !(ASSIGNEE_MAY.has(cmd.type) && assignee)) return { status: 403 };
  const rows = TRANSITIONS.filter(([type, from]) => type === cmd.type && from.includes(s.stage));
  if (rows.length === 0) return { status: 409 };
  const row = rows.find(([, , power]) => (power === 'centre' ? centre : power === 'assignee' ? assignee : centre || assignee));
  if (!row) return { status: 403 };
  const me: AccountRef = { id: actor.id, name: actor.name };
  if (cmd.type === 'verify' && s.handledBy?.id === actor.id) return { status: 403 };
  if (cmd.type === 'escalate' && s.level === 'county') return { status: 409 };
  if (cmd.type === 'hand-down' && s.level === 'village') return { status: 409 };
  if (cmd.type === 'assign' && cmd.assignee.kind === 'grid' && !cmd.assignee.gridCode.startsWith(s.centreCode)) return { status: 422 };
  if (cmd.type === 'assign' && s.assignee && sameAssignee(s.assignee, cmd.assignee)) return { status: 409 };
  if (cmd.type === 'archive' && s.stage !== 'verified' && cmd.disposition === 'resolved') return { status: 409 };
  if (cmd.type === 'hand-down' && LEVEL_RANK[cmd.to] >= LEVEL_RANK[s.level]) return { status: 409 };
  if (cmd.type === 'merge') {
    if (cmd.into === s.id || survivor?.id !== cmd.into) return { status: 422 };
    if (survivor.stage === 'archived' || survivor.stage === 'merged') return { status: 409 };
    if (!survivor.centreCode.startsWith(actor.jurisdictionCode)) return { status: 403 };
  }

  const at = isoAt(now);
  const n: CaseState = { ...s, version: s.version + 1, lastSeq: seq, updatedAt: at, stage: row[3] === '=' ? s.stage : row[3] };
  const transfer = cmd.type === 'escalate' || cmd.type === 'hand-down';
  if (transfer) {
    n.level = cmd.type === 'escalate' ? (s.level === 'village' ? 'township' : 'county') : cmd.to;
    n.centreCode = s.gridCode.slice(0, CODE_LENGTH[n.level]);
  }
  if (cmd.type === 'accept' && s.stage === 'intake') n.owner = me;
  if (transfer) n.owner = null;
  if (cmd.type === 'assign') n.assignee = cmd.assignee;
  if (transfer || cmd.type === 'reopen') n.assignee = null;
  if (cmd.type === 'handle') n.handledBy = me;
  if (transfer || cmd.type === 'reopen' || cmd.type === 'reject') n.handledBy = null;
  if (cmd.type === 'archive') n.evaluation = { satisfaction: cmd.satisfaction, disposition: cmd.disposition, note: cmd.note ?? '', by: me, at };
  if (cmd.type === 'reopen') n.evaluation = null;
  if (cmd.type === 'merge') n.mergedInto = cmd.into;
  if (cmd.type === 'accept' && s.stage === 'intake') n.stepDueAt = limit(s, 'handle', now);
  if (cmd.type === 'handle') n.stepDueAt = limit(s, 'verify', now);
  if (cmd.type === 'reject' || cmd.type === 'reopen') n.stepDueAt = limit(s, 'handle', now);
  if (transfer) n.stepDueAt = limit(s, 'accept', now);
  if (cmd.type === 'archive' || cmd.type === 'merge') n.stepDueAt = null;
  if (cmd.type === 'reopen') n.caseDueAt = limit(s, 'total', now);
  const key = MILESTONE[n.stage];
  if (key && n.stage !== s.stage && s.milestones[key] === null) n.milestones = { ...s.milestones, [key]: at };
  return { state: n };
}

// ── Random cases, actors and commands ─────────────────────────────────────────────────────────

const GRIDS = [GRID, OTHER_GRID, '321202001002001', '321202002001001'];
const lender = account('duty-officer', '321202002', '外借干部');
const POOL: CaseActor[] = [...Object.values(actors), lender, account('grid-worker', '321202002001001', '邻镇网格员'), account('leader', '321202001', '街道领导')];
const FAVOURITES: CaseActor[] = [actors.county, actors.village, actors.township, actors.gridWorker];
const CASES = 3;

const factsArb = fc.record({
  grid: fc.constantFrom(...GRIDS),
  category: fc.constantFrom('dispute', 'public-order', 'fire') as fc.Arbitrary<CaseIncidentFacts['category']>,
  priority: fc.constantFrom('urgent', 'high', 'normal', 'low') as fc.Arbitrary<CaseIncidentFacts['priority']>,
}).map(({ grid, category, priority }): CaseIncidentFacts => ({
  incidentId: `i-${grid}`, category, priority, townshipCode: grid.slice(0, 9), villageCode: grid.slice(0, 12), gridCode: grid, source: 'alarm-110', receivedAt: isoAt(T0),
}));

const assigneeArb: fc.Arbitrary<CaseAssignee> = fc.oneof(
  fc.constantFrom(...GRIDS).map((gridCode) => ({ kind: 'grid' as const, gridCode })),
  fc.constantFrom(lender, actors.village, actors.gridWorker).map((a) => ({ kind: 'account' as const, accountId: (a as Account).id, name: (a as Account).name })),
  fc.constant({ kind: 'unit' as const, unitId: 'u-1', name: '巡逻一队' }),
);

/** A command and whether it is invalid on purpose (the reference expects 422). */
const commandArb: fc.Arbitrary<[CaseCommand, boolean]> = fc.oneof(
  fc.constant<CaseCommand>({ type: 'accept' }),
  assigneeArb.map((assignee): CaseCommand => ({ type: 'assign', assignee })),
  fc.constantFrom<CaseCommand>({ type: 'feedback', note: '到场' }, { type: 'feedback', note: '拍照', photos: ['p1'] }),
  fc.constant<CaseCommand>({ type: 'handle', note: '已处置' }),
  fc.constantFrom<CaseCommand>({ type: 'verify' }, { type: 'verify', note: '属实' }),
  fc.constant<CaseCommand>({ type: 'reject', reason: '未到位' }),
  fc.record({ satisfaction: fc.constantFrom('satisfied', 'basically-satisfied', 'dissatisfied'), disposition: fc.constantFrom('resolved', 'unfounded', 'duplicate', 'transferred') })
    .map((e) => ({ type: 'archive', ...e }) as CaseCommand),
  fc.constant<CaseCommand>({ type: 'escalate', reason: '需上级' }),
  fc.constantFrom<CaseCommand>({ type: 'hand-down', to: 'village' }, { type: 'hand-down', to: 'township', reason: '属街道' }),
  fc.constantFrom('c0', 'c1', 'c2', 'ghost').map((into): CaseCommand => ({ type: 'merge', into })),
  fc.constant<CaseCommand>({ type: 'reopen', reason: '复发' }),
  fc.constant<CaseCommand>({ type: 'note', text: '记录' }),
).map((c) => [c, false] as [CaseCommand, boolean]);

const invalidArb: fc.Arbitrary<[CaseCommand, boolean]> = fc.constantFrom(
  { type: 'reject', reason: '  ' }, { type: 'note', text: '' }, { type: 'feedback', note: 'x', photos: ['a', 'b', 'c', 'd'] },
  { type: 'escalate' }, { type: 'archive', satisfaction: 'satisfied' }, { type: 'fly' },
).map((c) => [c as unknown as CaseCommand, true]);

/** The command that moves a case on from each stage (with the actor who may give it), so that random walks also go deep. */
function onward(s: CaseState): [CaseCommand, CaseActor] {
  switch (s.stage) {
    case 'intake': return [{ type: 'accept' }, actors.county];
    case 'accepted': return [{ type: 'assign', assignee: { kind: 'grid', gridCode: s.gridCode } }, actors.county];
    case 'dispatched':
    case 'handling': return [{ type: 'handle', note: '已处置' }, actors.county];
    case 'verifying': return [{ type: 'verify' }, actors.leader];
    case 'verified': return [{ type: 'archive', satisfaction: 'satisfied', disposition: 'resolved' }, actors.county];
    case 'archived': return [{ type: 'reopen', reason: '复发' }, actors.county];
    case 'merged': return [{ type: 'note', text: '记录' }, actors.county];
  }
}

const stepArb = fc.record({
  caseIndex: fc.integer({ min: 0, max: CASES - 1 }),
  /** Move the case on (onward) instead of the random actor and command. */
  onward: fc.boolean(),
  actor: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FAVOURITES) }, { weight: 2, arbitrary: fc.constantFrom(...POOL) }),
  command: fc.oneof({ weight: 12, arbitrary: commandArb }, { weight: 1, arbitrary: invalidArb }),
  gapMs: fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 })),
});

describe('cases against a reference implementation', () => {
  it('agree step by step; the log replays to the same states; versions have no gaps', () => {
    let allowed = 0, refused = 0;
    fc.assert(fc.property(fc.array(factsArb, { minLength: CASES, maxLength: CASES }), fc.array(stepArb, { minLength: 10, maxLength: 80, size: 'max' }), (facts, steps) => {
      let seq = 0, now = T0;
      const log: CaseEvent[] = [];
      const ours = new Map<string, CaseState>(), theirs = new Map<string, CaseState>();
      facts.forEach((f, k) => {
        const e = stored(createdDraft(f, LIMITS, T0), `c${k}`, 1, ++seq);
        log.push(e);
        ours.set(e.caseId, apply(undefined, e));
        theirs.set(e.caseId, refCreated(`c${k}`, f, seq));
      });
      expect(ours).toEqual(theirs);
      for (const step of steps) {
        now += step.gapMs;
        const id = `c${step.caseIndex}`;
        const [command, actor, invalid] = step.onward ? [...onward(theirs.get(id)!), false] as const : [step.command[0], step.actor, step.command[1]] as const;
        const into = command.type === 'merge' ? command.into : undefined;
        const d = decide(ours.get(id)!, command, actor, { now, limits: LIMITS, survivor: into ? ours.get(into) : undefined });
        const expected = reference(theirs.get(id)!, command, actor, invalid, now, seq + 1, into ? theirs.get(into) : undefined);
        if ('status' in expected) {
          expect('refusal' in d ? d.refusal.status : 'allowed').toBe(expected.status);
          refused++;
          continue;
        }
        if (!('events' in d)) throw new Error(`refused ${JSON.stringify(command)} by ${JSON.stringify(actor)}: ${JSON.stringify(d.refusal)}; the reference allowed it`);
        for (const draft of d.events) {
          const state = ours.get(id)!;
          const e = stored(draft, id, state.version + 1, ++seq);
          log.push(e);
          ours.set(id, apply(state, e));
        }
        theirs.set(id, expected.state);
        expect(ours.get(id)).toEqual(expected.state);
        allowed++;
      }
      // (2) the log from empty gives every case exactly, (3) versions 1..n per case and seq gapless.
      expect(fold(log)).toEqual(ours);
      for (const [id, state] of ours) expect(log.filter((e) => e.caseId === id).map((e) => e.version)).toEqual(Array.from({ length: state.version }, (_, k) => k + 1));
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, k) => k + 1));
    }), { numRuns: 400 });
    console.log(`commands: ${allowed} allowed, ${refused} refused (both agreeing with the reference)`);
    expect(allowed).toBeGreaterThan(1000);
  });

  it('covers every stage and level in the random walks (the walks are not stuck at intake)', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(fc.array(stepArb, { minLength: 10, maxLength: 80, size: 'max' }), (steps) => {
      const f: CaseIncidentFacts = { incidentId: 'i', category: 'fire', priority: 'high', townshipCode: GRID.slice(0, 9), villageCode: GRID.slice(0, 12), gridCode: GRID, source: '110', receivedAt: isoAt(T0) };
      let s = apply(undefined, stored(createdDraft(f, LIMITS, T0), 'c0', 1, 1));
      let now = T0;
      for (const step of steps) {
        now += step.gapMs;
        const [command, actor] = step.onward ? onward(s) : [step.command[0], step.actor];
        const d = decide(s, command, actor, { now, limits: LIMITS, survivor: command.type === 'merge' && command.into === 'c1' ? apply(undefined, stored(createdDraft({ ...f, incidentId: 'j' }, LIMITS, T0), 'c1', 1, 2)) : undefined });
        if ('events' in d) for (const e of d.events) s = apply(s, stored(e, 'c0', s.version + 1, s.lastSeq + 1));
        seen.add(s.stage).add(s.level);
      }
    }), { numRuns: 200 });
    expect([...seen].sort()).toEqual([...ALL, 'village', 'township', 'county'].sort());
    expect(COUNTY).toBe(GRID.slice(0, 6));
  });
});
