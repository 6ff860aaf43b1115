// The common case of validation without zod: an item that is certainly valid under
// incidentInputSchema is read directly (≈ 10× cheaper than safeParse); anything else — a missing,
// unknown or doubtful field — returns undefined and goes through zod, which names the problem. So
// this may only ever say yes where zod says yes, with zod's output (the tests check both).
import type { z } from 'zod';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, incidentInputSchema, MAX_DESCRIPTION_CHARS, sourceIdProblem } from '../wire/index.ts';
import type { ValidIncidentInput } from '../wire/index.ts';

const shape = incidentInputSchema.shape;
const KEYS = new Set(Object.keys(shape));
const CATEGORIES = new Set<string>(INCIDENT_CATEGORIES);
const PRIORITIES = new Set<string>(INCIDENT_PRIORITIES);

/** The pattern zod checks a string against, read from the schema so the two cannot drift. */
function patternOf(schema: z.ZodType): RegExp | undefined {
  const internals = (schema as unknown as { _zod?: { def?: { pattern?: unknown; checks?: { _zod?: { def?: { pattern?: unknown } } }[] } } })._zod;
  const own = internals?.def?.pattern;
  if (own instanceof RegExp) return own;
  const fromCheck = internals?.def?.checks?.map((c) => c._zod?.def?.pattern).find((p) => p instanceof RegExp);
  return fromCheck instanceof RegExp ? fromCheck : undefined;
}

const SOURCE = patternOf(shape.source);
const DATETIME = patternOf(shape.occurredAt);

/** The validated input when the item is certainly valid; undefined when zod must decide. */
export function fastValidInput(item: Record<string, unknown>): ValidIncidentInput | undefined {
  if (!SOURCE || !DATETIME) return undefined;
  let keys = 0;
  for (const k in item) {
    if (!Object.hasOwn(item, k) || !KEYS.has(k)) return undefined;
    keys++;
  }
  if (keys < KEYS.size - 1) return undefined; // only description may be left out
  const { source, sourceId, category, priority, lng, lat, occurredAt, description } = item;
  if (typeof source !== 'string' || !SOURCE.test(source)) return undefined;
  if (typeof sourceId !== 'string' || sourceIdProblem(sourceId) !== undefined) return undefined;
  if (typeof category !== 'string' || !CATEGORIES.has(category)) return undefined;
  if (typeof priority !== 'string' || !PRIORITIES.has(priority)) return undefined;
  if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) return undefined;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) return undefined;
  if (typeof occurredAt !== 'string' || !DATETIME.test(occurredAt)) return undefined;
  // UTF-16 length ≥ code points: within it is certainly within the limit; longer goes to zod, which counts code points.
  if (description !== undefined && (typeof description !== 'string' || description.length > MAX_DESCRIPTION_CHARS)) return undefined;
  return {
    source,
    sourceId,
    category: category as ValidIncidentInput['category'],
    priority: priority as ValidIncidentInput['priority'],
    lng,
    lat,
    occurredAt,
    description: description ?? '',
  };
}
