// Configuration: environment variables → a typed, validated AppConfig. Only server/index.ts calls
// loadConfig(process.env); everything else receives the AppConfig, so tests build their own.
import { isIP } from 'node:net';
import path from 'node:path';
import type { ConfiguredKey } from './auth/api-keys.ts';
import { passwordProblem } from './auth/password.ts';
import { isReservedSource, reservedSourceReason } from './wire/index.ts';
import { isPlayableUrl } from './cameras/stream-url.ts';
import { DEFAULT_TIME_LIMITS_FILE } from './cases/time-limits.ts';
import { DEFAULT_MAX_QUEUED_BYTES } from './live/backpressure.ts';
import { DEMO_MBTILES } from '../tiles/paths.ts';
import { BasemapConfigError, basemapConfigFromEnv } from '../tiles/serve/basemap-config.ts';
import type { BasemapConfig } from '../tiles/serve/basemap-config.ts';

/** Everything the server needs to know, with the environment variable each comes from. */
export interface AppConfig {
  /** PORT: TCP port to listen on (0 = any free port). */
  port: number;
  /** HOST: interface to bind. */
  host: string;
  /** DATA_DIR: where the SQLite database lives (created when missing). */
  dataDir: string;
  /** JURISDICTION_DIR: the county files (county.geojson, townships.geojson, … units.json). */
  jurisdictionDir: string;
  /** WEB_DIR: the built single-page app (vite build output); not served when missing. */
  webDir: string;
  /** DEMO_FEED=on|off: generate demo incidents, patrol movements and camera state changes. */
  demoFeed: boolean;
  /** DEMO_RATE: mean demo incidents per minute over a day (the day/night rhythm varies it). */
  demoRate: number;
  /** TICK_MS: how often the live channel sends one batched tick. */
  tickMs: number;
  /**
   * LIVE_MAX_QUEUED_BYTES: most bytes the live channel holds unsent for one connection (a screen
   * that stopped reading); past it the connection is dropped and its client resumes by seq.
   */
  liveMaxQueuedBytes: number;
  /** WINDOW_HOURS: default counting window of the per-township counts. */
  windowHours: number;
  /** LOG_LEVEL: pino level (fatal, error, warn, info, debug, trace, silent). */
  logLevel: string;
  /** BASEMAP_MBTILES, BASEMAP_RASTER_URL, BASEMAP_CRS, BASEMAP_ATTRIBUTION (see tiles/serve/basemap-config.ts). */
  basemap: BasemapConfig;
  /** SESSION_HOURS: how long a login lasts. */
  sessionHours: number;
  /**
   * ADMIN_PASSWORD: password of the `admin` account created on a first start (automated
   * deployments). Unset: a one-time password is generated, printed once, and must be changed.
   * Ignored once an admin exists.
   */
  adminPassword?: string;
  /** API_KEYS="source:key,source:key": API keys from configuration, each valid for its source only. */
  apiKeys: ConfiguredKey[];
  /** ALLOWED_ORIGINS: origins allowed to open the live channel and send changes with a cookie (default: the request's own host). */
  allowedOrigins: string[];
  /** RATE_LIMIT_PER_MINUTE: requests per minute per account, display, API key (or address, when anonymous). */
  rateLimitPerMinute: number;
  /** LOGIN_RATE_LIMIT_PER_MINUTE: password attempts (logins and password changes together) per minute per client address. */
  loginRateLimitPerMinute: number;
  /**
   * TRUST_PROXY: whose X-Forwarded-For (and -Proto, -Host) to believe, as fastify's trustProxy:
   * false (default: the socket's peer is the client), true (every peer), or the addresses / CIDRs of
   * the reverse proxies. The client address is what rate limits and the audit log see.
   */
  trustProxy: boolean | string[];
  /**
   * AUDIT_KEY_FILE: the key that seals the audit log (at least 32 bytes, permissions 0600 or
   * stricter), best kept outside the data directory. Unset: DATA_DIR/audit.key, generated on the
   * first start.
   */
  auditKeyFile?: string;
  /** PHOTO_MAX_BYTES: largest photo of a case accepted (larger uploads get 413); held in memory while checked. */
  photoMaxBytes: number;
  /** TIME_LIMITS_FILE: the time limits of cases (限时办结), a JSON file like data/time-limits.json (the default). */
  timeLimitsFile: string;
  /** CAMERA_STREAM_TEMPLATE: the stream URL of a camera without its own `streamUrl`, "{id}" replaced by its id (none when unset). */
  cameraStreamTemplate?: string;
}

/** The defaults: the product runs on these with no configuration at all. */
export const DEFAULT_CONFIG: AppConfig = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './var',
  jurisdictionDir: 'data/demo',
  webDir: 'dist/web',
  demoFeed: true,
  demoRate: 30,
  tickMs: 250,
  liveMaxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES,
  windowHours: 24,
  logLevel: 'info',
  basemap: { mbtilesPath: DEMO_MBTILES },
  sessionHours: 12,
  apiKeys: [],
  allowedOrigins: [],
  rateLimitPerMinute: 6000,
  loginRateLimitPerMinute: 30,
  trustProxy: false,
  photoMaxBytes: 8 * 1024 * 1024,
  timeLimitsFile: DEFAULT_TIME_LIMITS_FILE,
};

/** Bounds of PHOTO_MAX_BYTES: a phone photo needs more than the floor; the ceiling bounds the memory an upload holds. */
export const PHOTO_MAX_BYTES_RANGE = [64 * 1024, 64 * 1024 * 1024] as const;

/** Shortest API key accepted from configuration. */
export const MIN_CONFIGURED_KEY_LENGTH = 24;
const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function apiKeys(env: Record<string, string | undefined>): ConfiguredKey[] {
  const raw = env.API_KEYS?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const at = entry.indexOf(':');
    const source = entry.slice(0, Math.max(at, 0)).trim();
    const key = entry.slice(at + 1).trim();
    if (at < 0 || !SOURCE.test(source)) throw new ConfigError(`API_KEYS: each entry must be source:key with a lower-case source name, got "${entry.slice(0, 24)}…"`);
    if (isReservedSource(source)) throw new ConfigError(`API_KEYS: ${reservedSourceReason(source)}`);
    if (key.length < MIN_CONFIGURED_KEY_LENGTH) throw new ConfigError(`API_KEYS: the key of ${source} must have at least ${MIN_CONFIGURED_KEY_LENGTH} characters (use \`npm run admin -- api-key issue ${source}\` or openssl rand -base64 32)`);
    return { source, key };
  });
}

function origins(env: Record<string, string | undefined>): string[] {
  const raw = env.ALLOWED_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((o) => {
    const text = o.trim();
    let origin: string;
    try {
      origin = new URL(text).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null' || origin !== text.replace(/\/$/, '')) throw new ConfigError(`ALLOWED_ORIGINS: ${text} is not an origin like https://wall.example.org:8443`);
    return origin;
  });
}

/** Names @fastify/proxy-addr knows: 127.0.0.0/8 and ::1, link-local, and the private ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR (address/prefix length) or a range name, as fastify's trustProxy takes them. */
function proxyAddressProblem(entry: string): string | undefined {
  if (PROXY_RANGE_NAMES.includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address, a CIDR like 10.0.0.0/8, or one of ${PROXY_RANGE_NAMES.join(', ')}`;
  if (prefix === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  const n = Number(prefix);
  return /^\d+$/.test(prefix) && n <= bits ? undefined : `"${entry}" has a prefix length outside 0–${bits}`;
}

function trustProxy(env: Record<string, string | undefined>): boolean | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '') return false;
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (/^\d+$/.test(raw)) {
    // fastify ≥ 5.12.1 trusts nobody for a hop count: it cannot tell the proxy from a client that
    // reaches the server directly and writes the header itself. Refused here rather than ignored there.
    throw new ConfigError(`TRUST_PROXY=${raw}: a hop count is not supported (it would let a client that reaches the server directly forge its address); give the proxy's addresses or CIDRs instead, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8`);
  }
  return raw.split(',').map((part) => {
    const entry = part.trim();
    const problem = proxyAddressProblem(entry);
    if (problem) throw new ConfigError(`TRUST_PROXY: ${problem}; use true, false, or a comma-separated list of proxy addresses/CIDRs`);
    return entry;
  });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A configuration value that cannot be used; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not an integer in [${min}, ${max}]`);
  }
  return value;
}

function number(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not a number in [${min}, ${max}]`);
  }
  return value;
}

function onOff(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]} must be on or off`);
}

function text(env: Record<string, string | undefined>, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? fallback : raw;
}

/** Reads the configuration from an environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const d = DEFAULT_CONFIG;
  const logLevel = text(env, 'LOG_LEVEL', d.logLevel);
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL=${logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  let basemap: BasemapConfig;
  try {
    basemap = basemapConfigFromEnv(env, d.basemap.mbtilesPath);
  } catch (err) {
    if (err instanceof BasemapConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const adminPassword = env.ADMIN_PASSWORD === undefined || env.ADMIN_PASSWORD === '' ? undefined : env.ADMIN_PASSWORD;
  const weak = adminPassword === undefined ? undefined : passwordProblem(adminPassword, 'admin');
  if (weak) throw new ConfigError(`ADMIN_PASSWORD is too weak: ${weak}`);
  // The file itself (permissions, length) is checked when the audit log opens it, at start.
  const auditKeyFile = text(env, 'AUDIT_KEY_FILE', '');
  const cameraStreamTemplate = text(env, 'CAMERA_STREAM_TEMPLATE', '');
  if (cameraStreamTemplate !== '' && !isPlayableUrl(cameraStreamTemplate.replaceAll('{id}', 'x'))) {
    throw new ConfigError('CAMERA_STREAM_TEMPLATE must be an http(s) URL or a path on this host, with {id} for the camera id');
  }
  return {
    port: integer(env, 'PORT', d.port, 0, 65535),
    host: text(env, 'HOST', d.host),
    dataDir: path.resolve(cwd, text(env, 'DATA_DIR', d.dataDir)),
    jurisdictionDir: path.resolve(cwd, text(env, 'JURISDICTION_DIR', d.jurisdictionDir)),
    webDir: path.resolve(cwd, text(env, 'WEB_DIR', d.webDir)),
    demoFeed: onOff(env, 'DEMO_FEED', d.demoFeed),
    demoRate: number(env, 'DEMO_RATE', d.demoRate, 0, 60_000),
    tickMs: integer(env, 'TICK_MS', d.tickMs, 20, 10_000),
    liveMaxQueuedBytes: integer(env, 'LIVE_MAX_QUEUED_BYTES', d.liveMaxQueuedBytes, 64 * 1024, 1024 * 1024 * 1024),
    windowHours: number(env, 'WINDOW_HOURS', d.windowHours, 1 / 60, 24 * 30),
    logLevel,
    basemap: { ...basemap, mbtilesPath: path.resolve(cwd, basemap.mbtilesPath) },
    sessionHours: number(env, 'SESSION_HOURS', d.sessionHours, 0.1, 24 * 30),
    ...(adminPassword === undefined ? {} : { adminPassword }),
    apiKeys: apiKeys(env),
    allowedOrigins: origins(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', d.rateLimitPerMinute, 1, 10_000_000),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', d.loginRateLimitPerMinute, 1, 10_000_000),
    trustProxy: trustProxy(env),
    ...(auditKeyFile === '' ? {} : { auditKeyFile: path.resolve(cwd, auditKeyFile) }),
    photoMaxBytes: integer(env, 'PHOTO_MAX_BYTES', d.photoMaxBytes, ...PHOTO_MAX_BYTES_RANGE),
    timeLimitsFile: path.resolve(cwd, text(env, 'TIME_LIMITS_FILE', d.timeLimitsFile)),
    ...(cameraStreamTemplate === '' ? {} : { cameraStreamTemplate }),
  };
}
