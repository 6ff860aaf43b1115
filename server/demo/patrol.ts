// Demo patrol units walking, riding and driving their routes back and forth, each reporting a GPS
// fix per step like a tracker would. Pure and seeded apart from the clock passed in.
import seedrandom from 'seedrandom';
import type { RouteCollection, UnitFix, UnitInfo, UnitKind, UnitState } from '../wire/index.ts';

/** Typical speeds on patrol, m/s. */
const SPEED: Record<UnitKind, number> = { foot: 1.3, ebike: 4.2, car: 8.5 };
const M_PER_DEG_LAT = 111_320;

interface Path {
  /** Points as [lng, lat]. */
  points: [number, number][];
  /** Cumulative length in metres at each point. */
  cumulative: number[];
  length: number;
}

function toPath(points: [number, number][]): Path {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const mPerDegLng = M_PER_DEG_LAT * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
    cumulative.push(cumulative[i - 1]! + Math.hypot((x1 - x0) * mPerDegLng, (y1 - y0) * M_PER_DEG_LAT));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1]! };
}

/** Position and heading (degrees clockwise from north) at distance d along the path. */
export function pointAlong(path: Path, d: number, forward: boolean): { lng: number; lat: number; heading: number } {
  const dist = Math.min(Math.max(d, 0), path.length);
  let i = 1;
  while (i < path.points.length - 1 && path.cumulative[i]! < dist) i++;
  const [x0, y0] = path.points[i - 1]!;
  const [x1, y1] = path.points[i]!;
  const seg = path.cumulative[i]! - path.cumulative[i - 1]!;
  const f = seg > 0 ? (dist - path.cumulative[i - 1]!) / seg : 0;
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((y0 * Math.PI) / 180);
  let heading = (Math.atan2((x1 - x0) * mPerDegLng, (y1 - y0) * M_PER_DEG_LAT) * 180) / Math.PI;
  if (!forward) heading += 180;
  return { lng: x0 + f * (x1 - x0), lat: y0 + f * (y1 - y0), heading: ((heading % 360) + 360) % 360 };
}

interface Walker {
  unit: UnitInfo;
  path: Path;
  at: number;
  forward: boolean;
  speed: number;
  state: UnitState;
}

export interface PatrolSimulation {
  /** Advances every unit to time `ms` and returns their new fixes. */
  step(ms: number): UnitFix[];
}

/** Units whose route is missing or has no length are left out (they never report). */
export function createPatrolSimulation(units: readonly UnitInfo[], routes: RouteCollection, seed = 'yizhangtu-patrol'): PatrolSimulation {
  const rng = seedrandom(seed);
  const paths = new Map(routes.features.map((f) => [f.properties.id, toPath(f.geometry.coordinates as [number, number][])]));
  const walkers: Walker[] = [];
  for (const unit of units) {
    const path = paths.get(unit.routeId);
    if (!path || path.length <= 0) continue;
    const r = rng();
    walkers.push({
      unit,
      path,
      at: rng() * path.length,
      forward: rng() < 0.5,
      speed: SPEED[unit.kind] * (0.8 + 0.4 * rng()),
      state: r < 0.8 ? 'available' : r < 0.92 ? 'dispatched' : 'off-duty',
    });
  }
  let lastMs: number | undefined;

  return {
    step(ms) {
      const dt = lastMs === undefined ? 0 : Math.max(0, Math.min((ms - lastMs) / 1000, 60));
      lastMs = ms;
      const at = new Date(ms).toISOString();
      return walkers.map((w) => {
        // Now and then a unit is dispatched, comes back, or goes off duty (about every 10 minutes).
        if (rng() < dt / 600) {
          const r = rng();
          w.state = r < 0.75 ? 'available' : r < 0.93 ? 'dispatched' : 'off-duty';
        }
        const speed = w.state === 'off-duty' ? 0 : w.state === 'dispatched' ? w.speed * 1.6 : w.speed;
        let d = w.at + (w.forward ? 1 : -1) * speed * dt;
        // Back and forth along the route, bouncing at its ends.
        while (d < 0 || d > w.path.length) {
          if (d < 0) d = -d;
          else d = 2 * w.path.length - d;
          w.forward = !w.forward;
        }
        w.at = d;
        const p = pointAlong(w.path, d, w.forward);
        return {
          id: w.unit.id,
          lng: Math.round(p.lng * 1e6) / 1e6,
          lat: Math.round(p.lat * 1e6) / 1e6,
          heading: Math.round(p.heading),
          speed: Math.round(speed * 10) / 10,
          state: w.state,
          at,
        };
      });
    },
  };
}
