// Filters of the queue: township, category, source; and its order (by due time, or newest first).
import { INCIDENT_CATEGORIES, KNOWN_SOURCES } from '../../server/wire/incident.ts';
import { useStatic } from '../api/static-context.ts';
import { useCaseStore, useCases } from '../cases/hooks.ts';
import { translateOptional, useT } from '../i18n/index.ts';

/** `scopeCode`: the user's jurisdiction; only its townships are offered. */
export function QueueFilters({ scopeCode }: { scopeCode: string }) {
  const { t } = useT();
  const store = useCaseStore();
  const filter = useCases((s) => s.filter);
  const all = useStatic((d) => d.jurisdiction?.townships.features);
  const townships = all?.filter((f) => f.properties.code.startsWith(scopeCode) || scopeCode.startsWith(f.properties.code));
  return (
    <div className="queue-filters">
      <select aria-label={t('queue.filter.township')} data-testid="queue-township" value={filter.township} onChange={(e) => store.setFilter({ township: e.target.value })}>
        <option value="">{t('queue.filter.township')}</option>
        {townships?.map((f) => <option key={f.properties.code} value={f.properties.code}>{f.properties.name}</option>)}
      </select>
      <select aria-label={t('queue.filter.category')} data-testid="queue-category" value={filter.category} onChange={(e) => store.setFilter({ category: e.target.value })}>
        <option value="">{t('queue.filter.category')}</option>
        {INCIDENT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
      </select>
      <select aria-label={t('queue.filter.source')} data-testid="queue-source" value={filter.source} onChange={(e) => store.setFilter({ source: e.target.value })}>
        <option value="">{t('queue.filter.source')}</option>
        {KNOWN_SOURCES.map((s) => <option key={s} value={s}>{translateOptional(t, `source.${s}`, s)}</option>)}
      </select>
      <div className="segmented queue-sort" role="group" aria-label={t('queue.sort')}>
        {(['due', 'newest'] as const).map((s) => (
          <button key={s} type="button" className={filter.sort === s ? 'on' : ''} aria-pressed={filter.sort === s} data-testid={`queue-sort-${s}`}
            onClick={() => store.setFilter({ sort: s })}>{t(`queue.sort.${s}`)}</button>
        ))}
      </div>
    </div>
  );
}
