import path from 'node:path';
import Fastify from 'fastify';
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

  it('reads the access settings', () => {
    const c = loadConfig({
      SESSION_HOURS: '8',
      ADMIN_PASSWORD: 'a-strong-root-password',
      API_KEYS: 'hotline-12345:0123456789abcdefghijklmnop, alarm-110:zyxwvutsrqponmlkjihgfedcba',
      ALLOWED_ORIGINS: 'https://wall.example.org:8443,http://10.0.0.5:8080/',
      RATE_LIMIT_PER_MINUTE: '100',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10',
    });
    expect(c).toMatchObject({
      sessionHours: 8,
      adminPassword: 'a-strong-root-password',
      apiKeys: [
        { source: 'hotline-12345', key: '0123456789abcdefghijklmnop' },
        { source: 'alarm-110', key: 'zyxwvutsrqponmlkjihgfedcba' },
      ],
      allowedOrigins: ['https://wall.example.org:8443', 'http://10.0.0.5:8080'],
      rateLimitPerMinute: 100,
      loginRateLimitPerMinute: 10,
    });
    expect(loadConfig({}).adminPassword).toBeUndefined();
  });

  it('reads AUDIT_KEY_FILE as a path from the working directory, and leaves it unset by default', () => {
    expect(loadConfig({ AUDIT_KEY_FILE: '/etc/yizhangtu/audit.key' }, '/srv').auditKeyFile).toBe('/etc/yizhangtu/audit.key');
    expect(loadConfig({ AUDIT_KEY_FILE: ' secrets/audit.key ' }, '/srv').auditKeyFile).toBe(path.join('/srv', 'secrets', 'audit.key'));
    expect(loadConfig({ AUDIT_KEY_FILE: '' }, '/srv')).not.toHaveProperty('auditKeyFile');
    expect(loadConfig({}, '/srv')).not.toHaveProperty('auditKeyFile');
  });

  it.each([
    ['ADMIN_PASSWORD', 'admin123', 'too weak'],
    ['API_KEYS', 'hotline-12345:short', 'at least 24'],
    ['API_KEYS', 'no-colon-here-0123456789abcdef', 'source:key'],
    ['API_KEYS', 'Hotline:0123456789abcdefghijklmnop', 'source:key'],
    ['ALLOWED_ORIGINS', 'https://wall.example.org/path', 'not an origin'],
    ['ALLOWED_ORIGINS', 'wall.example.org', 'not an origin'],
    ['SESSION_HOURS', '0', 'SESSION_HOURS'],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([
    ['', false],
    ['false', false],
    ['TRUE', true],
    ['127.0.0.1', ['127.0.0.1']],
    [' 10.0.0.0/8, 192.168.1.10 ,::1, fd00::/8,uniquelocal', ['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'uniquelocal']],
  ])('reads TRUST_PROXY=%j as %j, which fastify takes', async (value, expected) => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: value });
    expect(trustProxy).toEqual(expected);
    const app = Fastify({ trustProxy });
    await app.ready();
    await app.close();
  });

  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it.each([
    ['1', 'hop count'],
    ['yes', 'not an IP address'],
    ['nginx.local', 'not an IP address'],
    ['127.0.0.1,', 'not an IP address'],
    ['10.0.0.0/33', 'prefix length outside 0–32'],
    ['fd00::/129', 'prefix length outside 0–128'],
    ['10.0.0.0/8/1', 'not an IP address'],
    ['10.0.0.0/255.0.0.0', 'prefix length'],
  ])('refuses TRUST_PROXY=%s', (value, message) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(message);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow('TRUST_PROXY');
  });

  it('reads PHOTO_MAX_BYTES, 8 MiB by default', () => {
    expect(loadConfig({}).photoMaxBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ PHOTO_MAX_BYTES: '2097152' }).photoMaxBytes).toBe(2_097_152);
  });

  it.each(['8MB', '1.5', '1000', String(128 * 1024 * 1024)])('refuses PHOTO_MAX_BYTES=%s, naming the range', (value) => {
    expect(() => loadConfig({ PHOTO_MAX_BYTES: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PHOTO_MAX_BYTES: value })).toThrow(`PHOTO_MAX_BYTES=${value} is not an integer in [65536, 67108864]`);
  });
});
