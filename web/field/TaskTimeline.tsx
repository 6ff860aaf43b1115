// The task's record (办理记录), newest first: each step with who, when, its note and its photos.
import type { CaseEvent } from '../../server/wire/case.ts';
import { casePhotoUrl } from '../api/cases.ts';
import { formatDateTime } from '../i18n/format.ts';
import { translateOptional, useT } from '../i18n/index.ts';

/** The words an event carries (note, reason, text; whom it was dispatched to), if any. */
function wordsOf(e: CaseEvent): string {
  if (e.type === 'assigned') {
    const a = e.payload.assignee;
    return `→ ${a.kind === 'grid' ? a.gridCode : a.name}`;
  }
  const p = e.payload as { note?: string; reason?: string; text?: string };
  return p.note ?? p.reason ?? p.text ?? '';
}

const photosOf = (e: CaseEvent): string[] => (e.type === 'feedback' || e.type === 'handled' ? e.payload.photos : []);

export function TaskTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, lang } = useT();
  return (
    <section className="field-section">
      <h3>{t('field.timeline')}</h3>
      <ol className="field-timeline" data-testid="task-timeline">
        {[...events].reverse().map((e) => (
          <li key={`${e.seq}-${e.version}`} data-type={e.type}>
            <div className="field-timeline-head">
              <b>{translateOptional(t, `field.event.${e.type}`, e.type)}</b>
              <span>{e.actor.type === 'system' ? t('field.actor.system') : e.actor.name}</span>
              <time dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
            </div>
            {wordsOf(e) && <p>{wordsOf(e)}</p>}
            {photosOf(e).length > 0 && (
              <div className="field-photos">
                {photosOf(e).map((id) => (
                  <a key={id} className="field-thumb" href={casePhotoUrl(e.caseId, id)} target="_blank" rel="noreferrer">
                    <img src={casePhotoUrl(e.caseId, id)} alt={t('field.photo')} loading="lazy" data-testid="timeline-photo" />
                  </a>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
