// Says how the 30-day history load is going: progress while it streams in, a clear error with a
// retry button when it failed (it also retries by itself). Once loaded it says nothing visible;
// the element stays for tests and diagnostics with the row count and the load's figures.
import type { CSSProperties } from 'react';
import { useHistory, useHistoryStore } from '../history/hooks.ts';
import { useT } from '../i18n/index.ts';

/** Low in the middle of the map: the county stays visible above it while the month loads. */
const PLACE: CSSProperties = { top: 'auto', bottom: 72, transform: 'translateX(-50%)', fontSize: 14 };
const BUTTON: CSSProperties = { marginLeft: 8, padding: '2px 10px', borderRadius: 6, border: '1px solid currentColor', background: 'transparent', cursor: 'pointer' };

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export function HistoryNotice() {
  const { t } = useT();
  const store = useHistoryStore();
  const status = useHistory((h) => h.status);
  if (status.state === 'ready') {
    return (
      <div hidden data-testid="history-status" data-state="ready" data-rows={status.rows} data-bytes={status.bytes} data-ms={status.ms} data-decode-ms={status.decodeMs}>
        {t('history.ready', { rows: status.rows.toLocaleString() })}
      </div>
    );
  }
  if (status.state === 'error') {
    return (
      <div className="loading-notice error" role="alert" data-testid="history-status" data-state="error" title={status.message} style={PLACE}>
        {t('history.failed')}{' '}
        <button type="button" style={BUTTON} onClick={() => store.retry()} data-testid="history-retry">{t('history.retry')}</button>
      </div>
    );
  }
  return (
    <div className="loading-notice" role="status" data-testid="history-status" data-state="loading" style={PLACE}>
      {status.bytes > 0 ? t('history.loadingBytes', { size: megabytes(status.bytes) }) : t('history.loading')}
    </div>
  );
}
