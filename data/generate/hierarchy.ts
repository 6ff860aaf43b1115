// The administrative hierarchy as GeoJSON: county → townships → villages → grids, all assembled
// from one bent Voronoi mesh of the grid seeds, so every level tiles the one above exactly.
import type { Position } from 'geojson';
import type {
  CountyFeature,
  GridCollection,
  GridProps,
  TownshipCollection,
  VillageCollection,
} from '../../server/wire/jurisdiction.ts';
import { divisions, townshipKind } from './divisions.ts';
import { bendChains, buildMesh, type Mesh } from './mesh.ts';
import { createPeopleNamer } from './names.ts';
import { partitionSeeds, type PartitionSeeds, type Progress } from './partition.ts';
import type { XY } from './planar.ts';
import { toLngLat } from './projection.ts';
import { createRng } from './random.ts';
import { assembleRegions, toGeometry, type RegionPolygons } from './regions.ts';
import type { Shape } from './shape-index.ts';

export type { Shape };

export interface Hierarchy {
  county: CountyFeature;
  townships: TownshipCollection;
  villages: VillageCollection;
  grids: GridCollection;
  seeds: PartitionSeeds;
  mesh: Mesh;
  /** Metric shapes for the later stages (roads, landuse, patrols). */
  shapes: { county: Shape; townships: Shape[]; urban: Shape; rural: Shape };
}

/** Built-up townships: the urban 街道 and the industrial zone. */
export function isUrbanTownship(name: string): boolean {
  return townshipKind(name) === 'street' || name.includes('工业');
}

export function buildHierarchy(seed: string, progress: Progress = () => {}): Hierarchy {
  const seeds = partitionSeeds(seed, progress);
  const n = seeds.grids.length;
  const mesh = buildMesh([...seeds.grids.map((g) => g.at), ...seeds.outside], seeds.bbox);
  bendChains(mesh, (cell) => cell >= 0 && cell < n, createRng(seed, 'borders'));
  const coords: Position[] = mesh.points.map(toLngLat);
  const shape = (polys: RegionPolygons): Shape => polys.map((rings) => rings.map((r) => r.map((v) => mesh.points[v] as XY)));
  const region = (label: (g: (typeof seeds.grids)[number], cell: number) => number): Map<number, RegionPolygons> =>
    assembleRegions(mesh, (cell) => (cell < n ? label(seeds.grids[cell] as (typeof seeds.grids)[number], cell) : -1));
  const single = (level: string, regions: Map<number, RegionPolygons>, count: number): RegionPolygons[] =>
    Array.from({ length: count }, (_, i) => {
      const polys = regions.get(i);
      if (!polys) throw new Error(`${level} ${i} has no area`);
      if (polys.length !== 1) throw new Error(`${level} ${i} is in ${polys.length} pieces`);
      return polys;
    });

  const allVillages = divisions.townships.flatMap((t, ti) => t.villages.map((v) => ({ ...v, township: ti })));
  const gridPolys = single('grid', region((_, cell) => cell), n);
  const villagePolys = single('village', region((g) => g.village), allVillages.length);
  const townshipPolys = single('township', region((g) => g.township), divisions.townships.length);
  const countyPolys = single('county', region(() => 0), 1)[0] as RegionPolygons;
  const urbanOf = (g: { township: number }): number =>
    isUrbanTownship((divisions.townships[g.township] as (typeof divisions.townships)[number]).name) ? 0 : 1;
  const landRegions = region(urbanOf);

  // Households: city grids hold 250–650, town-seat communities 200–450, village grids 120–320.
  const people = createPeopleNamer(createRng(seed, 'people'));
  const households = createRng(seed, 'households');
  const gridNumber = new Map<number, number>();
  const gridFeatures = seeds.grids.map((g, cell) => {
    const village = allVillages[g.village] as (typeof allVillages)[number];
    const township = divisions.townships[g.township] as (typeof divisions.townships)[number];
    const no = (gridNumber.get(g.village) ?? 0) + 1;
    gridNumber.set(g.village, no);
    const kind = townshipKind(township.name);
    const count =
      kind === 'street'
        ? households.int(250, 650)
        : kind === 'zone'
          ? households.int(40, 160)
          : village.name.includes('村')
            ? households.int(120, 320)
            : households.int(200, 450);
    const properties: GridProps = {
      code: village.code + String(no).padStart(3, '0'),
      name: `${village.name}第${no}网格`,
      villageCode: village.code,
      townshipCode: township.code,
      households: count,
      worker: { name: people.person(), phone: people.phone() },
    };
    return { type: 'Feature' as const, properties, geometry: toGeometry(gridPolys[cell] as RegionPolygons, coords) };
  });
  progress('grids', n, n);
  const sumHouseholds = (pred: (g: GridProps) => boolean): number =>
    gridFeatures.reduce((s, f) => s + (pred(f.properties) ? f.properties.households : 0), 0);

  const villages: VillageCollection = {
    type: 'FeatureCollection',
    features: allVillages.map((v, vi) => {
      const township = divisions.townships[v.township] as (typeof divisions.townships)[number];
      return {
        type: 'Feature',
        properties: { code: v.code, name: v.name, townshipCode: township.code, households: sumHouseholds((g) => g.villageCode === v.code) },
        geometry: toGeometry(villagePolys[vi] as RegionPolygons, coords),
      };
    }),
  };
  const townships: TownshipCollection = {
    type: 'FeatureCollection',
    features: divisions.townships.map((t, ti) => ({
      type: 'Feature',
      properties: { code: t.code, name: t.name, households: sumHouseholds((g) => g.townshipCode === t.code) },
      geometry: toGeometry(townshipPolys[ti] as RegionPolygons, coords),
    })),
  };
  const county: CountyFeature = {
    type: 'Feature',
    properties: { ...divisions.county, schematic: true },
    geometry: toGeometry(countyPolys, coords),
  };
  return {
    county,
    townships,
    villages,
    grids: { type: 'FeatureCollection', features: gridFeatures },
    seeds,
    mesh,
    shapes: {
      county: shape(countyPolys),
      townships: townshipPolys.map(shape),
      urban: shape(landRegions.get(0) ?? []),
      rural: shape(landRegions.get(1) ?? []),
    },
  };
}
