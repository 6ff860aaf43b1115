// Which cell of the server's heat grid (热力网格) a point falls in, from the geometry heat.arrow
// carries: the same arithmetic in the same order as server/aggregate/heat-grid.ts, so a point on a
// cell border rounds into the same cell there and here.
import type { HeatGridGeometry } from '../../server/wire/index.ts';

/**
 * Row-major index r·columns + c of the cell holding (lng, lat), or -1 outside the grid. The server
 * also ignores the rim between its bounds (the grids' bounding box) and the last whole cell, which
 * the geometry does not carry; no incident lies there, since ingest rejects points outside every grid.
 */
export function heatCellAt(g: HeatGridGeometry, lng: number, lat: number): number {
  const x = (lng - g.west) / g.cellLng;
  const y = (lat - g.south) / g.cellLat;
  if (!(x >= 0 && x <= g.columns && y >= 0 && y <= g.rows)) return -1;
  const c = Math.min(g.columns - 1, Math.floor(x));
  const r = Math.min(g.rows - 1, Math.floor(y));
  return r * g.columns + c;
}

/** Centre [lng, lat] of a cell, as the server places it in heat.arrow. */
export function heatCellCentre(g: HeatGridGeometry, cell: number): [number, number] {
  return [g.west + ((cell % g.columns) + 0.5) * g.cellLng, g.south + (Math.floor(cell / g.columns) + 0.5) * g.cellLat];
}
