// The queue's tabs with how many cases each holds in the user's scope: 待受理 处置中 超时 待核查 我的.
import { CASE_TABS } from '../../server/wire/case-api.ts';
import { useCaseStore, useCases } from '../cases/hooks.ts';
import { useT } from '../i18n/index.ts';

export function QueueTabs() {
  const { t } = useT();
  const store = useCaseStore();
  const tab = useCases((s) => s.filter.tab);
  const counts = useCases((s) => s.queue.tabs);
  return (
    <div className="queue-tabs" role="tablist" aria-label={t('queue.title')}>
      {CASE_TABS.map((k) => (
        <button key={k} type="button" role="tab" aria-selected={tab === k} data-testid={`queue-tab-${k}`}
          className={`queue-tab tab-${k}${tab === k ? ' on' : ''}`} onClick={() => store.setFilter({ tab: k })}>
          <span className="tab-name">{t(`queue.tab.${k}`)}</span>
          <span className="tab-count" data-testid={`queue-count-${k}`}>{counts ? counts[k].toLocaleString() : '–'}</span>
        </button>
      ))}
    </div>
  );
}
