// Where each township lies. The urban 街道 cluster small and central around the old town, the
// 镇 spread over the countryside around them. Each township owns the points nearest its site,
// measured in units of its `reach` (a multiplicatively weighted Voronoi: small reach = small,
// round township), on coordinates bent by noise so borders meander.
import { divisions } from './divisions.ts';
import { createNoise } from './noise.ts';
import type { Rng } from './random.ts';

interface Site {
  /** Site position, km east / north of the origin. */
  x: number;
  y: number;
  /** Relative size of the township's catchment. */
  reach: number;
}

/** Hand-placed sites by township code (schematic, loosely after the real arrangement). */
const SITES: Record<string, Site> = {
  '321202004': { x: 0.3, y: -3.4, reach: 1.0 }, // 城中街道: the old town
  '321202001': { x: 3.0, y: -3.2, reach: 1.25 }, // 城东街道
  '321202002': { x: -2.4, y: -3.8, reach: 1.25 }, // 城西街道
  '321202003': { x: 0.5, y: -6.3, reach: 1.1 }, // 城南街道
  '321202005': { x: 0.1, y: -0.9, reach: 1.05 }, // 城北街道
  '321202007': { x: -2.7, y: -0.8, reach: 1.15 }, // 京泰路街道
  '321202050': { x: 3.1, y: -0.6, reach: 0.8 }, // 红旗街道
  '321202408': { x: 1.4, y: 1.0, reach: 0.5 }, // 火车站街区
  '321202406': { x: 5.4, y: 0.8, reach: 0.65 }, // 海陵工业园区
  '321202407': { x: -5.2, y: 5.6, reach: 0.7 }, // 农业示范园区
  '321202100': { x: -6.5, y: 1.0, reach: 3.1 }, // 九龙镇
  '321202101': { x: -0.5, y: 7.2, reach: 3.0 }, // 罡杨镇
  '321202102': { x: 6.3, y: 5.8, reach: 3.3 }, // 苏陈镇
  '321202103': { x: 5.2, y: -8.0, reach: 3.2 }, // 华港镇
};

/** The site of a township, metres. */
export function townshipSite(code: string): [number, number] {
  const site = SITES[code];
  if (!site) throw new Error(`no layout site for township ${code}`);
  return [site.x * 1000, site.y * 1000];
}

/** Maps a point (metres) to the index of its township in `divisions.townships`. */
export type TownshipLocator = (x: number, y: number) => number;

export function createTownshipLayout(rng: Rng): TownshipLocator {
  const sites = divisions.townships.map((t) => {
    const site = SITES[t.code];
    if (!site) throw new Error(`no layout site for township ${t.code}`);
    return { x: site.x * 1000, y: site.y * 1000, reach: site.reach };
  });
  const warpX = createNoise(rng, 3000);
  const warpY = createNoise(rng, 3000);
  const WARP = 900; // metres of bending at most
  return (x, y) => {
    const wx = x + WARP * warpX(x, y);
    const wy = y + WARP * warpY(x, y);
    let best = 0;
    let bestCost = Infinity;
    sites.forEach((s, i) => {
      const cost = Math.hypot(wx - s.x, wy - s.y) / s.reach;
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    });
    return best;
  };
}
