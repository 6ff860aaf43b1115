// React access to the incident history: the store the map view created, and a selector hook.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HistorySnapshot, HistoryStore } from './store.ts';

export const HistoryStoreContext = createContext<HistoryStore | null>(null);

/** The history store of the map view. */
export function useHistoryStore(): HistoryStore {
  const store = useContext(HistoryStoreContext);
  if (!store) throw new Error('useHistoryStore needs a HistoryStoreContext provider');
  return store;
}

/** Selects one slice of the history snapshot; the selector must return a stable reference or a primitive. */
export function useHistory<S>(selector: (s: HistorySnapshot) => S): S {
  const store = useHistoryStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getSnapshot()), () => selector(store.getSnapshot()));
}
