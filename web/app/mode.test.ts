import { describe, expect, it } from 'vitest';
import { modeFor } from './mode.ts';

const worker = { kind: 'account', role: 'grid-worker' } as const;
const officer = { kind: 'account', role: 'duty-officer' } as const;
const wall = { kind: 'display', role: 'wall-display' } as const;

describe('modeFor', () => {
  it.each([
    ['/', worker, 'field'],
    ['/field', worker, 'field'],
    ['/field/task', worker, 'field'],
    ['/wall', worker, 'console'],
    ['/briefing', worker, 'console'],
    ['/fieldwork', worker, 'console'],
    ['/', officer, 'console'],
    ['/field', officer, 'field'],
    ['/wall', officer, 'console'],
    ['/', wall, 'console'],
    ['/field', wall, 'console'],
  ] as const)('%s for a %s is %s', (path, me, mode) => {
    expect(modeFor(path, me)).toBe(mode);
  });
});
