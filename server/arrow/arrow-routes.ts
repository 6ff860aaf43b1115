// GET /incidents.arrow and GET /heat.arrow (registered under /api/v1): the incident history of a
// time range and the heat grid as Arrow IPC streams, for deck.gl binary attributes. A fastify
// plugin: app.register(arrowRoutes, { prefix: '/api/v1', store, heat, scopeOf }).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HeatCells, HeatGrid } from '../aggregate/heat-grid.ts';
import { parseIsoMs } from '../store/iso-time.ts';
import { rangePages, scopeFilter } from '../store/range-pages.ts';
import type { IncidentPoint, IncidentStore } from '../store/types.ts';
import { ARROW_MAX_RANGE_DAYS, ARROW_META, ARROW_STREAM_TYPE } from '../wire/index.ts';
import { encodeHeatCells } from './heat-encoder.ts';
import { createIncidentEncoder } from './incident-encoder.ts';
import { ipcStream } from './ipc-stream.ts';

/** Where a caller may look: a county, township or village code (things inside start with it). */
export interface AreaScope {
  code: string;
  level: 'county' | 'township' | 'village';
}

export interface ArrowRoutesOptions {
  store: IncidentStore;
  /** The county's heat grid, kept up to date on commit. */
  heat: HeatGrid;
  /**
   * The highest seq the county heat grid has counted (ingest hands commits to the aggregates in
   * commit order). Without it, the store's last seq is used, which may run ahead of the grid.
   */
  heatCountedThroughSeq?: () => number;
  /** The caller's jurisdiction; without it every request sees the whole county. */
  scopeOf?: (request: FastifyRequest) => AreaScope | undefined;
  now?: () => number;
  /**
   * Rows per record batch and store page: reading and encoding a page holds the event loop for
   * ≈ 5 µs a row (measured: 40 ms for 8192 rows on a loaded 2-vCPU VM), then commits get a turn.
   */
  batchRows?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_RANGE_MS = ARROW_MAX_RANGE_DAYS * DAY_MS;
const DEFAULT_RANGE_MS = 30 * DAY_MS;

const isoDateTime = (name: string) =>
  z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T08:00:00+08:00` });

export const incidentsArrowQuerySchema = z.strictObject({
  since: isoDateTime('since').optional().describe(`Only incidents that occurred at or after this time (default: 30 days ago, or 30 days before until). At most ${ARROW_MAX_RANGE_DAYS} days before until.`),
  until: isoDateTime('until').optional().describe('Only incidents that occurred before this time (default: everything up to now).'),
});

export const heatArrowQuerySchema = z.strictObject({
  windowHours: z.coerce
    .number({ error: 'windowHours must be a number' })
    .refine(Number.isFinite, 'windowHours must be a finite number')
    .pipe(z.number().gt(0, 'windowHours must be more than 0').max(ARROW_MAX_RANGE_DAYS * 24, `windowHours must be at most ${ARROW_MAX_RANGE_DAYS * 24} (${ARROW_MAX_RANGE_DAYS} days)`))
    .optional()
    .describe('Length of the window ending now, in hours (default 24).'),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

function parse<S extends z.ZodType>(schema: S, query: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(query ?? {});
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  if (issue?.code === 'unrecognized_keys') return { ok: false, message: `unknown query parameter ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`, field: issue.keys[0] };
  return { ok: false, message: issue?.message ?? 'invalid query', field: issue?.path.map(String).join('.') || undefined };
}

function badRequest(reply: FastifyReply, message: string, field?: string): FastifyReply {
  return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message, ...(field ? { field } : {}) });
}

/**
 * Every incident of [since, until) inside the scope, a page at a time, with a turn of the event loop
 * between pages. A page examines at most `rows` incidents of the range whatever the scope keeps, so
 * a township or village with few incidents in a busy county costs many short turns, not one long one.
 */
async function* pagesOf(store: IncidentStore, range: { since: string; until: string }, scope: AreaScope, rows: number): AsyncGenerator<IncidentPoint[]> {
  const filter = scopeFilter(scope);
  for await (const page of rangePages((after) => store.pointsPage({ ...range, ...filter, ...(after ? { after } : {}), limit: rows }))) {
    // The store filtered by township/village; the grid code decides, exactly as for GET /incidents.
    const inside = page.every((p) => p.gridCode.startsWith(scope.code)) ? page : page.filter((p) => p.gridCode.startsWith(scope.code));
    if (inside.length > 0) yield inside;
  }
}

export async function arrowRoutes(app: FastifyInstance, opts: ArrowRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;
  const rows = opts.batchRows ?? 8192;
  const { store, heat } = opts;
  // Positions are offsets from the middle of the heat grid (the jurisdiction's box), rounded so the
  // origin reads well in metadata.
  const g = heat.geometry;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const origin: [number, number] = [round(g.west + (g.columns * g.cellLng) / 2), round(g.south + (g.rows * g.cellLat) / 2)];
  const everything: AreaScope = { code: '', level: 'county' };
  const scopeOf = (request: FastifyRequest): AreaScope => opts.scopeOf?.(request) ?? everything;

  const send = (reply: FastifyReply, stream: NodeJS.ReadableStream) =>
    reply.header('content-type', ARROW_STREAM_TYPE).header('cache-control', 'private, no-store').send(stream);

  app.get('/incidents.arrow', async (request, reply) => {
    const scope = scopeOf(request);
    const q = parse(incidentsArrowQuerySchema, request.query);
    if (!q.ok) return badRequest(reply, q.message, q.field);
    const nowMs = now();
    // Without until the range is open-ended: sources' clocks may run minutes ahead of ours.
    const untilMs = q.value.until !== undefined ? Date.parse(q.value.until) : nowMs + HOUR_MS;
    const sinceMs = q.value.since !== undefined ? Date.parse(q.value.since) : Math.min(nowMs, untilMs) - DEFAULT_RANGE_MS;
    if (!(sinceMs < untilMs)) return badRequest(reply, 'since must be before until', 'since');
    if (untilMs - sinceMs > MAX_RANGE_MS) return badRequest(reply, `since and until may be at most ${ARROW_MAX_RANGE_DAYS} days apart: ask for longer history in several requests`, 'since');
    const range = { since: new Date(sinceMs).toISOString(), until: new Date(untilMs).toISOString() };
    const encoder = createIncidentEncoder(
      origin,
      new Map([
        [ARROW_META.origin, origin.join(',')],
        [ARROW_META.scope, scope.code],
        [ARROW_META.asOf, new Date(nowMs).toISOString()],
        [ARROW_META.since, range.since],
        [ARROW_META.until, range.until],
        [ARROW_META.lastSeq, String(await store.lastSeq())],
      ]),
    );
    async function* batches() {
      for await (const page of pagesOf(store, range, scope, rows)) yield encoder.encode(page);
    }
    return send(reply, ipcStream(encoder.schema, batches()));
  });

  app.get('/heat.arrow', async (request, reply) => {
    const scope = scopeOf(request);
    const q = parse(heatArrowQuerySchema, request.query);
    if (!q.ok) return badRequest(reply, q.message, q.field);
    const windowMs = Math.round((q.value.windowHours ?? 24) * HOUR_MS);
    const nowMs = now();
    // lastSeq tells a live client which incidents the cells already count, so it adds only those
    // above it: for the county grid, the seq the grid has counted through, taken with the cells in
    // the same synchronous step (no commit can be handed to the grid between the two).
    let cells: HeatCells;
    let lastSeq: number;
    if (scope.level === 'county') {
      const counted = opts.heatCountedThroughSeq;
      cells = heat.cells(windowMs, nowMs);
      lastSeq = counted ? counted() : await store.lastSeq();
    } else {
      // The county grid mixes every township: count the scope's own incidents on an empty copy,
      // up to the seq read first (later commits come over the live channel), so it is exact.
      lastSeq = await store.lastSeq();
      const grid = heat.empty();
      const range = { since: new Date(nowMs - windowMs).toISOString(), until: new Date(nowMs + 1).toISOString() };
      for await (const page of pagesOf(store, range, scope, rows)) for (const p of page) if (p.seq <= lastSeq) grid.add(p.lng, p.lat, parseIsoMs(p.occurredAt));
      cells = grid.cells(windowMs, nowMs);
    }
    const batch = encodeHeatCells(
      cells,
      origin,
      new Map([
        [ARROW_META.origin, origin.join(',')],
        [ARROW_META.scope, scope.code],
        [ARROW_META.asOf, new Date(nowMs).toISOString()],
        [ARROW_META.windowMs, String(windowMs)],
        [ARROW_META.from, new Date(nowMs - windowMs).toISOString()],
        [ARROW_META.to, new Date(nowMs).toISOString()],
        [ARROW_META.lastSeq, String(lastSeq)],
      ]),
    );
    return send(reply, ipcStream(batch.schema, [batch]));
  });
}
