// Credentials for tests: the admin password and API keys every fixture server is configured with,
// and quick ways to get a session cookie (created in-process, without spending scrypt time on a
// login per test) or to log in over HTTP like a browser.
import type { YizhangtuApp } from '../app.ts';
import type { AccountRole } from '../auth/roles.ts';
import { hashPassword } from '../auth/password.ts';
import { SESSION_COOKIE } from '../http/cookies.ts';

/** ADMIN_PASSWORD of fixture servers (the `admin` account, county scope). */
export const TEST_ADMIN_PASSWORD = 'fixture-admin-password-42';

/** Password of the accounts made by sessionFor(). */
export const TEST_PASSWORD = 'fixture-account-password-7';

/** API_KEYS of fixture servers: one key per source used in tests. */
export const TEST_API_KEYS = [
  { source: 'hotline-12345', key: 'test-key-hotline-12345-0123456789abcdef' },
  { source: 'alarm-110', key: 'test-key-alarm-110-0123456789abcdef' },
  { source: 'sensor', key: 'test-key-sensor-0123456789abcdef' },
  { source: 'camera-ai', key: 'test-key-camera-ai-0123456789abcdef' },
];

/** The configured key of a source. */
export function testKey(source = 'hotline-12345'): string {
  const k = TEST_API_KEYS.find((x) => x.source === source);
  if (!k) throw new Error(`no test API key for ${source}`);
  return k.key;
}

/** Headers that post JSON with a source's API key. */
export function keyHeaders(source = 'hotline-12345'): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${testKey(source)}` };
}

let passwordHash: Promise<string> | undefined;

/** A Cookie header value for a new session of an existing account, made in-process. */
export function cookieFor(server: YizhangtuApp, accountId: number): string {
  const { token } = server.access.sessions.create({ accountId }, server.access.now() + server.access.options.sessionMs);
  return `${SESSION_COOKIE}=${token}`;
}

/** A Cookie header value for the fixture admin (county scope). */
export function adminCookie(server: YizhangtuApp): string {
  const admin = server.access.accounts.byUsername('admin');
  if (!admin) throw new Error('the fixture server has no admin');
  return cookieFor(server, admin.account.id);
}

/** Creates an account (password TEST_PASSWORD, no forced change) and returns it with a session cookie. */
export async function sessionFor(
  server: YizhangtuApp,
  who: { role: AccountRole; jurisdictionCode: string; username?: string },
): Promise<{ accountId: number; username: string; cookie: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = who.username ?? `${who.role}-${who.jurisdictionCode}-${Math.random().toString(36).slice(2, 8)}`;
  const account = server.access.accounts.create({ username, role: who.role, jurisdictionCode: who.jurisdictionCode, passwordHash: await passwordHash, mustChangePassword: false });
  return { accountId: account.id, username, cookie: cookieFor(server, account.id) };
}

/** A Cookie header value for a new wall-display session of a new display link. */
export function displayCookie(server: YizhangtuApp, jurisdictionCode: string): { cookie: string; linkId: number; token: string } {
  const { link, token } = server.access.displayLinks.create({ label: `wall ${jurisdictionCode}`, jurisdictionCode, createdBy: 'test', expiresAt: null });
  const { token: session } = server.access.sessions.create({ displayLinkId: link.id }, server.access.now() + 86_400_000);
  return { cookie: `${SESSION_COOKIE}=${session}`, linkId: link.id, token };
}

/** Logs in over HTTP like a browser; returns the Cookie header value and the answer. */
export async function login(url: string, username: string, password: string): Promise<{ status: number; cookie?: string; body: unknown }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const set = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set);
  return { status: res.status, ...(m ? { cookie: `${SESSION_COOKIE}=${m[1]}` } : {}), body: await res.json() };
}
