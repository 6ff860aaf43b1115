// 可能重复: the open cases this one may report again, with how near they are in place and time;
// one press shows the candidate, and (when the user may) one opens the merge into it.
import { useEffect } from 'react';
import type { CaseView } from '../../server/wire/case-api.ts';
import { fetchCase } from '../api/cases.ts';
import { useCaseStore, useCases } from '../cases/hooks.ts';
import { useT } from '../i18n/index.ts';
import { formatDuration } from '../cases/server-clock.ts';
import { select } from '../state/selection.ts';
import { flyToPoint } from '../map/map-handle.ts';

export function DuplicateNote({ current }: { current: CaseView }) {
  const { t } = useT();
  const views = useCases((s) => s.views);
  const store = useCaseStore();
  const candidates = current.duplicates.slice(0, 3).map((d) => d.caseId).join(',');
  // Candidates the page has not seen yet are read once, to name them.
  useEffect(() => {
    const ctrl = new AbortController();
    for (const id of candidates ? candidates.split(',') : []) {
      if (store.getSnapshot().views.has(id)) continue;
      fetchCase(id, ctrl.signal).then((d) => store.ingest([d.case]), () => undefined);
    }
    return () => ctrl.abort();
  }, [candidates, store]);
  if (current.duplicates.length === 0) return null;
  return (
    <div className="dup-note" data-testid="case-duplicates">
      <span className="dup-badge">{t('queue.duplicate')}</span>
      <ul>
        {current.duplicates.slice(0, 3).map((d) => {
          const other = views.get(d.caseId);
          return (
            <li key={d.caseId}>
              <button type="button" className="dup-link" data-candidate={d.caseId} onClick={() => {
                select({ kind: 'incident', id: d.caseId });
                if (other) flyToPoint(other.lng, other.lat);
              }}>
                {other ? `${t(`category.${other.category}`)} · ${other.description.slice(0, 24) || d.caseId}` : d.caseId}
              </button>
              <span className="dup-detail">{t('case.dup.detail', { m: Math.round(d.distanceM), s: formatDuration(d.secondsApart * 1000, t('time.day')) })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
