// One task as the card shows it: state, timeline and the commands this account may give now
// (GET /cases/{id}); loaded again whenever the live channel carries a newer version of it, or when
// the card asks (after a command, or a refusal that came with the case as it is now).
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCase } from '../api/cases.ts';
import type { CaseDetailResponse } from '../../server/wire/case-api.ts';
import type { LiveStore } from '../live/store.ts';

export type TaskDetail =
  | { state: 'loading' }
  | { state: 'ready'; detail: CaseDetailResponse }
  | { state: 'failed'; reason: string };

export function useTaskDetail(live: LiveStore, caseId: string): { detail: TaskDetail; reload: () => void } {
  const [detail, setDetail] = useState<TaskDetail>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const versionRef = useRef(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    fetchCase(caseId, controller.signal).then(
      (d) => {
        versionRef.current = d.case.version;
        setDetail({ state: 'ready', detail: d });
      },
      (err: Error) => {
        if (!controller.signal.aborted) setDetail({ state: 'failed', reason: err.message });
      },
    );
    return () => controller.abort();
  }, [caseId, generation]);

  useEffect(() => live.onCases((changes) => {
    if (changes.cases.some((c) => c.id === caseId && c.version > versionRef.current)) reload();
  }), [live, caseId, reload]);

  return { detail, reload };
}
