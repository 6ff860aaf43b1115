// The admin endpoints (accounts, display links, API keys, audit log), typed as the server answers
// them (the shapes are the wire types in server/wire/access.ts). A non-2xx answer becomes an
// HttpError carrying the server's reason.
import { API_BASE, HttpError } from '../api/http.ts';
import { sessionLost } from '../auth/session.ts';

import type { Account, AccountRole, ApiKey, AuditEntry, ChainVerdict, DisplayLink } from '../../server/wire/index.ts';
export { ACCOUNT_ROLES } from '../../server/wire/index.ts';
export type { Account, AccountRole, ApiKey, AuditEntry, ChainVerdict, DisplayLink } from '../../server/wire/index.ts';

/** An account change and, after a password reset or a generated first password, that password (shown once). */
export interface AccountWithPassword {
  account: Account;
  password?: string;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const url = `${API_BASE}${path}`;
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status === 401) sessionLost();
  if (!res.ok) {
    let reason = res.statusText;
    try {
      const b = (await res.json()) as { message?: string; error?: string };
      reason = b.message ?? b.error ?? reason;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new HttpError(res.status, url, reason);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const listAccounts = async () => (await call<{ accounts: Account[] }>('GET', '/accounts')).accounts;
export const createAccount = (input: { username: string; role: AccountRole; jurisdictionCode: string }) =>
  call<AccountWithPassword>('POST', '/accounts', input);
export const updateAccount = (id: number, patch: { role?: AccountRole; jurisdictionCode?: string; disabled?: boolean; resetPassword?: true }) =>
  call<AccountWithPassword>('PATCH', `/accounts/${id}`, patch);
export const deleteAccount = (id: number) => call<void>('DELETE', `/accounts/${id}`);

export const listDisplayLinks = async () => (await call<{ displayLinks: DisplayLink[] }>('GET', '/display-links')).displayLinks;
export const createDisplayLink = (input: { label: string; jurisdictionCode: string; expiresInHours?: number }) =>
  call<{ displayLink: DisplayLink; token: string; url: string; altUrl: string }>('POST', '/display-links', input);
export const revokeDisplayLink = (id: number) => call<{ displayLink: DisplayLink }>('DELETE', `/display-links/${id}`);

export const listApiKeys = async () => (await call<{ apiKeys: ApiKey[] }>('GET', '/api-keys')).apiKeys;
export const issueApiKey = (input: { source: string; label?: string }) => call<{ apiKey: ApiKey; key: string }>('POST', '/api-keys', input);
export const revokeApiKey = (id: string) => call<{ apiKey: ApiKey }>('DELETE', `/api-keys/${encodeURIComponent(id)}`);

export const AUDIT_PAGE = 50;
export const listAudit = (beforeSeq?: number) =>
  call<{ entries: AuditEntry[]; nextBeforeSeq: number | null }>('GET', `/audit?limit=${AUDIT_PAGE}${beforeSeq ? `&beforeSeq=${beforeSeq}` : ''}`);
export const verifyAudit = () => call<ChainVerdict>('GET', '/audit/verify');
/** A same-origin download link (the session cookie goes with it). */
export const auditExportUrl = (format: 'csv' | 'ndjson') => `${API_BASE}/audit/export?format=${format}`;

/** The reason to show for a failed call: the server's own words with the status. */
export function reasonOf(err: unknown): string {
  if (err instanceof HttpError) return `${err.status}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
