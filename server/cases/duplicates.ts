// Suggested merges (可能重复): the same fight is reported to 12345 and to 110 within a minute, from
// a few metres apart. For a new case, the open cases near it in place and time, of a compatible
// category and — where both have a description — saying something similar, ranked by a score.
// Only a suggestion: an officer merges (the `merge` command), nothing here merges by itself.
import type { IncidentCategory } from '../wire/index.ts';
import { distanceM, type NearbyIndex, type PlacedCase } from './nearby-index.ts';
import { hasText, textSimilarity } from './text-similarity.ts';

export interface DuplicateOptions {
  /** Farthest apart two reports of one event may be, in metres. */
  distanceM: number;
  /** Longest time between their occurredAt, in ms. */
  windowMs: number;
  /** Pairs of different categories that one event is often reported under (either order). */
  compatibleCategories: readonly (readonly [IncidentCategory, IncidentCategory])[];
  /** Below this description similarity (0–1) two described reports are taken to be different events. */
  minTextSimilarity: number;
  /** Suggestions scoring below this (0–1) are dropped. */
  minScore: number;
  /** At most this many suggestions, best first. */
  limit: number;
}

export const DUPLICATE_DEFAULTS: DuplicateOptions = {
  distanceM: 200,
  windowMs: 30 * 60_000,
  compatibleCategories: [['public-order', 'dispute'], ['fire', 'work-safety']],
  // Measured on planted duplicates of the demo feed (server/demo/duplicate-suggestions.test.ts):
  // 0.15 let through most unrelated reports of one village (they share its name); at 0.42 a busy
  // county's suggestions went from 34 % to 71 % true with recall 95 % (99 % before).
  minTextSimilarity: 0.42,
  minScore: 0.3,
  limit: 5,
};

/** One suggested merge. */
export interface SuggestedMerge {
  caseId: string;
  /** 0–1, higher is likelier the same event. */
  score: number;
  distanceM: number;
  secondsApart: number;
  /** Description similarity, or null when either has no description. */
  textSimilarity: number | null;
  sameCategory: boolean;
}

/** How much each piece of evidence weighs in the score; a missing description counts as half-alike. */
const WEIGHT = { place: 0.4, time: 0.3, text: 0.3 };
/** A compatible category is weaker evidence than the same one. */
const COMPATIBLE_FACTOR = 0.8;

/** The open cases in `index` that may report the same event as `c` (itself excluded), best first. */
export function suggestMerges(c: PlacedCase, index: NearbyIndex, options: Partial<DuplicateOptions> = {}): SuggestedMerge[] {
  const o = { ...DUPLICATE_DEFAULTS, ...options };
  const out: SuggestedMerge[] = [];
  for (const other of index.near(c.lng, c.lat, c.occurredAtMs, o.distanceM, o.windowMs)) {
    if (other.caseId === c.caseId) continue;
    const s = score(c, other, o);
    if (s && s.score >= o.minScore) out.push(s);
  }
  out.sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? -1 : 1));
  return out.slice(0, o.limit);
}

/** The suggestion for one pair, or null when they cannot be the same event. */
export function score(a: PlacedCase, b: PlacedCase, o: DuplicateOptions = DUPLICATE_DEFAULTS): SuggestedMerge | null {
  const sameCategory = a.category === b.category;
  if (!sameCategory && !o.compatibleCategories.some(([x, y]) => (x === a.category && y === b.category) || (x === b.category && y === a.category))) return null;
  const d = distanceM(a.lng, a.lat, b.lng, b.lat);
  const dt = Math.abs(a.occurredAtMs - b.occurredAtMs);
  if (d > o.distanceM || dt > o.windowMs) return null;
  const da = withoutLabels(a.description), db = withoutLabels(b.description);
  const text = hasText(da) && hasText(db) ? textSimilarity(da, db) : null;
  if (text !== null && text < o.minTextSimilarity) return null;
  const evidence = WEIGHT.place * (1 - d / o.distanceM) + WEIGHT.time * (1 - dt / o.windowMs) + WEIGHT.text * (text ?? 0.5);
  return {
    caseId: b.caseId,
    score: round(evidence * (sameCategory ? 1 : COMPATIBLE_FACTOR)),
    distanceM: round(d, 1),
    secondsApart: Math.round(dt / 1000),
    textSimilarity: text === null ? null : round(text),
    sameCategory,
  };
}

/**
 * The words of a description without its bracketed labels — a channel tag 【12345热线】, a remark
 * （演示数据） — which say how it was reported, not what happened: two reports by one channel share
 * them whatever they are about, two by different channels of one event do not.
 */
export function withoutLabels(description: string): string {
  return description.replace(/【[^】]*】|（[^）]*）|\[[^\]]*\]/g, ' ');
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
