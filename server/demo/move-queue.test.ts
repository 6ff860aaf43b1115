import { describe, expect, it } from 'vitest';
import { createMoveQueue } from './move-queue.ts';

describe('move queue', () => {
  it('pops the cases due, earliest first, up to a limit, each once', () => {
    const q = createMoveQueue();
    q.set('c', 30);
    q.set('a', 10);
    q.set('b', 20);
    q.set('d', 99);
    expect(q.nextAt()).toBe(10);
    expect(q.popDue(25, 10)).toEqual(['a', 'b']);
    expect(q.popDue(50, 10)).toEqual(['c']);
    expect(q.size).toBe(1);
    expect(q.popDue(100, 0)).toEqual([]);
    expect(q.popDue(100, 1)).toEqual(['d']);
    expect(q.nextAt()).toBeNull();
  });

  it('keeps only a case\'s latest time, and forgets deleted cases', () => {
    const q = createMoveQueue();
    q.set('a', 10);
    q.set('a', 40);
    q.set('b', 20);
    q.delete('b');
    expect(q.popDue(30, 10)).toEqual([]);
    expect(q.nextAt()).toBe(40);
    expect(q.popDue(40, 10)).toEqual(['a']);
  });

  it('stays small when cases are rescheduled over and over', () => {
    const q = createMoveQueue();
    for (let k = 0; k < 100_000; k++) q.set(`c${k % 10}`, k);
    expect(q.size).toBe(10);
    expect(q.popDue(Infinity, 100)).toEqual(Array.from({ length: 10 }, (_, k) => `c${k}`));
  });
});
