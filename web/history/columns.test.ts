import { describe, expect, it } from 'vitest';
import { uuidAt } from '../../server/wire/index.ts';
import { appendIncidents, columnsFromArrow, hasSeq, oldestOccurred, withoutRowsBefore } from './columns.ts';
import { arrowColumns, liveIncident, ORIGIN } from './test-columns.ts';

const G1 = '321202001001001';
const G2 = '321202001002003';
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('history columns', () => {
  it('takes the Arrow columns as they are and appends live incidents after them', () => {
    const c = columnsFromArrow(arrowColumns([{ seq: 1, ms: T0, grid: G1 }, { seq: 2, ms: T0 + 1, grid: G1 }]), 2);
    const live = liveIncident(3, T0 + 5 * DAY, G2, { lng: 119.95, lat: 32.45, category: 'traffic', priority: 'low' });
    expect(appendIncidents(c, [live])).toBe(1);
    expect(c.length).toBe(3);
    expect(uuidAt(c.id, 2)).toBe(live.id);
    expect(c.seq[2]).toBe(3);
    expect(c.occurredAt[2]).toBe(T0 + 5 * DAY);
    expect(c.grids[c.grid[2]!]).toBe(G2);
    expect(c.category[2]).toBe(3); // traffic
    expect(c.priority[2]).toBe(3); // low
    expect(c.position[4]! + ORIGIN[0]).toBeCloseTo(119.95, 6);
    expect(c.position[5]! + ORIGIN[1]).toBeCloseTo(32.45, 6);
    expect(c.sortedEnd).toBe(2);
  });

  it('never appends an incident twice: not those the read saw, not a repeated live one', () => {
    // lastSeq was 2 when the read began, but the read also saw 3 (committed while it ran).
    const c = columnsFromArrow(arrowColumns([{ seq: 1, ms: T0, grid: G1 }, { seq: 3, ms: T0 + 1, grid: G1 }]), 2);
    expect(hasSeq(c, 2)).toBe(true);
    const added = appendIncidents(c, [liveIncident(2, T0, G1), liveIncident(3, T0, G1), liveIncident(4, T0, G1), liveIncident(4, T0, G1)]);
    expect(added).toBe(1);
    expect(appendIncidents(c, [liveIncident(4, T0, G1)])).toBe(0);
    expect([...c.seq.subarray(0, c.length)]).toEqual([1, 3, 4]);
  });

  it('grows past its first capacity, keeping every row', () => {
    const c = columnsFromArrow(arrowColumns([]), 0);
    const many = Array.from({ length: 3000 }, (_, k) => liveIncident(k + 1, T0 + k, k % 2 ? G1 : G2));
    expect(appendIncidents(c, many)).toBe(3000);
    expect(c.length).toBe(3000);
    expect(c.seq[2999]).toBe(3000);
    expect(c.grids[c.grid[2998]!]).toBe(G2);
    expect(uuidAt(c.id, 1234)).toBe(many[1234]!.id);
  });

  it('drops rows that slid out of the range into new columns, keeping the rest in order', () => {
    const c = columnsFromArrow(arrowColumns([{ seq: 1, ms: T0, grid: G1 }, { seq: 2, ms: T0 + 2 * DAY, grid: G2 }]), 2);
    appendIncidents(c, [liveIncident(3, T0 - DAY, G1), liveIncident(4, T0 + 3 * DAY, G1)]);
    expect(oldestOccurred(c)).toBe(T0 - DAY);
    const d = withoutRowsBefore(c, T0 + DAY);
    expect(d).not.toBe(c);
    expect([...d.seq]).toEqual([2, 4]);
    expect(d.sortedEnd).toBe(1);
    expect(d.grids[d.grid[0]!]).toBe(G2);
    expect(c.length).toBe(4); // the old object is untouched
    expect(hasSeq(d, 4)).toBe(true);
    expect([...d.newerSeqs]).toEqual([4]); // 3 left with its row: the set stays as small as the rows
  });
});
