// The one HTTP client of the reliability suite. Every request that posts incidents goes through
// here, so the credentials a server wants (issue 5: an API key per source, sent as a bearer token)
// are added in one place and every test keeps testing what it is about, not the authentication.
import type { AppConfig } from '../config.ts';
import type { IngestResult } from '../wire/index.ts';

/** The source every reliability test posts as: API keys are valid only for their own source. */
export const TEST_SOURCE = 'hotline-12345';
/** The API key the test servers are configured with for TEST_SOURCE. */
export const TEST_API_KEY = 'reliability-suite-key-7d3f9c2a41e8b605';

/** Environment for a spawned server (server/index.ts): the API key it accepts. */
export function apiKeyEnv(): Record<string, string> {
  return { API_KEYS: `${TEST_SOURCE}:${TEST_API_KEY}` };
}

/** Configuration for an in-process server (createApp) that accepts the test API key. */
export function withApiKey(config: AppConfig): AppConfig {
  // AppConfig has no API key field yet; when authentication lands, the key is added here.
  return config;
}

/** Headers that authenticate a request as TEST_SOURCE. */
export function authHeaders(): Record<string, string> {
  return { authorization: `Bearer ${TEST_API_KEY}` };
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends any bytes to any route with any content type (undefined = no Content-Type header). */
export async function sendRaw(
  baseUrl: string,
  method: 'GET' | 'POST',
  route: string,
  body?: string | Uint8Array<ArrayBuffer>,
  contentType?: string,
  extraHeaders: Record<string, string> = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...authHeaders(), ...extraHeaders };
  if (contentType !== undefined) headers['content-type'] = contentType;
  // A Uint8Array body gets no implicit Content-Type; a string one would get text/plain.
  const payload = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const res = await fetch(`${baseUrl}${route}`, { method, headers, body: payload });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

export interface PostAnswer {
  status: number;
  body: IngestResult;
}

/** POST /api/v1/events with a JSON body; rejects on a network error (the server is gone). */
export async function postEvents(baseUrl: string, body: unknown): Promise<PostAnswer> {
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST /events answered ${res.status}: ${text.slice(0, 500)}`);
  return { status: res.status, body: JSON.parse(text) as IngestResult };
}

/** GET a JSON route; throws unless it answers 200. */
export async function getJson<T>(baseUrl: string, route: string): Promise<T> {
  const res = await fetch(`${baseUrl}${route}`, { headers: authHeaders() });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
