import { describe, expect, it } from 'vitest';
import type { Incident } from '../../server/wire/index.ts';
import { EMPTY_INCIDENTS, mergeIncidents, type IncidentSet } from '../live/merge.ts';
import { incident } from '../live/test-incident.ts';
import { holdIds, listView } from './list-hold.ts';

const OPEN = { minOccurredMs: Number.NEGATIVE_INFINITY, max: 1000 };
const merge = (set: IncidentSet, incs: Incident[]) => mergeIncidents(set, incs, OPEN);
const ids = (rows: readonly Incident[]) => rows.map((i) => i.id);

describe('the incident list while the pointer is over it', () => {
  const before = merge(EMPTY_INCIDENTS, [1, 2, 3, 4].map((s) => incident(s)));

  it('shows the newest rows, newest first, when not held', () => {
    expect(ids(listView(before, 3, null).rows)).toEqual(['inc-4', 'inc-3', 'inc-2']);
    expect(listView(before, 3, null).waiting).toBe(0);
  });

  it('keeps the held rows in place and counts the incidents that arrived meanwhile', () => {
    const held = holdIds(before, 3);
    const after = merge(before, [incident(5), incident(6)]);
    const view = listView(after, 3, held);
    expect(ids(view.rows)).toEqual(['inc-4', 'inc-3', 'inc-2']);
    expect(view.waiting).toBe(2);
    // Released, the list is the newest again.
    expect(ids(listView(after, 3, null).rows)).toEqual(['inc-6', 'inc-5', 'inc-4']);
  });

  it('shows a held incident’s new state without moving it', () => {
    const held = holdIds(before, 3);
    const after = merge(before, [incident(3, { stage: 'dispatched' })]);
    const view = listView(after, 3, held);
    expect(ids(view.rows)).toEqual(['inc-4', 'inc-3', 'inc-2']);
    expect(view.rows[1]?.stage).toBe('dispatched');
  });

  it('drops a held incident that left the live window', () => {
    const held = holdIds(before, 3);
    const after = mergeIncidents(before, [], { minOccurredMs: Date.parse('2026-01-01T00:03:30Z'), max: 1000 });
    expect(ids(listView(after, 3, held).rows)).toEqual(['inc-4']);
  });
});
