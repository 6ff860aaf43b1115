// A due time as what is left ("剩 12:05") or how long it is overdue ("超时 1:02:03", red), by server time.
import { remainingMs, formatDuration } from '../cases/server-clock.ts';
import { useT } from '../i18n/index.ts';

export function DueText({ dueAt, nowMs, testId }: { dueAt: string | null; nowMs: number; testId?: string }) {
  const { t } = useT();
  const left = remainingMs(dueAt, nowMs);
  if (left === null) return <span className="due due-none" data-testid={testId}>{t('queue.noLimit')}</span>;
  const overdue = left <= 0;
  const text = formatDuration(left, t('time.day'));
  return (
    <span className={`due${overdue ? ' due-over' : left < 15 * 60_000 ? ' due-soon' : ''}`} data-testid={testId} data-overdue={overdue}>
      {t(overdue ? 'queue.overdueBy' : 'queue.dueIn', { t: text })}
    </span>
  );
}
