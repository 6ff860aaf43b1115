import { describe, expect, it } from 'vitest';
import { actorText, fieldChanges, valueText } from './audit-view.ts';

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
