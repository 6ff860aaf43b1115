import { describe, expect, it } from 'vitest';
import { incident } from '../live/test-incident.ts';
import { caseView } from './test-case.ts';
import { mergeViews, NO_CASE_VIEWS } from './case-views.ts';
import { isOverdue, overduePoints, pinStage } from './case-pins.ts';

const now = Date.parse('2026-01-01T01:00:00Z');

describe('pin case facts', () => {
  it('shows the stage of the newer of incident and case view', () => {
    const i = incident(1, { id: 'c-1', version: 2, stage: 'accepted' });
    expect(pinStage(i, NO_CASE_VIEWS)).toBe('accepted');
    expect(pinStage(i, mergeViews(NO_CASE_VIEWS, [caseView(1, { version: 3, stage: 'dispatched' })]))).toBe('dispatched');
    expect(pinStage(i, mergeViews(NO_CASE_VIEWS, [caseView(1, { version: 1, stage: 'intake' })]))).toBe('accepted');
  });

  it('rings a case past its step limit by server time, and one the server said is overdue', () => {
    const late = incident(1, { id: 'c-1', stepDueAt: '2026-01-01T00:30:00Z' });
    const early = incident(2, { id: 'c-2', stepDueAt: '2026-01-01T02:00:00Z' });
    expect(isOverdue(late, NO_CASE_VIEWS, now)).toBe(true);
    expect(isOverdue(early, NO_CASE_VIEWS, now)).toBe(false);
    const told = mergeViews(NO_CASE_VIEWS, [caseView(2, { stepDueAt: '2026-01-01T02:00:00Z', overdue: { step: true, case: false } })]);
    expect(overduePoints([late, early], told, now).map((i) => i.id)).toEqual(['c-1', 'c-2']);
  });

  it('never rings a closed case, nor one whose newer view moved its limit', () => {
    const i = incident(1, { id: 'c-1', stepDueAt: '2026-01-01T00:30:00Z' });
    const archived = mergeViews(NO_CASE_VIEWS, [caseView(1, { version: 5, stage: 'archived', stepDueAt: null })]);
    expect(isOverdue(i, archived, now)).toBe(false);
    const accepted = mergeViews(NO_CASE_VIEWS, [caseView(1, { version: 2, stage: 'accepted', stepDueAt: '2026-01-01T03:00:00Z' })]);
    expect(isOverdue(i, accepted, now)).toBe(false);
  });

  it('rings an overdue case the live window no longer holds, from its view', () => {
    const old = mergeViews(NO_CASE_VIEWS, [caseView(7, { stage: 'dispatched', overdue: { step: true, case: true } }), caseView(8, { stepDueAt: '2026-01-01T05:00:00Z' })]);
    expect(overduePoints([], old, now).map((p) => p.id)).toEqual(['c-7']);
  });
});
