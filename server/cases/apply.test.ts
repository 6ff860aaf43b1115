// apply and fold: due times carried from the events, write-once milestones, and a log that does not fit refused.
import { describe, expect, it } from 'vitest';
import { INCIDENT_PRIORITIES, type CaseEvent } from '../wire/index.ts';
import { apply, CaseLogError, fold } from './apply.ts';
import { createdDraft } from './decide.ts';
import { actors, incident, inStage, LIMITS, stored, T0, Walk } from './fixtures.ts';
import { parseTimeLimits } from './time-limits.ts';

const MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

describe('due times (限时办结) per priority and category', () => {
  // [category, priority, accept, handle, verify, total] as in data/time-limits.json.
  it.each([
    ['public-order', 'urgent', 5 * MIN, 2 * HOUR, HOUR, 4 * HOUR],
    ['fire', 'high', 15 * MIN, 8 * HOUR, 4 * HOUR, DAY],
    ['traffic', 'normal', 30 * MIN, DAY, DAY, 3 * DAY],
    ['environment', 'low', 2 * HOUR, 3 * DAY, 2 * DAY, 7 * DAY],
    ['dispute', 'urgent', 5 * MIN, 3 * DAY, HOUR, 5 * DAY],
    ['dispute', 'normal', 30 * MIN, 3 * DAY, DAY, 5 * DAY],
    ['dispute', 'low', 2 * HOUR, 3 * DAY, 2 * DAY, 5 * DAY],
  ] as const)('%s/%s: accept %d, handle %d, verify %d, total %d ms', (category, priority, acceptMs, handleMs, verifyMs, totalMs) => {
    const w = new Walk('c', incident({ category, priority }));
    expect(w.state.stepDueAt).toBe(iso(T0 + acceptMs));
    expect(w.state.caseDueAt).toBe(iso(T0 + totalMs));
    w.do({ type: 'accept' }, actors.village, 7 * MIN);
    expect(w.state.stepDueAt).toBe(iso(w.now + handleMs));
    w.do({ type: 'assign', assignee: { kind: 'grid', gridCode: w.state.gridCode } }, actors.village);
    const handleDue = w.state.stepDueAt;
    w.do({ type: 'accept' }, actors.gridWorker);
    expect(w.state.stepDueAt).toBe(handleDue);
    w.do({ type: 'handle', note: '已处理' }, actors.gridWorker, 3 * HOUR);
    expect(w.state.stepDueAt).toBe(iso(w.now + verifyMs));
    w.do({ type: 'reject', reason: '返工' }, actors.village);
    expect(w.state.stepDueAt).toBe(iso(w.now + handleMs));
    expect(w.state.caseDueAt).toBe(iso(T0 + totalMs));
  });

  it('keeps the due times in the events: replay under other limits gives the same states', () => {
    const w = inStage('archived').do({ type: 'reopen', reason: '复发' }, actors.village, DAY);
    expect(w.state.caseDueAt).toBe(iso(w.now + DAY * 3));
    const tight = parseTimeLimits({ priorities: Object.fromEntries(INCIDENT_PRIORITIES.map((p) => [p, { accept: '1m', handle: '1m', verify: '1m', total: '1m' }])) });
    expect(tight.limitsFor('public-order', 'normal').total).toBe(MIN);
    expect(fold(w.events).get('case-1')).toEqual(w.state);
  });

  it('builds the created event from the incident: village level, centre = village code', () => {
    const draft = createdDraft(incident(), LIMITS, T0);
    expect(draft).toEqual({
      type: 'created', at: iso(T0), actor: { type: 'source', name: 'hotline-12345' },
      payload: { ...incident(), level: 'village', centreCode: '321202001001', stepDueAt: iso(T0 + 30 * MIN), caseDueAt: iso(T0 + 3 * DAY) },
    });
    expect(createdDraft(incident(), LIMITS, T0, actors.gridWorker).actor).toBe(actors.gridWorker);
  });
});

describe('milestones are write-once', () => {
  it('keeps the first time of each step through a rejection, an escalation and a reopen', () => {
    const w = inStage('archived');
    const first = { ...w.state.milestones };
    expect(Object.values(first).every((t) => t !== null)).toBe(true);
    w.do({ type: 'reopen', reason: '复发' }, actors.village)
      .do({ type: 'assign', assignee: { kind: 'grid', gridCode: w.state.gridCode } }, actors.village)
      .do({ type: 'accept' }, actors.gridWorker)
      .do({ type: 'handle', note: '再处理' }, actors.gridWorker)
      .do({ type: 'reject', reason: '仍未解决' }, actors.village)
      .do({ type: 'escalate', reason: '需街道' }, actors.village)
      .do({ type: 'accept' }, actors.township)
      .do({ type: 'assign', assignee: { kind: 'account', accountId: actors.township.id, name: actors.township.name } }, actors.township)
      .do({ type: 'handle', note: '街道处理' }, actors.township)
      .do({ type: 'verify' }, actors.county)
      .do({ type: 'archive', satisfaction: 'basically-satisfied', disposition: 'resolved' }, actors.county);
    expect(w.state.milestones).toEqual(first);
    expect(w.state.evaluation?.satisfaction).toBe('basically-satisfied');
    expect(w.state.stage).toBe('archived');
  });

  it('sets each milestone when its step is first reached', () => {
    expect(Object.values(new Walk().state.milestones).every((t) => t === null)).toBe(true);
    for (const [stage, key] of [['accepted', 'acceptedAt'], ['dispatched', 'dispatchedAt'], ['handling', 'handlingAt'], ['verifying', 'handledAt'], ['verified', 'verifiedAt'], ['archived', 'archivedAt']] as const) {
      const next = inStage(stage);
      expect(next.state.milestones[key]).toBe(next.state.updatedAt);
    }
  });
});

describe('a log that does not fit', () => {
  const w = inStage('handling');
  const [created, ...rest] = w.events as [CaseEvent, ...CaseEvent[]];

  it('refuses a first event that is not created, a second created, a gap and another case\'s event', () => {
    expect(() => apply(undefined, rest[0]!)).toThrow(CaseLogError);
    expect(() => apply(w.state, { ...created, version: w.state.version + 1 })).toThrow(/second created/);
    expect(() => apply(w.state, { ...rest[0]!, version: w.state.version + 2 })).toThrow(/expected/);
    expect(() => apply(w.state, { ...rest[0]!, caseId: 'other', version: w.state.version + 1 })).toThrow(/applied to case/);
    expect(() => apply(undefined, { ...created, version: 2 })).toThrow(/expected 1/);
  });

  it('folds many cases from one interleaved log, and continues from given states', () => {
    const a = inStage('verified', 'a'), b = inStage('dispatched', 'b');
    const log = [...a.events, ...b.events].sort((x, y) => x.seq - y.seq);
    const states = fold(log);
    expect(states.get('a')).toEqual(a.state);
    expect(states.get('b')).toEqual(b.state);
    const half = fold(log.slice(0, 5));
    expect(fold(log.slice(5), half)).toEqual(states);
    const next = stored({ type: 'note', at: iso(T0), actor: actors.village, payload: { text: 'x' } }, 'b', b.state.version + 1, 99_999);
    expect(fold([next], new Map(states)).get('b')).toMatchObject({ version: b.state.version + 1, lastSeq: 99_999, stage: 'dispatched' });
  });
});
