// A hand-made town for the tests (not used by the server), drawn in metres east/north of an origin:
//
//   C(0,1000) ══ motorway ══ F(400,1000) ── H(800,1000)
//   │                        ↑ one-way E→F  │
//   │ west street    river   E(400,500)     │ east loop
//   │ (A–B–C,        between │              │
//   │  B = (0,500))  banks   │              │
//   A(0,0) ═══ the bridge ═══ D(400,0) ──── I(800,0)
//
//   and an island J(2000,2000) – K(2000,2300), connected to nothing.
//
// The river runs between x = 0 and x = 400: walking and e-bikes cross only by the bridge (A–D);
// cars also by the motorway (C–F). Speeds are round so answers can be worked out by hand:
// foot 1 m/s everywhere but the motorway, e-bike 5 m/s, car 10 m/s on streets, 20 on the
// arterial bridge, 30 on the motorway; the walked legs off the road 1 m/s.
import type { UnitInfo } from '../wire/index.ts';
import { localFrame } from './geo.ts';
import type { RoadLine } from './road-network.ts';
import { parseUnitSpeeds } from './unit-speeds.ts';

export const ORIGIN = { lng: 119.9, lat: 32.45 };
const { kx, ky } = localFrame(ORIGIN.lat);

/** [lng, lat] of a point x metres east and y metres north of the origin. */
export function at(x: number, y: number): [number, number] {
  return [ORIGIN.lng + x / kx, ORIGIN.lat + y / ky];
}

export const P = {
  A: at(0, 0), B: at(0, 500), C: at(0, 1000), D: at(400, 0), E: at(400, 500), F: at(400, 1000),
  H: at(800, 1000), I: at(800, 0), J: at(2000, 2000), K: at(2000, 2300),
};

function road(id: string, cls: string, coordinates: [number, number][], oneway?: string): RoadLine {
  return { geometry: { coordinates }, properties: { id, name: id, class: cls, ...(oneway ? { oneway } : {}) } };
}

export const TOWN: RoadLine[] = [
  road('west-street', 'street', [P.A, P.B, P.C]),
  road('bridge', 'arterial', [P.A, P.D]),
  road('east-street-south', 'street', [P.D, P.E]),
  road('east-street-north', 'street', [P.E, P.F], 'yes'),
  road('motorway', 'motorway', [P.C, P.F]),
  road('east-loop', 'street', [P.F, P.H, P.I, P.D]),
  road('island', 'street', [P.J, P.K]),
];

const KMH_PER_MPS = 3.6;
export const TOWN_SPEEDS = parseUnitSpeeds({
  offRoadKmh: 1 * KMH_PER_MPS,
  kinds: {
    foot: { default: 1 * KMH_PER_MPS, obeysOneway: false, classes: { motorway: null } },
    ebike: { default: 5 * KMH_PER_MPS, obeysOneway: true, classes: { motorway: null } },
    car: { default: 10 * KMH_PER_MPS, obeysOneway: true, classes: { arterial: 20 * KMH_PER_MPS, motorway: 30 * KMH_PER_MPS } },
  },
}, 'the town speeds');

export const TOWNSHIP = '321202001';
export const OTHER_TOWNSHIP = '321202002';

/** A unit of the town. */
export function unit(id: string, kind: UnitInfo['kind'], townshipCode = TOWNSHIP): UnitInfo {
  return { id, callsign: id, kind, team: 'team', routeId: 'route', townshipCode };
}
