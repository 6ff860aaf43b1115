// Configuration: environment variables → a typed, validated AppConfig. Only server/index.ts calls
// loadConfig(process.env); everything else receives the AppConfig, so tests build their own.
import path from 'node:path';
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
  /** WINDOW_HOURS: default counting window of the per-township counts. */
  windowHours: number;
  /** LOG_LEVEL: pino level (fatal, error, warn, info, debug, trace, silent). */
  logLevel: string;
  /** BASEMAP_MBTILES, BASEMAP_RASTER_URL, BASEMAP_CRS, BASEMAP_ATTRIBUTION (see tiles/serve/basemap-config.ts). */
  basemap: BasemapConfig;
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
  windowHours: 24,
  logLevel: 'info',
  basemap: { mbtilesPath: DEMO_MBTILES },
};

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
  return {
    port: integer(env, 'PORT', d.port, 0, 65535),
    host: text(env, 'HOST', d.host),
    dataDir: path.resolve(cwd, text(env, 'DATA_DIR', d.dataDir)),
    jurisdictionDir: path.resolve(cwd, text(env, 'JURISDICTION_DIR', d.jurisdictionDir)),
    webDir: path.resolve(cwd, text(env, 'WEB_DIR', d.webDir)),
    demoFeed: onOff(env, 'DEMO_FEED', d.demoFeed),
    demoRate: number(env, 'DEMO_RATE', d.demoRate, 0, 60_000),
    tickMs: integer(env, 'TICK_MS', d.tickMs, 20, 10_000),
    windowHours: number(env, 'WINDOW_HOURS', d.windowHours, 1 / 60, 24 * 30),
    logLevel,
    basemap: { ...basemap, mbtilesPath: path.resolve(cwd, basemap.mbtilesPath) },
  };
}
