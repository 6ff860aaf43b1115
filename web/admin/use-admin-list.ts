// One admin list (accounts, links, keys): loaded on mount, reloaded after each change, and the
// server's reason for a refused change kept to show — a 4xx is never swallowed.
import { useCallback, useEffect, useState } from 'react';
import { reasonOf } from './admin-api.ts';

export interface AdminList<T> {
  items: T[] | null;
  error: string | null;
  reload: () => void;
  /** Runs a change, then reloads; resolves to its result, or undefined when refused (error set). */
  run: <R>(change: () => Promise<R>) => Promise<R | undefined>;
}

export function useAdminList<T>(load: () => Promise<T[]>): AdminList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (list) => { if (!cancelled) setItems(list); },
      (err: unknown) => { if (!cancelled) setError(reasonOf(err)); },
    );
    return () => { cancelled = true; };
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const run = useCallback(async <R,>(change: () => Promise<R>): Promise<R | undefined> => {
    setError(null);
    try {
      return await change();
    } catch (err) {
      setError(reasonOf(err));
      return undefined;
    } finally {
      setVersion((v) => v + 1);
    }
  }, []);

  return { items, error, reload, run };
}
