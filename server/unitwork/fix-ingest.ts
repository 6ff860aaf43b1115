// The one path of GPS fixes (定位上报), for the HTTP API and in-process sources (the demo feed):
// each fix validated (its shape, the clock, the county's area, a jump faster than the unit's kind
// between it and its neighbours in time), the accepted ones of a call stored in one transaction
// (idempotent per unit and time), and only then the latest-fix store the recommendation and the
// live map read is moved. Synchronous: SQLite commits before the function returns.
import type { UnitState as LatestFixes } from '../units/unit-state.ts';
import { checkFix } from '../units/fix-validation.ts';
import type { BBox, FixPoint } from '../units/fix-validation.ts';
import type { UnitFix, UnitInfo, UnitState as LegacyUnitState } from '../wire/index.ts';
import { fixInputSchema } from '../wire/unit-fixes.ts';
import type { FixBatchResult, FixRejection } from '../wire/unit-fixes.ts';
import type { FixStore, StoredFix } from './fix-store.ts';

export interface FixIngestDeps {
  store: FixStore;
  units: readonly UnitInfo[];
  latest: LatestFixes;
  area: BBox;
  now(): number;
}

export interface FixIngest {
  /** Validates and stores one unit's batch; undefined for a unit units.json does not list. */
  ingest(unitId: string, items: readonly unknown[]): FixBatchResult | undefined;
  /** In-process sources with whole fixes (the demo feed): the same checks, all units in one transaction. */
  ingestFixes(fixes: readonly UnitFix[]): FixBatchResult[];
}

interface Pending {
  unitId: string;
  fix: StoredFix;
  /** What an in-process source says the unit is doing (the map's colour); HTTP fixes keep the last one. */
  state?: LegacyUnitState;
}

export function createFixIngest(deps: FixIngestDeps): FixIngest {
  const kinds = new Map(deps.units.map((u) => [u.id, u.kind]));
  // The newest stored fix per unit: the usual fix is newer than all, and is checked against it alone.
  const newest = new Map<string, FixPoint>();
  for (const { unitId, fix } of deps.store.latest()) {
    if (!kinds.has(unitId)) continue;
    newest.set(unitId, fix);
    // After a restart the units stand where their last stored fix put them.
    deps.latest.update({ id: unitId, lng: fix.lng, lat: fix.lat, heading: fix.heading ?? 0, speed: fix.speed ?? 0, state: 'available', at: new Date(fix.atMs).toISOString() });
  }

  /** The neighbours in time of a fix among the stored ones and the batch's accepted ones. */
  function neighbours(unitId: string, atMs: number, batch: readonly Pending[]): { before?: FixPoint; after?: FixPoint } {
    const top = newest.get(unitId);
    let before: FixPoint | undefined;
    let after: FixPoint | undefined;
    if (!top || top.atMs < atMs) before = top;
    else {
      // Out of order (a tracker catching up): the stored fixes around it.
      before = deps.store.before(unitId, atMs);
      after = deps.store.after(unitId, atMs);
    }
    for (const p of batch) {
      if (p.unitId !== unitId) continue;
      const t = p.fix.atMs;
      if (t < atMs && (!before || t > before.atMs)) before = p.fix;
      if (t > atMs && (!after || t < after.atMs)) after = p.fix;
    }
    return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
  }

  function run(groups: readonly { unitId: string; items: readonly unknown[]; state?: LegacyUnitState }[]): FixBatchResult[] {
    const now = deps.now();
    const pending: Pending[] = [];
    const results: FixBatchResult[] = [];
    for (const { unitId, items, state } of groups) {
      const kind = kinds.get(unitId)!;
      const rejected: FixRejection[] = [];
      const seen = new Set<number>();
      let duplicates = 0;
      let accepted = 0;
      items.forEach((item, index) => {
        const parsed = fixInputSchema.safeParse(item);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
          const reason = issue.code === 'unrecognized_keys' ? `${field} is not a field of a fix ({at, lng, lat, speed?, heading?})` : field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
          rejected.push({ index, code: 'malformed', reason });
          return;
        }
        const f = parsed.data;
        const fix: StoredFix = { atMs: Date.parse(f.at), lng: f.lng, lat: f.lat, speed: f.speed ?? null, heading: f.heading ?? null };
        if (seen.has(fix.atMs) || deps.store.has(unitId, fix.atMs)) {
          duplicates += 1; // idempotent: the fix stored first at this time stays
          return;
        }
        const refusal = checkFix(fix, { now, area: deps.area, kind, ...neighbours(unitId, fix.atMs, pending) });
        if (refusal) {
          rejected.push({ index, ...refusal });
          return;
        }
        seen.add(fix.atMs);
        pending.push({ unitId, fix, ...(state ? { state } : {}) });
        accepted += 1;
      });
      results.push({ unitId, accepted, duplicates, rejected });
    }
    if (pending.length === 0) return results;
    deps.store.insert(pending, now);
    // Committed: now the unit moves on the map and in the recommendation.
    const moved = new Map<string, Pending>();
    for (const p of pending) {
      const top = newest.get(p.unitId);
      if (!top || p.fix.atMs > top.atMs) newest.set(p.unitId, p.fix);
      const m = moved.get(p.unitId);
      if (!m || p.fix.atMs > m.fix.atMs) moved.set(p.unitId, p);
    }
    for (const [unitId, p] of moved) {
      const previous = deps.latest.latest().find((x) => x.id === unitId);
      deps.latest.update({
        id: unitId, lng: p.fix.lng, lat: p.fix.lat, heading: p.fix.heading ?? previous?.heading ?? 0, speed: p.fix.speed ?? 0,
        state: p.state ?? previous?.state ?? 'available', at: new Date(p.fix.atMs).toISOString(),
      });
    }
    return results;
  }

  return {
    ingest(unitId, items) {
      if (!kinds.has(unitId)) return undefined;
      return run([{ unitId, items }])[0]!;
    },
    ingestFixes(fixes) {
      const groups = new Map<string, { unitId: string; items: unknown[]; state?: LegacyUnitState }>();
      for (const f of fixes) {
        if (!kinds.has(f.id)) continue;
        const g = groups.get(f.id) ?? { unitId: f.id, items: [] };
        g.items.push({ at: f.at, lng: f.lng, lat: f.lat, speed: f.speed, heading: f.heading });
        g.state = f.state;
        groups.set(f.id, g);
      }
      return run([...groups.values()]);
    },
  };
}
