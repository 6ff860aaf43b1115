// Unit status (勤务状态) in its duty cycle: the pure domain module. The store appends what decideUnit
// returns and folds with applyUnit; HTTP, live and the dispatch recommendation call these and never
// re-implement a rule. (unit-state.ts beside it keeps the units' latest GPS fixes.)
export { decideUnit, type UnitDecideContext, type UnitDecision } from './status-decide.ts';
export { applyUnit, foldUnits, initialUnitDuty, initialUnitStates, UnitLogError } from './status-apply.ts';
export { gateUnit, availableUnitCommands, actorKind, COMMAND_STATUSES, ACTOR_COMMANDS, type ActorKind } from './status-authority.ts';
export { DEFAULT_UNIT_TIME_LIMITS, flagsDue, type UnitTimeLimits } from './status-limits.ts';
export { arrivalOffer, ARRIVAL_RADIUS_M } from './arrival.ts';
