// 我的任务: the open cases assigned to this worker or their grid, soonest due first, on a small
// overview map (numbered like the list) and as cards; a card opens the task.
import { useMemo } from 'react';
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { SmallMap, type MapPlace } from './SmallMap.tsx';
import { TaskSummary } from './TaskSummary.tsx';
import { WayTo } from './WayTo.tsx';
import { goTo } from './field-route.ts';
import type { PositionStore } from './position.ts';
import type { TaskList as TaskListState } from './use-my-tasks.ts';

export function TaskList({ list, position }: { list: TaskListState; position: PositionStore }) {
  const { t } = useT();
  const tasks = useMemo(() => (list.state === 'loading' ? [] : list.tasks), [list]);
  const here = useSmallStore(position, (p) => p);
  const places = useMemo<MapPlace[]>(() => [
    ...tasks.map((c, k) => ({ id: c.id, kind: 'case' as const, lng: c.lng, lat: c.lat, label: String(k + 1) })),
    ...(here.state === 'ok' ? [{ id: 'me', kind: 'me' as const, lng: here.lng, lat: here.lat }] : []),
  ], [tasks, here]);
  const focusKey = `${tasks.map((c) => c.id).join(',')}|${here.state === 'ok'}`;

  if (list.state === 'loading') return <p className="field-note" role="status">{t('field.tasks.loading')}</p>;
  return (
    <section className="field-section" data-testid="task-list">
      {list.state === 'failed' && <p className="field-alert" role="alert">{t('field.tasks.failed', { reason: list.reason })}</p>}
      {tasks.length > 0 && <SmallMap places={places} focusKey={focusKey} testId="tasks-map" label={t('field.map.tasks')} />}
      {tasks.length === 0 && <p className="field-note" data-testid="tasks-empty">{t('field.tasks.empty')}</p>}
      <ol className="field-cards">
        {tasks.map((c, k) => (
          <li key={c.id}>
            <button type="button" className="field-card" onClick={() => goTo({ view: 'task', id: c.id })} data-testid={`task-${c.id}`} data-stage={c.stage}>
              <span className="field-card-no" aria-hidden="true">{k + 1}</span>
              <TaskSummary task={c} />
              <WayTo to={c} label={c.description} position={position} />
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
