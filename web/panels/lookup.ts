// Code → feature indexes of the jurisdiction, for naming areas in lists and detail panels.
import type { GridProps, JurisdictionResponse, TownshipProps, VillageProps } from '../../server/wire/index.ts';

export interface JurisdictionIndex {
  townships: ReadonlyMap<string, TownshipProps>;
  villages: ReadonlyMap<string, VillageProps>;
  grids: ReadonlyMap<string, GridProps>;
}

const cache = new WeakMap<JurisdictionResponse, JurisdictionIndex>();

/** The index of a loaded jurisdiction (built once per jurisdiction object). */
export function jurisdictionIndex(j: JurisdictionResponse): JurisdictionIndex {
  let idx = cache.get(j);
  if (!idx) {
    idx = {
      townships: new Map(j.townships.features.map((f) => [f.properties.code, f.properties] as const)),
      villages: new Map(j.villages.features.map((f) => [f.properties.code, f.properties] as const)),
      grids: new Map(j.grids.features.map((f) => [f.properties.code, f.properties] as const)),
    };
    cache.set(j, idx);
  }
  return idx;
}
