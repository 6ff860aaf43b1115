// One case in the queue: category, urgency, stage, what is left of its step's limit (red when
// overdue), what and where — and 可能重复 with the candidate when it may report a known event.
import { memo } from 'react';
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT } from '../i18n/index.ts';
import { CATEGORY_COLORS, css } from '../layers/palette.ts';
import { flyToPoint } from '../map/map-handle.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';
import { select } from '../state/selection.ts';
import { DueText } from './DueText.tsx';

interface Props {
  view: CaseView;
  selected: boolean;
  nowMs: number;
  index: JurisdictionIndex | null;
}

const open = (id: string, lng?: number, lat?: number) => {
  select({ kind: 'incident', id });
  if (lng !== undefined && lat !== undefined) flyToPoint(lng, lat);
};

export const QueueRow = memo(function QueueRow({ view: v, selected, nowMs, index }: Props) {
  const { t } = useT();
  const township = index?.townships.get(v.townshipCode)?.name ?? v.townshipCode;
  const village = index?.villages.get(v.villageCode)?.name;
  const dup = v.duplicates[0];
  const overdue = v.overdue.step || v.overdue.case;
  return (
    <li className={`case-item${selected ? ' selected' : ''}${overdue ? ' overdue' : ''}`} data-testid="case-row" data-case-id={v.id} data-stage={v.stage} data-version={v.version}>
      <button type="button" className="case-row" aria-pressed={selected} onClick={() => open(v.id, v.lng, v.lat)}>
        <span className="cat-bar" style={{ background: css(CATEGORY_COLORS[v.category]) }} aria-hidden="true" />
        <span className="row-main">
          <span className="row-top">
            <span className="cat-name" style={{ color: css(CATEGORY_COLORS[v.category]) }}>{t(`category.${v.category}`)}</span>
            <span className={`prio prio-${v.priority}`}>{t(`priority.${v.priority}`)}</span>
            <span className={`stage-chip stage-${v.stage}`}>{t(`stage.${v.stage}`)}</span>
            <DueText dueAt={v.stepDueAt} nowMs={nowMs} />
          </span>
          <span className="row-desc">{v.description || v.id}</span>
          <span className="row-place">{township}{village ? ` · ${village}` : ''}</span>
        </span>
      </button>
      {dup && (
        <button type="button" className="dup-badge" data-testid="duplicate-badge" data-candidate={dup.caseId}
          title={t('case.dup.detail', { m: Math.round(dup.distanceM), s: `${dup.secondsApart}s` })}
          onClick={() => open(dup.caseId)}>
          {t('queue.duplicate')}
        </button>
      )}
    </li>
  );
});
