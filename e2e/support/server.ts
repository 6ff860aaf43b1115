// The real server, in process, on a free port, with its own temporary data directory.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppDeps, type YizhangtuApp } from '../../server/app.ts';
import { DEFAULT_CONFIG, type AppConfig } from '../../server/config.ts';
import { ADMIN, SOURCES, apiKeyOf } from './credentials.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  server: YizhangtuApp;
  close(): Promise<void>;
}

/** Starts the server on port 0 (demo feed off unless asked) serving the built SPA. */
export async function startServer(overrides: Partial<AppConfig> = {}, deps: Omit<AppDeps, 'logger'> = {}): Promise<RunningServer> {
  const webDir = path.join(ROOT, 'dist/web');
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('dist/web is not built: run `npm run build` first (`npm test` does it before the tests)');
  }
  const jurisdictionDir = overrides.jurisdictionDir ?? path.join(ROOT, 'data/demo');
  if (!existsSync(path.join(jurisdictionDir, 'grids.geojson'))) {
    throw new Error(`no jurisdiction in ${jurisdictionDir}: run \`npm run data\` first`);
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yizhangtu-e2e-'));
  const config: AppConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webDir,
    demoFeed: false,
    logLevel: 'warn',
    adminPassword: ADMIN.password,
    apiKeys: SOURCES.map((source) => ({ source, key: apiKeyOf(source) })),
    ...overrides,
    jurisdictionDir,
  };
  const server = await createApp(config, { ...deps, logger: false });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    url,
    server,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
