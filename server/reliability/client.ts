// The one HTTP client of the reliability suite: it holds the credentials, so every test keeps
// testing what it is about, not the authentication. POST /api/v1/events goes with the API key of
// TEST_SOURCE (issue 5: a key per source, `Authorization: Bearer`); every other route, and the live
// channel, with a session cookie of the county admin (reads need an account; a key may only post).
import type { YizhangtuApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { adminCookie } from '../test-fixtures/auth.ts';
import type { IngestResult } from '../wire/index.ts';

/** The source every reliability test posts as: API keys are valid only for their own source. */
export const TEST_SOURCE = 'hotline-12345';
/** The API key the test servers accept for TEST_SOURCE. */
export const TEST_API_KEY = 'reliability-suite-key-7d3f9c2a41e8b605';

const EVENTS_ROUTE = '/api/v1/events';

/** Environment for a spawned server (server/index.ts): the API key it accepts. */
export function apiKeyEnv(): Record<string, string> {
  return { API_KEYS: `${TEST_SOURCE}:${TEST_API_KEY}` };
}

/** Configuration for an in-process server (createApp) that also accepts the test API key. */
export function withApiKey(config: AppConfig): AppConfig {
  return { ...config, apiKeys: [...config.apiKeys, { source: TEST_SOURCE, key: TEST_API_KEY }] };
}

/** Headers that open the live channel (and read the API) as the county admin of an in-process server. */
export function sessionHeaders(app: YizhangtuApp): Record<string, string> {
  return { cookie: adminCookie(app) };
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface PostAnswer {
  status: number;
  body: IngestResult;
}

/** A client of one server; `session` (from sessionHeaders) is needed for everything but posting incidents. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly session: Record<string, string> = {},
  ) {}

  private credentials(method: string, route: string): Record<string, string> {
    return method === 'POST' && route.split('?')[0] === EVENTS_ROUTE ? { authorization: `Bearer ${TEST_API_KEY}` } : this.session;
  }

  /** Sends any bytes to any route with any content type (undefined = no Content-Type header). */
  async raw(method: 'GET' | 'POST', route: string, body?: string | Uint8Array<ArrayBuffer>, contentType?: string, extraHeaders: Record<string, string> = {}): Promise<RawAnswer> {
    const headers: Record<string, string> = { ...this.credentials(method, route), ...extraHeaders };
    if (contentType !== undefined) headers['content-type'] = contentType;
    // A Uint8Array body gets no implicit Content-Type; a string one would get text/plain.
    const payload = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const res = await fetch(`${this.baseUrl}${route}`, { method, headers, body: payload });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  /** POST /api/v1/events with a JSON body; rejects on a network error (the server is gone) or a refusal. */
  async postEvents(body: unknown): Promise<PostAnswer> {
    const a = await this.raw('POST', EVENTS_ROUTE, JSON.stringify(body), 'application/json');
    if (a.status !== 200 && a.status !== 201) throw new Error(`POST /events answered ${a.status}: ${a.text.slice(0, 500)}`);
    return { status: a.status, body: JSON.parse(a.text) as IngestResult };
  }

  /** GET a JSON route; throws unless it answers 200. */
  async getJson<T>(route: string): Promise<T> {
    const a = await this.raw('GET', route);
    if (a.status !== 200) throw new Error(`GET ${route} answered ${a.status}: ${a.text.slice(0, 500)}`);
    return JSON.parse(a.text) as T;
  }
}
