// The duty officer's queue (案件队列): tabs with counts, filters, and the cases of the tab in the
// server's order, live. Clicking a case selects it (its card opens) and flies the map to it.
import { useEffect, useState } from 'react';
import { useStatic } from '../api/static-context.ts';
import { useCaseStore, useCases } from '../cases/hooks.ts';
import { useT } from '../i18n/index.ts';
import { jurisdictionIndex } from '../panels/lookup.ts';
import { selectionStore } from '../state/selection.ts';
import { useSmallStore } from '../state/small-store.ts';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueRow } from './QueueRow.tsx';
import { QueueTabs } from './QueueTabs.tsx';
import { useServerNow } from './use-server-now.ts';
import { heldQueue } from './queue-hold.ts';
import './console.css';

/** `scopeCode`: the user's jurisdiction (the filters offer its townships). */
export function CaseQueue({ scopeCode }: { scopeCode: string }) {
  const { t } = useT();
  const store = useCaseStore();
  useEffect(() => store.watchQueue(), [store]);
  const queue = useCases((s) => s.queue);
  const views = useCases((s) => s.views);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const index = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const selectedId = useSmallStore(selectionStore, (s) => (s?.kind === 'incident' ? s.id : null));
  const now = useServerNow();
  const [held, setHeld] = useState<readonly string[] | null>(null);
  const shown = heldQueue(queue.ids, held);
  const rows = shown.ids.flatMap((id) => views.get(id) ?? []);

  return (
    <section className="panel case-queue" aria-label={t('queue.title')} data-testid="case-queue" data-status={queue.status}>
      <h2 className="panel-title">
        {t('queue.title')}
        {shown.changed > 0 && (
          <button type="button" className="incident-waiting" data-testid="queue-changed" onClick={() => setHeld(null)}>
            {t('queue.changed', { n: shown.changed })}
          </button>
        )}
      </h2>
      <QueueTabs />
      <QueueFilters scopeCode={scopeCode} />
      {queue.status === 'error' && <div className="error-note" role="alert">{t('queue.error', { reason: queue.error ?? '' })}</div>}
      {rows.length === 0 ? (
        <div className="empty">{queue.status === 'ready' ? t('queue.empty') : t('queue.loading')}</div>
      ) : (
        <ol className={`case-rows${queue.status === 'loading' ? ' loading' : ''}`} data-testid="case-rows" data-held={held ? 'true' : undefined}
          onPointerEnter={(e) => { if (e.pointerType === 'mouse' && queue.status === 'ready') setHeld(queue.ids); }}
          onPointerLeave={() => setHeld(null)}>
          {rows.map((v) => <QueueRow key={v.id} view={v} selected={v.id === selectedId} nowMs={now} index={index} />)}
        </ol>
      )}
      {queue.truncated && <div className="queue-foot">{t('queue.truncated', { n: rows.length })}</div>}
    </section>
  );
}
