// Property tests: the incremental counters give the same counts as a straightforward filter over
// every incident, for random incidents, windows, filters and expiry; and every level sums to the total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWindows } from './window-compare.ts';
import { createWindowCounts, DAY_MS, HOUR_MS, WEEK_MS, type CountableIncident, type CountFilter, type Level } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const RETENTION = 40 * DAY_MS;

const incidentArb = fc
  .record({
    township: fc.integer({ min: 1, max: 3 }),
    village: fc.integer({ min: 1, max: 3 }),
    grid: fc.integer({ min: 1, max: 3 }),
    category: fc.constantFrom('dispute', 'fire', 'traffic'),
    source: fc.constantFrom('hotline-12345', 'alarm-110', 'grid-report'),
    // Whole half-hours make times that sit exactly on window edges common; a dense few hours put
    // many out-of-order incidents in the same hour buckets; the rest is anywhere.
    offset: fc.oneof(
      fc.integer({ min: -100 * 48, max: 48 }).map((h) => h * 30 * 60_000),
      fc.integer({ min: -3 * HOUR_MS, max: HOUR_MS }),
      fc.integer({ min: -100 * DAY_MS, max: DAY_MS }),
    ),
  })
  .map(({ township, village, grid, category, source, offset }): CountableIncident => {
    const t = `32040200${township}`, v = `${t}00${village}`;
    return { townshipCode: t, villageCode: v, gridCode: `${v}00${grid}`, category, source, occurredAtMs: T0 + offset };
  });

const windowArb = fc.oneof(fc.constantFrom(HOUR_MS, DAY_MS, WEEK_MS, 30 * DAY_MS), fc.integer({ min: 1, max: 60 * DAY_MS }));
const nowArb = fc.oneof(fc.constant(T0), fc.integer({ min: T0 - 3 * HOUR_MS, max: T0 + HOUR_MS }), fc.integer({ min: T0 - 20 * DAY_MS, max: T0 + DAY_MS }));
const filterArb: fc.Arbitrary<CountFilter> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('dispute', 'fire', 'traffic', 'other').map((category) => ({ category })),
  fc.constantFrom('alarm-110', 'sensor').map((source) => ({ source })),
);
const levelArb = fc.constantFrom<Level>('township', 'village', 'grid');

/** The straightforward way: filter every incident. */
function reference(incidents: CountableIncident[], cutoff: number, level: Level, windowMs: number, nowMs: number, filter: CountFilter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of incidents) {
    const key = level === 'grid' ? i.gridCode : level === 'village' ? i.villageCode : i.townshipCode;
    out[key] ??= 0;
    const t = i.occurredAtMs;
    if (t <= cutoff || t <= nowMs - windowMs || t > nowMs) continue;
    if (filter && 'category' in filter && i.category !== filter.category) continue;
    if (filter && 'source' in filter && i.source !== filter.source) continue;
    out[key]++;
  }
  return out;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('window counts against a reference implementation', () => {
  it('gives the same counts for random incidents, windows, filters and expiry', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 9, arbitrary: incidentArb }, { weight: 1, arbitrary: fc.integer({ min: T0 - 10 * DAY_MS, max: T0 }).map((expireAt) => ({ expireAt })) }), { maxLength: 200 }),
        fc.array(fc.tuple(levelArb, windowArb, nowArb, filterArb), { minLength: 1, maxLength: 8 }),
        (ops, queries) => {
          const counts = createWindowCounts({ retentionMs: RETENTION, clock: () => T0 - 60 * DAY_MS, expireEvery: 1 });
          const added: CountableIncident[] = [];
          let cutoff = T0 - 60 * DAY_MS - RETENTION; // the clock expires on the first add
          for (const op of ops) {
            if ('expireAt' in op) {
              counts.expire(op.expireAt);
              cutoff = Math.max(cutoff, op.expireAt - RETENTION);
            } else {
              counts.add(op);
              if (op.occurredAtMs > cutoff) added.push(op);
            }
          }
          for (const [level, windowMs, nowMs, filter] of queries) {
            const expected = reference(added, cutoff, level, windowMs, nowMs, filter);
            expect(counts.counts(level, windowMs, nowMs, filter)).toEqual(expected);
            expect(counts.total(windowMs, nowMs, filter)).toBe(sum(expected));
            for (const [code, n] of Object.entries(expected)) expect(counts.unitCount(level, code, windowMs, nowMs, filter)).toBe(n);
            const cmp = compareWindows(counts, level, windowMs, nowMs, filter);
            const previous = reference(added, cutoff, level, windowMs, nowMs - windowMs, filter);
            const weekEarlier = reference(added, cutoff, level, windowMs, nowMs - WEEK_MS, filter);
            for (const code of Object.keys(expected)) {
              expect([cmp[code]?.current, cmp[code]?.previous, cmp[code]?.weekEarlier]).toEqual([expected[code], previous[code], weekEarlier[code]]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('slides the live per-township counts correctly through interleaved adds, ticks and expiry', () => {
    const op = fc.oneof(
      { weight: 6, arbitrary: incidentArb.map((i) => ({ add: i })) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(HOUR_MS, DAY_MS, 90 * 60_000), fc.integer({ min: -3 * HOUR_MS, max: 5 * HOUR_MS })).map(([windowMs, step]) => ({ windowMs, step })) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 * DAY_MS }).map((by) => ({ expireBy: by })) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const counts = createWindowCounts({ retentionMs: RETENTION, clock: () => T0 - 60 * DAY_MS, expireEvery: 1 });
        const added: CountableIncident[] = [];
        let cutoff = T0 - 60 * DAY_MS - RETENTION;
        let now = T0 - 2 * DAY_MS;
        for (const o of ops) {
          if ('add' in o) {
            counts.add(o.add);
            if (o.add.occurredAtMs > cutoff) added.push(o.add);
          } else if ('expireBy' in o) {
            counts.expire(T0 - 60 * DAY_MS + o.expireBy);
            cutoff = Math.max(cutoff, T0 - 60 * DAY_MS + o.expireBy - RETENTION);
          } else {
            now += o.step; // mostly forward, sometimes back in time
            expect(counts.townshipCounts(o.windowMs, now)).toEqual(reference(added, cutoff, 'township', o.windowMs, now, undefined));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the sum rule: every level, category and source breakdown sums to the total', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 300 }), windowArb, nowArb, filterArb, (incidents, windowMs, nowMs, filter) => {
        const counts = createWindowCounts({ clock: () => T0 });
        for (const i of incidents) counts.add(i);
        const total = counts.total(windowMs, nowMs, filter);
        for (const level of ['township', 'village', 'grid'] as const) expect(sum(counts.counts(level, windowMs, nowMs, filter))).toBe(total);
        const all = counts.total(windowMs, nowMs);
        expect(sum(counts.breakdown('category', windowMs, nowMs))).toBe(all);
        expect(sum(counts.breakdown('source', windowMs, nowMs))).toBe(all);
        // Per township, its villages' counts sum to it.
        const villages = counts.counts('village', windowMs, nowMs, filter);
        for (const [township, n] of Object.entries(counts.counts('township', windowMs, nowMs, filter))) {
          const ofTownship = Object.entries(villages).filter(([v]) => v.startsWith(township)).map(([, c]) => c);
          expect(ofTownship.reduce((a, b) => a + b, 0)).toBe(n);
        }
      }),
      { numRuns: 200 },
    );
  });
});
