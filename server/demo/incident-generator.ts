// Plausible demo incidents: a category mix like a county hotline's, priorities that fit the
// category, a few hotspot areas that really stand out, a day/night rhythm, and zh-CN descriptions
// naming the channel they came in by. Pure and seeded: the same seed gives the same stream.
import seedrandom from 'seedrandom';
import type { GridAssignment, GridCollection, IncidentCategory, IncidentInput, IncidentPriority } from '../wire/index.ts';

type Rng = () => number;

/** [weight by day, weight by night, descriptions] per category. */
const CATEGORIES: Record<IncidentCategory, [number, number, string[]]> = {
  'public-service': [26, 10, ['路灯损坏不亮', '井盖缺失', '供水管道漏水', '垃圾清运不及时', '小区电梯故障', '道路坑洼']],
  dispute: [20, 16, ['邻里噪音纠纷', '物业费纠纷', '家庭矛盾调解', '土地承包纠纷', '劳资纠纷讨薪']],
  environment: [15, 12, ['餐饮油烟扰民', '夜间施工噪音', '河道漂浮垃圾', '焚烧秸秆', '疑似违规排污']],
  traffic: [13, 10, ['机动车违停占道', '轻微交通事故', '路口信号灯故障', '电动车逆行']],
  'public-order': [12, 30, ['可疑人员徘徊', '人员聚集', '电动车被盗', '醉酒滋事']],
  'work-safety': [6, 3, ['工地人员未戴安全帽', '燃气瓶违规存放', '脚手架安全隐患']],
  fire: [4, 9, ['烟雾报警', '电动车楼道充电', '垃圾桶起火']],
  other: [4, 4, ['群众政策咨询', '流浪动物']],
};

/** Priority weights [urgent, high, normal, low] by category. */
const PRIORITIES: Partial<Record<IncidentCategory, number[]>> = {
  fire: [50, 40, 10, 0],
  'public-order': [15, 35, 45, 5],
  traffic: [8, 27, 50, 15],
  'work-safety': [10, 35, 45, 10],
};
const DEFAULT_PRIORITIES = [3, 17, 60, 20];
const PRIORITY_NAMES: IncidentPriority[] = ['urgent', 'high', 'normal', 'low'];

/** Channels (受理渠道) and their share; the demo keeps source "demo" and names the channel in the text. */
const CHANNELS: [string, number][] = [
  ['12345热线', 38],
  ['网格员上报', 30],
  ['110警情', 12],
  ['视频AI告警', 12],
  ['物联感知', 8],
];

/** Relative incident rate by local hour (UTC+8), normalised to a mean of 1 below. */
const HOURLY = [0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.1, 1.5, 1.6, 1.5, 1.3, 1.2, 1.3, 1.4, 1.4, 1.4, 1.5, 1.5, 1.6, 1.4, 1.1, 0.8, 0.55];
const HOURLY_MEAN = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;
const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** Rate multiplier at a time (mean 1 over a day), smooth between hours. */
export function dayNightFactor(ms: number): number {
  const hour = (((ms + LOCAL_OFFSET_MS) / 3_600_000) % 24 + 24) % 24;
  const h0 = Math.floor(hour);
  const f = hour - h0;
  return ((1 - f) * HOURLY[h0]! + f * HOURLY[(h0 + 1) % 24]!) / HOURLY_MEAN;
}

function isNight(ms: number): boolean {
  const hour = Math.floor((((ms + LOCAL_OFFSET_MS) / 3_600_000) % 24 + 24) % 24);
  return hour >= 22 || hour < 6;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  let total = 0;
  for (const t of items) total += weight(t);
  let r = rng() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1]!;
}

/** A standard normal sample (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Poisson-distributed count with mean λ (Knuth below 30, normal approximation above). */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k += 1;
    p *= rng();
  }
  return k;
}

export interface DemoIncidentOptions {
  grids: GridCollection;
  /** The grid assigner: keeps sampled points inside the county and in the intended grid. */
  assigner: { assign(lng: number, lat: number): GridAssignment | null };
  /** Seed of the hotspot choice: fixed, so hotspots stay put across restarts. */
  hotspotSeed?: string;
  /** Seed of the incident stream. */
  seed: string;
  /** Prefix of sourceIds; must differ between runs so a new run never collides with an old one. */
  runId: string;
  /** Number of hotspot areas. */
  hotspots?: number;
  /** Share of incidents around hotspots. */
  hotspotShare?: number;
}

export interface DemoIncidentGenerator {
  /** The next demo incident, occurring at `ms`. */
  next(ms: number): IncidentInput;
  /** Centres of the hotspot areas, [lng, lat]. */
  readonly hotspots: [number, number][];
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function bbox(coords: unknown): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box.minX = Math.min(box.minX, c[0]);
      box.maxX = Math.max(box.maxX, c[0]);
      box.minY = Math.min(box.minY, c[1] as number);
      box.maxY = Math.max(box.maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(coords);
  return box;
}

export function createIncidentGenerator(o: DemoIncidentOptions): DemoIncidentGenerator {
  const rng = seedrandom(o.seed);
  const grids = o.grids.features.map((f) => ({ code: f.properties.code, households: Math.max(1, f.properties.households), box: bbox(f.geometry.coordinates) }));
  if (grids.length === 0) throw new Error('the demo feed needs at least one grid');
  // Cumulative household weights: a grid is drawn by binary search, not a scan of ~900 grids.
  const cumulative: number[] = [];
  grids.reduce((sum, g) => (cumulative.push(sum + g.households), sum + g.households), 0);
  const totalWeight = cumulative[cumulative.length - 1]!;
  const drawGrid = () => {
    const r = rng() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return grids[lo]!;
  };
  const categoryNames = Object.keys(CATEGORIES) as IncidentCategory[];
  const hotRng = seedrandom(o.hotspotSeed ?? 'yizhangtu-hotspots');
  const hotspots: [number, number][] = Array.from({ length: o.hotspots ?? 4 }, () => {
    const g = grids[Math.floor(hotRng() * grids.length)]!;
    return [(g.box.minX + g.box.maxX) / 2, (g.box.minY + g.box.maxY) / 2];
  });
  const hotspotShare = o.hotspotShare ?? 0.3;
  let counter = 0;

  function location(): [number, number] {
    for (let attempt = 0; attempt < 30; attempt++) {
      if (hotspots.length > 0 && rng() < hotspotShare) {
        const [x, y] = hotspots[Math.floor(rng() * hotspots.length)]!;
        // σ ≈ 250 m: a hotspot is a few blocks, not a grid.
        const p: [number, number] = [x + gaussian(rng) * 0.0027, y + gaussian(rng) * 0.0023];
        if (o.assigner.assign(p[0], p[1])) return p;
        continue;
      }
      const g = drawGrid();
      const p: [number, number] = [g.box.minX + rng() * (g.box.maxX - g.box.minX), g.box.minY + rng() * (g.box.maxY - g.box.minY)];
      if (o.assigner.assign(p[0], p[1])?.gridCode === g.code) return p;
    }
    const g = grids[0]!;
    return [(g.box.minX + g.box.maxX) / 2, (g.box.minY + g.box.maxY) / 2];
  }

  return {
    hotspots,
    next(ms) {
      const night = isNight(ms);
      const category = pickWeighted(rng, categoryNames, (c) => CATEGORIES[c][night ? 1 : 0]);
      const priority = pickPriority(category);
      const texts = CATEGORIES[category][2];
      const [channel] = pickWeighted(rng, CHANNELS, ([, w]) => w);
      const [lng, lat] = location();
      counter += 1;
      return {
        source: 'demo',
        sourceId: `${o.runId}-${counter}`,
        category,
        priority,
        lng: Math.round(lng * 1e6) / 1e6,
        lat: Math.round(lat * 1e6) / 1e6,
        occurredAt: new Date(ms).toISOString(),
        description: `【${channel}】${texts[Math.floor(rng() * texts.length)]}（演示数据）`,
      };
    },
  };

  function pickPriority(category: IncidentCategory): IncidentPriority {
    const weights = PRIORITIES[category] ?? DEFAULT_PRIORITIES;
    return pickWeighted(rng, PRIORITY_NAMES, (p) => weights[PRIORITY_NAMES.indexOf(p)]!);
  }
}
