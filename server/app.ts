// Assembles the server from its stages: ingest (validate) → assign (geo) → store (commit) →
// aggregate (window counts) → live (batched ticks), plus the HTTP API, the SPA and the demo feed.
// Reads no environment and opens no port by itself: index.ts does that, tests use port 0.
import type { AddressInfo } from 'node:net';
import fastifyCompress from '@fastify/compress';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import { hotspotRoutes } from './aggregate/hotspot-routes.ts';
import { createHotspotService } from './aggregate/hotspot-service.ts';
import { DAY_MS, createWindowCounts } from './aggregate/window-counts.ts';
import type { CountableIncident } from './aggregate/window-counts.ts';
import { createCameraStates } from './cameras/camera-states.ts';
import type { AppConfig } from './config.ts';
import { createDemoFeed } from './demo/feed.ts';
import type { DemoFeed, DemoFeedOptions } from './demo/feed.ts';
import { createGridAssigner } from './geo/assigner.ts';
import { registerErrorHandler, registerJsonParser } from './http/errors.ts';
import { BODY_LIMIT_BYTES } from './http/openapi.ts';
import { API_PREFIX, registerApiRoutes } from './http/routes.ts';
import { registerSpa } from './http/spa.ts';
import { createIngest } from './ingest/ingest.ts';
import type { Ingest } from './ingest/ingest.ts';
import { countyLabel, loadJurisdiction } from './jurisdiction/load.ts';
import type { Jurisdiction } from './jurisdiction/load.ts';
import { createLive } from './live/live.ts';
import type { LiveServer } from './live/live.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { IncidentStore } from './store/types.ts';
import { createUnitState } from './units/unit-state.ts';
import { VERSION } from './version.ts';
import type { Incident, TownshipCounts } from './wire/index.ts';
import { STYLES_DIR } from '../tiles/paths.ts';
import { tileRoutes } from '../tiles/serve/tile-routes.ts';

/**
 * How far back the window counts reach, and are rebuilt from the store on start: the 30-day view
 * plus the previous 30 days it is compared with (环比) by the hotspot ranking, and some slack.
 */
export const COUNTS_RETENTION_MS = 62 * DAY_MS;

/** Optional replacements, for tests and for embedding. */
export interface AppDeps {
  /** Already loaded jurisdiction (default: read from config.jurisdictionDir). */
  jurisdiction?: Jurisdiction;
  /** Incident store (default: SQLite in config.dataDir). The app closes it on close(). */
  store?: IncidentStore;
  /** Clock, ms since epoch. */
  now?: () => number;
  /** Fastify logger option (default: pino at config.logLevel). */
  logger?: boolean | { level: string };
  /** Demo feed tuning (rate comes from config.demoRate). */
  demo?: Partial<DemoFeedOptions>;
}

export interface YizhangtuApp {
  app: FastifyInstance;
  io: LiveServer;
  /** The one ingest path, for in-process sources. */
  ingest: Ingest;
  store: IncidentStore;
  /** Starts ticking (and the demo feed) and listens; resolves with the address. */
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stops the demo feed and ticks, disconnects clients, closes HTTP and the store. Idempotent. */
  close(): Promise<void>;
}

function countable(i: Incident): CountableIncident {
  return {
    townshipCode: i.townshipCode,
    villageCode: i.villageCode,
    gridCode: i.gridCode,
    category: i.category,
    source: i.source,
    occurredAtMs: Date.parse(i.occurredAt),
  };
}

/** Builds the whole server; nothing listens until listen(). */
export async function createApp(config: AppConfig, deps: AppDeps = {}): Promise<YizhangtuApp> {
  const now = deps.now ?? Date.now;
  const jurisdiction = deps.jurisdiction ?? (await loadJurisdiction(config.jurisdictionDir));
  const assigner = createGridAssigner(jurisdiction.grids);
  const store = deps.store ?? openSqliteStore({ dataDir: config.dataDir, now: () => new Date(now()) });

  // Aggregate: rebuilt from the store so counts survive restarts, then kept up to date on commit.
  const counts = createWindowCounts({ retentionMs: COUNTS_RETENTION_MS, clock: now });
  await store.forEachSince(new Date(now() - COUNTS_RETENTION_MS).toISOString(), (i) => counts.add(countable(i)));
  const townshipCodes = jurisdiction.townships.features.map((f) => f.properties.code);
  const townshipCounts = (windowMs: number, nowMs: number): TownshipCounts => {
    const seen = counts.townshipCounts(windowMs, nowMs);
    const all: TownshipCounts = {};
    for (const code of townshipCodes) all[code] = seen[code] ?? 0;
    return all;
  };

  const units = createUnitState(jurisdiction.units);
  const cameras = createCameraStates(jurisdiction.cameras);

  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    // Per-request lines would drown the log of a busy ingest endpoint; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Keep-alive connections would hold close() open; idle ones are dropped at once.
    forceCloseConnections: 'idle',
  });
  const log = (err: unknown) => app.log.error({ err }, 'background task failed');

  const windowMs = config.windowHours * 3_600_000;
  const live = createLive(
    { httpServer: app.server, store, units, cameras, townshipCounts: (t) => townshipCounts(windowMs, t), now, onError: log },
    { tickMs: config.tickMs, windowMs, version: VERSION, demoFeed: config.demoFeed },
  );

  const ingest = createIngest({
    assigner,
    store,
    countyLabel: countyLabel(jurisdiction),
    onCommitted: (incidents) => {
      for (const i of incidents) counts.add(countable(i));
    },
    onListenerError: log,
    now,
  });

  registerJsonParser(app, BODY_LIMIT_BYTES);
  registerErrorHandler(app, BODY_LIMIT_BYTES);
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
  registerApiRoutes(app, {
    version: VERSION,
    jurisdiction,
    store,
    ingest,
    units,
    cameras,
    townshipCounts,
    windowHours: config.windowHours,
    demoFeed: config.demoFeed,
    now,
  });
  await app.register(hotspotRoutes, { prefix: API_PREFIX, service: createHotspotService(jurisdiction.grids, counts), now });
  await app.register(tileRoutes, { mbtilesPath: config.basemap.mbtilesPath, stylesDir: STYLES_DIR, raster: config.basemap.raster });
  registerSpa(app, config.webDir);

  const demo: DemoFeed | undefined = config.demoFeed
    ? createDemoFeed(
        { ingest, jurisdiction, assigner, store, units, cameras, now, log: (m) => app.log.info(m), onError: log },
        { ...deps.demo, ratePerMinute: config.demoRate },
      )
    : undefined;

  let closing: Promise<void> | undefined;
  return {
    app,
    io: live.io,
    ingest,
    store,
    async listen(port, host) {
      await demo?.backfill();
      await live.start();
      await app.listen({ port, host });
      demo?.start();
      const actual = (app.server.address() as AddressInfo).port;
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shown}:${actual}`, port: actual };
    },
    close() {
      closing ??= (async () => {
        demo?.stop();
        await live.close();
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}
