// The case part of an incident's card: the loop as a stepper, the countdown to its limit, possible
// duplicates, the actions this user may take now (with what came of the last one), the case's
// fields, and its timeline. Everything follows the newest view of the case, live.
import type { ReactNode } from 'react';
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT } from '../i18n/index.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';
import { Fields } from '../panels/details/Fields.tsx';
import { CaseActions } from './CaseActions.tsx';
import { CaseCountdown } from './CaseCountdown.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { CommandNoticeView } from './CommandNoticeView.tsx';
import { DuplicateNote } from './DuplicateNote.tsx';
import { StageStepper } from './StageStepper.tsx';
import { assigneeText } from './event-text.ts';
import { useCaseCommand } from './use-case-command.ts';
import { useCaseDetail } from './use-case-detail.ts';
import './console.css';

interface Props {
  id: string;
  index: JurisdictionIndex | null;
  /** The incident's own fields, shown between the actions and the timeline. */
  children: ReactNode;
}

export function CaseSection({ id, index, children }: Props) {
  const { t } = useT();
  const state = useCaseDetail(id);
  const commander = useCaseCommand();
  const current: CaseView | null = state.status === 'missing' ? null : state.current;

  return (
    <div className="case-section" data-testid="case-card" data-case-id={id} data-stage={current?.stage} data-version={current?.version}>
      {current && <StageStepper current={current} events={state.status === 'ready' ? state.detail.events : null} />}
      {current && <CaseCountdown current={current} />}
      {current && <DuplicateNote current={current} />}
      {state.status === 'loading' && <p className="muted">{t('case.loading')}</p>}
      {state.status === 'error' && <p className="error-note" role="alert">{t('case.loadFailed', { reason: state.reason })}</p>}
      <CommandNoticeView notice={commander.notice} onDismiss={commander.dismiss} />
      {state.status === 'ready' && (
        <CaseActions current={state.current} offered={state.detail.commands} stale={state.stale} index={index} commander={commander} />
      )}
      {current && (
        <Fields rows={[
          { label: t('case.field.level'), value: `${t(`case.level.${current.level}`)} · ${index?.villages.get(current.centreCode)?.name ?? index?.townships.get(current.centreCode)?.name ?? current.centreCode}` },
          current.owner && { label: t('case.field.owner'), value: current.owner.name, testId: 'case-owner' },
          current.assignee && { label: t('case.field.assignee'), value: assigneeText(current.assignee, t, index), testId: 'case-assignee' },
        ]} />
      )}
      {children}
      {state.status === 'ready' && <CaseTimeline events={state.detail.events} index={index} />}
    </div>
  );
}
