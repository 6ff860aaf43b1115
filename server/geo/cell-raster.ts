// A raster of small cells over the jurisdiction that answers most assignments without any
// point-in-polygon test: a cell no grid boundary touches has one owner for all its points (or
// none), stored directly; a cell a boundary crosses keeps its candidate grids, and only points in
// it pay for exact tests. Built once from the flatbush index; the answer is by construction the
// same as the exact search (see assigner.test.ts, which checks that).
import type Flatbush from 'flatbush';
import type { FlatPolygon } from './flat-polygon.ts';

export interface CellRasterOptions {
  /** Cells per grid on average: more cells, fewer points fall in boundary cells, more memory. */
  cellsPerGrid: number;
  /** Memory cap: at most this many cells (4 bytes each, plus candidates of boundary cells). */
  maxCells: number;
}

/** Lookup result: ≥ 0 is the owning polygon, OUTSIDE means no grid, ≤ BOUNDARY_BASE a boundary cell. */
export const OUTSIDE = -1;
const BOUNDARY_BASE = -2;

export interface CellRaster {
  /** OUTSIDE, an owner index (≥ 0), or a boundary code to resolve with `candidates`. */
  lookup(x: number, y: number): number;
  /** For a boundary code: the candidate polygon indices are items[start..end). */
  readonly items: Int32Array;
  readonly starts: Int32Array;
  boundaryIndex(code: number): number;
  readonly columns: number;
  readonly rows: number;
  readonly boundaryCells: number;
}

/**
 * Builds the raster. `exactOwner(x, y)` is the exact assignment (used once per run of interior
 * cells, not per cell).
 */
export function buildCellRaster(
  polygons: FlatPolygon[],
  index: Flatbush,
  exactOwner: (x: number, y: number) => number,
  options: CellRasterOptions,
): CellRaster {
  const { minX, minY, maxX, maxY } = index;
  const width = Math.max(maxX - minX, 1e-9), height = Math.max(maxY - minY, 1e-9);
  const target = Math.min(options.maxCells, Math.max(1, polygons.length * options.cellsPerGrid));
  const size = Math.sqrt((width * height) / target);
  const columns = Math.max(1, Math.min(Math.ceil(width / size), options.maxCells));
  const rows = Math.max(1, Math.min(Math.ceil(height / size), Math.floor(options.maxCells / columns)));
  const cellW = width / columns, cellH = height / rows;
  // Rounding in the lookup can put a point a few ulps outside its cell: classify each cell by a
  // rectangle grown by far more than that, so such a point is still covered by the cell's answer.
  const marginX = cellW * 1e-6, marginY = cellH * 1e-6;
  const left = (c: number) => minX + c * cellW - marginX;
  const right = (c: number) => minX + (c + 1) * cellW + marginX;
  const bottom = (r: number) => minY + r * cellH - marginY;
  const top = (r: number) => minY + (r + 1) * cellH + marginY;

  // 1. Every (cell, polygon) pair where an edge of the polygon touches the cell.
  const pairCell: number[] = [], pairPoly: number[] = [];
  const lastPolyOfCell = new Int32Array(columns * rows).fill(-1);
  polygons.forEach((poly, polyIndex) => {
    const pc = poly.coords, ringStarts = poly.ringStarts;
    for (let ring = 0; ring < ringStarts.length - 1; ring++) {
      const end = (ringStarts[ring + 1] as number) - 2;
      for (let k = ringStarts[ring] as number; k < end; k += 2) {
        const x1 = pc[k] as number, y1 = pc[k + 1] as number, x2 = pc[k + 2] as number, y2 = pc[k + 3] as number;
        const c0 = clamp(Math.floor((Math.min(x1, x2) - minX - marginX) / cellW), columns);
        const c1 = clamp(Math.floor((Math.max(x1, x2) - minX + marginX) / cellW), columns);
        const r0 = clamp(Math.floor((Math.min(y1, y2) - minY - marginY) / cellH), rows);
        const r1 = clamp(Math.floor((Math.max(y1, y2) - minY + marginY) / cellH), rows);
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const at = r * columns + c;
            if (lastPolyOfCell[at] === polyIndex) continue;
            if (!segmentTouchesRect(x1, y1, x2, y2, left(c), bottom(r), right(c), top(r))) continue;
            lastPolyOfCell[at] = polyIndex;
            pairCell.push(at);
            pairPoly.push(polyIndex);
          }
        }
      }
    }
  });
  // Group pairs by cell (counting sort); polygons arrive in ascending order per cell.
  const touchStart = new Int32Array(columns * rows + 1);
  for (const at of pairCell) touchStart[at + 1] = (touchStart[at + 1] as number) + 1;
  for (let at = 0; at < columns * rows; at++) touchStart[at + 1] = (touchStart[at + 1] as number) + (touchStart[at] as number);
  const touchPoly = new Int32Array(pairPoly.length);
  const fill = touchStart.slice(0, columns * rows);
  for (let p = 0; p < pairCell.length; p++) {
    const at = pairCell[p] as number;
    touchPoly[(fill[at] as number)++] = pairPoly[p] as number;
  }

  // 2. Interior cells: a run of untouched cells in a row shares one owner (neighbouring untouched
  //    cells share a border no edge touches), so one exact assignment per run. Boundary cells keep
  //    the polygons whose edges touch them: in a tiling no other polygon can contain any of their
  //    points (it would overlap the touching ones), so the answer is the exact search's.
  const cells = new Int32Array(columns * rows);
  const starts: number[] = [0];
  const items: number[] = [];
  for (let r = 0; r < rows; r++) {
    let runOwner = Number.NaN;
    for (let c = 0; c < columns; c++) {
      const at = r * columns + c;
      const t0 = touchStart[at] as number, t1 = touchStart[at + 1] as number;
      if (t1 > t0) {
        runOwner = Number.NaN;
        // Already ascending (pairs were made polygon by polygon): the first claimant has the smallest code.
        for (let k = t0; k < t1; k++) items.push(touchPoly[k] as number);
        starts.push(items.length);
        cells[at] = BOUNDARY_BASE - (starts.length - 2);
      } else {
        if (Number.isNaN(runOwner)) runOwner = exactOwner(minX + (c + 0.5) * cellW, minY + (r + 0.5) * cellH);
        cells[at] = runOwner;
      }
    }
  }

  const invW = 1 / cellW, invH = 1 / cellH;
  return {
    lookup(x, y) {
      if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return OUTSIDE;
      let c = Math.floor((x - minX) * invW), r = Math.floor((y - minY) * invH);
      if (c >= columns) c = columns - 1;
      if (r >= rows) r = rows - 1;
      return cells[r * columns + c] as number;
    },
    items: Int32Array.from(items),
    starts: Int32Array.from(starts),
    boundaryIndex: (code) => BOUNDARY_BASE - code,
    columns,
    rows,
    boundaryCells: starts.length - 1,
  };
}

function clamp(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}

/** Liang–Barsky: does the closed segment meet the closed rectangle? (allocation-free: hot at build) */
function segmentTouchesRect(x1: number, y1: number, x2: number, y2: number, rx0: number, ry0: number, rx1: number, ry1: number): boolean {
  const dx = x2 - x1, dy = y2 - y1;
  let t0 = 0, t1 = 1;
  for (let k = 0; k < 4; k++) {
    const pk = k === 0 ? -dx : k === 1 ? dx : k === 2 ? -dy : dy;
    const qk = k === 0 ? x1 - rx0 : k === 1 ? rx1 - x1 : k === 2 ? y1 - ry0 : ry1 - y1;
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const t = qk / pk;
      if (pk < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}
