import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendIncidents, columnsFromArrow } from './columns.ts';
import { windowCounts } from './rollup.ts';
import { arrowColumns, liveIncident, type Row } from './test-columns.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const GRIDS = ['321202001001001', '321202001001002', '321202001002001', '321202002001001', '321202002003004'];

function sum(m: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/** The straightforward count: every row, every time. */
function reference(rows: { ms: number; grid: string }[], cutoff: number, digits: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (r.ms >= cutoff) m.set(r.grid.slice(0, digits), (m.get(r.grid.slice(0, digits)) ?? 0) + 1);
  return m;
}

describe('roll-up counts', () => {
  it('counts per grid, village and township in the window, each level summing to the total', () => {
    const c = columnsFromArrow(arrowColumns([
      { seq: 1, ms: T0 - 30 * HOUR, grid: GRIDS[0]! }, // before the window
      { seq: 2, ms: T0 - 2 * HOUR, grid: GRIDS[0]! },
      { seq: 3, ms: T0 - HOUR, grid: GRIDS[1]! },
      { seq: 4, ms: T0, grid: GRIDS[3]! },
    ]), 4);
    const r = windowCounts(c, T0 - 24 * HOUR);
    expect(r.total).toBe(3);
    expect(r.grid.get(GRIDS[0]!)).toBe(1);
    expect(r.village.get('321202001001')).toBe(2);
    expect(r.township.get('321202001')).toBe(2);
    expect(r.township.get('321202002')).toBe(1);
    expect(sum(r.grid)).toBe(r.total);
    expect(sum(r.village)).toBe(r.total);
    expect(sum(r.township)).toBe(r.total);
  });

  it('adds live rows and takes off rows leaving the window without recounting, matching a full recount', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ h: fc.integer({ min: 0, max: 72 }), g: fc.integer({ min: 0, max: GRIDS.length - 1 }) }), { maxLength: 60 }),
      fc.array(fc.record({ h: fc.integer({ min: 0, max: 80 }), g: fc.integer({ min: 0, max: GRIDS.length - 1 }) }), { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 6 }),
      (hist, live, cutoffs) => {
        const rows: Row[] = hist.map((x) => ({ ms: T0 + x.h * HOUR, grid: GRIDS[x.g]!, seq: 0 }))
          .sort((a, b) => a.ms - b.ms).map((r, k) => ({ ...r, seq: k + 1 }));
        const c = columnsFromArrow(arrowColumns(rows), rows.length);
        const all: { ms: number; grid: string }[] = [...rows];
        // Cutoffs only move forward here (the clock); live rows arrive between them, out of time order.
        const sorted = [...cutoffs].sort((a, b) => a - b);
        let next = rows.length + 1;
        sorted.forEach((h, step) => {
          const batch = live.filter((_, k) => k % sorted.length === step).map((x) => liveIncident(next++, T0 + x.h * HOUR, GRIDS[x.g]!));
          appendIncidents(c, batch);
          all.push(...batch.map((i) => ({ ms: Date.parse(i.occurredAt), grid: i.gridCode })));
          const cutoff = T0 + h * HOUR;
          const r = windowCounts(c, cutoff);
          expect(r.grid).toEqual(reference(all, cutoff, 15));
          expect(r.village).toEqual(reference(all, cutoff, 12));
          expect(r.township).toEqual(reference(all, cutoff, 9));
          expect(sum(r.grid)).toBe(r.total);
          expect(sum(r.village)).toBe(r.total);
          expect(sum(r.township)).toBe(r.total);
        });
        // And a wider window again (the user switching back to 24 h) counts afresh.
        expect(windowCounts(c, T0).total).toBe(all.filter((x) => x.ms >= T0).length);
      },
    ));
  });
});
