import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../i18n/index.ts';
import { formatDistance, formatSpan } from './field-format.ts';

const zh: Translate = (key, vars) => translate('zh-CN', key, vars);
const en: Translate = (key, vars) => translate('en', key, vars);

describe('field formats', () => {
  it('says distances in metres (to 10 m) below 1 km, in km above', () => {
    expect(formatDistance(zh, 4)).toBe('10 米');
    expect(formatDistance(zh, 846)).toBe('850 米');
    expect(formatDistance(zh, 1234)).toBe('1.2 公里');
    expect(formatDistance(en, 23_400)).toBe('23 km');
  });

  it('says spans without zero parts, overdue ones by their size', () => {
    expect(formatSpan(zh, 25 * 60_000)).toBe('25 分钟');
    expect(formatSpan(zh, -(3 * 60 + 5) * 60_000)).toBe('3 小时 5 分');
    expect(formatSpan(zh, 2 * 3_600_000)).toBe('2 小时');
    expect(formatSpan(zh, 24 * 3_600_000)).toBe('1 天');
    expect(formatSpan(en, 28 * 3_600_000)).toBe('1 d 4 h');
    expect(formatSpan(zh, 10_000)).toBe('1 分钟');
  });
});
