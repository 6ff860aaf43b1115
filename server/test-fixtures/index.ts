// A tiny jurisdiction for tests, so they never depend on the generated demo county.
// Two townships side by side, one village each, two 0.01° square grids per village, all between
// latitudes 32.48 and 32.49:
//   lng 119.90–119.91  grid 321202001002001  (城东街道 / 东安居委会)
//   lng 119.91–119.92  grid 321202001002002  (城东街道 / 东安居委会)
//   lng 119.92–119.93  grid 321202002001001  (城西街道 / 西仓居委会)
//   lng 119.93–119.94  grid 321202002001002  (城西街道 / 西仓居委会)
import { fileURLToPath } from 'node:url';

/** Directory holding the fixture's county files (same file names as data/demo). */
export const FIXTURE_JURISDICTION_DIR = fileURLToPath(new URL('./jurisdiction/', import.meta.url));

/** A point well inside each fixture grid, keyed by grid code. */
export const FIXTURE_POINTS = {
  '321202001002001': { lng: 119.905, lat: 32.485 },
  '321202001002002': { lng: 119.915, lat: 32.485 },
  '321202002001001': { lng: 119.925, lat: 32.485 },
  '321202002001002': { lng: 119.935, lat: 32.485 },
} as const;

/** A point outside the fixture county (north of it). */
export const OUTSIDE_POINT = { lng: 119.905, lat: 32.6 } as const;
