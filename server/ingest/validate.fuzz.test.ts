// Property tests: whatever JSON arrives, validation answers with accepted items that really are
// valid, or per-item reasons, or a BatchError — it never throws anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES } from '../wire/index.ts';
import { BatchError, validateBatch } from './validate.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** Incident-like objects: right keys with arbitrary JSON values, plus stray keys now and then. */
const incidentLike = fc.record(
  {
    source: fc.oneof(fc.constantFrom('hotline-12345', 'demo'), fc.jsonValue()),
    sourceId: fc.oneof(fc.string(), fc.jsonValue()),
    category: fc.oneof(fc.constantFrom(...INCIDENT_CATEGORIES), fc.jsonValue()),
    priority: fc.oneof(fc.constantFrom('urgent', 'low'), fc.jsonValue()),
    lng: fc.oneof(fc.double(), fc.jsonValue()),
    lat: fc.oneof(fc.double(), fc.jsonValue()),
    occurredAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    description: fc.oneof(fc.string(), fc.jsonValue()),
    __proto__: fc.jsonValue(),
    constructor: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('validateBatch under arbitrary input', () => {
  it('never throws anything but BatchError, and every rejection names a field and a reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), incidentLike, fc.array(incidentLike, { maxLength: 20 })), (body) => {
        // Round-trip through JSON, as the server receives it (NaN becomes null, -0 becomes 0 …).
        const parsed: unknown = JSON.parse(JSON.stringify(body) ?? 'null');
        try {
          const r = validateBatch(parsed, NOW);
          for (const x of r.rejected) {
            expect(x.field.length).toBeGreaterThan(0);
            expect(x.reason.length).toBeGreaterThan(0);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(BatchError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only items within the ranges and enums', () => {
    fc.assert(
      fc.property(fc.array(incidentLike, { minLength: 1, maxLength: 20 }), (items) => {
        const r = validateBatch(JSON.parse(JSON.stringify(items)), NOW);
        for (const { input, occurredAtMs } of r.valid) {
          expect(Number.isFinite(input.lng) && Math.abs(input.lng) <= 180).toBe(true);
          expect(Number.isFinite(input.lat) && Math.abs(input.lat) <= 90).toBe(true);
          expect(INCIDENT_CATEGORIES).toContain(input.category);
          expect(occurredAtMs).toBeLessThanOrEqual(NOW + 15 * 60_000);
          expect(Object.keys(input).sort()).toEqual(['category', 'description', 'lat', 'lng', 'occurredAt', 'priority', 'source', 'sourceId']);
        }
        expect(r.valid.length + new Set(r.rejected.map((x) => x.index)).size).toBe(items.length);
      }),
      { numRuns: 1000 },
    );
  });
});
