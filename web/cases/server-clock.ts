// The server's clock as the page can know it: the time of its latest message plus how long ago
// that message arrived. Countdowns to time limits run on it, so a desk PC whose clock is off (or a
// server whose clock a test moves) still shows what the server will decide.
import type { LiveSnapshot } from '../live/store.ts';

/** Server time now (ms), or the client's clock before the first message. */
export function serverNowMs(s: Pick<LiveSnapshot, 'asOf' | 'receivedAtMs'>, clientNowMs: number): number {
  const asOf = s.asOf ? Date.parse(s.asOf) : Number.NaN;
  if (Number.isNaN(asOf) || s.receivedAtMs === null) return clientNowMs;
  return asOf + Math.max(0, clientNowMs - s.receivedAtMs);
}

/** What is left until a due time (negative: how long it is overdue), ms; null without a due time. */
export function remainingMs(dueAt: string | null, nowMs: number): number | null {
  if (dueAt === null) return null;
  const due = Date.parse(dueAt);
  return Number.isNaN(due) ? null : due - nowMs;
}

/** "4:05", "1:02:03", "2d 01:02:03" (`dayUnit` "天" in Chinese): the size of a remaining (or overdue) time, to the second. */
export function formatDuration(ms: number, dayUnit = 'd'): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h > 0 || days > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  const hms = h > 0 || days > 0 ? `${days > 0 ? String(h).padStart(2, '0') : h}:${mmss}` : mmss;
  return days > 0 ? `${days}${dayUnit} ${hms}` : hms;
}
