import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../server/wire/case-api.ts';
import type { CaseStage } from '../../server/wire/case.ts';
import { applyLiveViews, msUntilDue, reconcileTasks } from './tasks.ts';

/** A case view with the fields these functions read; the rest as a real view carries them. */
function view(id: string, version: number, stage: CaseStage = 'dispatched', stepDueAt: string | null = null): CaseView {
  return {
    id, version, stage, stepDueAt, lastSeq: version, incidentId: id, category: 'dispute', priority: 'normal',
    townshipCode: '321202001', villageCode: '321202001002', gridCode: '321202001002001', source: 'hotline-12345',
    receivedAt: '2026-01-01T00:00:00Z', reporterAccountId: null, level: 'village', centreCode: '321202001002', owner: null,
    assignee: { kind: 'grid', gridCode: '321202001002001' }, handledBy: null, evaluation: null, mergedInto: null,
    caseDueAt: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    milestones: { acceptedAt: null, dispatchedAt: null, handlingAt: null, handledAt: null, verifiedAt: null, archivedAt: null },
    lng: 119.9, lat: 32.5, occurredAt: '2026-01-01T00:00:00Z', description: '', overdue: { step: false, case: false }, duplicates: [],
  };
}

describe('applyLiveViews', () => {
  it('replaces a held case by its newer view and keeps the order', () => {
    const held = [view('a', 3), view('b', 3)];
    const next = applyLiveViews(held, [view('b', 4, 'handling')]);
    expect(next.map((c) => `${c.id}${c.version}${c.stage}`)).toEqual(['a3dispatched', 'b4handling']);
  });

  it('ignores older or equal views and cases it does not hold (the reload decides those)', () => {
    const held = [view('a', 3)];
    expect(applyLiveViews(held, [view('a', 2), view('a', 3), view('z', 9)])).toBe(held);
  });

  it('drops a case that closed', () => {
    expect(applyLiveViews([view('a', 3), view('b', 3)], [view('a', 8, 'archived')]).map((c) => c.id)).toEqual(['b']);
  });
});

describe('reconcileTasks', () => {
  it('takes the loaded membership, the newer view of each case, and no closed ones', () => {
    const loaded = [view('a', 4), view('b', 2), view('c', 5, 'merged')];
    const held = [view('b', 3, 'handling'), view('gone', 7)];
    expect(reconcileTasks(loaded, held).map((c) => `${c.id}${c.version}`)).toEqual(['a4', 'b3']);
  });
});

describe('msUntilDue', () => {
  it('is negative once overdue and null without a limit', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(msUntilDue(view('a', 1, 'dispatched', '2026-01-01T01:30:00Z'), now)).toBe(30 * 60_000);
    expect(msUntilDue(view('a', 1, 'dispatched', '2026-01-01T00:59:00Z'), now)).toBe(-60_000);
    expect(msUntilDue(view('a', 1), now)).toBeNull();
  });
});
