// The time-limits file: the shipped defaults, per-category overrides, and a bad file stopped with the key named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES } from '../wire/index.ts';
import { DEFAULT_TIME_LIMITS_FILE, loadTimeLimits, parseDuration, parseTimeLimits, TimeLimitsError } from './time-limits.ts';

const M = 60_000, H = 60 * M, D = 24 * H;
const shipped = JSON.parse(readFileSync(DEFAULT_TIME_LIMITS_FILE, 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(path.join(tmpdir(), 'yzt-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durations', () => {
  it.each([['5m', 5 * M], ['2h', 2 * H], ['1d', D], ['3d', 3 * D], ['1d12h', D + 12 * H], ['90s', 90_000], ['1h30m', 90 * M]])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '5', 'm', '1.5h', '-1h', '2 h', '1h1d', '2H', '1w'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNaN();
  });
});

describe('the shipped defaults (data/time-limits.json)', () => {
  const limits = loadTimeLimits();
  it.each([
    ['urgent', [5 * M, 2 * H, H, 4 * H]],
    ['high', [15 * M, 8 * H, 4 * H, D]],
    ['normal', [30 * M, D, D, 3 * D]],
    ['low', [2 * H, 3 * D, 2 * D, 7 * D]],
  ] as const)('%s: accept, handle, verify, total', (priority, [accept, handle, verify, total]) => {
    for (const category of INCIDENT_CATEGORIES.filter((c) => c !== 'dispute')) {
      expect(limits.limitsFor(category, priority)).toEqual({ accept, handle, verify, total });
    }
    // 矛盾纠纷: mediation takes days whatever the priority.
    expect(limits.limitsFor('dispute', priority)).toEqual({ accept, handle: 3 * D, verify, total: 5 * D });
  });
});

describe('overrides', () => {
  it('applies "*" to every priority and lets a named priority win', () => {
    const limits = parseTimeLimits({
      ...shipped,
      categories: { fire: { '*': { accept: '3m' }, urgent: { accept: '1m', total: '2h' } } },
    });
    expect(limits.limitsFor('fire', 'urgent')).toEqual({ accept: M, handle: 2 * H, verify: H, total: 2 * H });
    expect(limits.limitsFor('fire', 'low')).toEqual({ accept: 3 * M, handle: 3 * D, verify: 2 * D, total: 7 * D });
    expect(limits.limitsFor('dispute', 'normal')).toEqual({ accept: 30 * M, handle: D, verify: D, total: 3 * D });
  });

  it('reads a county\'s copy from its own path', () => {
    const file = path.join(dir, 'county.json');
    writeFileSync(file, JSON.stringify({ ...shipped, priorities: { ...(shipped.priorities as object), low: { accept: '4h', handle: '5d', verify: '3d', total: '10d' } } }));
    expect(loadTimeLimits(file).limitsFor('other', 'low')).toEqual({ accept: 4 * H, handle: 5 * D, verify: 3 * D, total: 10 * D });
  });
});

describe('a bad file is refused with the key named', () => {
  /** The shipped table with the value at `keys` replaced (undefined: removed). */
  const edit = (keys: string[], value: unknown) => {
    const t = structuredClone(shipped);
    let node = t as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    const last = keys.at(-1) as string;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return t;
  };
  it.each([
    ['a bad duration', edit(['priorities', 'urgent', 'handle'], '2x'), 'x.json: priorities.urgent.handle "2x" is not a duration of 1 s to 366 d (write e.g. "30m", "2h", "1d", "1d12h")'],
    ['a zero duration', edit(['priorities', 'high', 'accept'], '0m'), 'x.json: priorities.high.accept "0m" is not a duration of 1 s to 366 d (write e.g. "30m", "2h", "1d", "1d12h")'],
    ['a number', edit(['priorities', 'normal', 'verify'], 60), 'x.json: priorities.normal.verify must be a duration such as "30m", "2h", "1d" or "1d12h"'],
    ['a missing step', edit(['priorities', 'low', 'total'], undefined), 'x.json: priorities.low.total is missing'],
    ['a missing priority', edit(['priorities', 'high'], undefined), 'x.json: priorities.high is missing'],
    ['an unknown category', edit(['categories', 'disputes'], {}), 'x.json: categories.disputes is not a known key'],
    ['an unknown step', edit(['categories', 'dispute', '*', 'hndle'], '1h'), 'x.json: categories.dispute.*.hndle is not a known key'],
    ['an unknown priority', edit(['categories', 'dispute', 'critical'], { accept: '1m' }), 'x.json: categories.dispute.critical is not a known key'],
    ['not an object', null, 'x.json must be a JSON object with "priorities" (and optionally "categories")'],
  ])('%s', (_name, table, message) => {
    expect(() => parseTimeLimits(table, 'x.json')).toThrow(new TimeLimitsError(message));
  });

  it('names the file that cannot be read or parsed', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => loadTimeLimits(missing)).toThrow(new RegExp(`^cannot read time limits ${missing}: ENOENT`));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"priorities": ');
    expect(() => loadTimeLimits(broken)).toThrow(new RegExp(`^${broken} is not valid JSON`));
  });
});
