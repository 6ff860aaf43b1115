// The rules beyond the stage table: jurisdiction levels, the different verifier, the evaluation an
// archive needs, the first-responsible owner, escalation and hand-down chains, assignees, merges.
import { describe, expect, it } from 'vitest';
import type { CaseActor, CaseCommand, CaseRefusal } from '../wire/index.ts';
import { decide, type DecideContext } from './decide.ts';
import { account, actors, COUNTY, GRID, inStage, OTHER_GRID, OTHER_TOWNSHIP, OTHER_VILLAGE, TOWNSHIP, VILLAGE, Walk } from './fixtures.ts';

function refusal(w: Walk, command: CaseCommand, actor: CaseActor, extra: Partial<DecideContext> = {}): CaseRefusal | undefined {
  const d = decide(w.state, command, actor, w.ctx(extra));
  return 'refusal' in d ? d.refusal : undefined;
}

const escalate: CaseCommand = { type: 'escalate', reason: '村级无法解决' };
const accept: CaseCommand = { type: 'accept' };

describe('jurisdiction levels (督办 downwards, never upwards)', () => {
  const villageCase = () => new Walk();
  const townshipCase = () => new Walk().do(escalate, actors.village);

  it.each([
    ['county officer on a village case', villageCase, actors.county, undefined],
    ['township officer on a village case of its township', villageCase, actors.township, undefined],
    ['village officer on its own case', villageCase, actors.village, undefined],
    ['officer of another township on a village case', villageCase, actors.otherTownship, `the case belongs to centre ${VILLAGE}, outside your jurisdiction ${OTHER_TOWNSHIP}, and it is not assigned to you`],
    ['officer of another village on a village case', villageCase, actors.otherVillage, `the case belongs to centre ${VILLAGE}, outside your jurisdiction ${OTHER_VILLAGE}, and it is not assigned to you`],
    ['village officer on a township-level case', townshipCase, actors.village, `the case belongs to centre ${TOWNSHIP}, outside your jurisdiction ${VILLAGE}, and it is not assigned to you`],
    ['township officer on its township-level case', townshipCase, actors.township, undefined],
    ['county officer on a township-level case', townshipCase, actors.county, undefined],
  ] as const)('%s', (_name, make, actor, reason) => {
    const r = refusal(make(), accept, actor);
    expect(r).toEqual(reason === undefined ? undefined : { status: 403, reason });
  });

  it('names the jurisdiction without the assignee hint for the centre-only commands', () => {
    expect(refusal(new Walk(), escalate, actors.otherTownship)).toEqual({ status: 403, reason: `the case belongs to centre ${VILLAGE}, outside your jurisdiction ${OTHER_TOWNSHIP}` });
  });

  it('lets a personally assigned account act as assignee outside its jurisdiction, but only as assignee', () => {
    const outsider = account('duty-officer', OTHER_TOWNSHIP, '外借干部');
    const w = inStage('accepted').do({ type: 'assign', assignee: { kind: 'account', accountId: outsider.id, name: outsider.name } }, actors.village);
    w.do(accept, outsider);
    expect(w.state.stage).toBe('handling');
    expect(refusal(w, escalate, outsider)?.status).toBe(403);
  });
});

describe('verification by a different person', () => {
  it('refuses the person who recorded it handled, and accepts another', () => {
    const w = inStage('handling').do({ type: 'handle', note: '已处理' }, actors.village);
    expect(w.state.handledBy).toEqual({ id: actors.village.id, name: actors.village.name });
    expect(refusal(w, { type: 'verify' }, actors.village)).toEqual({ status: 403, reason: '社区值班员 recorded it handled and may not also verify it: 核查 needs a different person' });
    w.do({ type: 'verify' }, actors.township);
    expect(w.state.stage).toBe('verified');
  });

  it('judges by who handled it last: a rejection clears it, the next handler is the one excluded', () => {
    const w = inStage('handling').do({ type: 'handle', note: '第一次' }, actors.village)
      .do({ type: 'reject', reason: '未到位' }, actors.township);
    expect(w.state.handledBy).toBeNull();
    expect(w.state.stage).toBe('handling');
    expect(w.state.assignee).toEqual({ kind: 'grid', gridCode: GRID });
    w.do({ type: 'handle', note: '第二次' }, actors.gridWorker);
    expect(refusal(w, { type: 'verify' }, actors.village)).toBeUndefined();
  });
});

describe('archive needs an evaluation', () => {
  it.each([
    [{ type: 'archive', disposition: 'resolved' }, 'satisfaction'],
    [{ type: 'archive', satisfaction: 'satisfied' }, 'disposition'],
    [{ type: 'archive', satisfaction: 'very', disposition: 'resolved' }, 'satisfaction'],
  ])('%j → 422 on %s', (command, field) => {
    const r = refusal(inStage('verified'), command as CaseCommand, actors.village);
    expect(r).toMatchObject({ status: 422, field });
  });

  it('records the evaluation with who and when', () => {
    const w = inStage('archived');
    expect(w.state.evaluation).toEqual({ satisfaction: 'satisfied', disposition: 'resolved', note: '', by: { id: actors.village.id, name: actors.village.name }, at: w.state.updatedAt });
    expect(w.state.stepDueAt).toBeNull();
  });

  it('closes an unhandled case only as unfounded, duplicate or transferred', () => {
    for (const stage of ['intake', 'accepted'] as const) {
      expect(refusal(inStage(stage), { type: 'archive', satisfaction: 'satisfied', disposition: 'resolved' }, actors.village)).toEqual({
        status: 409,
        reason: `a case that is ${stage} (${stage === 'intake' ? '待受理' : '已受理'}) can be archived only as unfounded, duplicate or transferred; a resolved case must be handled and verified first`,
      });
      for (const disposition of ['unfounded', 'duplicate', 'transferred'] as const) {
        expect(refusal(inStage(stage), { type: 'archive', satisfaction: 'basically-satisfied', disposition }, actors.village)).toBeUndefined();
      }
    }
  });
});

describe('首问负责: the owner', () => {
  it('is the first acceptor, kept through dispatch, handling, archive and reopen', () => {
    const w = inStage('archived');
    expect(w.state.owner).toEqual({ id: actors.village.id, name: actors.village.name });
    w.do({ type: 'reopen', reason: '复发' }, actors.township);
    expect(w.state.owner).toEqual({ id: actors.village.id, name: actors.village.name });
    expect(w.state.stage).toBe('accepted');
    expect(w.state.assignee).toBeNull();
    expect(w.state.evaluation).toBeNull();
  });

  it('is cleared by a transfer and taken by the next acceptor', () => {
    const w = new Walk().do(accept, actors.village).do(escalate, actors.village);
    expect(w.state.owner).toBeNull();
    w.do(accept, actors.township);
    expect(w.state.owner).toEqual({ id: actors.township.id, name: actors.township.name });
    w.do({ type: 'hand-down', to: 'village', reason: '属村级事项' }, actors.township);
    expect(w.state.owner).toBeNull();
    w.do(accept, actors.county);
    expect(w.state.owner?.id).toBe(actors.county.id);
  });

  it('is not changed by the assignee taking the task', () => {
    const w = inStage('handling');
    expect(w.state.owner?.id).toBe(actors.village.id);
  });
});

describe('escalation and hand-down chains', () => {
  it('goes village → township → county and no further, each a transfer to intake with a fresh accept limit', () => {
    const w = inStage('handling');
    w.do(escalate, actors.village);
    expect(w.state).toMatchObject({ stage: 'intake', level: 'township', centreCode: TOWNSHIP, owner: null, assignee: null, handledBy: null });
    expect(w.state.stepDueAt).toBe(new Date(w.now + 30 * 60_000).toISOString());
    w.do(escalate, actors.township);
    expect(w.state).toMatchObject({ stage: 'intake', level: 'county', centreCode: COUNTY });
    expect(refusal(w, escalate, actors.county)).toEqual({ status: 409, reason: `the case is already at the county centre (县/区 ${COUNTY}); there is no level above` });
    expect(w.events.at(-1)).toMatchObject({ type: 'escalated', payload: { from: 'township', to: 'county', centreCode: COUNTY, reason: '村级无法解决' } });
  });

  it('hands down to a named lower level of its own chain', () => {
    const county = () => new Walk().do(escalate, actors.village).do(escalate, actors.township);
    expect(county().do({ type: 'hand-down', to: 'village' }, actors.county).state).toMatchObject({ level: 'village', centreCode: VILLAGE, stage: 'intake' });
    expect(county().do({ type: 'hand-down', to: 'township' }, actors.county).state).toMatchObject({ level: 'township', centreCode: TOWNSHIP });
    const township = new Walk().do(escalate, actors.village);
    expect(refusal(township, { type: 'hand-down', to: 'township' }, actors.township)).toEqual({ status: 409, reason: 'a township-level case (乡镇/街道) can be handed down only to a lower level, not to township' });
    expect(refusal(new Walk(), { type: 'hand-down', to: 'village' }, actors.county)).toEqual({ status: 409, reason: `the case is at the village centre (村/社区 ${VILLAGE}); there is no level below` });
    expect(refusal(township, { type: 'hand-down', to: 'county' } as never, actors.township)).toMatchObject({ status: 422, field: 'to' });
  });

  it('needs a reason to escalate', () => {
    expect(refusal(new Walk(), { type: 'escalate', reason: ' \n' }, actors.village)).toEqual({ status: 422, field: 'reason', reason: 'reason must not be blank' });
    expect(refusal(new Walk(), { type: 'escalate' } as never, actors.village)).toEqual({ status: 422, field: 'reason', reason: 'reason is required' });
  });

  it('leaves the case to the new centre: the lower centre may no longer act, the grid worker no longer sees it as theirs', () => {
    const w = inStage('handling').do(escalate, actors.village);
    expect(refusal(w, accept, actors.village)?.status).toBe(403);
    expect(refusal(w, { type: 'note', text: '补充' }, actors.gridWorker)).toEqual({ status: 403, reason: 'the case is not assigned to you' });
  });
});

describe('assignees', () => {
  it('starts the handling on the assignee\'s first feedback, not on an officer\'s', () => {
    const w = inStage('dispatched').do({ type: 'feedback', note: '已通知网格员' }, actors.village);
    expect(w.state.stage).toBe('dispatched');
    expect(w.state.milestones.handlingAt).toBeNull();
    w.do({ type: 'feedback', note: '已到场', photos: ['p1', 'p2'] }, actors.gridWorker);
    expect(w.state.stage).toBe('handling');
    expect(w.state.milestones.handlingAt).toBe(w.state.updatedAt);
    expect(w.events.at(-1)).toMatchObject({ type: 'feedback', payload: { note: '已到场', photos: ['p1', 'p2'], stage: 'handling' } });
  });

  it('knows a grid\'s worker by a grid-worker jurisdiction containing the grid', () => {
    const w = inStage('dispatched');
    expect(refusal(w, accept, actors.villageGridWorker)).toBeUndefined();
    expect(refusal(w, accept, actors.otherGridWorker)).toEqual({ status: 403, reason: 'the case is not assigned to you' });
  });

  it('lets the centre speak for a unit (units have no accounts yet)', () => {
    const w = inStage('accepted').do({ type: 'assign', assignee: { kind: 'unit', unitId: 'u-7', name: '巡逻一队' } }, actors.village);
    w.do(accept, actors.township);
    expect(w.state.stage).toBe('handling');
  });

  it('reassigns back to dispatched (the new assignee takes it anew); the handling limit keeps running', () => {
    const w = inStage('handling');
    const due = w.state.stepDueAt;
    w.do({ type: 'assign', assignee: { kind: 'grid', gridCode: OTHER_GRID } }, actors.village);
    expect(w.state).toMatchObject({ stage: 'dispatched', assignee: { kind: 'grid', gridCode: OTHER_GRID }, stepDueAt: due });
    expect(refusal(w, accept, actors.gridWorker)?.status).toBe(403);
    expect(refusal(w, accept, actors.otherGridWorker)).toBeUndefined();
  });

  it('refuses a grid outside the case\'s centre, and the same assignee again', () => {
    expect(refusal(inStage('accepted'), { type: 'assign', assignee: { kind: 'grid', gridCode: '321202001002001' } }, actors.county))
      .toEqual({ status: 422, field: 'assignee.gridCode', reason: `assignee.gridCode 321202001002001 is outside the case's centre ${VILLAGE}` });
    expect(refusal(inStage('dispatched'), { type: 'assign', assignee: { kind: 'grid', gridCode: GRID } }, actors.village))
      .toEqual({ status: 409, reason: 'the case is already assigned to them' });
  });
});

describe('merge', () => {
  const open = () => new Walk('survivor').state;
  const merge: CaseCommand = { type: 'merge', into: 'survivor' };

  it('merges into an open case in the actor\'s jurisdiction: terminal, naming the survivor', () => {
    const w = inStage('handling').do(merge, actors.village, 1000, { survivor: open() });
    expect(w.state).toMatchObject({ stage: 'merged', mergedInto: 'survivor', stepDueAt: null });
    expect(w.events.at(-1)).toMatchObject({ type: 'merged', payload: { into: 'survivor' } });
    expect(refusal(w, { type: 'reopen', reason: '误合并' }, actors.village)?.status).toBe(409);
  });

  it.each([
    ['itself', { type: 'merge', into: 'case-1' }, {}, { status: 422, field: 'into', reason: 'into names this case: a case cannot be merged into itself' }],
    ['an unknown case', merge, {}, { status: 422, field: 'into', reason: 'into names no known case (survivor)' }],
    ['a case other than the one loaded', merge, { survivor: new Walk('other').state }, { status: 422, field: 'into', reason: 'into names no known case (survivor)' }],
    ['an archived case', merge, { survivor: inStage('archived', 'survivor').state }, { status: 409, reason: 'the surviving case survivor is archived (已归档); merge into an open case' }],
    ['a case of another township', merge, { survivor: new Walk('survivor', { incidentId: 'x', category: 'dispute', priority: 'low', townshipCode: OTHER_TOWNSHIP, villageCode: '321202002001', gridCode: '321202002001001', source: '110', receivedAt: '2026-11-22T00:00:00.000Z' }).state },
      { status: 403, reason: 'the surviving case survivor belongs to centre 321202002001, outside your jurisdiction 321202001001' }],
  ] as const)('refuses a merge into %s', (_name, command, extra, expected) => {
    expect(refusal(new Walk(), command as CaseCommand, actors.village, extra as Partial<DecideContext>)).toEqual(expected);
  });
});

describe('payload validation (422 naming the field)', () => {
  it.each([
    [{ type: 'feedback', note: 'x'.repeat(2001) }, 'note', 'note must be at most 2000 characters'],
    [{ type: 'feedback', note: 'x', photos: ['a', 'b', 'c', 'd'] }, 'photos', 'photos must hold at most 3 photo ids per step'],
    [{ type: 'feedback', note: 'x', photos: ['../etc'] }, 'photos.0', 'photos.0 must be a photo id (1-128 of A-Z a-z 0-9 . _ -)'],
    [{ type: 'feedback' }, 'note', 'note is required'],
    [{ type: 'feedback', note: '好', extra: 1 }, 'extra', 'extra is not a field of this command'],
    [{ type: 'launch' }, 'type', 'type must be one of accept, assign, feedback, handle, verify, reject, archive, escalate, hand-down, merge, reopen, note'],
    [{ type: 'note', text: '   ' }, 'text', 'text must not be blank'],
  ])('%j → %s', (command, field, reason) => {
    expect(refusal(inStage('handling'), command as CaseCommand, actors.village)).toEqual({ status: 422, field, reason });
  });

  it('counts Unicode code points: 2000 Chinese characters (or emoji) are allowed', () => {
    expect(refusal(inStage('handling'), { type: 'feedback', note: '处'.repeat(2000) }, actors.village)).toBeUndefined();
    expect(refusal(inStage('handling'), { type: 'feedback', note: '🚒'.repeat(2000) }, actors.village)).toBeUndefined();
    expect(refusal(inStage('handling'), { type: 'feedback', note: '🚒'.repeat(2001) }, actors.village)?.status).toBe(422);
  });

  it('refuses a wall display before looking at the payload', () => {
    expect(refusal(inStage('handling'), { type: 'launch' } as never, actors.wall)?.status).toBe(403);
  });
});
