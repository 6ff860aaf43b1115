// The case's events, newest first: when, who, what, and what they wrote (photos as thumbnails).
import type { CaseEvent } from '../../server/wire/case.ts';
import { casePhotoUrl } from '../api/cases.ts';
import { useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';
import { actorName, eventDetail, eventLabel, eventPhotos } from './event-text.ts';

export function CaseTimeline({ events, index }: { events: readonly CaseEvent[]; index: JurisdictionIndex | null }) {
  const { t, lang } = useT();
  return (
    <section className="timeline" aria-label={t('case.timeline')}>
      <h3 className="card-sub">{t('case.timeline')}</h3>
      <ol className="timeline-list" data-testid="case-timeline">
        {[...events].reverse().map((e) => {
          const detail = eventDetail(e, t, index);
          const photos = eventPhotos(e);
          return (
            <li key={e.seq} className={`tl-item tl-${e.type}`} data-event={e.type} data-version={e.version}>
              <div className="tl-head">
                <span className="tl-type">{t(eventLabel(e))}</span>
                <span className="tl-who">{actorName(e.actor, t)}</span>
                <time className="tl-at" dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
              </div>
              {detail && <div className="tl-detail">{detail}</div>}
              {photos.length > 0 && (
                <div className="tl-photos">
                  {photos.map((p) => (
                    <a key={p} href={casePhotoUrl(e.caseId, p)} target="_blank" rel="noreferrer">
                      <img src={casePhotoUrl(e.caseId, p)} alt={t('case.photo')} loading="lazy" />
                    </a>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
