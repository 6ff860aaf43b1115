// React access to the live store: components subscribe to one slice through a selector, so a new
// tick re-renders only the components whose slice changed (never the whole tree).
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveSnapshot, LiveStore } from './store.ts';

export const LiveStoreContext = createContext<LiveStore | null>(null);

/** The live store provided by the app root. */
export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore needs a LiveStoreContext provider');
  return store;
}

/** Selects one slice of the live snapshot; the selector must return a stable reference or a primitive. */
export function useLive<S>(selector: (s: LiveSnapshot) => S): S {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getSnapshot()), () => selector(store.getSnapshot()));
}
