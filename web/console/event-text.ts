// How the card words a case's events and assignees, in the UI language.
import type { CaseActor, CaseAssignee, CaseEvent } from '../../server/wire/case.ts';
import { translateOptional, type MessageKey, type Translate } from '../i18n/index.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';

/** The name of whoever did something. */
export function actorName(a: CaseActor, t: Translate): string {
  if (a.type === 'account') return a.name;
  if (a.type === 'source') return translateOptional(t, `source.${a.name}`, a.name);
  return t('case.actor.system');
}

/** To whom a case is dispatched: a grid's worker by name when the jurisdiction names them. */
export function assigneeText(a: CaseAssignee, t: Translate, idx: JurisdictionIndex | null): string {
  if (a.kind === 'account' || a.kind === 'unit') return a.name;
  const grid = idx?.grids.get(a.gridCode);
  return grid ? t('case.assignee.grid', { name: grid.worker.name, grid: grid.name }) : t('case.assignee.gridCode', { code: a.gridCode });
}

/** The event's name: 受理, 接单, 派遣 … */
export function eventLabel(e: CaseEvent): MessageKey {
  if (e.type === 'accepted' && e.payload.stage === 'handling') return 'case.event.taken';
  return `case.event.${e.type}`;
}

/** What the event says beyond its name and who: the note, the reason, to whom, the evaluation. */
export function eventDetail(e: CaseEvent, t: Translate, idx: JurisdictionIndex | null): string {
  switch (e.type) {
    case 'created': return ''; // Its actor is the source already.
    case 'accepted': return '';
    case 'assigned': return assigneeText(e.payload.assignee, t, idx);
    case 'feedback':
    case 'handled': return e.payload.note;
    case 'verified': return e.payload.note;
    case 'rejected':
    case 'reopened': return e.payload.reason;
    case 'archived': return [t(`satisfaction.${e.payload.satisfaction}`), t(`disposition.${e.payload.disposition}`), e.payload.note].filter(Boolean).join(' · ');
    case 'escalated':
    case 'handed-down': return [`${t(`case.level.${e.payload.from}`)} → ${t(`case.level.${e.payload.to}`)}`, e.payload.reason].filter(Boolean).join(' · ');
    case 'merged': return t('case.mergedInto', { id: e.payload.into });
    case 'note': return e.payload.text;
  }
}

/** The photos an event carries (feedback and handled). */
export function eventPhotos(e: CaseEvent): readonly string[] {
  return e.type === 'feedback' || e.type === 'handled' ? e.payload.photos : [];
}
