// Cases (案件) in their closed loop: the pure domain module. The store appends what decide returns
// and folds with apply; HTTP, live and aggregates call these and never re-implement a rule.
export { decide, createdDraft, type DecideContext, type Decision } from './decide.ts';
export { apply, fold, CaseLogError } from './apply.ts';
export { gate, availableCommands, COMMAND_STAGES, inJurisdiction, type AccountActor } from './authority.ts';
export { overdue } from './overdue.ts';
export { createDeadlineQueue, type DeadlineQueue, type DeadlineCrossing, type DeadlineLimit } from './deadline-queue.ts';
export { loadTimeLimits, parseTimeLimits, parseDuration, TimeLimitsError, DEFAULT_TIME_LIMITS_FILE, type TimeLimits, type StepLimits, type TimeLimitTable } from './time-limits.ts';
export { suggestMerges, DUPLICATE_DEFAULTS, type DuplicateOptions, type SuggestedMerge } from './duplicates.ts';
export { createNearbyIndex, distanceM, type NearbyIndex, type PlacedCase } from './nearby-index.ts';
export { centreCodeAt } from './levels.ts';
