import { describe, expect, it } from 'vitest';
import { BatchError, MAX_BATCH_ITEMS, validateBatch } from './validate.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

const good = {
  source: 'hotline-12345',
  sourceId: 'H-1',
  category: 'dispute',
  priority: 'normal',
  lng: 119.905,
  lat: 32.485,
  occurredAt: '2026-03-01T19:30:00+08:00',
  description: '楼上噪音',
};

/** The rejections of one item after changing it. */
function rejectionsOf(item: unknown) {
  const r = validateBatch(item, NOW);
  expect(r.valid).toEqual([]);
  return r.rejected;
}

describe('validateBatch', () => {
  it('accepts a valid single object and normalises occurredAt to UTC', () => {
    const r = validateBatch(good, NOW);
    expect(r.rejected).toEqual([]);
    expect(r.valid).toHaveLength(1);
    expect(r.valid[0]!.input.occurredAt).toBe('2026-03-01T11:30:00.000Z');
    expect(r.valid[0]!.occurredAtMs).toBe(Date.parse('2026-03-01T11:30:00Z'));
  });

  it('defaults a missing description to empty', () => {
    const { description: _d, ...rest } = good;
    expect(validateBatch(rest, NOW).valid[0]!.input.description).toBe('');
  });

  it('rejects a number sent as a string, naming the field', () => {
    expect(rejectionsOf({ ...good, lat: '32.485' })).toEqual([
      { index: 0, field: 'lat', reason: expect.stringContaining('lat must be a finite number') },
    ]);
  });

  it('rejects latitude 91', () => {
    expect(rejectionsOf({ ...good, lat: 91 })).toEqual([{ index: 0, field: 'lat', reason: expect.stringContaining('[-90, 90]') }]);
  });

  it('rejects Infinity (JSON 1e999) as not finite', () => {
    const body = JSON.parse(JSON.stringify(good).replace('"lng":119.905', '"lng":1e999'));
    expect(rejectionsOf(body)).toEqual([{ index: 0, field: 'lng', reason: expect.any(String) }]);
  });

  it('hints at swapped longitude and latitude', () => {
    expect(rejectionsOf({ ...good, lng: 32.485, lat: 119.905 })).toEqual([
      { index: 0, field: 'lat', reason: expect.stringContaining('swapped') },
    ]);
  });

  it('names each missing required field', () => {
    const { source: _s, occurredAt: _o, ...rest } = good;
    expect(rejectionsOf(rest)).toEqual([
      { index: 0, field: 'source', reason: 'source is required' },
      { index: 0, field: 'occurredAt', reason: 'occurredAt is required' },
    ]);
  });

  it('rejects an unknown key and lists the allowed ones', () => {
    expect(rejectionsOf({ ...good, colour: 'red' })).toEqual([
      { index: 0, field: 'colour', reason: expect.stringMatching(/unknown field "colour".*allowed are source, sourceId/) },
    ]);
  });

  it('rejects a __proto__ key as an unknown field (as JSON.parse creates it)', () => {
    const body = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(good).slice(1)}`);
    expect(rejectionsOf(body)).toEqual([{ index: 0, field: '__proto__', reason: expect.stringContaining('unknown field') }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a constructor key as an unknown field', () => {
    const body = JSON.parse(`{"constructor":{"prototype":{}},${JSON.stringify(good).slice(1)}`);
    expect(rejectionsOf(body)[0]!.field).toBe('constructor');
  });

  it('rejects an unknown category with the allowed values', () => {
    expect(rejectionsOf({ ...good, category: 'murder' })[0]).toEqual({
      index: 0,
      field: 'category',
      reason: expect.stringContaining('category must be one of dispute'),
    });
  });

  it('rejects a source that is not a lower-case slug', () => {
    expect(rejectionsOf({ ...good, source: 'Hot Line' })[0]!.field).toBe('source');
  });

  it.each([
    ['a date without time zone', '2026-03-01T08:00:00'],
    ['a date only', '2026-03-01'],
    ['an impossible day', '2026-02-30T08:00:00Z'],
    ['an impossible hour', '2026-03-01T25:00:00Z'],
    ['free text', 'yesterday'],
  ])('rejects occurredAt as %s', (_what, occurredAt) => {
    expect(rejectionsOf({ ...good, occurredAt })).toEqual([
      { index: 0, field: 'occurredAt', reason: expect.stringContaining('ISO 8601') },
    ]);
  });

  it('rejects occurredAt in the future beyond clock-skew tolerance', () => {
    expect(rejectionsOf({ ...good, occurredAt: '2026-03-01T13:00:00Z' })).toEqual([
      { index: 0, field: 'occurredAt', reason: expect.stringContaining('in the future') },
    ]);
  });

  it('accepts occurredAt a few minutes ahead (source clocks drift)', () => {
    expect(validateBatch({ ...good, occurredAt: '2026-03-01T12:05:00Z' }, NOW).valid).toHaveLength(1);
  });

  it('rejects a description longer than 2000 characters', () => {
    expect(rejectionsOf({ ...good, description: '字'.repeat(2001) })[0]!.field).toBe('description');
  });

  it('counts a description in Unicode code points, as its schema says: 2000 emoji pass, 2001 do not', () => {
    // Each emoji is 2 UTF-16 units: counted by .length, 1001 of them would already be too many.
    expect(validateBatch({ ...good, description: '😀'.repeat(2000) }, NOW).valid).toHaveLength(1);
    expect(rejectionsOf({ ...good, description: '😀'.repeat(2001) })).toEqual([{ index: 0, field: 'description', reason: expect.stringContaining('2000 characters') }]);
    expect(validateBatch({ ...good, description: '\u0000<script>\n' }, NOW).valid[0]!.input.description).toBe('\u0000<script>\n');
  });

  it('refuses a sourceId that is blank or holds a control character: it is an idempotency key', () => {
    for (const sourceId of [' ', '\t\n', '\u0000', 'HL\u0000-1', 'a\rb', '\u007f', '\u009b']) {
      expect(rejectionsOf({ ...good, sourceId }), JSON.stringify(sourceId)).toEqual([{ index: 0, field: 'sourceId', reason: expect.stringMatching(/blank|control/) }]);
    }
    expect(validateBatch({ ...good, sourceId: '12345-工单 2026/11' }, NOW).valid).toHaveLength(1);
    expect(validateBatch({ ...good, sourceId: '😀'.repeat(128) }, NOW).valid).toHaveLength(1);
    expect(rejectionsOf({ ...good, sourceId: '😀'.repeat(129) })[0]).toMatchObject({ field: 'sourceId', reason: expect.stringContaining('128') });
  });

  it('reports every bad field of one item, once each', () => {
    const fields = rejectionsOf({ ...good, lat: 'x', lng: 500, priority: 'asap' }).map((r) => r.field);
    expect(fields.sort()).toEqual(['lat', 'lng', 'priority']);
  });

  it('accepts the valid items of a mixed array and rejects the rest by index', () => {
    const r = validateBatch([good, { ...good, lat: 91 }, 'text', null, [good], { ...good, sourceId: 'H-2' }], NOW);
    expect(r.valid.map((v) => v.index)).toEqual([0, 5]);
    expect(r.rejected).toEqual([
      { index: 1, field: 'lat', reason: expect.any(String) },
      { index: 2, field: '(item)', reason: 'each incident must be a JSON object, got string' },
      { index: 3, field: '(item)', reason: 'each incident must be a JSON object, got null' },
      { index: 4, field: '(item)', reason: 'each incident must be a JSON object, got an array' },
    ]);
  });

  it.each([
    ['a number', 42],
    ['a string', 'hello'],
    ['null', null],
    ['an empty array', []],
  ])('refuses a body that is %s as a whole', (_what, body) => {
    expect(() => validateBatch(body, NOW)).toThrow(BatchError);
  });

  it(`refuses more than ${MAX_BATCH_ITEMS} items with 413`, () => {
    const body = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => ({ ...good, sourceId: `H-${i}` }));
    expect(() => validateBatch(body, NOW)).toThrow(expect.objectContaining({ statusCode: 413 }));
  });
});
