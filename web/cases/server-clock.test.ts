import { describe, expect, it } from 'vitest';
import { formatDuration, remainingMs, serverNowMs } from './server-clock.ts';

describe('serverNowMs', () => {
  it('runs on from the server time of the latest message', () => {
    const asOf = '2026-01-01T02:00:00.000Z';
    expect(serverNowMs({ asOf, receivedAtMs: 1000 }, 4000)).toBe(Date.parse(asOf) + 3000);
  });

  it('is the client clock before any message', () => {
    expect(serverNowMs({ asOf: null, receivedAtMs: null }, 1234)).toBe(1234);
  });
});

describe('remainingMs', () => {
  it('is negative once the due time has passed', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(remainingMs('2026-01-01T00:05:00Z', now)).toBe(-300_000);
    expect(remainingMs(null, now)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [65_000, '1:05'],
    [-65_000, '1:05'],
    [3_723_000, '1:02:03'],
    [2 * 86_400_000 + 3_723_000, '2d 01:02:03'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
