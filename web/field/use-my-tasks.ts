// 我的任务 kept live: loaded from GET /cases?tab=mine, updated in place by each live publish of
// changed cases, and reloaded after it (the server decides which cases are mine: a new assignment
// joins, a reassigned or handed-over case leaves). One reload at a time; changes during one ask for
// exactly one more.
import { useEffect, useState } from 'react';
import { fetchCases } from '../api/cases.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import type { LiveStore } from '../live/store.ts';
import { applyLiveViews, reconcileTasks } from './tasks.ts';

export type TaskList =
  | { state: 'loading' }
  | { state: 'ready'; tasks: readonly CaseView[]; truncated: boolean }
  | { state: 'failed'; reason: string; tasks: readonly CaseView[] };

/** The signed-in account's open tasks, live. */
export function useMyTasks(live: LiveStore): TaskList {
  const [list, setList] = useState<TaskList>({ state: 'loading' });

  useEffect(() => {
    let held: readonly CaseView[] = [];
    let inFlight = false;
    let again = false;
    let stopped = false;
    const controller = new AbortController();

    const reload = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const answer = await fetchCases({ tab: 'mine', sort: 'due' }, controller.signal);
        if (stopped) return;
        held = reconcileTasks(answer.cases, held);
        setList({ state: 'ready', tasks: held, truncated: answer.truncated });
      } catch (err) {
        if (!stopped) setList({ state: 'failed', reason: (err as Error).message, tasks: held });
      } finally {
        inFlight = false;
        if (again && !stopped) {
          again = false;
          void reload();
        }
      }
    };

    const off = live.onCases((changes) => {
      const next = applyLiveViews(held, changes.cases);
      if (next !== held) {
        held = next;
        setList((l) => (l.state === 'ready' ? { ...l, tasks: held } : l));
      }
      void reload();
    });
    // A reconnect that resumed may have missed nothing, or a reset may have lost everything: reload.
    let lastConnection = live.getSnapshot().connection;
    const offConn = live.subscribe(() => {
      const c = live.getSnapshot().connection;
      if (c === 'connected' && lastConnection !== 'connected') void reload();
      lastConnection = c;
    });
    void reload();
    return () => {
      stopped = true;
      controller.abort();
      off();
      offConn();
    };
  }, [live]);

  return list;
}
