// The deadline queue: crossings reported once, in due order, stale entries skipped, and — over random
// walks — the overdue set it keeps always the one derived from the states by overdue().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../wire/index.ts';
import { createDeadlineQueue } from './deadline-queue.ts';
import { actors, incident, inStage, PATH, T0, Walk } from './fixtures.ts';
import { overdue } from './overdue.ts';

const M = 60_000, H = 60 * M, D = 24 * H;
const ms = (iso: string | null) => Date.parse(iso as string);

describe('deadline queue', () => {
  it('is rebuilt from the current states: future limits queued, reached ones counted overdue but not reported again', () => {
    const urgent = new Walk('urgent', incident({ priority: 'urgent' })).state; // accept due T0+5m, total T0+4h
    const normal = new Walk('normal').state; // accept due T0+30m
    const archived = inStage('archived', 'archived').state;
    const q = createDeadlineQueue([urgent, normal, archived], T0 + 10 * M);
    expect(q.overdueOf('urgent')).toEqual({ step: true, case: false });
    expect([...q.overdueCases()]).toEqual(['urgent']);
    expect(q.nextDueAt()).toBe(T0 + 30 * M);
    expect(q.popDue(T0 + 29 * M)).toEqual([]);
    expect(q.popDue(T0 + 30 * M)).toEqual([{ caseId: 'normal', version: 1, limit: 'step', dueAt: normal.stepDueAt }]);
    expect(q.popDue(T0 + 30 * M)).toEqual([]);
    expect(q.nextDueAt()).toBe(T0 + 4 * H);
    expect(q.popDue(T0 + 100 * D).map((c) => [c.caseId, c.limit])).toEqual([['urgent', 'case'], ['normal', 'case']]);
    expect(q.nextDueAt()).toBeNull();
    expect(q.overdueOf('archived')).toEqual({ step: false, case: false });
  });

  it('skips the old limit of a case that moved on, and reports the new one when it is reached', () => {
    const w = new Walk();
    const q = createDeadlineQueue([w.state], T0);
    w.do({ type: 'accept' }, actors.village, 10 * M); // before the accept limit (30 m)
    q.update(w.state);
    expect(q.nextDueAt()).toBe(ms(w.state.stepDueAt));
    expect(q.popDue(T0 + 2 * H)).toEqual([]);
    expect(q.popDue(ms(w.state.stepDueAt))).toEqual([{ caseId: 'case-1', version: 2, limit: 'step', dueAt: w.state.stepDueAt }]);
  });

  it('reports a crossing once although the case changes without a new due time (a note)', () => {
    const w = new Walk();
    const q = createDeadlineQueue([w.state], T0);
    w.do({ type: 'note', text: '已联系' }, actors.village, M);
    q.update(w.state);
    const due = ms(w.state.stepDueAt);
    expect(q.popDue(due)).toHaveLength(1);
    w.do({ type: 'note', text: '再联系' }, actors.village, 40 * M);
    q.update(w.state);
    expect(q.popDue(due + H)).toEqual([]);
    expect(q.overdueOf('case-1').step).toBe(true);
    w.do({ type: 'accept' }, actors.village, M); // a new step: no longer overdue on it
    q.update(w.state);
    expect(q.overdueOf('case-1').step).toBe(false);
    expect(q.overdueCases().has('case-1')).toBe(false);
  });

  it('forgets closed cases and ignores an older state', () => {
    const w = inStage('verified');
    const q = createDeadlineQueue([w.state], w.now);
    const before = w.state;
    w.do({ type: 'archive', satisfaction: 'satisfied', disposition: 'resolved' }, actors.village);
    q.update(w.state);
    q.update(before);
    expect(q.popDue(T0 + 365 * D)).toEqual([]);
    expect(q.nextDueAt()).toBeNull();
  });

  it('stays small under many changes (stale entries are compacted)', () => {
    const w = new Walk();
    const q = createDeadlineQueue([w.state], T0);
    for (let k = 0; k < 5000; k++) {
      w.do({ type: 'note', text: `第${k}次` }, actors.village, 1);
      q.update(w.state);
    }
    expect(q.heapSize).toBeLessThanOrEqual(4 * 1 + 1024 + 2);
    expect(q.popDue(T0 + 30 * M + 5000)).toHaveLength(1);
  });

  it('always knows the overdue cases that overdue() derives, each crossing reported once (random walks)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ caseIndex: fc.integer({ min: 0, max: 3 }), gapMs: fc.oneof(fc.integer({ min: 0, max: 10 * M }), fc.integer({ min: 0, max: 3 * D })), note: fc.boolean() }), { maxLength: 40 }),
      (steps) => {
        const walks = [0, 1, 2, 3].map((k) => new Walk(`c${k}`, incident({ priority: (['urgent', 'high', 'normal', 'low'] as const)[k] })));
        let now = T0;
        const q = createDeadlineQueue(walks.map((w) => w.state), now);
        const reported = new Set<string>();
        const progress = [0, 0, 0, 0];
        for (const { caseIndex, gapMs, note } of steps) {
          now += gapMs;
          for (const c of q.popDue(now)) {
            const key = `${c.caseId}/${c.limit}/${c.dueAt}`;
            expect(reported.has(key)).toBe(false);
            reported.add(key);
          }
          const derived = new Set(walks.filter((w) => { const o = overdue(w.state, now); return o.step || o.case; }).map((w) => w.state.id));
          expect(new Set(q.overdueCases())).toEqual(derived);
          const w = walks[caseIndex] as Walk;
          const step = PATH[progress[caseIndex] as number];
          w.now = now;
          if (note || !step) w.do({ type: 'note', text: '记录' }, actors.village, 0);
          else {
            w.do(step[1], step[2], 0);
            progress[caseIndex]!++;
          }
          q.update(w.state);
        }
        // Every limit reached after the start while it was current was reported.
        for (const w of walks) {
          const s: CaseState = w.state;
          const o = overdue(s, now);
          q.popDue(now);
          expect(q.overdueOf(s.id)).toEqual(o);
        }
      },
    ), { numRuns: 200 });
  });
});
