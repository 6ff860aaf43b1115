// The latest incidents, newest first. Clicking one selects it and flies the map to it. While the
// pointer is over the list the rows hold still (list-hold.ts) and new arrivals are counted above.
import { memo, useMemo, useState } from 'react';
import type { Incident } from '../../server/wire/index.ts';
import { useLive } from '../live/hooks.ts';
import { useStatic } from '../api/static-context.ts';
import { translateOptional, useT, type Lang, type Translate } from '../i18n/index.ts';
import { formatTime } from '../i18n/format.ts';
import { CATEGORY_COLORS, css } from '../layers/palette.ts';
import { flyToPoint } from '../map/map-handle.ts';
import { select, selectionStore } from '../state/selection.ts';
import { useSmallStore } from '../state/small-store.ts';
import { jurisdictionIndex, type JurisdictionIndex } from './lookup.ts';
import { holdIds, listView } from './list-hold.ts';

/** How many rows the list shows: the queue a person can read, not the whole window. */
const LIST_LENGTH = 100;

export function IncidentList() {
  const { t, lang } = useT();
  const incidents = useLive((s) => s.incidents);
  const all = incidents.newestFirst;
  const [held, setHeld] = useState<readonly string[] | null>(null);
  const { rows, waiting } = useMemo(() => listView(incidents, LIST_LENGTH, held), [incidents, held]);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const index = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const selectedId = useSmallStore(selectionStore, (s) => (s?.kind === 'incident' ? s.id : null));

  return (
    <section
      className="panel incident-list"
      aria-label={t('list.title')}
      onPointerEnter={(e) => { if (e.pointerType === 'mouse') setHeld(holdIds(incidents, LIST_LENGTH)); }}
      onPointerLeave={() => setHeld(null)}
    >
      <h2 className="panel-title">
        {t('list.title')}
        {waiting > 0 && (
          <button type="button" className="incident-waiting" data-testid="incidents-waiting" onClick={() => setHeld(null)}>
            {t('list.waiting', { n: waiting.toLocaleString() })}
          </button>
        )}
        <span className="panel-title-aside">{t('list.count', { n: all.length.toLocaleString() })}</span>
      </h2>
      {rows.length === 0 ? (
        <div className="empty">{t('list.empty')}</div>
      ) : (
        <ol
          className="incident-rows"
          data-testid="incident-list"
          data-held={held ? 'true' : undefined}
        >
          {rows.map((i) => (
            <IncidentRow key={i.id} incident={i} selected={i.id === selectedId} index={index} t={t} lang={lang} />
          ))}
        </ol>
      )}
    </section>
  );
}

interface RowProps {
  incident: Incident;
  selected: boolean;
  index: JurisdictionIndex | null;
  t: Translate;
  lang: Lang;
}

// Rows re-render only when their own incident, selection or language changes.
const IncidentRow = memo(function IncidentRow({ incident: i, selected, index, t, lang }: RowProps) {
  const township = index?.townships.get(i.townshipCode)?.name ?? i.townshipCode;
  const village = index?.villages.get(i.villageCode)?.name;
  return (
    <li>
      <button
        type="button"
        className={`incident-row priority-${i.priority}${selected ? ' selected' : ''}`}
        data-incident-id={i.id}
        aria-pressed={selected}
        onClick={() => {
          select({ kind: 'incident', id: i.id });
          flyToPoint(i.lng, i.lat);
        }}
      >
        <span className="cat-bar" style={{ background: css(CATEGORY_COLORS[i.category]) }} aria-hidden="true" />
        <span className="row-main">
          <span className="row-top">
            <span className="cat-name" style={{ color: css(CATEGORY_COLORS[i.category]) }}>{t(`category.${i.category}`)}</span>
            <span className={`prio prio-${i.priority}`}>{t(`priority.${i.priority}`)}</span>
            <time className="row-time" dateTime={i.occurredAt}>{formatTime(lang, i.occurredAt)}</time>
          </span>
          <span className="row-desc">{i.description || translateOptional(t, `source.${i.source}`, i.source)}</span>
          <span className="row-place">{township}{village ? ` · ${village}` : ''}</span>
        </span>
      </button>
    </li>
  );
});
