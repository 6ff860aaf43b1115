// Entry point: the only place that reads the environment and opens a port. Everything else is
// assembled by createApp, so tests run the very same server on port 0.
import { createApp } from './app.ts';
import { AuditStartError } from './audit/audit-error.ts';
import { ConfigError, loadConfig } from './config.ts';
import { JurisdictionError } from './jurisdiction/load.ts';

/** How long a graceful close may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const server = await createApp(config);
  const { url } = await server.listen(config.port, config.host);
  const boot = server.adminBootstrap;
  if (boot.created && boot.oneTimePassword) {
    // Printed once, here, and never stored in clear: the first login must replace it.
    console.log(
      [
        '',
        '  ┌─ 一张图 Yizhangtu: first start ─────────────────────────────────────────',
        `  │ An administrator account was created:  user ${boot.username}   one-time password ${boot.oneTimePassword}`,
        `  │ Log in at ${url}/ — the first login must set a new password`,
        '  │ (or: POST /api/v1/auth/password {currentPassword, newPassword}).',
        `  │ Lost it? \`npm run admin -- account reset-password ${boot.username}\` prints a new one.`,
        '  │ Automated deployments set ADMIN_PASSWORD instead. This password is not shown again.',
        '  └──────────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  } else if (boot.created) {
    server.app.log.info(`administrator account ${boot.username} created with the password from ADMIN_PASSWORD`);
  }
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
  if (err instanceof ConfigError || err instanceof JurisdictionError || err instanceof AuditStartError) {
    console.error(`[yizhangtu] cannot start: ${err.message}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[yizhangtu] cannot start: ${(err as Error).message} (set PORT to use another port)`);
  } else {
    console.error('[yizhangtu] cannot start:', err);
  }
  process.exit(1);
});
