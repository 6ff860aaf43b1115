// Grid assignment (网格归属): which grid, village and township a WGS-84 point belongs to.
//
// Border rule — every point gets at most one grid, and every point of the tiled area exactly one:
//  1. Half-open rule (like a rasteriser's top-left rule): a point belongs to the grid whose interior
//     lies immediately to its east; on a horizontal edge, immediately to its north; at a vertex, the
//     grid containing the direction "east, tilted infinitesimally north". Formally, P belongs to the
//     grid containing P' = P + (ε, δ) with 0 < δ ≪ ε infinitesimal. P' touches no edge or vertex, so
//     in a tiling (grids whose interiors do not overlap) at most one grid contains it, and if P is
//     inside the tiled area (not on its outer boundary) exactly one does. The test is evaluated
//     exactly (see flat-polygon.ts `claims` and orient.ts), so neighbours sharing an edge never
//     disagree. Holes and multipolygons follow from the same parity count over all rings.
//  2. Points on the outer boundary of the tiled area whose east/north side is outside (P' falls
//     outside every grid) go to the grid whose boundary they lie on; if several, the smallest grid
//     code. So a point on the county's east edge is still inside the county.
//  3. If the input overlaps (validation refuses that, see validate-jurisdiction.ts), the answer is
//     still a single grid containing the point, the same for the same input (away from grid edges
//     the smallest claiming grid code), but which of the overlapping grids is not specified.
// Points outside every grid return null.
import Flatbush from 'flatbush';
import type { GridAssignment, GridCollection } from '../wire/index.ts';
import { buildCellRaster, OUTSIDE } from './cell-raster.ts';
import { claims, flattenPolygon, onBoundary, type FlatPolygon } from './flat-polygon.ts';
import { gridCatalogue, type GridCatalogue } from './grid-catalogue.ts';

/** Assigns points to grid cells; built once per jurisdiction load. */
export interface GridAssigner {
  /** The grid (and its village and township) owning the point, or null outside every grid. */
  assign(lng: number, lat: number): GridAssignment | null;
  /** The same answer as its index in `catalogue` (−1 outside every grid), for stages that count by index. */
  assignIndex(lng: number, lat: number): number;
  /** The grids in index order: `assign` returns `catalogue.grids[assignIndex]`. */
  readonly catalogue: GridCatalogue;
  /** Number of grids indexed. */
  readonly size: number;
}

export interface GridAssignerOptions {
  /** Cells per grid of the lookup raster (0 = no raster, every point searches flatbush). */
  cellsPerGrid: number;
  /** Cap on raster cells (4 bytes each plus boundary-cell candidates). */
  maxCells: number;
}

const DEFAULTS: GridAssignerOptions = {
  cellsPerGrid: 256, // ~16 × 16 cells per grid: about a third of points land in boundary cells
  maxCells: 4_000_000, // ≤ ~16 MB for the cell array, whatever the jurisdiction size
};

export function createGridAssigner(grids: GridCollection, options: Partial<GridAssignerOptions> = {}): GridAssigner {
  const opts = { ...DEFAULTS, ...options };
  // Sorted by code so "smallest index" means "smallest grid code" in the tie rules.
  const catalogue = gridCatalogue(grids);
  const polygons: FlatPolygon[] = catalogue.features.map((f) => flattenPolygon(f.geometry));
  const answers = catalogue.grids;
  const size = polygons.length;
  if (size === 0) return { assign: () => null, assignIndex: () => OUTSIDE, catalogue, size };

  const index = new Flatbush(size);
  for (const p of polygons) index.add(p.minX, p.minY, p.maxX, p.maxY);
  index.finish();

  /** The border rule over an ascending list of candidates: rule 1 (and 3), then rule 2. */
  function ownerAmong(list: ArrayLike<number>, from: number, to: number, x: number, y: number): number {
    for (let k = from; k < to; k++) {
      const i = list[k] as number;
      if (claims(polygons[i] as FlatPolygon, x, y)) return i;
    }
    for (let k = from; k < to; k++) {
      const i = list[k] as number;
      if (onBoundary(polygons[i] as FlatPolygon, x, y)) return i;
    }
    return OUTSIDE;
  }

  function exactOwner(x: number, y: number): number {
    if (!(x >= index.minX && x <= index.maxX && y >= index.minY && y <= index.maxY)) return OUTSIDE;
    const candidates = index.search(x, y, x, y).sort((a, b) => a - b);
    return ownerAmong(candidates, 0, candidates.length, x, y);
  }

  if (opts.cellsPerGrid <= 0) {
    return { assign: (lng, lat) => answers[exactOwner(lng, lat)] ?? null, assignIndex: exactOwner, catalogue, size };
  }

  const raster = buildCellRaster(polygons, index, exactOwner, opts);
  const { items, starts } = raster;
  function assignIndex(lng: number, lat: number): number {
    const owner = raster.lookup(lng, lat);
    if (owner >= OUTSIDE) return owner;
    const b = raster.boundaryIndex(owner);
    return ownerAmong(items, starts[b] as number, starts[b + 1] as number, lng, lat);
  }
  function assign(lng: number, lat: number): GridAssignment | null {
    const owner = assignIndex(lng, lat);
    return owner === OUTSIDE ? null : (answers[owner] as GridAssignment);
  }
  return { assign, assignIndex, catalogue, size };
}
