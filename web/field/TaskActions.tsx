// What the worker may do with a task now, as the server lists it (`commands`): 接单, 反馈进展 (a
// note and photos), 办结 (a note and up to 3 photos), 备注. Each sends the version it was shown; a
// refusal is said with the server's reason, and a 409 loads the case as it is now.
import { useState } from 'react';
import { sendCaseCommand, type CommandOutcome } from '../api/cases.ts';
import type { CaseDetailResponse } from '../../server/wire/case-api.ts';
import { CASE_PHOTOS_MAX, type CaseCommand, type CaseCommandType } from '../../server/wire/case.ts';
import { useT, type Translate } from '../i18n/index.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { uploadPhotos } from './photo-upload.ts';

/** The commands this page offers, in the order shown. */
const FIELD_COMMANDS = ['accept', 'feedback', 'handle', 'note'] as const satisfies readonly CaseCommandType[];
type FieldCommand = (typeof FIELD_COMMANDS)[number];
type Form = Exclude<FieldCommand, 'accept'>;

type Message = { kind: 'ok' | 'error'; text: string };

function refusalText(t: Translate, o: Extract<CommandOutcome, { ok: false }>): string {
  if (o.status === 0) return t('field.refused.network');
  if (o.status === 409) return t('field.refused.stale', { reason: o.reason });
  return t('field.refused', { status: o.status, reason: o.reason });
}

export function TaskActions({ detail, reload }: { detail: CaseDetailResponse; reload: () => void }) {
  const { t } = useT();
  const [form, setForm] = useState<Form | null>(null);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploaded] = useState(() => new Map<File, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const offered = FIELD_COMMANDS.filter((c) => detail.commands.includes(c));
  const c = detail.case;

  async function send(type: FieldCommand) {
    setMessage(null);
    let command: CaseCommand;
    if (type === 'accept') command = { type };
    else if (type === 'note') command = { type, text: note.trim() };
    else {
      let photos: string[] = [];
      if (files.length > 0) {
        setBusy(t('field.photos.uploading', { i: 0, n: files.length }));
        const up = await uploadPhotos(c.id, files, uploaded, (done) => setBusy(t('field.photos.uploading', { i: done, n: files.length })));
        if (!up.ok) {
          setBusy(null);
          setMessage({ kind: 'error', text: up.status === 0 ? t('field.refused.network') : t('field.photoFailed', { status: up.status, reason: up.reason }) });
          return;
        }
        photos = up.ids;
      }
      command = { type, note: note.trim(), ...(photos.length > 0 ? { photos } : {}) };
    }
    setBusy(t('field.busy'));
    const outcome = await sendCaseCommand(c.id, c.version, command);
    setBusy(null);
    if (outcome.ok) {
      setMessage({ kind: 'ok', text: t(`field.done.${type}`) });
      setForm(null);
      setNote('');
      setFiles([]);
    } else {
      setMessage({ kind: 'error', text: refusalText(t, outcome) });
    }
    // Applied or refused, the card shows the case as it is now (and the commands it allows now).
    if (outcome.ok || outcome.status === 409) reload();
  }

  return (
    <section className="field-actions" data-testid="task-actions">
      {message && <p className={message.kind === 'ok' ? 'field-ok' : 'field-alert'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="task-message">{message.text}</p>}
      {offered.length === 0 && <p className="field-note">{t('field.noCommands')}</p>}
      {form === null && offered.length > 0 && (
        <div className="field-buttons">
          {offered.map((type) => (
            <button
              key={type} type="button" className={`field-btn${type === 'accept' || type === 'handle' ? ' field-btn-primary' : ''}`}
              disabled={busy !== null} data-testid={`cmd-${type}`}
              onClick={() => (type === 'accept' ? void send(type) : setForm(type))}
            >
              {t(`field.cmd.${type}`)}
            </button>
          ))}
        </div>
      )}
      {form !== null && (
        <form className="field-form" data-testid={`form-${form}`} onSubmit={(e) => { e.preventDefault(); void send(form); }}>
          <h3>{t(`field.cmd.${form}`)}</h3>
          <textarea
            name="note" rows={3} required maxLength={2000} value={note} disabled={busy !== null}
            placeholder={t('field.note.placeholder')} onChange={(e) => setNote(e.currentTarget.value)}
          />
          {form !== 'note' && <PhotoPicker files={files} onChange={setFiles} max={CASE_PHOTOS_MAX} disabled={busy !== null} />}
          <div className="field-buttons">
            <button type="button" className="field-btn" disabled={busy !== null} onClick={() => setForm(null)}>{t('field.cancel')}</button>
            <button type="submit" className="field-btn field-btn-primary" disabled={busy !== null || note.trim() === ''} data-testid="form-submit">{busy ?? t('field.submit')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
