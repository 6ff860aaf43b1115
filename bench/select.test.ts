import { describe, expect, it } from 'vitest';
import { selectSuites } from './select.ts';

const NAMES = ['grid assignment', 'windowed counts', 'durable ingest', 'arrow vs json'];

describe('choosing benchmark suites from the command line', () => {
  it('runs every suite, and rewrites the record, when none is named', () => {
    expect(selectSuites(NAMES, [])).toEqual({ run: NAMES, subset: false });
  });

  it('runs the suites any given word is part of', () => {
    expect(selectSuites(NAMES, ['arrow'])).toEqual({ run: ['arrow vs json'], subset: true });
    expect(selectSuites(NAMES, ['Ingest', 'grid'])).toEqual({ run: ['grid assignment', 'durable ingest'], subset: true });
  });

  it('lists the suites for --help', () => {
    const s = selectSuites(NAMES, ['--help']);
    expect(s).toMatchObject({ exit: 0 });
    expect('message' in s && s.message).toContain('durable ingest');
  });

  it('fails on a name that matches no suite instead of running nothing', () => {
    const s = selectSuites(NAMES, ['arow']);
    expect(s).toMatchObject({ exit: 2, message: expect.stringContaining('no benchmark suite matches "arow"') });
    expect('message' in s && s.message).toContain('arrow vs json');
  });
});
