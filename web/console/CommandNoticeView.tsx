// What came of the last command: done, refused with the server's reason, or stale — someone changed
// the case first, and the card now shows its current state.
import { useT } from '../i18n/index.ts';
import type { CommandNotice } from './use-case-command.ts';

export function CommandNoticeView({ notice, onDismiss }: { notice: CommandNotice | null; onDismiss(): void }) {
  const { t } = useT();
  if (!notice) return null;
  const action = t(`case.cmd.${notice.type}`);
  const text = notice.kind === 'done' ? t('case.notice.done', { action })
    : notice.kind === 'stale' ? t('case.notice.stale', { action })
      : notice.kind === 'network' ? t('case.notice.network', { action })
        : t('case.notice.refused', { action, status: notice.status });
  return (
    <div className={`command-notice notice-${notice.kind}`} data-testid="command-notice" data-kind={notice.kind} role={notice.kind === 'done' ? 'status' : 'alert'}>
      <div className="notice-text">{text}</div>
      {(notice.kind === 'stale' || notice.kind === 'refused') && <div className="notice-reason" data-testid="command-reason">{notice.reason}</div>}
      <button type="button" className="notice-close" onClick={onDismiss} aria-label={t('details.close')}>×</button>
    </div>
  );
}
