// A task in a few words: category, stage, priority, the time left for its current step (red once
// overdue) and its description.
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT } from '../i18n/index.ts';
import { useMinuteClock } from './use-minute-clock.ts';
import { formatSpan } from './field-format.ts';
import { msUntilDue } from './tasks.ts';

export function TaskSummary({ task }: { task: CaseView }) {
  const { t } = useT();
  const now = useMinuteClock();
  const left = msUntilDue(task, now);
  const overdue = task.overdue.step || task.overdue.case || (left !== null && left < 0);
  const due = left === null ? t('field.due.none') : left < 0 ? t('field.due.over', { time: formatSpan(t, left) }) : t('field.due.left', { time: formatSpan(t, left) });
  return (
    <span className="field-summary">
      <span className="field-summary-top">
        <b>{t(`category.${task.category}`)}</b>
        <span className={`field-stage stage-${task.stage}`} data-testid="task-stage">{t(`stage.${task.stage}`)}</span>
        {task.priority === 'urgent' || task.priority === 'high' ? <span className="field-prio">{t(`priority.${task.priority}`)}</span> : null}
        <span className={`field-due${overdue ? ' overdue' : ''}`} data-testid="task-due">{due}</span>
      </span>
      {task.description && <span className="field-desc">{task.description}</span>}
    </span>
  );
}
