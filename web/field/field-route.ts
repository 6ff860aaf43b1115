// Where the field page is, in its URL (so a reload, the back button and a shared link keep it):
// /field (我的任务), /field/task/<case id>, /field/report (发现上报).
import { createSmallStore } from '../state/small-store.ts';
import { FIELD_PATH } from '../app/mode.ts';

export type FieldView = { view: 'tasks' } | { view: 'task'; id: string } | { view: 'report' };

/** The view a path names; anything else under the field page is the task list. */
export function parseFieldPath(pathname: string): FieldView {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== FIELD_PATH.slice(1)) return { view: 'tasks' };
  if (parts[1] === 'report' && parts.length === 2) return { view: 'report' };
  if (parts[1] === 'task' && parts.length === 3) {
    try {
      return { view: 'task', id: decodeURIComponent(parts[2]!) };
    } catch {
      return { view: 'tasks' }; // a malformed escape names no case
    }
  }
  return { view: 'tasks' };
}

/** The path of a view. */
export function fieldPath(v: FieldView): string {
  if (v.view === 'report') return `${FIELD_PATH}/report`;
  if (v.view === 'task') return `${FIELD_PATH}/task/${encodeURIComponent(v.id)}`;
  return FIELD_PATH;
}

/** The field page's current view, following the address bar. */
export const fieldViewStore = createSmallStore<FieldView>(
  typeof location === 'undefined' ? { view: 'tasks' } : parseFieldPath(location.pathname),
);

/** Goes to a view (a new history entry, so the phone's back button returns). */
export function goTo(v: FieldView): void {
  const path = fieldPath(v);
  if (location.pathname !== path) history.pushState(null, '', path);
  fieldViewStore.set(v);
}

/** Follows back/forward; returns the function that stops. */
export function followHistory(): () => void {
  const onPop = () => fieldViewStore.set(parseFieldPath(location.pathname));
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
