// Entry point: the only place that reads the environment and opens a port. Everything else is
// assembled by createApp, so tests run the very same server on port 0.
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { JurisdictionError } from './jurisdiction/load.ts';

/** How long a graceful close may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const server = await createApp(config);
  const { url } = await server.listen(config.port, config.host);
  server.app.log.info(
    `一张图 Yizhangtu listening on ${url} (data: ${config.dataDir}, jurisdiction: ${config.jurisdictionDir}, demo feed: ${config.demoFeed ? `on, ${config.demoRate}/min` : 'off'})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      server.app.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info(`${signal}: closing (finishing requests, disconnecting clients, closing the database)`);
    const timer = setTimeout(() => {
      server.app.log.error(`close took longer than ${CLOSE_TIMEOUT_MS} ms: exiting`);
      process.exit(1);
    }, CLOSE_TIMEOUT_MS);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof JurisdictionError) {
    console.error(`[yizhangtu] cannot start: ${err.message}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[yizhangtu] cannot start: ${(err as Error).message} (set PORT to use another port)`);
  } else {
    console.error('[yizhangtu] cannot start:', err);
  }
  process.exit(1);
});
