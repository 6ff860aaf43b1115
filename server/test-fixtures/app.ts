// Helpers that start the real server on the fixture county, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';
import type { AppDeps, YizhangtuApp } from '../app.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import type { AppConfig } from '../config.ts';
import { TEST_ADMIN_PASSWORD, TEST_API_KEYS } from './auth.ts';
import { FIXTURE_JURISDICTION_DIR } from './index.ts';

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'yzt-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Config for a test server: fixture county, no demo feed, fast ticks, no web build, test admin password and API keys. */
export function fixtureConfig(dataDir: string, over: Partial<AppConfig> = {}): AppConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    jurisdictionDir: FIXTURE_JURISDICTION_DIR,
    webDir: path.join(dataDir, 'no-web-build'),
    demoFeed: false,
    tickMs: 40,
    logLevel: 'silent',
    adminPassword: TEST_ADMIN_PASSWORD,
    apiKeys: TEST_API_KEYS,
    ...over,
  };
}

/** createApp on the fixture county with logging off. */
export function createFixtureApp(dataDir: string, over: Partial<AppConfig> = {}, deps: AppDeps = {}): Promise<YizhangtuApp> {
  return createApp(fixtureConfig(dataDir, over), { logger: false, ...deps });
}

/** A valid incident at a point, occurring now. */
export function incidentAt(p: { lng: number; lat: number }, sourceId: string, source = 'hotline-12345') {
  return {
    source,
    sourceId,
    category: 'dispute',
    priority: 'normal',
    lng: p.lng,
    lat: p.lat,
    occurredAt: new Date().toISOString(),
    description: '邻里纠纷',
  };
}
