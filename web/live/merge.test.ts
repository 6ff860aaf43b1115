import { describe, expect, it } from 'vitest';
import type { Incident } from '../../server/wire/index.ts';
import { EMPTY_INCIDENTS, mergeCameraStates, mergeIncidents, mergeUnits, type IncidentSet } from './merge.ts';
import { incident } from './test-incident.ts';

function setOf(...incidents: Incident[]): IncidentSet {
  return mergeIncidents(EMPTY_INCIDENTS, incidents, { minOccurredMs: Number.NEGATIVE_INFINITY, max: 100 });
}

const open = { minOccurredMs: Number.NEGATIVE_INFINITY, max: 100 };

describe('mergeIncidents', () => {
  const cases: { name: string; start: Incident[]; incoming: Incident[]; opts?: { minOccurredMs: number; max: number }; seqs: number[] }[] = [
    { name: 'orders newest first by sequence', start: [], incoming: [incident(2), incident(1), incident(3)], seqs: [3, 2, 1] },
    { name: 'puts new arrivals in front', start: [incident(1), incident(2)], incoming: [incident(3)], seqs: [3, 2, 1] },
    { name: 'never duplicates an id posted twice', start: [incident(1)], incoming: [incident(1), incident(1)], seqs: [1] },
    { name: 'fills a gap from a resume', start: [incident(1), incident(3)], incoming: [incident(2)], seqs: [3, 2, 1] },
    { name: 'drops incidents that left the window', start: [incident(1), incident(30)], incoming: [incident(31)],
      opts: { minOccurredMs: Date.parse('2026-01-01T00:10:00Z'), max: 100 }, seqs: [31, 30] },
    { name: 'keeps only the newest when over the cap', start: [incident(1), incident(2)], incoming: [incident(3)],
      opts: { minOccurredMs: Number.NEGATIVE_INFINITY, max: 2 }, seqs: [3, 2] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const merged = mergeIncidents(setOf(...c.start), c.incoming, c.opts ?? open);
      expect(merged.newestFirst.map((i) => i.seq)).toEqual(c.seqs);
      expect([...merged.byId.keys()].sort()).toEqual(c.seqs.map((s) => `inc-${s}`).sort());
    });
  }

  it('replaces a changed incident in place', () => {
    const merged = mergeIncidents(setOf(incident(1), incident(2)), [incident(1, { stage: 'dispatched' })], open);
    expect(merged.byId.get('inc-1')?.stage).toBe('dispatched');
    expect(merged.newestFirst.map((i) => i.seq)).toEqual([2, 1]);
  });

  it('returns the same set when nothing changed, so layer data stays the same reference', () => {
    const start = setOf(incident(1), incident(2));
    expect(mergeIncidents(start, [incident(2)], open)).toBe(start);
    expect(mergeIncidents(start, [], open)).toBe(start);
  });
});

describe('mergeUnits', () => {
  const fix = { id: 'u1', lng: 119.9, lat: 32.4, heading: 0, speed: 1, state: 'available' as const, at: '2026-01-01T00:00:00Z' };
  it('adds and moves units by id', () => {
    const a = mergeUnits(new Map(), [fix]);
    const b = mergeUnits(a, [{ ...fix, lng: 119.91, at: '2026-01-01T00:00:01Z' }]);
    expect(b.get('u1')?.lng).toBe(119.91);
    expect(b.size).toBe(1);
  });
  it('returns the same map for a repeated fix', () => {
    const a = mergeUnits(new Map(), [fix]);
    expect(mergeUnits(a, [{ ...fix }])).toBe(a);
  });
});

describe('mergeCameraStates', () => {
  it('keeps the latest state by time, whatever the arrival order', () => {
    const a = mergeCameraStates(new Map(), [{ id: 'c1', state: 'fault', at: '2026-01-01T00:00:02Z' }]);
    const b = mergeCameraStates(a, [{ id: 'c1', state: 'online', at: '2026-01-01T00:00:01Z' }]);
    expect(b.get('c1')?.state).toBe('fault');
    expect(b).toBe(a);
  });
});
