// The short form some commands need: a reason, a note, an evaluation, a level, a case to merge into.
// Its values live in the card, so a refused or stale command keeps what the officer wrote.
import { useEffect, useRef } from 'react';
import { CASE_SATISFACTIONS, type CaseCommandType } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT, type MessageKey } from '../i18n/index.ts';
import { COMMAND_SPECS, dispositionsFor, handDownTargets, type CommandValues } from './commands.ts';

interface Props {
  type: CaseCommandType;
  current: CaseView;
  values: CommandValues;
  onChange(values: CommandValues): void;
  onSubmit(): void;
  onCancel(): void;
  /** Why it cannot be sent now, if it cannot. */
  blocked: MessageKey | null;
  missing: 'text' | 'into' | null;
  busy: boolean;
}

const TEXT_LABEL: Partial<Record<CaseCommandType, MessageKey>> = {
  reject: 'case.form.reason', escalate: 'case.form.reason', reopen: 'case.form.reason', 'hand-down': 'case.form.reasonOptional',
  feedback: 'case.form.note', handle: 'case.form.note', note: 'case.form.text', archive: 'case.form.noteOptional', merge: 'case.form.noteNone',
};

export function CommandForm({ type, current, values, onChange, onSubmit, onCancel, blocked, missing, busy }: Props) {
  const { t } = useT();
  const form = COMMAND_SPECS[type].form;
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), [type]);
  const set = (patch: Partial<CommandValues>) => onChange({ ...values, ...patch });
  const textLabel = TEXT_LABEL[type] ?? 'case.form.note';

  return (
    <form
      className="command-form"
      data-testid={`form-${type}`}
      onSubmit={(e) => { e.preventDefault(); onSubmit(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); onSubmit(); }
      }}
    >
      <div className="form-title">{t(`case.cmd.${type}`)}</div>
      {form === 'archive' && (
        <>
          <fieldset className="choice-row">
            <legend>{t('case.form.satisfaction')}</legend>
            {CASE_SATISFACTIONS.map((s) => (
              <label key={s} className={values.satisfaction === s ? 'on' : ''}>
                <input type="radio" name="satisfaction" value={s} checked={values.satisfaction === s} onChange={() => set({ satisfaction: s })} />
                {t(`satisfaction.${s}`)}
              </label>
            ))}
          </fieldset>
          <label className="form-field">
            <span>{t('case.form.disposition')}</span>
            <select name="disposition" value={values.disposition} onChange={(e) => set({ disposition: e.target.value as CommandValues['disposition'] })}>
              {dispositionsFor(current.stage).map((d) => <option key={d} value={d}>{t(`disposition.${d}`)}</option>)}
            </select>
          </label>
        </>
      )}
      {form === 'hand-down' && (
        <label className="form-field">
          <span>{t('case.form.to')}</span>
          <select name="to" value={values.to} onChange={(e) => set({ to: e.target.value as CommandValues['to'] })}>
            {handDownTargets(current.level).map((l) => <option key={l} value={l}>{t(`case.level.${l}`)}</option>)}
          </select>
        </label>
      )}
      {form === 'merge' ? (
        <label className="form-field">
          <span>{t('case.form.into')}</span>
          <input name="into" list="merge-candidates" value={values.into} onChange={(e) => set({ into: e.target.value })} aria-invalid={missing === 'into'} />
          <datalist id="merge-candidates">
            {current.duplicates.map((d) => <option key={d.caseId} value={d.caseId} />)}
          </datalist>
        </label>
      ) : (
        <label className="form-field">
          <span>{t(textLabel)}</span>
          <textarea ref={textRef} name="text" rows={2} value={values.text} maxLength={2000}
            onChange={(e) => set({ text: e.target.value })} aria-invalid={missing === 'text'} />
        </label>
      )}
      {missing && <div className="form-missing" role="alert">{t('case.form.required')}</div>}
      {blocked && <div className="form-missing" data-testid="form-blocked">{t(blocked)}</div>}
      <div className="form-buttons">
        <button type="submit" className="cmd primary" disabled={busy || blocked !== null}>{t('case.form.submit')}<kbd>Ctrl+Enter</kbd></button>
        <button type="button" className="cmd" onClick={onCancel}>{t('case.form.cancel')}<kbd>Esc</kbd></button>
      </div>
    </form>
  );
}
