// Assembles the server from its stages: ingest (validate) → assign (geo) → store (commit) →
// aggregate (window counts) → live (batched ticks), plus the HTTP API, the SPA and the demo feed.
// Reads no environment and opens no port by itself: index.ts does that, tests use port 0.
import type { AddressInfo } from 'node:net';
import fastifyCompress from '@fastify/compress';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createAggregates } from './aggregate/aggregates.ts';
import type { AggregatableIncident } from './aggregate/aggregates.ts';
import { hotspotRoutes } from './aggregate/hotspot-routes.ts';
import { DAY_MS } from './aggregate/window-counts.ts';
import { arrowRoutes } from './arrow/arrow-routes.ts';
import { ensureAdmin, openAccess } from './auth/access.ts';
import type { Access, AdminBootstrap } from './auth/access.ts';
import { openAccessDb } from './auth/access-db.ts';
import { actorOf } from './auth/principal.ts';
import { createScopeFilter } from './auth/scope-filter.ts';
import { createScopedHotspotService } from './auth/scoped-hotspots.ts';
import { createCameraStates } from './cameras/camera-states.ts';
import type { AppConfig } from './config.ts';
import { createDemoClock } from './demo/demo-clock.ts';
import { createDemoFeed } from './demo/feed.ts';
import type { DemoFeed, DemoFeedOptions } from './demo/feed.ts';
import { createGridAssigner } from './geo/assigner.ts';
import { registerAccessGuard, pathOf } from './http/access-guard.ts';
import { registerDisplayLinkRedemption } from './http/auth-routes.ts';
import { registerDisplaySessionRenewal } from './http/display-session-renewal.ts';
import { registerErrorHandler, registerJsonParser } from './http/errors.ts';
import { scopeOf } from './http/incident-routes.ts';
import { registerRateLimits } from './http/rate-limits.ts';
import { BODY_LIMIT_BYTES } from './http/openapi.ts';
import { API_PREFIX, registerApiRoutes } from './http/routes.ts';
import { registerSpa } from './http/spa.ts';
import { createIngest } from './ingest/ingest.ts';
import type { Ingest } from './ingest/ingest.ts';
import { countyLabel, loadJurisdiction } from './jurisdiction/load.ts';
import type { Jurisdiction } from './jurisdiction/load.ts';
import { createLive } from './live/live.ts';
import { createLiveAuth } from './live/live-auth.ts';
import type { LiveServer, Viewer } from './live/live.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { IncidentStore } from './store/types.ts';
import { openCasework } from './casework/casework.ts';
import type { Casework } from './casework/casework.ts';
import { registerCameraRoutes } from './http/camera-routes.ts';
import { registerCaseRoutes } from './http/case-routes.ts';
import { registerPhotoRoutes } from './photos/photo-routes.ts';
import type { CaseAccess } from './photos/photo-routes.ts';
import { openPhotoStore } from './photos/photo-store.ts';
import type { PhotoStore } from './photos/photo-store.ts';
import { createUnitState } from './units/unit-state.ts';
import type { UnitState } from './units/unit-state.ts';
import { registerUnitRoutes } from './http/unit-routes.ts';
import { registerUnitFixRoutes } from './http/unit-fix-routes.ts';
import { plausibleArea, positionsOf } from './units/fix-validation.ts';
import { createFixIngest } from './unitwork/fix-ingest.ts';
import type { FixIngest } from './unitwork/fix-ingest.ts';
import { openFixStore } from './unitwork/fix-store.ts';
import { openUnitwork } from './unitwork/unitwork.ts';
import type { Unitwork } from './unitwork/unitwork.ts';
import { VERSION } from './version.ts';
import type { Incident, TownshipCounts } from './wire/index.ts';
import { DEMO_FONTS_DIR, STYLES_DIR } from '../tiles/paths.ts';
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
  /** Login throttle tuning (tests); sessions last config.sessionHours. */
  lockout?: { maxFailedLogins?: number; maxFailedLoginsPerUsername?: number; lockMs?: number };
  /** What a request may do with a case's photos (default: every case unknown, until the case module answers it). */
  caseAccess?: (caseId: string, request: FastifyRequest) => CaseAccess | Promise<CaseAccess>;
}

export interface YizhangtuApp {
  app: FastifyInstance;
  io: LiveServer;
  /** Live connections dropped so far for holding more than LIVE_MAX_QUEUED_BYTES unsent. */
  laggardsDropped(): number;
  /** The one ingest path, for in-process sources. */
  ingest: Ingest;
  store: IncidentStore;
  /** Accounts, sessions, display links, API keys and the audit log. */
  access: Access;
  /** The photos of cases, in DATA_DIR/photos. */
  photos: PhotoStore;
  /** Cases: the book of their current states and the command service. */
  casework: Casework;
  /** Units' duty statuses: the book folded from the log, the command service, the road router. */
  unitwork: Unitwork;
  /** The units' latest GPS fixes (fix ingest moves them; restored from the stored fixes at start). */
  unitFixes: UnitState;
  /** The one path of GPS fixes (HTTP and the demo feed), stored in DATA_DIR/fixes.db. */
  fixes: FixIngest;
  /** What the first start did about the admin account (print a generated password once). */
  adminBootstrap: AdminBootstrap;
  /** The demo feed, when DEMO_FEED is on. */
  demo: DemoFeed | undefined;
  /** Starts ticking (and the demo feed) and listens; resolves with the address. */
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stops the demo feed and ticks, disconnects clients, closes HTTP and the store. Idempotent. */
  close(): Promise<void>;
}

function countable(i: Incident): AggregatableIncident {
  return {
    lng: i.lng,
    lat: i.lat,
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
  // With the demo feed, the clock is held at each step of its back-fill (before anything listens),
  // so the back-filled day goes through the real paths at its own times; otherwise it is the clock.
  const demoClock = config.demoFeed ? createDemoClock(deps.now ?? Date.now) : undefined;
  const now = demoClock?.now ?? deps.now ?? Date.now;
  const jurisdiction = deps.jurisdiction ?? (await loadJurisdiction(config.jurisdictionDir));
  const assigner = createGridAssigner(jurisdiction.grids);
  const store = deps.store ?? openSqliteStore({ dataDir: config.dataDir, now: () => new Date(now()) });

  // Aggregate: rebuilt from the store so counts survive restarts, then kept up to date on commit.
  const aggregates = createAggregates(jurisdiction.grids, { retentionMs: COUNTS_RETENTION_MS, clock: now });
  const { counts } = aggregates;
  await store.forEachSince(new Date(now() - COUNTS_RETENTION_MS).toISOString(), (i) => aggregates.add(countable(i)));
  // The last seq the aggregates (and so the heat grid) have counted: everything stored at start,
  // then each committed batch as ingest hands it over, in commit order.
  let countedThroughSeq = await store.lastSeq();
  const townshipCodes = jurisdiction.townships.features.map((f) => f.properties.code);
  const townshipCounts = (windowMs: number, nowMs: number): TownshipCounts => {
    const seen = counts.townshipCounts(windowMs, nowMs);
    const all: TownshipCounts = {};
    for (const code of townshipCodes) all[code] = seen[code] ?? 0;
    return all;
  };

  const units = createUnitState(jurisdiction.units);
  const cameras = createCameraStates(jurisdiction.cameras);
  // GPS fixes: stored beside the log, checked against the county's bounds (plus a margin).
  const fixStore = openFixStore(config.dataDir);
  const fixes = createFixIngest({ store: fixStore, units: jurisdiction.units, latest: units, area: plausibleArea(positionsOf(jurisdiction.county.geometry)), now });

  // Access: accounts, sessions, keys and the audit log, in their own database beside the incidents.
  let access: Access;
  try {
    access = openAccess({
      db: openAccessDb(config.dataDir),
      jurisdiction,
      apiKeys: config.apiKeys,
      auditKeyFile: config.auditKeyFile,
      options: { sessionMs: config.sessionHours * 3_600_000, ...deps.lockout },
      now,
    });
  } catch (err) {
    // The audit key or chain refused the start (AuditStartError): nothing is left open.
    await store.close();
    fixStore.close();
    throw err;
  }
  const adminBootstrap = await ensureAdmin(access, config.adminPassword);
  const scopeFilter = createScopeFilter(jurisdiction, (lng, lat) => assigner.assign(lng, lat));
  const countyCode = jurisdiction.county.properties.code;

  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a reverse proxy: request.ip (rate limits, audit log) is the client, not the proxy.
    trustProxy: config.trustProxy,
    // Per-request lines would drown the log of a busy ingest endpoint; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Keep-alive connections would hold close() open; idle ones are dropped at once.
    forceCloseConnections: 'idle',
  });
  const log = (err: unknown) => app.log.error({ err }, 'background task failed');

  // Cases: the open ones of the log folded into the book; photos beside them in the data directory.
  const photos = openPhotoStore({ dataDir: config.dataDir, maxBytes: config.photoMaxBytes, now });
  // Each commit wakes the live channel, which cuts a tick within a few ms (not at the next TICK_MS).
  const casework = await openCasework({ store, access, jurisdiction, photos, timeLimitsFile: config.timeLimitsFile, now, committed: () => live.wake() });
  // Units: every unit of units.json at version 0, their status events of the log folded on top.
  const unitwork = await openUnitwork({ store, access, jurisdiction, casework, now, committed: () => live.wake(), onError: (err) => app.log.error({ err }, 'unit flag sweep failed') });

  const windowMs = config.windowHours * 3_600_000;
  const live = createLive(
    {
      httpServer: app.server,
      store,
      units,
      cameras,
      townshipCounts: (t) => townshipCounts(windowMs, t),
      auth: createLiveAuth(access, config.allowedOrigins, config.trustProxy),
      scopeFilter,
      now,
      onError: log,
      log: (m) => app.log.info(m),
      cases: casework.live,
      unitStatuses: unitwork.live,
    },
    { tickMs: config.tickMs, windowMs, version: VERSION, demoFeed: config.demoFeed, maxQueuedBytes: config.liveMaxQueuedBytes },
  );
  // A revoked session, account or display link loses its open sockets at once; an account whose
  // role or jurisdiction changed is made to reconnect, and so gets the room of its new scope.
  access.onRevoked((r) => {
    if ('sessionIds' in r) live.disconnectWhere((v) => v.sessionId !== null && r.sessionIds.includes(v.sessionId));
    else if ('displayLinkId' in r) live.disconnectWhere((v) => v.displayLinkId === r.displayLinkId);
    else {
      const valid = (v: Viewer) => v.sessionId !== null && access.sessionValid(v.sessionId);
      live.disconnectWhere((v) => v.accountId === r.accountId && !valid(v), 'revoke');
      live.disconnectWhere((v) => v.accountId === r.accountId && valid(v), 'reconnect');
    }
  });


  const ingest = createIngest({
    assigner,
    store,
    dueOf: casework.dueOf,
    countyLabel: countyLabel(jurisdiction),
    // By the assigner's grid index and the already parsed time: no code hashed, no date re-parsed.
    onCommitted: (incidents, facts) => {
      for (let k = 0; k < incidents.length; k++) {
        const i = incidents[k] as Incident;
        aggregates.addAssigned(i, facts.gridIndex[k] as number, facts.occurredAtMs[k] as number);
        if (i.seq > countedThroughSeq) countedThroughSeq = i.seq;
      }
      casework.committed(incidents);
      live.wake();
    },
    onListenerError: log,
    now,
  });

  registerJsonParser(app, BODY_LIMIT_BYTES);
  // 403s raised inside handlers are permission denials too: on record like the guard's own.
  registerErrorHandler(app, BODY_LIMIT_BYTES, (request, message) =>
    access.audit.append({ actor: actorOf(request.principal), action: 'access.denied', details: { method: request.method, path: pathOf(request), reason: message }, ip: request.ip }),
  );
  // The guard and the limits come first: every route registered after them is covered.
  registerAccessGuard(app, { access, allowedOrigins: config.allowedOrigins });
  registerDisplaySessionRenewal(app, access);
  await registerRateLimits(app, { perMinute: config.rateLimitPerMinute, loginPerMinute: config.loginRateLimitPerMinute });
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
  registerDisplayLinkRedemption(app, { access });
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
    access,
    scopeFilter,
    assign: (lng, lat) => assigner.assign(lng, lat),
  });
  // The engine's hotspot routes, answered for the caller's jurisdiction (the guard requires `read`).
  await app.register(async (api) => registerPhotoRoutes(api, { photos, caseAccess: deps.caseAccess ?? casework.photoAccess }), { prefix: API_PREFIX });
  await app.register(async (api) => registerCaseRoutes(api, { store, book: casework.book, service: casework.service, now }), { prefix: API_PREFIX });
  await app.register(async (api) => registerUnitRoutes(api, { store, unitwork, cases: casework.service, fixes: units, now }), { prefix: API_PREFIX });
  await app.register(async (api) => registerUnitFixRoutes(api, { fixes, fixStore, units: jurisdiction.units, now }), { prefix: API_PREFIX });
  await app.register(async (api) => registerCameraRoutes(api, { cameras, cases: casework.service, ...(config.cameraStreamTemplate ? { streamTemplate: config.cameraStreamTemplate } : {}) }), { prefix: API_PREFIX });
  await app.register(hotspotRoutes, { prefix: API_PREFIX, service: createScopedHotspotService(jurisdiction.grids, counts, countyCode), now });
  await app.register(arrowRoutes, { prefix: API_PREFIX, store, heat: aggregates.heat, heatCountedThroughSeq: () => countedThroughSeq, scopeOf, now });
  await app.register(tileRoutes, { mbtilesPath: config.basemap.mbtilesPath, stylesDir: STYLES_DIR, fontsDir: DEMO_FONTS_DIR, raster: config.basemap.raster });
  registerSpa(app, config.webDir);

  const demo: DemoFeed | undefined = config.demoFeed
    ? createDemoFeed(
        {
          ingest, jurisdiction, assigner, store, units, cameras, now, clock: demoClock, ingestFixes: (f) => void fixes.ingestFixes(f),
          casework: { service: casework.service, book: casework.book, limits: casework.limits, access },
          log: (m) => app.log.info(m), onError: log,
        },
        { ...deps.demo, ratePerMinute: config.demoRate },
      )
    : undefined;

  // Expired sessions and throttle counts are ignored anyway; this keeps their tables small (the
  // throttle's rows are keyed by usernames anyone may send).
  const purge = setInterval(() => {
    access.sessions.purgeExpired();
    access.loginThrottle.purgeExpired();
  }, 3_600_000);
  purge.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    io: live.io,
    laggardsDropped: live.laggardsDropped,
    ingest,
    store,
    access,
    photos,
    casework,
    unitwork,
    unitFixes: units,
    fixes,
    adminBootstrap,
    demo,
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
        clearInterval(purge);
        casework.close();
        unitwork.close();
        await live.close();
        await app.close();
        await store.close();
        fixStore.close();
        access.close();
      })();
      return closing;
    },
  };
}
