// Live connection state at a glance: green connected, amber reconnecting, red offline.
import type { ConnectionState } from '../live/store.ts';
import { useT } from '../i18n/index.ts';

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useT();
  return (
    <div className={`conn conn-${state}`} data-testid="connection" data-state={state} role="status">
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </div>
  );
}
