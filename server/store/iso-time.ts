// occurredAt as stored — toISOString()'s "YYYY-MM-DDTHH:MM:SS.sssZ" — read without Date.parse:
// digits are taken directly for that one shape (a month of history is a million of them, and every
// insert checks one); anything else goes to Date.parse.

const DIGIT0 = 48;

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - DIGIT0;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Milliseconds of a string in the stored shape, or NaN when it is not exactly that shape and a real instant. */
function storedShapeMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */ || iso.charCodeAt(10) !== 84 /* T */) return NaN;
  if (iso[4] !== '-' || iso[7] !== '-' || iso[13] !== ':' || iso[16] !== ':' || iso[19] !== '.') return NaN;
  const year = digits(iso, 0, 4), month = digits(iso, 5, 2), day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2), minute = digits(iso, 14, 2), second = digits(iso, 17, 2), ms = digits(iso, 20, 3);
  // Date.UTC reads years below 100 as 19xx and rolls 31 February over into March: refuse both here.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return new Date(t).getUTCDate() === day ? t : NaN;
}

/** Milliseconds since 1970-01-01 UTC of an ISO 8601 date-time. */
export function parseIsoMs(iso: string): number {
  const t = storedShapeMs(iso);
  return Number.isNaN(t) ? Date.parse(iso) : t;
}

/** ISO text as stored (UTC, milliseconds), so comparisons as text are exact; throws when it is no date. */
export function normaliseIso(iso: string): string {
  if (!Number.isNaN(storedShapeMs(iso))) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${iso}`);
  return new Date(ms).toISOString();
}
