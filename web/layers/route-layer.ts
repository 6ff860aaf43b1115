// Patrol routes (巡逻路线), one line per route in its team's colour.
import { PathLayer } from '@deck.gl/layers';
import type { RouteCollection, RouteProps } from '../../server/wire/index.ts';

type RouteFeature = RouteCollection['features'][number];

export interface RouteInput {
  routes: RouteCollection | null;
  visible: boolean;
}

/** Route lines; the data is the loaded feature array, stable for the session. */
export function routeLayer({ routes, visible }: RouteInput) {
  return new PathLayer<RouteFeature>({
    id: 'routes',
    data: routes?.features ?? EMPTY,
    visible,
    pickable: false,
    getPath: (f) => f.geometry.coordinates as [number, number][],
    getColor: (f) => withAlpha(f.properties),
    getWidth: 2.5,
    widthUnits: 'pixels',
    capRounded: true,
    jointRounded: true,
  });
}

function withAlpha(p: RouteProps): [number, number, number, number] {
  return [p.color[0], p.color[1], p.color[2], 190];
}

const EMPTY: RouteFeature[] = [];
