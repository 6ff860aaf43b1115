// Every role × every command, each command in a stage that allows it: who may, and why the others may not.
import { describe, expect, it } from 'vitest';
import type { CaseActor, CaseCommand, CaseStage } from '../wire/index.ts';
import { availableCommands } from './authority.ts';
import { decide } from './decide.ts';
import { actors, inStage, Walk } from './fixtures.ts';

const ROLE_ACTORS: [string, CaseActor][] = [
  ['admin', actors.admin],
  ['leader', actors.leader],
  ['duty-officer', actors.county],
  ['grid-worker (assigned)', actors.gridWorker],
  ['grid-worker (of the village, assigned grid inside)', actors.villageGridWorker],
  ['grid-worker (another grid)', actors.otherGridWorker],
  ['wall-display', actors.wall],
  ['source', actors.source],
  ['system', actors.system],
];

const OFFICERS = ['admin', 'leader', 'duty-officer'];
const ASSIGNED = ['grid-worker (assigned)', 'grid-worker (of the village, assigned grid inside)'];
const NOT_ASSIGNED = 'the case is not assigned to you';
const gridWorkerMayNot = (type: string) => `a grid-worker may only accept, report on, handle and note the cases assigned to them, not ${type}`;
const FIXED: Record<string, string> = {
  'wall-display': 'a wall display (大屏) only watches; it cannot act on cases',
  source: 'a source (hotline-12345) posts incidents; it cannot act on cases',
  system: 'the server does not act on cases by itself',
};

/** [command, the stage it is given in, who may] — everybody else gets 403. */
const CASES: [CaseCommand, CaseStage, string[]][] = [
  [{ type: 'accept' }, 'intake', OFFICERS],
  [{ type: 'accept' }, 'dispatched', ASSIGNED], // 接单: the assignee, not the officers
  [{ type: 'assign', assignee: { kind: 'grid', gridCode: '321202001001002' } }, 'accepted', OFFICERS],
  [{ type: 'feedback', note: '正在处理' }, 'handling', [...OFFICERS, ...ASSIGNED]],
  [{ type: 'handle', note: '已处理' }, 'handling', [...OFFICERS, ...ASSIGNED]],
  [{ type: 'verify' }, 'verifying', OFFICERS],
  [{ type: 'reject', reason: '未处理到位' }, 'verifying', OFFICERS],
  [{ type: 'archive', satisfaction: 'satisfied', disposition: 'resolved' }, 'verified', OFFICERS],
  [{ type: 'escalate', reason: '需街道协调' }, 'handling', OFFICERS],
  [{ type: 'merge', into: 'survivor' }, 'handling', OFFICERS],
  [{ type: 'reopen', reason: '复发' }, 'archived', OFFICERS],
  [{ type: 'note', text: '补充情况' }, 'handling', [...OFFICERS, ...ASSIGNED]],
  [{ type: 'note', text: '归档后补记' }, 'archived', [...OFFICERS, ...ASSIGNED]],
];

describe('who may give each command', () => {
  const rows = CASES.flatMap(([command, stage, allowed]) => ROLE_ACTORS.map(([role, actor]) => ({ command, stage, role, actor, allowed: allowed.includes(role) })));
  it.each(rows)('$command.type in $stage by $role: allowed=$allowed', ({ command, stage, role, actor, allowed }) => {
    const w = inStage(stage);
    const d = decide(w.state, command, actor, w.ctx({ survivor: new Walk('survivor').state }));
    if (allowed) {
      expect(d).toHaveProperty('events');
      return;
    }
    if (!('refusal' in d)) throw new Error('expected a refusal');
    expect(d.refusal.status).toBe(403);
    const expected = FIXED[role] ?? (
      OFFICERS.includes(role) ? 'only the assignee takes a dispatched task (接单)'
      : ['accept', 'feedback', 'handle', 'note'].includes(command.type) ? NOT_ASSIGNED : gridWorkerMayNot(command.type));
    expect(d.refusal.reason).toBe(expected);
  });

  it('hand-down is the centre\'s: officers above the case may, the grid worker may not', () => {
    const w = inStage('accepted').do({ type: 'escalate', reason: '需街道协调' }, actors.village);
    for (const [role, actor] of ROLE_ACTORS) {
      const d = decide(w.state, { type: 'hand-down', to: 'village' }, actor, w.ctx());
      expect(['events' in d ? 'ok' : d.refusal.status, role]).toEqual([OFFICERS.includes(role) ? 'ok' : 403, role]);
    }
  });

  it('offers each actor the commands it may give now (buttons)', () => {
    const handling = inStage('handling').state;
    expect(availableCommands(handling, actors.gridWorker)).toEqual(['feedback', 'handle', 'note']);
    expect(availableCommands(handling, actors.otherGridWorker)).toEqual([]);
    expect(availableCommands(handling, actors.county)).toEqual(['assign', 'feedback', 'handle', 'escalate', 'merge', 'note']);
    expect(availableCommands(inStage('dispatched').state, actors.gridWorker)).toEqual(['accept', 'feedback', 'handle', 'note']);
    expect(availableCommands(inStage('intake').state, actors.village)).toEqual(['accept', 'archive', 'escalate', 'merge', 'note']);
    expect(availableCommands(inStage('archived').state, actors.leader)).toEqual(['reopen', 'note']);
    expect(availableCommands(inStage('handling').state, actors.wall)).toEqual([]);
  });
});
