// The countdown to the current step's limit and to the whole case's (限时办结), by server time.
import type { CaseView } from '../../server/wire/case-api.ts';
import { isOpenStage } from '../../server/wire/case.ts';
import { useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { DueText } from './DueText.tsx';
import { useServerNow } from './use-server-now.ts';

export function CaseCountdown({ current }: { current: CaseView }) {
  const { t, lang } = useT();
  const now = useServerNow();
  if (!isOpenStage(current.stage)) {
    return <div className="countdown closed" data-testid="case-countdown" data-overdue="false">{t(current.stage === 'merged' ? 'case.mergedInto' : 'case.closed', { id: current.mergedInto ?? '' })}</div>;
  }
  const stepOver = current.overdue.step || (current.stepDueAt !== null && Date.parse(current.stepDueAt) <= now);
  return (
    <div className={`countdown${stepOver ? ' over' : ''}`} data-testid="case-countdown" data-overdue={stepOver}>
      <div className="countdown-main" title={formatDateTime(lang, current.stepDueAt)}>
        <span className="countdown-label">{t('case.stepLimit', { stage: t(`stage.${current.stage}`) })}</span>
        <DueText dueAt={current.stepDueAt} nowMs={now} testId="case-step-due" />
      </div>
      <div className="countdown-total" title={formatDateTime(lang, current.caseDueAt)}>
        <span className="countdown-label">{t('case.caseLimit')}</span>
        <DueText dueAt={current.caseDueAt} nowMs={now} />
      </div>
    </div>
  );
}
