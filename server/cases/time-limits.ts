// Time limits (限时办结) are data, not code: a table per priority with per-category overrides, read
// from a JSON file a county can copy and edit (data/time-limits.json documents itself). Durations are
// calendar time. The rules read them only when a step starts and write the due time into the event,
// so replaying an old log gives the same due times whatever the file says today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, type IncidentCategory, type IncidentPriority } from '../wire/index.ts';

/** The steps that have a limit (see data/time-limits.json for when each starts). */
export const LIMIT_STEPS = ['accept', 'handle', 'verify', 'total'] as const;
export type LimitStep = (typeof LIMIT_STEPS)[number];

/** Milliseconds allowed for each step. */
export type StepLimits = Record<LimitStep, number>;

/** The limits in force, resolved for every category × priority. */
export interface TimeLimits {
  /** The limits of a case of this category and priority. */
  limitsFor(category: IncidentCategory, priority: IncidentPriority): StepLimits;
  /** The validated table they were built from (durations as written). */
  table: TimeLimitTable;
}

/** The file that ships with the server (the defaults). */
export const DEFAULT_TIME_LIMITS_FILE = fileURLToPath(new URL('../../data/time-limits.json', import.meta.url));

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
const MAX_MS = 366 * UNIT_MS.d;

/** Milliseconds of a duration such as "5m", "2h", "1d" or "1d12h"; NaN when it is not one. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?$/.exec(text);
  if (!m || text === '') return NaN;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Number(d) * UNIT_MS.d + Number(h) * UNIT_MS.h + Number(min) * UNIT_MS.m + Number(s) * UNIT_MS.s;
}

const duration = z.string({ error: 'must be a duration such as "30m", "2h", "1d" or "1d12h"' }).refine((text) => {
  const ms = parseDuration(text);
  return ms > 0 && ms <= MAX_MS;
}, { error: (issue) => `${JSON.stringify(issue.input)} is not a duration of 1 s to 366 d (write e.g. "30m", "2h", "1d", "1d12h")` });

const comment = z.union([z.string(), z.array(z.string())]).optional();
const fullSteps = z.strictObject(Object.fromEntries(LIMIT_STEPS.map((s) => [s, duration])) as Record<LimitStep, typeof duration>);
const someSteps = z.strictObject({ $comment: comment, ...Object.fromEntries(LIMIT_STEPS.map((s) => [s, duration.optional()])) as Record<LimitStep, z.ZodOptional<typeof duration>> });
const priorityRows = z.strictObject(Object.fromEntries(INCIDENT_PRIORITIES.map((p) => [p, fullSteps])) as Record<IncidentPriority, typeof fullSteps>);
const categoryOverride = z.strictObject({ $comment: comment, '*': someSteps.optional(), ...Object.fromEntries(INCIDENT_PRIORITIES.map((p) => [p, someSteps.optional()])) as Record<IncidentPriority, z.ZodOptional<typeof someSteps>> });

/** The shape of data/time-limits.json. */
export const timeLimitTableSchema = z.strictObject({
  $comment: comment,
  priorities: priorityRows,
  categories: z.strictObject(Object.fromEntries(INCIDENT_CATEGORIES.map((c) => [c, categoryOverride.optional()])) as Record<IncidentCategory, z.ZodOptional<typeof categoryOverride>>).optional(),
});
export type TimeLimitTable = z.output<typeof timeLimitTableSchema>;

/** A time-limits file that cannot be used; the message names the file and the key. */
export class TimeLimitsError extends Error {
  override name = 'TimeLimitsError';
}

/** Validates a table (e.g. a parsed file) and resolves it; `origin` names it in errors. */
export function parseTimeLimits(value: unknown, origin = 'time limits'): TimeLimits {
  const parsed = timeLimitTableSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    if (keys.length === 0) throw new TimeLimitsError(`${origin} must be a JSON object with "priorities" (and optionally "categories")`);
    const key = keys.join('.');
    const why = issue.code === 'unrecognized_keys' ? 'is not a known key' : issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    throw new TimeLimitsError(`${origin}: ${key} ${why}`);
  }
  const table = parsed.data;
  const resolved = new Map<string, StepLimits>();
  for (const category of INCIDENT_CATEGORIES) {
    const override = table.categories?.[category];
    for (const priority of INCIDENT_PRIORITIES) {
      const steps = { ...table.priorities[priority], ...defined(override?.['*']), ...defined(override?.[priority]) };
      resolved.set(`${category}/${priority}`, Object.fromEntries(LIMIT_STEPS.map((s) => [s, parseDuration(steps[s])])) as StepLimits);
    }
  }
  return {
    table,
    limitsFor(category, priority) {
      const limits = resolved.get(`${category}/${priority}`);
      if (!limits) throw new RangeError(`no time limits for ${category}/${priority}`);
      return limits;
    },
  };
}

/** Reads and validates a time-limits file (default: the shipped data/time-limits.json). */
export function loadTimeLimits(file = DEFAULT_TIME_LIMITS_FILE): TimeLimits {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TimeLimitsError(`cannot read time limits ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new TimeLimitsError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseTimeLimits(value, file);
}

/** The steps of an override that are set (drops $comment and absent steps). */
function defined(steps: Partial<Record<LimitStep | '$comment', unknown>> | undefined): Partial<Record<LimitStep, string>> {
  const out: Partial<Record<LimitStep, string>> = {};
  for (const s of LIMIT_STEPS) if (typeof steps?.[s] === 'string') out[s] = steps[s];
  return out;
}
