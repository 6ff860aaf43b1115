// The fast path may only say yes where zod says yes, and must give zod's output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, incidentInputSchema } from '../wire/index.ts';
import { fastValidInput } from './fast-valid.ts';

const valid = {
  source: 'hotline-12345',
  sourceId: 'HL-1',
  category: 'dispute',
  priority: 'high',
  lng: 119.915,
  lat: 32.488,
  occurredAt: '2026-11-22T09:30:00+08:00',
  description: '邻里噪音纠纷',
};

/** Mostly-valid items with one field at a time drawn from anything JSON can carry. */
const nearlyValid = fc.record(
  {
    source: fc.oneof(fc.constantFrom('hotline-12345', 'a', 'A-b', '-x', 'x'.repeat(64), 'x'.repeat(65)), fc.jsonValue()),
    sourceId: fc.oneof(fc.string({ maxLength: 130 }), fc.constantFrom('', ' ', '\u0000', 'a\tb', 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(100)), fc.jsonValue()),
    category: fc.oneof(fc.constantFrom(...INCIDENT_CATEGORIES, 'Fire', 'toString'), fc.jsonValue()),
    priority: fc.oneof(fc.constantFrom('urgent', 'low', 'URGENT', ''), fc.jsonValue()),
    lng: fc.oneof(fc.double(), fc.constantFrom(180, -180, 180.0000001, -0), fc.jsonValue()),
    lat: fc.oneof(fc.double(), fc.constantFrom(90, -90, 90.0000001), fc.jsonValue()),
    occurredAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T08:00:00Z', '2026-02-28T24:00:00Z', '2026-11-22T09:30:00+08:00', '2026-11-22T09:30+08:00', '2026-11-22 09:30:00Z', '2024-02-29T00:00:00.1Z'),
      fc.string(),
    ),
    description: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('x'.repeat(2000), 'x'.repeat(2001), '😀'.repeat(1500), '😀'.repeat(2001)), fc.jsonValue()),
    extra: fc.jsonValue(),
    __proto__: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('fast validation path', () => {
  it('accepts a plain valid incident, with or without a description', () => {
    expect(fastValidInput({ ...valid })).toEqual(incidentInputSchema.parse(valid));
    const { description: _d, ...bare } = valid;
    expect(fastValidInput(bare)).toEqual({ ...bare, description: '' });
  });

  it('says yes only where zod says yes, with the same output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(nearlyValid, fc.constant(valid).chain((v) => fc.record({ ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fc.constant(x)])) }))), (raw) => {
        const item = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
        const fast = fastValidInput(item);
        if (fast === undefined) return;
        accepted++;
        const zod = incidentInputSchema.safeParse(item);
        expect(zod.success).toBe(true);
        expect(fast).toEqual(zod.data);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
