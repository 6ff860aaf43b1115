import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    expect(uuidv7(Date.now())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the millisecond timestamp in its first 48 bits', () => {
    const ms = Date.parse('2026-11-22T08:30:00.123Z');
    expect(parseInt(uuidv7(ms).replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts by time across milliseconds', () => {
    const ids = [3, 1, 2].map((k) => uuidv7(1_800_000_000_000 + k));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('differs for ids minted in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
