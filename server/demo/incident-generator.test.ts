import { describe, expect, it } from 'vitest';
import { createGridAssigner } from '../geo/assigner.ts';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { incidentInputSchema } from '../wire/index.ts';
import { createIncidentGenerator, dayNightFactor, poisson } from './incident-generator.ts';

async function generator(seed = 's1') {
  const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
  const assigner = createGridAssigner(j.grids);
  return { gen: createIncidentGenerator({ grids: j.grids, assigner, seed, runId: 'run' }), assigner };
}

const NOON_SHANGHAI = Date.parse('2026-03-02T04:00:00Z');

describe('demo incident generator', () => {
  it('makes valid incidents inside the county, with source "demo" and unique sourceIds', async () => {
    const { gen, assigner } = await generator();
    const items = Array.from({ length: 500 }, () => gen.next(NOON_SHANGHAI));
    for (const item of items) {
      expect(incidentInputSchema.safeParse(item).success).toBe(true);
      expect(assigner.assign(item.lng, item.lat)).not.toBeNull();
    }
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(500);
    expect(items.every((i) => i.source === 'demo' && i.description!.includes('演示数据'))).toBe(true);
  });

  it('gives the same stream for the same seed', async () => {
    const a = (await generator('same')).gen;
    const b = (await generator('same')).gen;
    expect(Array.from({ length: 20 }, () => a.next(NOON_SHANGHAI))).toEqual(Array.from({ length: 20 }, () => b.next(NOON_SHANGHAI)));
  });

  it('mixes categories like a hotline, public services and disputes most common by day', async () => {
    const { gen } = await generator();
    const n = new Map<string, number>();
    for (let k = 0; k < 4000; k++) {
      const c = gen.next(NOON_SHANGHAI).category;
      n.set(c, (n.get(c) ?? 0) + 1);
    }
    const ranked = [...n.entries()].sort((x, y) => y[1] - x[1]).map(([c]) => c);
    expect(ranked.slice(0, 2)).toEqual(['public-service', 'dispute']);
    expect(n.size).toBe(8);
  });

  it('makes fires mostly urgent or high priority', async () => {
    const { gen } = await generator();
    const fires = Array.from({ length: 6000 }, () => gen.next(NOON_SHANGHAI)).filter((i) => i.category === 'fire');
    const urgentOrHigh = fires.filter((i) => i.priority === 'urgent' || i.priority === 'high').length;
    expect(urgentOrHigh / fires.length).toBeGreaterThan(0.75);
  });

  it('concentrates incidents around its hotspots', async () => {
    const { gen } = await generator();
    const [hx, hy] = gen.hotspots[0]!;
    const near = Array.from({ length: 4000 }, () => gen.next(NOON_SHANGHAI)).filter((i) => Math.hypot(i.lng - hx, i.lat - hy) < 0.003).length;
    // A 0.003° disc is ~3% of the fixture county's area; a hotspot holds several times that share.
    expect(near / 4000).toBeGreaterThan(0.1);
  });
});

describe('planted duplicates', () => {
  it('plants about 5 % second reports: 5–200 m and 0–20 min from the first, same or compatible category, said again', async () => {
    const { gen, assigner } = await generator('plant');
    const items = Array.from({ length: 6000 }, (_, k) => gen.next(NOON_SHANGHAI + k * 2000));
    const bySourceId = new Map(items.map((i) => [i.sourceId, i]));
    const pairs = gen.planted();
    expect(pairs.length / items.length).toBeGreaterThan(0.04);
    expect(pairs.length / items.length).toBeLessThan(0.06);
    const compatible = new Set(['dispute/public-order', 'public-order/dispute', 'fire/work-safety', 'work-safety/fire']);
    for (const { first, second } of pairs) {
      const a = bySourceId.get(first)!, b = bySourceId.get(second)!;
      expect(incidentInputSchema.safeParse(b).success).toBe(true);
      expect(assigner.assign(b.lng, b.lat)).not.toBeNull();
      const metres = Math.hypot((b.lng - a.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (b.lat - a.lat) * 111_320);
      expect(metres).toBeGreaterThan(4.5);
      expect(metres).toBeLessThan(200.5);
      const minutes = (Date.parse(b.occurredAt) - Date.parse(a.occurredAt)) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(0);
      expect(minutes).toBeLessThanOrEqual(20);
      expect(a.category === b.category || compatible.has(`${a.category}/${b.category}`)).toBe(true);
      // The same place is named (the part after the channel tag, up to the comma).
      const placeOf = (d: string) => d.replace(/^【[^】]*】/, '').split('，')[0]!.replace(/附近$/, '');
      expect(placeOf(a.description!).endsWith(placeOf(b.description!)) || placeOf(b.description!).startsWith(placeOf(a.description!))).toBe(true);
    }
    // Second reports come by 12345 and 110 (and the same caller twice), and never plant a third.
    const seconds = new Set(pairs.map((p) => p.second));
    expect(pairs.every((p) => !seconds.has(p.first))).toBe(true);
    expect(pairs.some((p) => bySourceId.get(p.second)!.description!.startsWith('【110警情】'))).toBe(true);
  });

  it('plants none with duplicateShare 0, and the same pairs for the same seed', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const assigner = createGridAssigner(j.grids);
    const none = createIncidentGenerator({ grids: j.grids, assigner, seed: 'x', runId: 'run', duplicateShare: 0 });
    for (let k = 0; k < 2000; k++) none.next(NOON_SHANGHAI + k * 2000);
    expect(none.planted()).toEqual([]);
    const twice = () => {
      const g = createIncidentGenerator({ grids: j.grids, assigner, seed: 'x', runId: 'run' });
      for (let k = 0; k < 2000; k++) g.next(NOON_SHANGHAI + k * 2000);
      return g.planted();
    };
    expect(twice()).toEqual(twice());
    expect(twice().length).toBeGreaterThan(0);
  });
});

describe('day/night rhythm', () => {
  it('averages 1 over a day', () => {
    let sum = 0;
    for (let m = 0; m < 24 * 60; m++) sum += dayNightFactor(NOON_SHANGHAI + m * 60_000);
    expect(sum / (24 * 60)).toBeCloseTo(1, 2);
  });

  it('is several times higher in the evening than before dawn (Beijing time)', () => {
    const at = (hhmm: string) => dayNightFactor(Date.parse(`2026-03-02T${hhmm}:00+08:00`));
    expect(at('19:00') / at('03:00')).toBeGreaterThan(5);
  });
});

describe('poisson', () => {
  it('has the requested mean', () => {
    let x = 0.123;
    const rng = () => (x = (x * 9301 + 49297) % 233280) / 233280;
    for (const lambda of [0.5, 4, 50]) {
      let sum = 0;
      for (let k = 0; k < 20000; k++) sum += poisson(rng, lambda);
      expect(sum / 20000).toBeCloseTo(lambda, 0);
    }
  });
});
