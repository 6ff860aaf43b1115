// One task: where it is (a small map with the phone's position, the way there, navigation), what
// it is, what the worker may do now, and its record.
import { useContext, useMemo } from 'react';
import { useLiveStore } from '../live/hooks.ts';
import { translateOptional, useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useSmallStore } from '../state/small-store.ts';
import { SmallMap, type MapPlace } from './SmallMap.tsx';
import { TaskActions } from './TaskActions.tsx';
import { TaskSummary } from './TaskSummary.tsx';
import { TaskTimeline } from './TaskTimeline.tsx';
import { WayTo } from './WayTo.tsx';
import { goTo } from './field-route.ts';
import type { PositionStore } from './position.ts';
import { useTaskDetail } from './use-task-detail.ts';
import { HomeAreaContext } from './home-area.ts';

export function TaskDetail({ caseId, position }: { caseId: string; position: PositionStore }) {
  const { t, lang } = useT();
  const live = useLiveStore();
  const { detail, reload } = useTaskDetail(live, caseId);
  const here = useSmallStore(position, (p) => p);
  const area = useContext(HomeAreaContext);
  const c = detail.state === 'ready' ? detail.detail.case : null;
  const gridName = c ? area?.grids.features.find((g) => g.properties.code === c.gridCode)?.properties.name : undefined;
  const places = useMemo<MapPlace[]>(() => [
    ...(c ? [{ id: c.id, kind: 'case' as const, lng: c.lng, lat: c.lat }] : []),
    ...(here.state === 'ok' ? [{ id: 'me', kind: 'me' as const, lng: here.lng, lat: here.lat }] : []),
  ], [c, here]);

  return (
    <section className="field-section" data-testid="task-detail" data-version={c?.version}>
      <button type="button" className="field-back" onClick={() => goTo({ view: 'tasks' })}>‹ {t('field.back')}</button>
      {detail.state === 'loading' && <p className="field-note" role="status">{t('field.tasks.loading')}</p>}
      {detail.state === 'failed' && <p className="field-alert" role="alert">{t('field.task.failed', { reason: detail.reason })}</p>}
      {c && detail.state === 'ready' && (
        <>
          <div className="field-card field-card-static">
            <TaskSummary task={c} />
          </div>
          <SmallMap places={places} focusKey={`${c.id}|${here.state === 'ok'}`} testId="task-map" label={t('field.map.task')} />
          <WayTo to={c} label={c.description || t(`category.${c.category}`)} position={position} link />
          <dl className="field-facts">
            <dt>{t('field.fact.occurred')}</dt><dd>{formatDateTime(lang, c.occurredAt)}</dd>
            <dt>{t('field.fact.source')}</dt><dd>{translateOptional(t, `source.${c.source}`, c.source)}</dd>
            <dt>{t('field.fact.grid')}</dt><dd>{gridName ? `${gridName}（${c.gridCode}）` : c.gridCode}</dd>
          </dl>
          <TaskActions detail={detail.detail} reload={reload} />
          <TaskTimeline events={detail.detail.events} />
        </>
      )}
    </section>
  );
}
