// The page: the map filling the screen, panels floating over it. The root owns the stores and the
// connections but subscribes to nothing itself, so live updates never re-render the whole tree.
import { useEffect, useState } from 'react';
import { createLiveStore } from '../live/store.ts';
import { LiveStoreContext } from '../live/hooks.ts';
import { keepBackfilled } from '../live/backfill.ts';
import { createHistoryStore } from '../history/store.ts';
import { HistoryStoreContext } from '../history/hooks.ts';
import { loadIncidentHistory } from '../history/load.ts';
import { connectLive } from '../net/socket.ts';
import { loadStaticData } from '../api/static-data.ts';
import { StaticDataContext } from '../api/static-context.ts';
import { fetchIncidentWindow } from '../api/rest.ts';
import { MapView } from '../map/MapView.tsx';
import { Header } from '../panels/Header.tsx';
import { LayerPanel } from '../panels/LayerPanel.tsx';
import { Legend } from '../panels/Legend.tsx';
import { HotspotRanking } from '../panels/HotspotRanking.tsx';
import { HotspotsFeed } from '../hotspots/HotspotsFeed.tsx';
import { IncidentList } from '../panels/IncidentList.tsx';
import { DetailsPanel } from '../panels/DetailsPanel.tsx';
import { SchematicNotice } from '../panels/SchematicNotice.tsx';
import { LoadingNotice } from '../panels/LoadingNotice.tsx';
import { fetchMe } from '../api/auth.ts';
import { sessionLost, type Me } from '../auth/session.ts';
import { AdminPage } from '../admin/AdminPage.tsx';
import { createCaseStore } from '../cases/case-store.ts';
import { CaseStoreContext } from '../cases/hooks.ts';
import { fetchCases } from '../api/cases.ts';
import { CaseQueue } from '../console/CaseQueue.tsx';
import { isConsoleUser } from '../console/console-user.ts';

/** Most incidents one backfill asks for; the live channel carries everything newer. */
const BACKFILL_LIMIT = 20_000;

/** The signed-in page; remounted (fresh stores) for another session. */
export function App({ me }: { me: Me }) {
  const [live] = useState(() => createLiveStore());
  const [staticData] = useState(() => loadStaticData());
  // The 30-day incident history, loaded once per session and kept live from the live store; the map
  // draws it and the details panel counts from it, so both show the same numbers.
  const [history] = useState(() => createHistoryStore(live, { load: loadIncidentHistory }));
  useEffect(() => history.start(), [history]);
  // Cases: the queue and the newest view of each case seen, for the console, the cards and the pins.
  const [cases] = useState(() => createCaseStore(live, { fetchCases }));
  useEffect(() => cases.start(), [cases]);
  // The duty console (queue, actions) for those who work cases at a centre; walls keep the live list.
  const console = isConsoleUser(me);

  useEffect(() => {
    // A refused live connection may mean the session ended: ask, and go back to login if so.
    const disconnect = connectLive(live, {
      onRefused: () => void fetchMe().then((who) => { if (!who) sessionLost(); }, () => undefined),
    });
    const stopBackfill = keepBackfilled(live, (since, signal) => fetchIncidentWindow(since, BACKFILL_LIMIT, signal));
    return () => {
      stopBackfill();
      disconnect();
    };
  }, [live]);

  useEffect(() => () => staticData.stop(), [staticData]);

  return (
    <LiveStoreContext.Provider value={live}>
      <StaticDataContext.Provider value={staticData.store}>
        <HistoryStoreContext.Provider value={history}>
          <CaseStoreContext.Provider value={cases}>
          <div className={`app${console ? ' console' : ''}`}>
            <MapView />
            <Header me={me} />
            <aside className="side side-left">
              <LayerPanel />
              <Legend startFolded={console} />
              <HotspotRanking />
              {console && <IncidentList />}
            </aside>
            {console ? (
              <>
                <aside className="side side-right"><CaseQueue scopeCode={me.jurisdiction.code} /></aside>
                <aside className="side side-detail"><DetailsPanel /></aside>
              </>
            ) : (
              <aside className="side side-right">
                <DetailsPanel />
                <IncidentList />
              </aside>
            )}
            <SchematicNotice />
            <LoadingNotice />
            <HotspotsFeed />
            <AdminPage me={me} />
          </div>
          </CaseStoreContext.Provider>
        </HistoryStoreContext.Provider>
      </StaticDataContext.Provider>
    </LiveStoreContext.Provider>
  );
}
