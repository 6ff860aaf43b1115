// A tiny observable value for UI state (language, selection, layer visibility), read in React with
// useSyncExternalStore so only the components that select a slice re-render when it changes.
import { useSyncExternalStore } from 'react';

export interface SmallStore<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a store holding one immutable value; `set` with an identical value notifies nobody. */
export function createSmallStore<T>(initial: T): SmallStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const v = typeof next === 'function' ? (next as (prev: T) => T)(value) : next;
      if (Object.is(v, value)) return;
      value = v;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Subscribes a component to one slice of a small store; the selector must return stable values. */
export function useSmallStore<T, S>(store: SmallStore<T>, selector: (v: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()), () => selector(store.get()));
}
