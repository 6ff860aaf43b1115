// Suggested merges (可能重复) on hand-made reports, and the nearby index against a scan of every case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_DEFAULTS, score, suggestMerges } from './duplicates.ts';
import { createNearbyIndex, distanceM, METRES_PER_DEGREE, type PlacedCase } from './nearby-index.ts';
import { textSimilarity } from './text-similarity.ts';

const T = Date.UTC(2026, 10, 22, 12, 0, 0);
const LNG = 119.9231, LAT = 32.4552; // 海陵区
const north = (m: number) => m / METRES_PER_DEGREE;

const fight: PlacedCase = { caseId: 'hotline', category: 'public-order', lng: LNG, lat: LAT, occurredAtMs: T, description: '幸福小区北门口有人打架，两名男子互殴' };
const report = (caseId: string, over: Partial<PlacedCase>): PlacedCase => ({ ...fight, caseId, ...over });

function indexOf(...cases: PlacedCase[]) {
  const index = createNearbyIndex();
  for (const c of cases) index.add(c);
  return index;
}

describe('suggested merges', () => {
  const alarm = report('alarm-110', { lat: LAT + north(14), description: '幸福小区北门两男子打架斗殴' });

  it('suggests the 110 report 14 m away in the same second for the 12345 one', () => {
    expect(distanceM(fight.lng, fight.lat, alarm.lng, alarm.lat)).toBeCloseTo(14, 1);
    const [s, ...rest] = suggestMerges(fight, indexOf(fight, alarm));
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ caseId: 'alarm-110', distanceM: 14, secondsApart: 0, sameCategory: true, textSimilarity: 0.5 });
    expect(s!.score).toBeGreaterThan(0.8);
    console.log('12345 vs 110, 14 m, same second:', s);
  });

  it.each([
    ['the same place a day later', report('later', { occurredAtMs: T + 24 * 3600_000 })],
    ['the same place 31 minutes later', report('later', { occurredAtMs: T + 31 * 60_000 })],
    ['250 m away', report('far', { lat: LAT + north(250) })],
    ['another category (fire)', report('fire', { category: 'fire', description: '幸福小区北门口有人打架' })],
    ['a dissimilar description', report('lamp', { description: '路灯不亮，晚上看不清路' })],
  ])('does not suggest %s', (_name, other) => {
    expect(suggestMerges(fight, indexOf(fight, other))).toEqual([]);
  });

  it('ranks by place, time, text and category: less alike texts, a compatible category and 20 minutes apart score lower', () => {
    const candidates = [
      alarm,
      report('dispute', { category: 'dispute', lat: LAT + north(14), description: '幸福小区北门两男子打架斗殴' }),
      report('camera', { description: '', lat: LAT + north(14) }),
      report('partial', { description: '小区北门口打架', lat: LAT + north(14) }),
      report('earlier', { occurredAtMs: T - 20 * 60_000, lat: LAT + north(14), description: '幸福小区北门两男子打架斗殴' }),
    ];
    const out = suggestMerges(fight, indexOf(fight, ...candidates));
    console.log('ranked:', out.map((s) => `${s.caseId} ${s.score}`).join(', '));
    // A missing description counts as half-alike (0.5): here as alike as the 110 report's (Dice 0.5); ties go by id.
    expect(out.map((s) => s.caseId)).toEqual(['alarm-110', 'camera', 'partial', 'dispute', 'earlier']);
    expect(out.find((s) => s.caseId === 'camera')?.textSimilarity).toBeNull();
    expect(out.find((s) => s.caseId === 'dispute')?.sameCategory).toBe(false);
  });

  it('compares what was said, not the bracketed labels of how it was reported', () => {
    const labelled = (caseId: string, description: string) => report(caseId, { lat: LAT + north(14), description });
    // One channel's tag and a remark shared by two different events do not make them alike …
    const lamp = labelled('lamp', '【网格员上报】路灯不亮（演示数据）');
    expect(suggestMerges(labelled('fight', '【网格员上报】有人打架（演示数据）'), indexOf(lamp))).toEqual([]);
    // … and two channels' tags on one event do not make it less alike.
    const tagged = suggestMerges(report('hotline', { description: `【12345热线】${fight.description}` }), indexOf(labelled('alarm-110', '【110警情】幸福小区北门两男子打架斗殴')));
    expect(tagged.map((s) => [s.caseId, s.textSimilarity])).toEqual([['alarm-110', 0.5]]);
  });

  it('takes its distance, window, compatible pairs and limit from the options', () => {
    const far = report('far', { lat: LAT + north(300) });
    expect(suggestMerges(fight, indexOf(far), { distanceM: 400 }).map((s) => s.caseId)).toEqual(['far']);
    const env = report('env', { category: 'environment' });
    expect(suggestMerges(fight, indexOf(env))).toEqual([]);
    expect(suggestMerges(fight, indexOf(env), { compatibleCategories: [['environment', 'public-order']] })).toHaveLength(1);
    const many = Array.from({ length: 8 }, (_, k) => report(`r${k}`, { lat: LAT + north(k) }));
    expect(suggestMerges(fight, indexOf(...many), { limit: 3 }).map((s) => s.caseId)).toEqual(['r0', 'r1', 'r2']);
    expect(score(fight, report('x', { occurredAtMs: T + DUPLICATE_DEFAULTS.windowMs + 1 }))).toBeNull();
  });

  it('never suggests the case itself, and forgets removed cases', () => {
    const index = indexOf(fight, alarm);
    index.remove('alarm-110');
    index.remove('unknown');
    expect(suggestMerges(fight, index)).toEqual([]);
    expect(index.size).toBe(1);
  });
});

describe('text similarity', () => {
  it('is 1 for the same text, 0 for nothing in common, symmetric, and ignores punctuation and spaces', () => {
    expect(textSimilarity('有人打架', '有人打架')).toBe(1);
    expect(textSimilarity('有人打架', '路灯不亮')).toBe(0);
    expect(textSimilarity('', '')).toBe(0);
    expect(textSimilarity('有人，打架！', '有人 打架')).toBe(1);
    expect(textSimilarity('北门口打架', '幸福小区北门口有人打架')).toBeCloseTo(textSimilarity('幸福小区北门口有人打架', '北门口打架'));
  });
});

describe('nearby index', () => {
  it('answers exactly what a scan of every case answers, after adds, moves and removals', () => {
    const point = fc.record({ lng: fc.double({ min: -0.05, max: 0.05, noNaN: true }), lat: fc.double({ min: -0.05, max: 0.05, noNaN: true }), dt: fc.integer({ min: -3600_000, max: 3600_000 }) });
    fc.assert(fc.property(
      fc.constantFrom(0, 32.4, -33.9, 59.9), fc.constantFrom(-179.99, 0, 119.9),
      fc.array(point, { minLength: 1, maxLength: 60 }), point, fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 5 }),
      (lat0, lng0, points, q, radius, removals) => {
        const index = createNearbyIndex(200);
        const cases = points.map((p, k): PlacedCase => ({ caseId: `c${k}`, category: 'other', lng: lng0 + p.lng, lat: lat0 + p.lat, occurredAtMs: T + p.dt, description: '' }));
        for (const c of cases) index.add(c);
        const moved = cases.map((c, k) => (k % 3 === 0 ? { ...c, lat: c.lat + 0.001 } : c));
        for (const c of moved) if (c !== cases[moved.indexOf(c)]) index.add(c);
        const live = moved.slice(removals);
        for (const c of moved.slice(0, removals)) index.remove(c.caseId);
        const [qLng, qLat, qT] = [lng0 + q.lng, lat0 + q.lat, T + q.dt];
        const expected = live.filter((c) => distanceM(qLng, qLat, c.lng, c.lat) <= radius && Math.abs(c.occurredAtMs - qT) <= 1800_000).map((c) => c.caseId).sort();
        expect(index.near(qLng, qLat, qT, radius, 1800_000).map((c) => c.caseId).sort()).toEqual(expected);
        expect(index.size).toBe(live.length);
      },
    ), { numRuns: 300 });
  });
});
