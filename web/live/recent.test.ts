import { describe, expect, it } from 'vitest';
import type { Incident } from '../../server/wire/index.ts';
import { incidentsSince } from './recent.ts';

const at = (id: string, occurredAt: string) => ({ id, occurredAt }) as Incident;
const list = [at('c', '2026-01-01T03:00:00Z'), at('b', '2026-01-01T02:00:00Z'), at('a', '2026-01-01T01:00:00Z')];

describe('incidentsSince', () => {
  it('keeps the incidents at or after the cut-off, in order', () => {
    expect(incidentsSince(list, Date.parse('2026-01-01T02:00:00Z')).map((i) => i.id)).toEqual(['c', 'b']);
  });
  it('returns the same array for the same list and cut-off', () => {
    const since = Date.parse('2026-01-01T02:30:00Z');
    expect(incidentsSince(list, since)).toBe(incidentsSince(list, since));
  });
  it('returns the list itself without a cut-off', () => {
    expect(incidentsSince(list, Number.NEGATIVE_INFINITY)).toBe(list);
  });
});
