import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs on the defaults with an empty environment', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      ...DEFAULT_CONFIG,
      dataDir: '/srv/app/var',
      jurisdictionDir: '/srv/app/data/demo',
      webDir: '/srv/app/dist/web',
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      { PORT: '9000', HOST: '127.0.0.1', DATA_DIR: '/data', JURISDICTION_DIR: 'mine', DEMO_FEED: 'off', DEMO_RATE: '5', TICK_MS: '100', WINDOW_HOURS: '6', LOG_LEVEL: 'warn' },
      '/srv',
    );
    expect(c).toMatchObject({ port: 9000, host: '127.0.0.1', dataDir: '/data', jurisdictionDir: path.join('/srv', 'mine'), demoFeed: false, demoRate: 5, tickMs: 100, windowHours: 6, logLevel: 'warn' });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['DEMO_FEED', 'maybe'],
    ['DEMO_RATE', '-1'],
    ['TICK_MS', '2.5'],
    ['WINDOW_HOURS', '0'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
