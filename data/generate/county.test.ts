// The whole generator: deterministic (same bytes every run, equal to the committed data/demo) and
// its assets valid — cameras, roads, routes and units inside the district and tied to the right
// grid, township and route.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_STATES, ROAD_CLASSES, UNIT_KINDS } from '../../server/wire/jurisdiction.ts';
import { DEMO_SEED, generateCounty, type County } from './county.ts';
import { buildGraph, components } from './network.ts';
import { serializeCounty } from './write.ts';

let county: County;
let files: Map<string, string>;
beforeAll(() => {
  county = generateCounty(DEMO_SEED);
  files = serializeCounty(county);
}, 120_000);

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const inCounty = (p: Position): boolean => booleanPointInPolygon(p, county.county);

describe('determinism', () => {
  it('writes the same bytes on a second run', () => {
    const again = serializeCounty(generateCounty(DEMO_SEED));
    expect([...again].map(([f, text]) => [f, sha(text)])).toEqual([...files].map(([f, text]) => [f, sha(text)]));
  }, 120_000);

  it('matches the committed data/demo (run `npm run data` after changing the generator)', async () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo');
    for (const [file, text] of files) expect(sha(await readFile(path.join(dir, file), 'utf8')), file).toBe(sha(text));
  });
});

describe('files', () => {
  it('stay small and use at most 7 decimals', () => {
    const total = [...files.values()].reduce((s, t) => s + Buffer.byteLength(t), 0);
    expect(total).toBeLessThan(10 * 1024 * 1024);
    for (const [file, text] of files) expect(text.match(/\d+\.\d{8,}/)?.[0], file).toBeUndefined();
  });

  it('carry exactly the properties of the wire types', () => {
    const keys = (o: object): string[] => Object.keys(o).sort();
    const expectKeys = (items: object[], expected: string[]): void => {
      for (const o of items) expect(keys(o)).toEqual(expected.sort());
    };
    expectKeys([county.county.properties], ['code', 'name', 'city', 'province', 'schematic']);
    expectKeys(county.townships.features.map((f) => f.properties), ['code', 'name', 'households']);
    expectKeys(county.villages.features.map((f) => f.properties), ['code', 'name', 'townshipCode', 'households']);
    expectKeys(county.grids.features.map((f) => f.properties), ['code', 'name', 'villageCode', 'townshipCode', 'households', 'worker']);
    expectKeys(county.roads.features.map((f) => f.properties), ['id', 'name', 'class']);
    expectKeys(county.water.features.map((f) => f.properties), ['name', 'kind']);
    expectKeys(county.landuse.features.map((f) => f.properties), ['kind']);
    expectKeys(county.cameras.features.map((f) => f.properties), ['id', 'name', 'state', 'bearing', 'fov', 'range', 'townshipCode', 'gridCode']);
    expectKeys(county.routes.features.map((f) => f.properties), ['id', 'name', 'team', 'townshipCode', 'color']);
    expectKeys(county.units, ['id', 'callsign', 'kind', 'team', 'routeId', 'townshipCode']);
  });
});

describe('cameras', () => {
  it('has about 600 cameras with plausible fields of view, mostly online', () => {
    const cams = county.cameras.features.map((f) => f.properties);
    expect(cams).toHaveLength(600);
    expect(new Set(cams.map((c) => c.id)).size).toBe(600);
    expect(new Set(cams.map((c) => c.name)).size).toBe(600);
    for (const c of cams) {
      expect(c.id).toMatch(/^cam-\d{4}$/);
      expect(CAMERA_STATES).toContain(c.state);
      expect(c.bearing).toBeGreaterThanOrEqual(0);
      expect(c.bearing).toBeLessThan(360);
      expect(c.fov).toBeGreaterThanOrEqual(40);
      expect(c.fov).toBeLessThanOrEqual(90);
      expect(c.range).toBeGreaterThanOrEqual(50);
      expect(c.range).toBeLessThanOrEqual(150);
    }
    const online = cams.filter((c) => c.state === 'online').length;
    expect(online / cams.length).toBeGreaterThan(0.8);
    expect(online).toBeLessThan(cams.length);
  });

  it('ties every camera to the one grid (and its township) that contains it', () => {
    const grids = county.grids.features;
    for (const cam of county.cameras.features) {
      const containing = grids.filter((g) => booleanPointInPolygon(cam.geometry.coordinates, g));
      expect(containing.map((g) => g.properties.code), cam.properties.id).toEqual([cam.properties.gridCode]);
      expect(cam.properties.townshipCode).toBe(containing[0]?.properties.townshipCode);
    }
  });

  it('is denser in the city than in the countryside', () => {
    const density = (suffix: string): number => {
      const codes = new Set(county.townships.features.filter((t) => t.properties.name.endsWith(suffix)).map((t) => t.properties.code));
      const km2 = county.townships.features.filter((t) => codes.has(t.properties.code)).reduce((s, t) => s + area(t) / 1e6, 0);
      return county.cameras.features.filter((c) => codes.has(c.properties.townshipCode)).length / km2;
    };
    expect(density('街道')).toBeGreaterThan(10 * density('镇'));
  });
});

describe('roads, water and land use', () => {
  it('forms one connected road network of all three classes inside the district', () => {
    const graph = buildGraph(county.roads);
    expect([...new Set(components(graph))]).toEqual([0]);
    expect(new Set(county.roads.features.map((f) => f.properties.class))).toEqual(new Set(ROAD_CLASSES));
    expect(new Set(county.roads.features.map((f) => f.properties.id)).size).toBe(county.roads.features.length);
    for (const f of county.roads.features) for (const p of f.geometry.coordinates) expect(inCounty(p)).toBe(true);
    const names = new Set(county.roads.features.map((f) => f.properties.name));
    for (const name of ['海陵路', '凤凰路', '东风路', '济川路']) expect(names).toContain(name);
  });

  it('has the rivers, the canal and lakes inside the district', () => {
    const kinds = new Map(county.water.features.map((f) => [f.properties.name, f.properties.kind]));
    expect(kinds.get('凤凰河')).toBe('river');
    expect(kinds.get('老通扬运河')).toBe('canal');
    const lakes = county.water.features.filter((f) => f.properties.kind === 'lake');
    expect(lakes.length).toBeGreaterThanOrEqual(2);
    for (const lake of lakes) for (const p of (lake.geometry.coordinates as Position[][])[0] ?? []) expect(inCounty(p)).toBe(true);
  });

  it('covers the district with land use that adds up to its area', () => {
    const kinds = new Set(county.landuse.features.map((f) => f.properties.kind));
    expect(kinds).toEqual(new Set(['built-up', 'farmland', 'park']));
    const sum = county.landuse.features.reduce((s, f) => s + area(f), 0);
    expect(Math.abs(sum / area(county.county) - 1)).toBeLessThan(0.005);
  });
});

describe('patrols', () => {
  it('gives every township a patrol route along its roads, each team its own colour', () => {
    const routes = county.routes.features;
    for (const t of county.townships.features) expect(routes.some((r) => r.properties.townshipCode === t.properties.code)).toBe(true);
    expect(new Set(routes.map((r) => r.properties.color.join())).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.properties.team)).size).toBe(routes.length);
    const roadVertices = new Set(county.roads.features.flatMap((f) => f.geometry.coordinates.map((p) => p.join())));
    for (const r of routes) {
      expect(r.geometry.coordinates.length).toBeGreaterThan(10);
      for (const p of r.geometry.coordinates) {
        expect(inCounty(p)).toBe(true);
        expect(roadVertices.has(p.join())).toBe(true);
      }
    }
  });

  it('has 2–4 units per township, each on a route of its own township', () => {
    const routes = new Map(county.routes.features.map((r) => [r.properties.id, r.properties]));
    expect(new Set(county.units.map((u) => u.id)).size).toBe(county.units.length);
    expect(new Set(county.units.map((u) => u.callsign)).size).toBe(county.units.length);
    for (const t of county.townships.features) {
      const units = county.units.filter((u) => u.townshipCode === t.properties.code);
      expect(units.length).toBeGreaterThanOrEqual(2);
      expect(units.length).toBeLessThanOrEqual(4);
    }
    for (const u of county.units) {
      expect(UNIT_KINDS).toContain(u.kind);
      expect(routes.get(u.routeId)?.townshipCode).toBe(u.townshipCode);
      expect(routes.get(u.routeId)?.team).toBe(u.team);
    }
  });
});
