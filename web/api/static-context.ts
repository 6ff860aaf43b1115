// React access to the static data store, by slice.
import { createContext, useContext } from 'react';
import type { SmallStore } from '../state/small-store.ts';
import { useSmallStore } from '../state/small-store.ts';
import type { StaticData } from './static-data.ts';

export const StaticDataContext = createContext<SmallStore<StaticData> | null>(null);

/** Selects one slice of the static data (jurisdiction, cameras, routes, units). */
export function useStatic<S>(selector: (d: StaticData) => S): S {
  const store = useContext(StaticDataContext);
  if (!store) throw new Error('useStatic needs a StaticDataContext provider');
  return useSmallStore(store, selector);
}
