// Request schemas of the access API (login, password, accounts, display links, API keys, audit),
// in zod: the server validates with them and the OpenAPI document is generated from them.
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../auth/password.ts';
import { accountRoleSchema } from '../auth/roles.ts';
import { HttpError } from './errors.ts';
import { EXPORT_DEFAULT_RANGE_DAYS, EXPORT_MAX_RANGE_DAYS } from './export-stream.ts';

const password = (name: string) => z.string({ error: `${name} must be a string` }).min(1, `${name} is required`).max(MAX_PASSWORD_LENGTH, `${name} is too long`);
const jurisdictionCode = z
  .string({ error: 'jurisdictionCode must be a string' })
  .regex(/^(\d{6}|\d{9}|\d{12})$/, 'jurisdictionCode must be a county (6 digits), township (9) or village (12) code');
const label = z.string({ error: 'label must be a string' }).trim().min(1, 'label is required').max(100, 'label must be at most 100 characters');

export const loginSchema = z.strictObject({
  username: z.string({ error: 'username must be a string' }).min(1, 'username is required').max(64, 'username is too long'),
  password: password('password'),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: password('currentPassword'),
  newPassword: password('newPassword'),
});

export const usernameSchema = z
  .string({ error: 'username must be a string' })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{1,63}$/u, 'username must be 2-64 letters, digits, . _ or -, starting with a letter or digit');

export const newAccountSchema = z.strictObject({
  username: usernameSchema,
  role: accountRoleSchema,
  jurisdictionCode,
  password: password('password').optional().describe('Omit to have a one-time password generated and returned once.'),
  mustChangePassword: z.boolean({ error: 'mustChangePassword must be true or false' }).optional().describe('Default true.'),
});

export const accountPatchSchema = z
  .strictObject({
    role: accountRoleSchema.optional(),
    jurisdictionCode: jurisdictionCode.optional(),
    disabled: z.boolean({ error: 'disabled must be true or false' }).optional(),
    resetPassword: z.literal(true, { error: 'resetPassword must be true when given' }).optional().describe('Generate a new one-time password, returned once.'),
  })
  .refine((p) => Object.keys(p).length > 0, 'give at least one of role, jurisdictionCode, disabled, resetPassword');

export const newDisplayLinkSchema = z.strictObject({
  label,
  jurisdictionCode,
  expiresInHours: z.number({ error: 'expiresInHours must be a number' }).positive('expiresInHours must be more than 0').max(24 * 400, 'expiresInHours must be at most 9600').optional().describe('Omit for a link that lasts until revoked.'),
});

export const newApiKeySchema = z.strictObject({
  source: z.string({ error: 'source must be a string' }).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'source must be a lower-case slug of 1-64 characters (a-z, 0-9, . _ -)'),
  label: label.optional(),
});

export const idParamSchema = z.strictObject({ id: z.coerce.number({ error: 'id must be a number' }).int('id must be an integer').positive('id must be positive') });
export const keyIdParamSchema = z.strictObject({ id: z.string().regex(/^(\d{1,15}|config:[a-z0-9._-]{1,64})$/, 'id must be an API key id') });

const isoDateTime = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with a time zone` });

export const auditQuerySchema = z.strictObject({
  beforeSeq: z.coerce.number({ error: 'beforeSeq must be a number' }).int('beforeSeq must be an integer').positive('beforeSeq must be positive').optional().describe('Page backwards: entries with seq below this.'),
  action: z.string().regex(/^[a-z-]+(\.[a-z-]*)?$/, 'action must be like auth.login, or a prefix like account.').optional().describe('One action, or every action under a prefix ending in a dot.'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be an integer').min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(100),
});

export const exportFormatSchema = z.enum(['csv', 'ndjson'], { error: 'format must be csv or ndjson' });

export const auditExportQuerySchema = z.strictObject({
  format: exportFormatSchema.default('ndjson'),
  since: isoDateTime('since').optional()
    .describe(`Entries written at or after this time. Default: ${EXPORT_DEFAULT_RANGE_DAYS} days before until (or now). At most ${EXPORT_MAX_RANGE_DAYS} days before until (or now): a longer range is a 400.`),
  until: isoDateTime('until').optional().describe('Entries written before this time. Default: every entry written before the export started.'),
});

/** Parses a JSON body with a schema; a bad field becomes a 400 naming it. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new HttpError(400, `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`, issue.keys[0]);
  const field = issue.path.map(String).join('.');
  throw new HttpError(400, issue.message, field || undefined);
}
