// The incident to show details of: from the live store when it holds it (the last day), otherwise
// fetched by id once — a dot of the 30-day history has no row object in the page.
import { useEffect, useState } from 'react';
import type { Incident } from '../../../server/wire/index.ts';
import { fetchIncident } from '../../api/rest.ts';
import { useLive } from '../../live/hooks.ts';

export type IncidentLookup =
  | { state: 'found'; incident: Incident }
  | { state: 'loading' }
  | { state: 'missing' };

export function useIncident(id: string): IncidentLookup {
  const live = useLive((s) => s.incidents.byId.get(id));
  const [fetched, setFetched] = useState<{ id: string; incident: Incident | null } | null>(null);
  useEffect(() => {
    if (live) return undefined;
    const ctrl = new AbortController();
    fetchIncident(id, ctrl.signal).then(
      (incident) => setFetched({ id, incident }),
      () => { if (!ctrl.signal.aborted) setFetched({ id, incident: null }); },
    );
    return () => ctrl.abort();
  }, [id, live]);
  if (live) return { state: 'found', incident: live };
  if (fetched?.id !== id) return { state: 'loading' };
  return fetched.incident ? { state: 'found', incident: fetched.incident } : { state: 'missing' };
}
