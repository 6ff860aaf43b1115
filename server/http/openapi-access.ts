// The OpenAPI paths of authentication, administration, audit and export, with request bodies and
// query parameters generated from the zod schemas the server validates with.
import type { z } from 'zod';
import { ACCOUNT_ROLES, ROLES } from '../auth/roles.ts';
import {
  accountPatchSchema,
  auditExportQuerySchema,
  auditQuerySchema,
  loginSchema,
  newAccountSchema,
  newApiKeySchema,
  newDisplayLinkSchema,
  passwordChangeSchema,
} from './access-schemas.ts';
import { EXPORT_DEFAULT_RANGE_DAYS, EXPORT_MAX_RANGE_DAYS } from './export-stream.ts';
import { incidentExportQuerySchema } from './incident-routes.ts';
import { fromZod, queryParameters } from './openapi-schemas.ts';

type Doc = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const answer = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => answer(description, ref('Error'));
const body = (schema: z.ZodType) => ({ required: true, ...json(fromZod(schema)) });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

const denied = { 401: error('not logged in (or the API key is unknown or revoked)'), 403: error('the role may not do this (audited)'), 429: error('rate limit: see Retry-After') };
const admin = (summary: string, extra: Doc): Doc => ({ summary, security: [{ session: [] }], ...extra, responses: { ...(extra.responses as Doc), ...denied } });

/** Paths under /api/v1 of the access API. */
export const accessPaths: Record<string, Doc> = {
  '/auth/login': {
    post: {
      summary: 'Log in (sets the session cookie)',
      description:
        'Sets `yzt_session` (httpOnly, SameSite=Strict, expires after SESSION_HOURS). Failed attempts are counted per ' +
        '(client address, username), for unknown usernames alike: after 5 in a row that address gets 423 with Retry-After ' +
        'for that username for 15 minutes (other addresses, the owner\'s among them, are not affected). Across all ' +
        'addresses, 50 failures of one username within a 15-minute window refuse every address (423) for the rest of that ' +
        'window. A throttled attempt is refused without checking the password. An unknown username, a disabled account and ' +
        'a wrong password get the same 401; a throttled known and unknown username the same 423. A successful login clears ' +
        'its (address, username) count; an admin\'s password reset or re-enable clears all counts of the username. ' +
        'With mustChangePassword only /auth/me, /auth/logout and /auth/password work.',
      security: [],
      requestBody: body(loginSchema),
      responses: {
        200: answer('logged in', ref('Me')),
        400: error('malformed body'),
        401: error('wrong username or password (the same for an unknown username)'),
        423: error('too many failed attempts for this username, from this address or from all; Retry-After says for how long'),
        429: error('too many password attempts from this address (LOGIN_RATE_LIMIT_PER_MINUTE, shared with /auth/password)'),
      },
    },
  },
  '/auth/logout': { post: { summary: 'Log out (ends the session, disconnects its live sockets)', security: [{ session: [] }], responses: { 204: { description: 'logged out' }, 401: error('not logged in') } } },
  '/auth/me': { get: { summary: 'The session: user, role, jurisdiction (code, level, name), mustChangePassword', security: [{ session: [] }], responses: { 200: answer('who you are', ref('Me')), 401: error('not logged in') } } },
  '/auth/password': {
    post: {
      summary: 'Change your own password (ends your other sessions)',
      description:
        'A wrong current password counts like a failed login of the account from the client address: 5 in a row from one ' +
        'address (logins and changes together) answer 423 with Retry-After for 15 minutes, and the per-username ceiling of ' +
        '/auth/login applies. Rate-limited per address together with /auth/login.',
      security: [{ session: [] }],
      requestBody: body(passwordChangeSchema),
      responses: {
        204: { description: 'changed' },
        400: error('the new password is too weak'),
        403: error('wrong current password, or a wall display'),
        401: error('not logged in'),
        423: error('too many wrong passwords for this account; Retry-After says for how long'),
        429: error('too many password attempts from this address'),
      },
    },
  },
  '/accounts': {
    get: admin('Accounts inside your jurisdiction (admin)', { responses: { 200: answer('accounts', { type: 'object', properties: { accounts: { type: 'array', items: ref('Account') } } }) } }),
    post: admin('Create an account (admin); without password a one-time password is generated and returned once', {
      requestBody: body(newAccountSchema),
      responses: { 201: answer('created', { type: 'object', properties: { account: ref('Account'), password: { type: 'string', description: 'only when generated' } } }), 400: error('invalid field'), 409: error('username taken') },
    }),
  },
  '/accounts/{id}': {
    patch: admin('Change role, jurisdiction, disable/enable, or reset the password (admin)', {
      parameters: id,
      requestBody: body(accountPatchSchema),
      responses: { 200: answer('changed', { type: 'object', properties: { account: ref('Account'), password: { type: 'string', description: 'only with resetPassword' } } }), 404: error('no such account in your jurisdiction'), 409: error('would remove the last county admin, or your own access') },
    }),
    delete: admin('Delete an account (admin); its sessions end and sockets disconnect', { parameters: id, responses: { 204: { description: 'deleted' }, 404: error('no such account'), 409: error('last county admin, or yourself') } }),
  },
  '/display-links': {
    get: admin('Display links inside your jurisdiction (admin)', { responses: { 200: answer('links', { type: 'object', properties: { displayLinks: { type: 'array', items: ref('DisplayLink') } } }) } }),
    post: admin('Create a wall display link (admin); its URL is returned once', {
      description:
        'Opening `/display/<token>` (or `/?display=<token>`) sets a read-only wall-display session scoped to the jurisdiction and redirects to `/`. ' +
        'The session lasts 7 days, or until the link expires when that is sooner; once less than half of it remains, a request of the wall extends ' +
        'it (a fresh Set-Cookie) as long as the link stays usable. Revoking the link, or its expiry, ends its sessions at once. ' +
        'A display that keeps no cookies may connect the live channel with `auth: { display: token }`.',
      requestBody: body(newDisplayLinkSchema),
      responses: { 201: answer('created', { type: 'object', properties: { displayLink: ref('DisplayLink'), token: { type: 'string' }, url: { type: 'string' }, altUrl: { type: 'string' } } }), 400: error('invalid field') },
    }),
  },
  '/display-links/{id}': { delete: admin('Revoke a display link (admin); its sessions end and its walls disconnect', { parameters: id, responses: { 200: answer('revoked', { type: 'object', properties: { displayLink: ref('DisplayLink') } }), 404: error('no such link'), 409: error('already revoked') } }) },
  '/api-keys': {
    get: admin('API keys, issued and configured (county admin)', { responses: { 200: answer('keys (never the secrets)', { type: 'object', properties: { apiKeys: { type: 'array', items: ref('ApiKey') } } }) } }),
    post: admin('Issue an API key for one source (county admin); the key is returned once', { requestBody: body(newApiKeySchema), responses: { 201: answer('issued', { type: 'object', properties: { apiKey: ref('ApiKey'), key: { type: 'string' } } }) } }),
  },
  '/api-keys/{id}': { delete: admin('Revoke an issued API key (county admin)', { parameters: id, responses: { 200: answer('revoked', { type: 'object', properties: { apiKey: ref('ApiKey') } }), 404: error('no such key'), 409: error('configured or already revoked') } }) },
  '/audit': {
    get: admin('The audit log, newest first, paged (county admin)', {
      parameters: queryParameters(auditQuerySchema),
      responses: { 200: answer('entries', { type: 'object', properties: { entries: { type: 'array', items: ref('AuditEntry') }, nextBeforeSeq: { type: ['integer', 'null'] } } }) },
    }),
  },
  '/audit/export': {
    get: admin('Export the audit log as CSV or NDJSON (county admin; the export is itself audited)', {
      description:
        `In seq order (the order written). A range of at most ${EXPORT_MAX_RANGE_DAYS} days (default: the last ${EXPORT_DEFAULT_RANGE_DAYS}); without until, every entry ` +
        'written before the export started. Streamed as it is read (no Content-Length): a cut-off download ends mid-file. On record twice: ' +
        '`audit.exported` (the request) when it starts, `audit.export-ended` (rows written, complete true/false) when it ends or the client goes away.',
      parameters: queryParameters(auditExportQuerySchema),
      responses: {
        200: { description: 'text/csv (UTF-8 with BOM) or application/x-ndjson, one entry per line' },
        400: error(`a query parameter is invalid, or since is not before until, or the range is longer than ${EXPORT_MAX_RANGE_DAYS} days; \`field\` is since`),
      },
    }),
  },
  '/audit/verify': { get: admin('Verify the sealed hash chain and the checkpoint of its end; names the first broken entry, or says the end could not be checked (county admin)', { responses: { 200: answer('verdict', ref('ChainVerdict')) } }) },
  '/incidents/export': {
    get: admin('Export the incidents of your jurisdiction as CSV or NDJSON (admin, leader, duty officer; audited)', {
      description:
        `Oldest first by (occurredAt, seq), the order of the time index it is read by. A range of at most ${EXPORT_MAX_RANGE_DAYS} days ` +
        `(default: the last ${EXPORT_DEFAULT_RANGE_DAYS}); export longer history in several requests. Streamed as it is read, a page at a time ` +
        '(no Content-Length): a cut-off download ends mid-file. On record twice: `incidents.exported` (the request) when it starts, ' +
        '`incidents.export-ended` (rows written, complete true/false) when it ends or the client goes away.',
      parameters: queryParameters(incidentExportQuerySchema),
      responses: {
        200: { description: 'text/csv (UTF-8 with BOM) or application/x-ndjson, one incident per line' },
        400: error(`a query parameter is invalid, or since is not before until, or the range is longer than ${EXPORT_MAX_RANGE_DAYS} days; \`field\` is since`),
      },
    }),
  },
};

const str = { type: 'string' };
const int = { type: 'integer' };

/** Component schemas of the access API's answers. */
export const accessSchemas: Record<string, Doc> = {
  Me: {
    type: 'object',
    properties: {
      kind: { enum: ['account', 'display'] },
      user: { type: ['object', 'null'], properties: { id: int, username: str } },
      displayLink: { type: ['object', 'null'], properties: { id: int, label: str } },
      role: { enum: [...ROLES] },
      jurisdiction: { type: 'object', properties: { code: str, level: { enum: ['county', 'township', 'village'] }, name: str, path: { type: 'array', items: str } } },
      mustChangePassword: { type: 'boolean' },
      sessionExpiresAt: { type: 'string', format: 'date-time' },
    },
  },
  Account: {
    type: 'object',
    properties: {
      id: int,
      username: str,
      role: { enum: [...ACCOUNT_ROLES] },
      jurisdictionCode: str,
      mustChangePassword: { type: 'boolean' },
      disabled: { type: 'boolean' },
      loginThrottle: {
        type: 'object',
        properties: {
          recentFailures: { ...int, description: 'failed password attempts for this username in its current 15-minute window, from any address' },
          throttledAddresses: { ...int, description: 'client addresses refused for this username now' },
          allAddressesUntil: { type: ['integer', 'null'], description: 'ms since epoch: every address is refused until then (per-username ceiling); null when not' },
        },
      },
      createdAt: str,
      updatedAt: str,
    },
  },
  DisplayLink: { type: 'object', properties: { id: int, label: str, jurisdictionCode: str, createdBy: str, createdAt: str, expiresAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] } } },
  ApiKey: { type: 'object', properties: { id: str, source: str, label: str, origin: { enum: ['issued', 'config'] }, createdBy: { type: ['string', 'null'] }, createdAt: { type: ['string', 'null'] }, revokedAt: { type: ['string', 'null'] }, lastUsedAt: { type: ['string', 'null'] } } },
  AuditEntry: {
    type: 'object',
    properties: { seq: int, at: str, actor: { type: 'object', properties: { type: str, id: str, name: str } }, action: str, target: { type: ['string', 'null'] }, before: {}, after: {}, details: {}, ip: { type: ['string', 'null'] }, prevHash: str, hash: str },
  },
  ChainVerdict: {
    type: 'object',
    properties: {
      ok: { type: 'boolean', description: 'every entry fits the chain and the end of the log matches a checkpoint that verifies' },
      entries: int,
      headHash: { type: 'string', description: 'hash of the last entry that verifies: keep a copy elsewhere' },
      firstBroken: { type: 'object', properties: { seq: int, reason: str } },
      keyedSince: { type: ['integer', 'null'], description: 'first entry sealed with the audit key (HMAC-SHA-256); earlier ones are legacy plain SHA-256' },
      checkpoint: {
        type: 'object',
        properties: {
          status: { enum: ['ok', 'behind', 'missing', 'invalid', 'truncated', 'mismatch'] },
          seq: int,
          hash: str,
          reestablishedAt: { type: 'array', items: int, description: 'entries at which a start found the checkpoint missing and began a new one' },
        },
      },
    },
  },
};
