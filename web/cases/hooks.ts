// React access to the case store: components select one slice, so a change re-renders only those
// whose slice changed.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CaseSnapshot, CaseStore } from './case-store.ts';

export const CaseStoreContext = createContext<CaseStore | null>(null);

/** The case store provided by the app root. */
export function useCaseStore(): CaseStore {
  const store = useContext(CaseStoreContext);
  if (!store) throw new Error('useCaseStore needs a CaseStoreContext provider');
  return store;
}

/** Selects one slice of the case snapshot; the selector must return a stable reference or a primitive. */
export function useCases<S>(selector: (s: CaseSnapshot) => S): S {
  const store = useCaseStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getSnapshot()), () => selector(store.getSnapshot()));
}
