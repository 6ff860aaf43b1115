// GET /hotspots (registered under /api/v1): the ranked hotspots of a window. A fastify plugin so the
// app registers it with its prefix: app.register(hotspotRoutes, { prefix: '/api/v1', service }).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HotspotService } from './hotspot-service.ts';
import type { HotspotsResponse } from '../wire/index.ts';
import { HOTSPOT_DEFAULTS, type HotspotOptions } from './hotspots.ts';
import { MINUTE_MS, STANDARD_WINDOWS } from './window-counts.ts';

export interface HotspotRoutesOptions {
  service: HotspotService;
  /** Server clock (tests pass a fixed one). */
  now?: () => number;
}

/** Body of GET /api/v1/hotspots (defined in server/wire, where the web reads it). */
export type { HotspotsResponse } from '../wire/index.ts';

const WINDOW_NAMES = Object.keys(STANDARD_WINDOWS) as (keyof typeof STANDARD_WINDOWS)[];
const number = (field: string) => z.coerce.number({ error: `${field} must be a number` }).refine(Number.isFinite, `${field} must be a finite number`);

export const hotspotsQuerySchema = z.strictObject({
  window: z.enum(WINDOW_NAMES, { error: `window must be one of ${WINDOW_NAMES.join(', ')}` }).optional(),
  windowMinutes: number('windowMinutes').pipe(z.number().int('windowMinutes must be a whole number').min(1, 'windowMinutes must be at least 1').max(60 * 24 * 60, 'windowMinutes must be at most 86400 (60 days)')).optional(),
  now: z.iso.datetime({ offset: true, error: 'now must be an ISO 8601 date-time with a time zone' }).optional(),
  fdr: number('fdr').pipe(z.number().gt(0, 'fdr must be above 0').max(0.2, 'fdr must be at most 0.2')).optional(),
  minCount: number('minCount').pipe(z.number().int('minCount must be a whole number').min(1, 'minCount must be at least 1')).optional(),
  baseline: z.enum(['households', 'none'], { error: 'baseline must be households or none' }).optional(),
  limit: number('limit').pipe(z.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(100, 'limit must be at most 100')).optional(),
});

export async function hotspotRoutes(app: FastifyInstance, opts: HotspotRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;
  app.get('/hotspots', async (request, reply) => {
    const parsed = hotspotsQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      const message = issue?.code === 'unrecognized_keys' ? `unknown query parameter: ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid query');
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message, ...(field ? { field } : {}) });
    }
    const q = parsed.data;
    if (q.window !== undefined && q.windowMinutes !== undefined) {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'give window or windowMinutes, not both', field: 'windowMinutes' });
    }
    const windowMs = q.windowMinutes !== undefined ? q.windowMinutes * MINUTE_MS : STANDARD_WINDOWS[q.window ?? '24h'];
    const nowMs = q.now !== undefined ? Date.parse(q.now) : now();
    const options: HotspotOptions = {
      ...HOTSPOT_DEFAULTS,
      ...(q.fdr !== undefined && { fdr: q.fdr }),
      ...(q.minCount !== undefined && { minCount: q.minCount }),
      ...(q.baseline !== undefined && { baseline: q.baseline }),
      ...(q.limit !== undefined && { limit: q.limit }),
    };
    const body: HotspotsResponse = {
      window: { name: q.windowMinutes !== undefined ? `${q.windowMinutes}m` : (q.window ?? '24h'), ms: windowMs, from: new Date(nowMs - windowMs).toISOString(), to: new Date(nowMs).toISOString() },
      method: { statistic: 'getis-ord-gi*', neighbours: 'queen-contiguity', baseline: options.baseline, fdr: options.fdr, minCount: options.minCount },
      hotspots: opts.service.hotspots(windowMs, nowMs, options),
    };
    return body;
  });
}
