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
          <div className="app">
            <MapView />
            <Header me={me} />
            <aside className="side side-left">
              <LayerPanel />
              <Legend />
              <HotspotRanking />
            </aside>
            <aside className="side side-right">
              <DetailsPanel />
              <IncidentList />
            </aside>
            <SchematicNotice />
            <LoadingNotice />
            <HotspotsFeed />
            <AdminPage me={me} />
          </div>
        </HistoryStoreContext.Provider>
      </StaticDataContext.Provider>
    </LiveStoreContext.Provider>
  );
}
