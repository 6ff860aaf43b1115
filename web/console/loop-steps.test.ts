import { describe, expect, it } from 'vitest';
import type { CaseActor, CaseEvent, CaseEventDraft } from '../../server/wire/case.ts';
import { caseView } from '../cases/test-case.ts';
import { loopSteps } from './loop-steps.ts';

const wang: CaseActor = { type: 'account', id: 2, name: '王值班', role: 'duty-officer', jurisdictionCode: '321202' };
const li: CaseActor = { type: 'account', id: 3, name: '李网格', role: 'grid-worker', jurisdictionCode: '321202001001' };

let seq = 0;
function ev(draft: Omit<CaseEventDraft, 'at'> & { at?: string }): CaseEvent {
  seq += 1;
  return { at: `2026-01-01T00:${String(seq).padStart(2, '0')}:00.000Z`, ...draft, seq, caseId: 'c-1', version: seq } as CaseEvent;
}

const accepted = () => ev({ type: 'accepted', actor: wang, payload: { stage: 'accepted', owner: { id: 2, name: '王值班' }, stepDueAt: null } });
const assigned = () => ev({ type: 'assigned', actor: wang, payload: { assignee: { kind: 'grid', gridCode: '321202001001001' } } });
const taken = () => ev({ type: 'accepted', actor: li, payload: { stage: 'handling', owner: null, stepDueAt: null } });

describe('loopSteps', () => {
  it('shows who accepted and dispatched, and the step the case waits for', () => {
    const events = [accepted(), assigned()];
    const steps = loopSteps(caseView(1, { stage: 'dispatched' }), events);
    expect(steps.map((s) => s.status)).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
    expect(steps[0]).toMatchObject({ who: wang, at: events[0]!.at });
    expect(steps[1]?.assignee).toEqual({ kind: 'grid', gridCode: '321202001001001' });
  });

  it('credits the handling to the worker who took the task', () => {
    const steps = loopSteps(caseView(1, { stage: 'handling' }), [accepted(), assigned(), taken()]);
    expect(steps[2]).toMatchObject({ status: 'done', who: li });
    expect(steps[3]?.status).toBe('current');
  });

  it('marks the steps an unfounded case never went through as skipped', () => {
    const archived = ev({ type: 'archived', actor: wang, payload: { satisfaction: 'satisfied', disposition: 'unfounded', note: '' } });
    const steps = loopSteps(caseView(1, { stage: 'archived' }), [accepted(), archived]);
    expect(steps.map((s) => s.status)).toEqual(['done', 'skipped', 'skipped', 'skipped', 'skipped', 'done']);
  });

  it('starts over at intake after an escalation', () => {
    const escalated = ev({ type: 'escalated', actor: wang, payload: { reason: '需镇级协调', from: 'village', to: 'township', centreCode: '321202001', stepDueAt: '2026-01-01T01:00:00Z' } });
    const steps = loopSteps(caseView(1, { stage: 'intake' }), [accepted(), escalated]);
    expect(steps.map((s) => s.status)).toEqual(['current', 'todo', 'todo', 'todo', 'todo', 'todo']);
  });

  it('falls back on the milestones while the timeline loads', () => {
    const milestones = { ...caseView(1).milestones, acceptedAt: '2026-01-01T00:01:00.000Z' };
    const steps = loopSteps(caseView(1, { stage: 'accepted', milestones }), null);
    expect(steps[0]).toMatchObject({ status: 'done', who: null, at: '2026-01-01T00:01:00.000Z' });
  });
});
