// Every command in every stage, given by the county's duty officer (who holds the centre's power over
// every case of the county): the stage it leads to, or the refusal with its status and reason.
import { describe, expect, it } from 'vitest';
import { CASE_STAGE_NAMES, CASE_STAGES, type CaseCommand, type CaseStage } from '../wire/index.ts';
import { apply } from './apply.ts';
import { decide } from './decide.ts';
import { actors, inStage, stored, Walk } from './fixtures.ts';

const COMMANDS: Record<CaseCommand['type'], CaseCommand> = {
  accept: { type: 'accept' },
  assign: { type: 'assign', assignee: { kind: 'account', accountId: 9001, name: '王五' } },
  feedback: { type: 'feedback', note: '已到现场' },
  handle: { type: 'handle', note: '已调解' },
  verify: { type: 'verify' },
  reject: { type: 'reject', reason: '现场仍有占道' },
  archive: { type: 'archive', satisfaction: 'basically-satisfied', disposition: 'duplicate' },
  escalate: { type: 'escalate', reason: '涉及多个村，村级无法协调' },
  'hand-down': { type: 'hand-down', to: 'village' },
  merge: { type: 'merge', into: 'survivor' },
  reopen: { type: 'reopen', reason: '群众反映问题复发' },
  note: { type: 'note', text: '已电话联系报警人' },
};

// The resulting stage, or the refusal's status. `=` keeps the stage.
type Outcome = CaseStage | '=' | 403 | 409;
const TABLE: Record<CaseCommand['type'], Partial<Record<CaseStage, Outcome>>> = {
  // Officers accept at intake; a dispatched task is taken by its assignee only.
  accept: { intake: 'accepted', dispatched: 403 },
  assign: { accepted: 'dispatched', dispatched: 'dispatched', handling: 'dispatched' },
  // An officer's feedback does not start the handling; only the assignee's does (tested below).
  feedback: { dispatched: '=', handling: '=', verifying: '=' },
  handle: { dispatched: 'verifying', handling: 'verifying' },
  verify: { verifying: 'verified' },
  reject: { verifying: 'handling' },
  archive: { intake: 'archived', accepted: 'archived', verified: 'archived' },
  escalate: { intake: 'intake', accepted: 'intake', dispatched: 'intake', handling: 'intake', verifying: 'intake', verified: 'intake' },
  // A village-level case has no level below: 409 in every stage (hand-down chains are tested below).
  'hand-down': {},
  merge: { intake: 'merged', accepted: 'merged', dispatched: 'merged', handling: 'merged', verifying: 'merged', verified: 'merged' },
  reopen: { archived: 'accepted' },
  note: { intake: '=', accepted: '=', dispatched: '=', handling: '=', verifying: '=', verified: '=', archived: '=', merged: '=' },
};

const rows = Object.entries(TABLE).flatMap(([type, byStage]) =>
  CASE_STAGES.map((stage) => ({ type: type as CaseCommand['type'], stage, outcome: byStage[stage] ?? (409 as Outcome) })));

describe('decide: every command in every stage', () => {
  it.each(rows)('$type in $stage → $outcome', ({ type, stage, outcome }) => {
    const w = inStage(stage);
    expect(w.state.stage).toBe(stage);
    const ctx = w.ctx({ now: w.now + 60_000, survivor: new Walk('survivor').state });
    const d = decide(w.state, COMMANDS[type], actors.county, ctx);
    if (typeof outcome === 'number') {
      expect(d).toHaveProperty('refusal.status', outcome);
      if (!('refusal' in d)) return;
      if (outcome === 409 && type !== 'hand-down') {
        expect(d.refusal.reason).toBe(`${type} is not allowed while the case is ${stage} (${CASE_STAGE_NAMES[stage]})${stage === 'archived' || stage === 'merged' ? ': it is closed' : ''}`);
      }
      if (type === 'hand-down') expect(d.refusal.reason).toMatch(stage === 'archived' || stage === 'merged' ? /not allowed while the case is/ : /no level below/);
      if (outcome === 403) expect(d.refusal.reason).toBe('only the assignee takes a dispatched task (接单)');
      return;
    }
    if (!('events' in d)) throw new Error(`refused: ${JSON.stringify(d.refusal)}`);
    expect(d.events).toHaveLength(1);
    const next = apply(w.state, stored(d.events[0]!, w.state.id, w.state.version + 1, 10_000));
    expect(next.stage).toBe(outcome === '=' ? stage : outcome);
    expect(next.version).toBe(w.state.version + 1);
    expect(d.events[0]!.at).toBe(new Date(ctx.now).toISOString());
    expect(d.events[0]!.actor).toEqual(actors.county);
  });

  it('names the event each command produces', () => {
    const expected: [CaseStage, CaseCommand['type'], string][] = [
      ['intake', 'accept', 'accepted'], ['accepted', 'assign', 'assigned'], ['handling', 'feedback', 'feedback'],
      ['handling', 'handle', 'handled'], ['verifying', 'verify', 'verified'], ['verifying', 'reject', 'rejected'],
      ['verified', 'archive', 'archived'], ['intake', 'escalate', 'escalated'], ['intake', 'merge', 'merged'],
      ['archived', 'reopen', 'reopened'], ['intake', 'note', 'note'],
    ];
    for (const [stage, type, event] of expected) {
      const w = inStage(stage);
      const d = decide(w.state, COMMANDS[type], actors.county, w.ctx({ survivor: new Walk('survivor').state }));
      expect('events' in d && d.events.map((e) => e.type)).toEqual([event]);
    }
  });
});
