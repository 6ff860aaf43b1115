// The worker's own area (their village's grids, or their one grid), loaded once per page: the small
// maps draw its grid outlines and open on it when there is nothing else to frame — the worker
// without a position fix (no https, or location refused) taps a place they can recognise.
import { createContext, useEffect, useState } from 'react';
import { fetchJurisdiction } from '../api/rest.ts';
import type { GridCollection } from '../../server/wire/jurisdiction.ts';
import { geometryBounds, type Bounds } from '../geo/bounds.ts';

export interface HomeArea {
  grids: GridCollection;
  bounds: Bounds;
}

export const HomeAreaContext = createContext<HomeArea | null>(null);

/** The grids inside `scopeCode` and their bounds, or null until loaded (or when there are none). */
export function homeAreaOf(grids: GridCollection, scopeCode: string): HomeArea | null {
  const mine = grids.features.filter((g) => g.properties.code.startsWith(scopeCode));
  let bounds: Bounds | null = null;
  for (const g of mine) {
    const b = geometryBounds(g.geometry);
    if (!b) continue;
    bounds = bounds
      ? [[Math.min(bounds[0][0], b[0][0]), Math.min(bounds[0][1], b[0][1])], [Math.max(bounds[1][0], b[1][0]), Math.max(bounds[1][1], b[1][1])]]
      : b;
  }
  return bounds ? { grids: { type: 'FeatureCollection', features: mine }, bounds } : null;
}

/** Loads the home area of a scope (the server answers the jurisdiction cut to it already). */
export function useHomeArea(scopeCode: string): HomeArea | null {
  const [area, setArea] = useState<HomeArea | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchJurisdiction(controller.signal).then((j) => setArea(homeAreaOf(j.grids, scopeCode)), () => undefined);
    return () => controller.abort();
  }, [scopeCode]);
  return area;
}
