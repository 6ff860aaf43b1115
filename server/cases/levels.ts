// The three centres a case can belong to (村/社区 → 乡镇/街道 → 县/区), read off its grid code: the
// village is its first 12 digits, the township its first 9, the county its first 6.
import { CASE_LEVELS, type CaseLevel } from '../wire/index.ts';

const CODE_LENGTH: Record<CaseLevel, number> = { village: 12, township: 9, county: 6 };

/** The code of the case's responsible centre at a level. */
export function centreCodeAt(gridCode: string, level: CaseLevel): string {
  return gridCode.slice(0, CODE_LENGTH[level]);
}

/** The level above (escalation, 上报), or null at the county. */
export function levelAbove(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] ?? null;
}

/** True when `lower` is strictly below `upper`. */
export function isBelow(lower: CaseLevel, upper: CaseLevel): boolean {
  return CASE_LEVELS.indexOf(lower) < CASE_LEVELS.indexOf(upper);
}

/** Chinese names of the levels' centres, for reasons. */
export const LEVEL_NAMES: Record<CaseLevel, string> = { village: '村/社区', township: '乡镇/街道', county: '县/区' };
