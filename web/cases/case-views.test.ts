import { describe, expect, it } from 'vitest';
import { caseView } from './test-case.ts';
import { mergeViews, newerView, NO_CASE_VIEWS } from './case-views.ts';

describe('newerView', () => {
  it('keeps the higher version whichever arrives last', () => {
    const v1 = caseView(1);
    const v2 = caseView(1, { version: 2, stage: 'accepted' });
    expect(newerView(v1, v2)).toBe(v2);
    expect(newerView(v2, v1)).toBe(v2);
  });

  it('keeps an overdue flag of the same version that a later, older-cut answer lacks', () => {
    const live = caseView(1, { version: 3, overdue: { step: true, case: false } });
    const rest = caseView(1, { version: 3, duplicates: [{ caseId: 'c-9', score: 0.8, distanceM: 20, secondsApart: 30 }] });
    const kept = newerView(live, rest);
    expect(kept.overdue).toEqual({ step: true, case: false });
    expect(kept.duplicates).toEqual(rest.duplicates);
  });
});

describe('mergeViews', () => {
  it('returns the same map when nothing changed', () => {
    const views = mergeViews(NO_CASE_VIEWS, [caseView(1), caseView(2)]);
    expect(mergeViews(views, [caseView(1)])).toBe(views);
    expect(mergeViews(views, [])).toBe(views);
  });

  it('replaces a case by a newer version and ignores an older one', () => {
    const views = mergeViews(NO_CASE_VIEWS, [caseView(1, { version: 2 })]);
    expect(mergeViews(views, [caseView(1, { version: 1 })])).toBe(views);
    const next = mergeViews(views, [caseView(1, { version: 3, stage: 'dispatched' })]);
    expect(next.get('c-1')?.stage).toBe('dispatched');
    expect(views.get('c-1')?.version).toBe(2);
  });

  it('drops the cases changed longest ago past its bound', () => {
    const views = mergeViews(NO_CASE_VIEWS, [caseView(1), caseView(2), caseView(3), caseView(4)], 3);
    expect([...views.keys()].sort()).toEqual(['c-2', 'c-3', 'c-4']);
  });
});
