import { describe, expect, it } from 'vitest';
import { CASE_COMMAND_TYPES, parseCaseCommand } from '../../server/wire/case.ts';
import { caseView } from '../cases/test-case.ts';
import { buildCommand, COMMAND_SPECS, dispositionsFor, EMPTY_VALUES, handDownTargets, initialValues, shortcutCommand } from './commands.ts';

const c = caseView(1, { stage: 'verified', level: 'county', duplicates: [{ caseId: 'c-9', score: 0.9, distanceM: 12, secondsApart: 40 }] });

describe('buildCommand', () => {
  it('builds a command the server\'s own schema accepts, for every command type', () => {
    for (const type of CASE_COMMAND_TYPES) {
      const built = buildCommand(type, { ...initialValues(type, c), text: '现场已处理完毕' }, c);
      expect('command' in built, type).toBe(true);
      if ('command' in built) expect(parseCaseCommand(built.command), type).toEqual({ command: built.command });
    }
  });

  it('assigns to the worker of the case\'s grid', () => {
    expect(buildCommand('assign', EMPTY_VALUES, c)).toEqual({ command: { type: 'assign', assignee: { kind: 'grid', gridCode: c.gridCode } } });
  });

  it('asks for a reason before a rejection or an escalation is sent', () => {
    expect(buildCommand('reject', { ...EMPTY_VALUES, text: '  ' }, c)).toEqual({ missing: 'text' });
    expect(buildCommand('escalate', EMPTY_VALUES, c)).toEqual({ missing: 'text' });
    expect(buildCommand('merge', EMPTY_VALUES, c)).toEqual({ missing: 'into' });
  });

  it('archives with the evaluation chosen', () => {
    expect(buildCommand('archive', { ...EMPTY_VALUES, satisfaction: 'basically-satisfied', disposition: 'resolved', text: '' }, c))
      .toEqual({ command: { type: 'archive', satisfaction: 'basically-satisfied', disposition: 'resolved' } });
  });
});

describe('form defaults', () => {
  it('merges into the best candidate and hands down one level', () => {
    expect(initialValues('merge', c).into).toBe('c-9');
    expect(initialValues('hand-down', c).to).toBe('township');
    expect(handDownTargets('village')).toEqual([]);
  });

  it('offers "resolved" only for a verified case', () => {
    expect(dispositionsFor('verified')).toContain('resolved');
    expect(dispositionsFor('intake')).toEqual(['unfounded', 'duplicate', 'transferred']);
  });
});

describe('shortcutCommand', () => {
  it('maps a key to an offered command only', () => {
    expect(shortcutCommand('A', ['accept', 'note'])).toBe('accept');
    expect(shortcutCommand('v', ['accept', 'note'])).toBeNull();
    expect(shortcutCommand('x', ['accept'])).toBeNull();
  });

  it('gives no two commands the same key', () => {
    const keys = Object.values(COMMAND_SPECS).flatMap((s) => (s.key ? [s.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
