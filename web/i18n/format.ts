// Date, time and number formatting in the UI language, in the viewer's own time zone.
import type { Lang } from './index.ts';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, kind: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, kind === 'time'
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }
      : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    timeFormats.set(key, f);
  }
  return f;
}

/** "14:03:27" */
export function formatTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : format(lang, 'time').format(d);
}

/** "2026/11/22 14:03:27" */
export function formatDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : format(lang, 'dateTime').format(d);
}

/** Coordinates with 5 decimals (about 1 m), longitude first as in GeoJSON. */
export function formatLngLat(lng: number, lat: number): string {
  return `${lng.toFixed(5)}°E, ${lat.toFixed(5)}°N`;
}
