// Query-string schemas of the read endpoints, in zod so the OpenAPI document is generated from them.
import { z } from 'zod';
import { INCIDENT_CATEGORIES } from '../wire/index.ts';
import { HttpError } from './errors.ts';

const isoDateTime = (name: string) =>
  z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with a time zone, e.g. 2026-11-22T08:00:00+08:00` });

const townshipCode = z.string().regex(/^\d{9}$/, 'township must be a 9-digit township code');

/** Most incidents one GET /incidents returns. */
export const MAX_LIST_LIMIT = 5000;

/** GET /api/v1/incidents */
export const incidentsQuerySchema = z.strictObject({
  since: isoDateTime('since').optional().describe('Only incidents that occurred at or after this time.'),
  until: isoDateTime('until').optional().describe('Only incidents that occurred before this time.'),
  township: townshipCode.optional().describe('Only incidents in this township (9-digit code).'),
  townshipCode: townshipCode.optional().describe('Alias of township.'),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }).optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(MAX_LIST_LIMIT, `limit must be at most ${MAX_LIST_LIMIT}`)
    .default(200)
    .describe('Most incidents to return, newest first.'),
});

/** GET /api/v1/counts */
export const countsQuerySchema = z.strictObject({
  windowHours: z.coerce
    .number({ error: 'windowHours must be a number' })
    .gt(0, 'windowHours must be more than 0')
    .max(720, 'windowHours must be at most 720 (30 days)')
    .optional()
    .describe('Length of the counting window ending now, in hours (default WINDOW_HOURS).'),
});

/** Parses a query string object with a schema; a bad parameter becomes a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '';
    throw new HttpError(400, `unknown query parameter ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: allowed are ${allowed}`, issue.keys[0]);
  }
  const field = issue.path.map(String).join('.');
  throw new HttpError(400, issue.message, field || undefined);
}
