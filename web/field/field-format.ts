// Distances and time spans as the field page says them, in the UI language.
import type { Translate } from '../i18n/index.ts';

/** "850 米" / "1.2 公里". */
export function formatDistance(t: Translate, metres: number): string {
  if (metres < 1000) return t('field.distance.m', { n: Math.max(10, Math.round(metres / 10) * 10) });
  return t('field.distance.km', { n: (metres / 1000).toFixed(metres < 10_000 ? 1 : 0) });
}

/** "25 分钟" / "3 小时 5 分" / "2 天 4 小时" for a span of `ms` (sign ignored). */
export function formatSpan(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('field.span.min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? t('field.span.hours', { h: hours }) : t('field.span.hour', { h: hours, m: minutes % 60 });
  return hours % 24 === 0 ? t('field.span.days', { d: hours / 24 }) : t('field.span.day', { d: Math.floor(hours / 24), h: hours % 24 });
}
