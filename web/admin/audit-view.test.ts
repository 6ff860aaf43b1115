import { describe, expect, it } from 'vitest';
import { actorText, fieldChanges, valueText, verdictView } from './audit-view.ts';

describe('audit entry view', () => {
  it('lists only the fields an update changed', () => {
    const before = { username: 'zhang', role: 'grid-worker', jurisdictionCode: '321202001', disabled: false };
    const after = { ...before, role: 'duty-officer', disabled: true };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'role', before: 'grid-worker', after: 'duty-officer' },
      { field: 'disabled', before: 'false', after: 'true' },
    ]);
  });

  it('lists every field of a creation (no before) and of a deletion (no after)', () => {
    expect(fieldChanges(null, { username: 'li', role: 'leader' })).toEqual([
      { field: 'username', before: '—', after: 'li' },
      { field: 'role', before: '—', after: 'leader' },
    ]);
    expect(fieldChanges({ label: 'wall' }, undefined)).toEqual([{ field: 'label', before: 'wall', after: '—' }]);
  });

  it('shows non-object values whole, and nothing when neither side was recorded', () => {
    expect(fieldChanges('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b' }]);
    expect(fieldChanges([1], null)).toEqual([{ field: '', before: '[1]', after: '—' }]);
    expect(fieldChanges(null, null)).toEqual([]);
    expect(fieldChanges({ a: { x: 1 } }, { a: { x: 1 } })).toEqual([]);
  });

  it('writes values compactly', () => {
    expect(valueText(null)).toBe('—');
    expect(valueText('x')).toBe('x');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
  });

  it('names the actor by name, id or type', () => {
    expect(actorText({ type: 'account', id: '1', name: 'admin' })).toBe('admin');
    expect(actorText({ type: 'api-key', id: '3', name: 'hotline-12345' })).toBe('hotline-12345 (api-key)');
    expect(actorText({ type: 'cli' })).toBe('cli');
    expect(actorText({ type: 'anonymous', name: 'bob' })).toBe('bob (anonymous)');
  });
});

describe('chain verdict view', () => {
  const base = { entries: 7, headHash: 'f'.repeat(64), keyedSince: 1, checkpoint: { status: 'ok' as const, seq: 7, hash: 'f'.repeat(64), reestablishedAt: [] } };

  it('says intact only when the end matched its checkpoint', () => {
    expect(verdictView({ ...base, ok: true })).toEqual({ tone: 'ok', headline: ['admin.audit.ok', { n: 7 }], notes: [] });
  });

  it('names the first broken entry, including one cut off the end', () => {
    const v = verdictView({ ...base, ok: false, entries: 5, checkpoint: { ...base.checkpoint, status: 'truncated' }, firstBroken: { seq: 6, reason: 'entries 6–7 were removed from the end' } });
    expect(v.tone).toBe('bad');
    expect(v.headline).toEqual(['admin.audit.broken', { seq: 6, reason: 'entries 6–7 were removed from the end' }]);
  });

  it('warns, not passes, when the checkpoint is missing or does not verify', () => {
    expect(verdictView({ ...base, ok: false, checkpoint: { status: 'missing', reestablishedAt: [] } })).toMatchObject({ tone: 'warn', headline: ['admin.audit.checkpointMissing', { n: 7 }] });
    expect(verdictView({ ...base, ok: false, checkpoint: { status: 'invalid', reestablishedAt: [] } })).toMatchObject({ tone: 'warn', headline: ['admin.audit.checkpointInvalid', { n: 7 }] });
  });

  it('notes legacy entries, an unkeyed log, a checkpoint behind the log and restarted checkpoints', () => {
    expect(verdictView({ ...base, ok: true, keyedSince: 5, checkpoint: { ...base.checkpoint, status: 'behind', seq: 6, reestablishedAt: [3] } }).notes).toEqual([
      ['admin.audit.legacy', { last: 4, since: 5 }],
      ['admin.audit.behind', { seq: 6 }],
      ['admin.audit.reestablished', { seqs: '3' }],
    ]);
    expect(verdictView({ ...base, ok: false, keyedSince: null, checkpoint: { status: 'missing', reestablishedAt: [] } }).notes).toEqual([['admin.audit.unkeyed']]);
  });
});
