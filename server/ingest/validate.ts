// Validation of what sources post: one incident object or an array of them. Every bad item gets
// its own {index, field, reason}; good items in the same batch are still accepted.
import type { z } from 'zod';
import { incidentInputSchema } from '../wire/index.ts';
import type { RejectedIncident, ValidIncidentInput } from '../wire/index.ts';
import { fastValidInput } from './fast-valid.ts';

/** Most items one POST may carry; larger batches are refused as a whole. */
export const MAX_BATCH_ITEMS = 1000;

/** An incident that passed validation, with its occurredAt normalised to UTC. */
export interface ValidItem {
  index: number;
  input: ValidIncidentInput;
  occurredAtMs: number;
}

export interface ValidationResult {
  valid: ValidItem[];
  rejected: RejectedIncident[];
}

/** The body as a whole cannot be used (wrong shape, too many items): nothing in it is looked at. */
export class BatchError extends Error {
  override name = 'BatchError';
  constructor(
    message: string,
    readonly statusCode: 400 | 413,
  ) {
    super(message);
  }
}

/** How far in the future occurredAt may lie: sources' clocks drift, but not by hours. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;

const ALLOWED = Object.keys(incidentInputSchema.shape).join(', ');

/** Turns zod's issue path into a field name: "lat", "" → "(item)". */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(item)' : path.map(String).join('.');
}

function issueToRejection(issue: z.core.$ZodIssue, item: Record<string, unknown>, index: number): RejectedIncident {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return { index, field: issue.keys[0] || '(empty key)', reason: `unknown field ${keys}: allowed are ${ALLOWED}` };
  }
  const field = fieldOf(issue.path);
  if (issue.path.length === 1 && !Object.hasOwn(item, field)) return { index, field, reason: `${field} is required` };
  let reason = issue.message;
  // A common integration mistake: latitude and longitude exchanged.
  const { lng, lat } = item;
  if (field === 'lat' && typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) > 90 && Math.abs(lng) <= 90) {
    reason += ` (got lat ${lat}, lng ${lng}: are lng and lat swapped?)`;
  }
  return { index, field, reason };
}

function validateItem(item: unknown, index: number, nowMs: number): ValidItem | RejectedIncident[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    const got = item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item;
    return [{ index, field: '(item)', reason: `each incident must be a JSON object, got ${got}` }];
  }
  // Most items are valid: a direct check accepts them; anything it is unsure of goes to zod.
  const fast = fastValidInput(item as Record<string, unknown>);
  const parsed = fast ? { success: true as const, data: fast } : incidentInputSchema.safeParse(item);
  if (!parsed.success) {
    // One rejection per bad field (the first reason for each), so a source can fix all at once.
    const byField = new Map<string, RejectedIncident>();
    for (const issue of parsed.error.issues) {
      const r = issueToRejection(issue, item as Record<string, unknown>, index);
      if (!byField.has(r.field)) byField.set(r.field, r);
    }
    return [...byField.values()];
  }
  const input = parsed.data;
  const occurredAtMs = Date.parse(input.occurredAt);
  if (!Number.isFinite(occurredAtMs)) {
    return [{ index, field: 'occurredAt', reason: 'occurredAt is not a valid date' }];
  }
  if (occurredAtMs > nowMs + FUTURE_TOLERANCE_MS) {
    const server = new Date(nowMs).toISOString();
    return [{ index, field: 'occurredAt', reason: `occurredAt ${input.occurredAt} lies in the future (server time ${server})` }];
  }
  // Already in the stored form (the only 24-character form the schema lets through ending in Z)?
  const occurredAt = input.occurredAt.length === 24 && input.occurredAt.endsWith('Z') ? input.occurredAt : new Date(occurredAtMs).toISOString();
  // Built key by key (no spread): a fixed shape keeps later property reads fast.
  return {
    index,
    input: {
      source: input.source,
      sourceId: input.sourceId,
      category: input.category,
      priority: input.priority,
      lng: input.lng,
      lat: input.lat,
      occurredAt,
      description: input.description,
    },
    occurredAtMs,
  };
}

/** Validates a parsed request body; throws BatchError when the body as a whole is unusable. */
export function validateBatch(body: unknown, nowMs: number): ValidationResult {
  let items: unknown[];
  if (Array.isArray(body)) {
    if (body.length === 0) throw new BatchError('the array of incidents is empty', 400);
    if (body.length > MAX_BATCH_ITEMS) {
      throw new BatchError(`a batch may hold at most ${MAX_BATCH_ITEMS} incidents, got ${body.length}: split it`, 413);
    }
    items = body;
  } else if (typeof body === 'object' && body !== null) {
    items = [body];
  } else {
    const got = body === null || body === undefined ? 'nothing' : typeof body;
    throw new BatchError(`the body must be one incident object or an array of them, got ${got}`, 400);
  }
  const result: ValidationResult = { valid: [], rejected: [] };
  items.forEach((item, index) => {
    const r = validateItem(item, index, nowMs);
    if (Array.isArray(r)) result.rejected.push(...r);
    else result.valid.push(r);
  });
  return result;
}
