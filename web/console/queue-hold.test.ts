import { describe, expect, it } from 'vitest';
import { heldQueue } from './queue-hold.ts';

describe('heldQueue', () => {
  it('shows the queue as it is while not held', () => {
    expect(heldQueue(['a', 'b'], null)).toEqual({ ids: ['a', 'b'], changed: 0 });
  });

  it('keeps the held rows in place and counts what moved in and out', () => {
    expect(heldQueue(['b', 'c', 'd'], ['a', 'b', 'c'])).toEqual({ ids: ['a', 'b', 'c'], changed: 2 });
  });
});
