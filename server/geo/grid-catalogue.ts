// The grids of a jurisdiction in one fixed order (by code), so every stage can name a grid by a
// small dense index instead of its 15-character code: the assigner answers with the index, and the
// aggregates count by it without hashing a code per incident.
import type { GridAssignment, GridCollection } from '../wire/index.ts';

type GridFeature = GridCollection['features'][number];

/** The grids of one collection, indexed 0 … size − 1 in ascending code order. */
export interface GridCatalogue {
  /** Features in index order. */
  readonly features: readonly GridFeature[];
  /** Each grid's codes in index order (frozen: the assigner hands these very objects out). */
  readonly grids: readonly GridAssignment[];
  /** Index of a grid code (the first, if a code repeats), or undefined. */
  indexOf(gridCode: string): number | undefined;
}

// One catalogue per collection object: the assigner and the aggregates built from the same
// collection then share the same indices (and the same answer objects) by construction.
const built = new WeakMap<GridCollection, GridCatalogue>();

/** The catalogue of a collection, built once per collection object. */
export function gridCatalogue(collection: GridCollection): GridCatalogue {
  let catalogue = built.get(collection);
  if (catalogue === undefined) built.set(collection, (catalogue = buildCatalogue(collection)));
  return catalogue;
}

function buildCatalogue(collection: GridCollection): GridCatalogue {
  const features = [...collection.features].sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
  const grids = features.map((f) =>
    Object.freeze({ townshipCode: f.properties.townshipCode, villageCode: f.properties.villageCode, gridCode: f.properties.code }),
  );
  const byCode = new Map<string, number>();
  grids.forEach((g, k) => {
    if (!byCode.has(g.gridCode)) byCode.set(g.gridCode, k);
  });
  return Object.freeze({ features, grids, indexOf: (code: string) => byCode.get(code) });
}
