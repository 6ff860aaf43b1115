// The ingest path's addIndexed (grid by catalogue index, category by INCIDENT_CATEGORIES index)
// must count exactly what add() counts with the codes, mixed with add() in any order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, type GridAssignment } from '../wire/index.ts';
import { categoryIndex, createWindowCounts, DAY_MS, HOUR_MS, type CountableIncident, type Level } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

// 3 × 3 × 3 grids, deliberately not in code order: an index is a position, not a code.
const CATALOGUE: GridAssignment[] = [];
for (const t of [3, 1, 2]) for (const v of [2, 3, 1]) for (const g of [1, 3, 2]) {
  const townshipCode = `32040200${t}`, villageCode = `${townshipCode}00${v}`;
  CATALOGUE.push({ townshipCode, villageCode, gridCode: `${villageCode}00${g}` });
}

const opArb = fc.record({
  grid: fc.integer({ min: 0, max: CATALOGUE.length - 1 }),
  category: fc.constantFrom(...INCIDENT_CATEGORIES.slice(0, 4)),
  source: fc.constantFrom('hotline-12345', 'alarm-110', 'grid-report'),
  offset: fc.oneof(fc.integer({ min: -3 * HOUR_MS, max: HOUR_MS }), fc.integer({ min: -45 * DAY_MS, max: DAY_MS })),
  indexed: fc.boolean(),
});

describe('window counts, added by index', () => {
  it('gives every query the same answer as adding by codes, mixed with code adds in any order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), fc.integer({ min: 1, max: 40 * DAY_MS }), fc.integer({ min: -2 * DAY_MS, max: HOUR_MS }), (ops, windowMs, nowOffset) => {
        const options = { retentionMs: 30 * DAY_MS, clock: () => T0, expireEvery: 7, grids: CATALOGUE };
        const byCodes = createWindowCounts(options);
        const mixed = createWindowCounts(options);
        for (const { grid, category, source, offset, indexed } of ops) {
          const i: CountableIncident = { ...(CATALOGUE[grid] as GridAssignment), category, source: source.slice(), occurredAtMs: T0 + offset };
          byCodes.add(i);
          if (indexed) mixed.addIndexed(grid, categoryIndex(category), i.source, i.occurredAtMs);
          else mixed.add(i);
        }
        const now = T0 + nowOffset;
        expect(mixed.size).toBe(byCodes.size);
        for (const level of ['township', 'village', 'grid'] as Level[]) {
          expect(mixed.counts(level, windowMs, now)).toEqual(byCodes.counts(level, windowMs, now));
          expect(mixed.counts(level, windowMs, now, { category: 'fire' })).toEqual(byCodes.counts(level, windowMs, now, { category: 'fire' }));
          expect(mixed.counts(level, windowMs, now, { source: 'alarm-110' })).toEqual(byCodes.counts(level, windowMs, now, { source: 'alarm-110' }));
        }
        expect(mixed.breakdown('category', windowMs, now)).toEqual(byCodes.breakdown('category', windowMs, now));
        expect(mixed.breakdown('source', windowMs, now)).toEqual(byCodes.breakdown('source', windowMs, now));
        expect(mixed.townshipCounts(windowMs, now)).toEqual(byCodes.townshipCounts(windowMs, now));
      }),
      { numRuns: 200 },
    );
  });

  it('names the grid, village, township and category the indices stand for', () => {
    const counts = createWindowCounts({ clock: () => T0, grids: CATALOGUE });
    counts.addIndexed(4, categoryIndex('fire'), 'alarm-110', T0 - 1);
    const g = CATALOGUE[4] as GridAssignment;
    expect(counts.counts('grid', HOUR_MS, T0)).toEqual({ [g.gridCode]: 1 });
    expect(counts.counts('village', HOUR_MS, T0)).toEqual({ [g.villageCode]: 1 });
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ [g.townshipCode]: 1 });
    expect(counts.breakdown('category', HOUR_MS, T0)).toEqual({ fire: 1 });
    expect(counts.breakdown('source', HOUR_MS, T0)).toEqual({ 'alarm-110': 1 });
  });

  it('counts an indexed add in a live window that is already sliding', () => {
    const counts = createWindowCounts({ clock: () => T0, grids: CATALOGUE });
    counts.addIndexed(0, 0, 'demo', T0 - 10);
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ [CATALOGUE[0]!.townshipCode]: 1 });
    counts.addIndexed(0, 0, 'demo', T0 - 5); // late, inside the running window
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ [CATALOGUE[0]!.townshipCode]: 2 });
  });

  it('refuses an index outside the catalogue or the categories rather than miscounting', () => {
    const counts = createWindowCounts({ clock: () => T0, grids: CATALOGUE });
    expect(() => counts.addIndexed(CATALOGUE.length, 0, 'demo', T0)).toThrow(RangeError);
    expect(() => counts.addIndexed(-1, 0, 'demo', T0)).toThrow(RangeError);
    expect(() => counts.addIndexed(0, -1, 'demo', T0)).toThrow(RangeError);
    expect(() => counts.addIndexed(0, INCIDENT_CATEGORIES.length, 'demo', T0)).toThrow(RangeError);
    expect(counts.size).toBe(0);
    expect(counts.counts('grid', HOUR_MS, T0)).toEqual({}); // nothing half-added
  });

  it('indexes categories by their position in the wire enum, and nothing else', () => {
    INCIDENT_CATEGORIES.forEach((c, k) => expect(categoryIndex(c.slice())).toBe(k));
    expect(categoryIndex('Fire')).toBe(-1);
    expect(categoryIndex('')).toBe(-1);
  });
});
