import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIso, parseIsoMs } from './iso-time.ts';

describe('stored ISO times', () => {
  it('read exactly like Date.parse, and stored text stays as it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_102_444_800_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseIsoMs(iso)).toBe(ms);
        expect(normaliseIso(iso)).toBe(iso);
      }),
    );
  });

  it('normalise other forms to UTC with milliseconds, like toISOString', () => {
    expect(normaliseIso('2026-11-22T16:30:00+08:00')).toBe('2026-11-22T08:30:00.000Z');
    expect(parseIsoMs('2026-11-22T16:30:00+08:00')).toBe(Date.UTC(2026, 10, 22, 8, 30));
    // The stored shape, but no real day: normalised as Date.parse reads it, never kept as text.
    expect(normaliseIso('2026-02-30T08:00:00.000Z')).toBe(new Date(Date.parse('2026-02-30T08:00:00.000Z')).toISOString());
    expect(normaliseIso('0050-01-01T00:00:00.000Z')).toBe(new Date(Date.parse('0050-01-01T00:00:00.000Z')).toISOString());
    expect(() => normaliseIso('not a date')).toThrow(/not a date/);
    expect(() => normaliseIso('2026-13-01T00:00:00.000Z')).toThrow(/not a date/);
  });
});
