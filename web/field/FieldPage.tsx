// The grid worker's phone page (网格员): 我的任务 and 发现上报, one column that scrolls under a
// fixed header and tab bar, nothing floating over the maps. It owns its live store and connection
// (the same socket module as the console) and the phone's position watch.
import { useEffect, useState } from 'react';
import { createLiveStore } from '../live/store.ts';
import { LiveStoreContext } from '../live/hooks.ts';
import { connectLive } from '../net/socket.ts';
import { fetchMe } from '../api/auth.ts';
import { sessionLost, type Me } from '../auth/session.ts';
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { FieldHeader } from './FieldHeader.tsx';
import { TaskList } from './TaskList.tsx';
import { TaskDetail } from './TaskDetail.tsx';
import { ReportForm } from './ReportForm.tsx';
import { fieldViewStore, followHistory, goTo } from './field-route.ts';
import { createPositionStore, watchPosition } from './position.ts';
import { useMyTasks } from './use-my-tasks.ts';
import { HomeAreaContext, useHomeArea } from './home-area.ts';
import './field.css';

export function FieldPage({ me }: { me: Me }) {
  const { t } = useT();
  const [live] = useState(() => createLiveStore());
  const [position] = useState(createPositionStore);
  const view = useSmallStore(fieldViewStore, (v) => v);
  const tasks = useMyTasks(live);
  const area = useHomeArea(me.jurisdiction.code);

  useEffect(() => {
    const disconnect = connectLive(live, {
      onRefused: () => void fetchMe().then((who) => { if (!who) sessionLost(); }, () => undefined),
    });
    return disconnect;
  }, [live]);
  useEffect(() => watchPosition(position), [position]);
  useEffect(() => followHistory(), []);

  const taskCount = tasks.state === 'loading' ? null : tasks.tasks.length;
  const onReport = view.view === 'report';
  return (
    <LiveStoreContext.Provider value={live}>
      <HomeAreaContext.Provider value={area}>
        <div className="field" data-testid="field-page">
          <FieldHeader me={me} />
          <nav className="field-tabs" data-testid="field-tabs" aria-label={t('field.title')}>
            <button type="button" className={onReport ? '' : 'active'} aria-current={onReport ? undefined : 'page'} onClick={() => goTo({ view: 'tasks' })} data-testid="tab-tasks">
              {t('field.tab.tasks')}{taskCount !== null && <span className="field-count">{taskCount}</span>}
            </button>
            <button type="button" className={onReport ? 'active' : ''} aria-current={onReport ? 'page' : undefined} onClick={() => goTo({ view: 'report' })} data-testid="tab-report">
              {t('field.tab.report')}
            </button>
          </nav>
          <main className="field-main" data-testid="field-main">
            {view.view === 'tasks' && <TaskList list={tasks} position={position} />}
            {view.view === 'task' && <TaskDetail key={view.id} caseId={view.id} position={position} />}
            {view.view === 'report' && <ReportForm position={position} />}
          </main>
        </div>
      </HomeAreaContext.Provider>
    </LiveStoreContext.Provider>
  );
}
