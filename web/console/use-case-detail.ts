// One case as the card shows it: its detail (state, timeline, the commands the user may give now)
// over REST, fetched again whenever a newer view of the case arrives (live, or a command's answer),
// so the timeline and the buttons always follow the state on screen.
import { useEffect, useState } from 'react';
import type { CaseDetailResponse, CaseView } from '../../server/wire/case-api.ts';
import { fetchCase } from '../api/cases.ts';
import { HttpError } from '../api/http.ts';
import { newerView } from '../cases/case-views.ts';
import { useCases } from '../cases/hooks.ts';

export type CaseDetailState =
  | { status: 'loading'; current: CaseView | null }
  | { status: 'missing' }
  | { status: 'error'; reason: string; current: CaseView | null }
  | {
    status: 'ready';
    detail: CaseDetailResponse;
    /** The newest view of the case (the store's may be ahead of the detail for a moment). */
    current: CaseView;
    /** True while the detail is older than `current`: its commands wait for the new one. */
    stale: boolean;
  };

export function useCaseDetail(id: string): CaseDetailState {
  const view = useCases((s) => s.views.get(id));
  const [loaded, setLoaded] = useState<{ id: string; detail: CaseDetailResponse } | { id: string; error: string; status: number } | null>(null);
  const detail = loaded?.id === id && 'detail' in loaded ? loaded.detail : null;
  // Fetch again when the store knows a newer version than the detail shows.
  const wanted = Math.max(view?.version ?? 0, detail?.case.version ?? 0);
  const behind = !detail || (view !== undefined && view.version > detail.case.version);

  useEffect(() => {
    if (!behind) return undefined;
    const ctrl = new AbortController();
    fetchCase(id, ctrl.signal).then(
      (d) => setLoaded((prev) => (prev?.id === id && 'detail' in prev && prev.detail.case.version > d.case.version ? prev : { id, detail: d })),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setLoaded({ id, error: err instanceof Error ? err.message : String(err), status: err instanceof HttpError ? err.status : 0 });
      },
    );
    return () => ctrl.abort();
    // `wanted` re-runs the fetch for each newer version seen while behind.
  }, [id, behind, wanted]);

  if (detail) {
    const current = view ? newerView(detail.case, view) : detail.case;
    return { status: 'ready', detail, current, stale: current.version > detail.case.version };
  }
  if (loaded?.id === id && 'error' in loaded) {
    return loaded.status === 404 ? { status: 'missing' } : { status: 'error', reason: loaded.error, current: view ?? null };
  }
  return { status: 'loading', current: view ?? null };
}
