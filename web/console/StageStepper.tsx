// The closed loop as a stepper: 受理 → 派遣 → 处置 → 反馈 → 核查 → 归档, each with who and when.
import type { CaseEvent } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT } from '../i18n/index.ts';
import { formatTime } from '../i18n/format.ts';
import { actorName } from './event-text.ts';
import { loopSteps } from './loop-steps.ts';

export function StageStepper({ current, events }: { current: CaseView; events: readonly CaseEvent[] | null }) {
  const { t, lang } = useT();
  const steps = loopSteps(current, events);
  return (
    <ol className="stepper" data-testid="case-stepper" data-stage={current.stage}>
      {steps.map((s) => (
        <li key={s.step} className={`step step-${s.status}`} data-step={s.step} data-status={s.status}>
          <span className="step-dot" aria-hidden="true">{s.status === 'done' ? '✓' : s.status === 'skipped' ? '–' : ''}</span>
          <span className="step-name">{t(`case.step.${s.step}`)}</span>
          <span className="step-who" data-testid={`step-who-${s.step}`}>{s.who ? actorName(s.who, t) : s.status === 'skipped' ? t('case.step.skipped') : ''}</span>
          <span className="step-at">{s.at ? formatTime(lang, s.at).slice(0, 5) : ''}</span>
        </li>
      ))}
    </ol>
  );
}
