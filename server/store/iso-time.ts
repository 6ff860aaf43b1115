// occurredAt as stored (toISOString(): "YYYY-MM-DDTHH:MM:SS.sssZ") → ms since epoch. Digits are read
// directly for that one shape — a month of history is a million of them; anything else goes to
// Date.parse.

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

/** Milliseconds since 1970-01-01 UTC of an ISO 8601 date-time. */
export function parseIsoMs(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */) {
    const ms = Date.UTC(digits(iso, 0, 4), digits(iso, 5, 2) - 1, digits(iso, 8, 2), digits(iso, 11, 2), digits(iso, 14, 2), digits(iso, 17, 2), digits(iso, 20, 3));
    if (Number.isFinite(ms)) return ms;
  }
  return Date.parse(iso);
}
