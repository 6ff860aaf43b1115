// Details of one incident and its case: what, how urgent, where in the grid, when, from which
// source — and the case's closed loop, with the actions this user may take (web/console).
import { useIncident } from './use-incident.ts';
import { useStatic } from '../../api/static-context.ts';
import { translateOptional, useT } from '../../i18n/index.ts';
import { formatDateTime, formatLngLat } from '../../i18n/format.ts';
import { CATEGORY_COLORS, css } from '../../layers/palette.ts';
import { jurisdictionIndex } from '../lookup.ts';
import { Fields } from './Fields.tsx';
import { DetailsCard, NotFound } from './DetailsCard.tsx';
import { CaseSection } from '../../console/CaseSection.tsx';
import { useCases } from '../../cases/hooks.ts';
import { pinStage } from '../../cases/case-pins.ts';

export function IncidentDetails({ id }: { id: string }) {
  const { t, lang } = useT();
  const found = useIncident(id);
  const views = useCases((s) => s.views);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  if (found.state === 'loading') {
    return <DetailsCard kind={t('details.incident')} title="…"><p className="muted">{t('details.loading')}</p></DetailsCard>;
  }
  if (found.state === 'missing') return <NotFound kind={t('details.incident')} />;
  const { incident } = found;
  const idx = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const grid = idx?.grids.get(incident.gridCode);
  const area = [idx?.townships.get(incident.townshipCode)?.name, idx?.villages.get(incident.villageCode)?.name, grid?.name]
    .filter(Boolean).join(' · ');
  const color = css(CATEGORY_COLORS[incident.category]);
  const stage = pinStage(incident, views);

  return (
    <DetailsCard kind={t('details.incident')} title={t(`category.${incident.category}`)} accent={color}
      badge={<>
        <span className={`prio prio-${incident.priority}`}>{t(`priority.${incident.priority}`)}</span>
        <span className={`stage-chip stage-${stage}`} data-testid="details-stage">{t(`stage.${stage}`)}</span>
      </>}>
      {incident.description && <p className="details-desc" data-testid="details-description">{incident.description}</p>}
      <CaseSection key={incident.id} id={incident.id} index={idx}>
        <Fields rows={[
          { label: t('details.area'), value: area || incident.gridCode },
          grid && { label: t('details.worker'), value: `${grid.worker.name} ${grid.worker.phone}` },
          { label: t('details.occurredAt'), value: formatDateTime(lang, incident.occurredAt) },
          { label: t('details.receivedAt'), value: formatDateTime(lang, incident.receivedAt) },
          { label: t('details.source'), value: translateOptional(t, `source.${incident.source}`, incident.source) },
          { label: t('details.sourceId'), value: <code>{incident.sourceId}</code> },
          { label: t('details.location'), value: formatLngLat(incident.lng, incident.lat) },
        ]} />
      </CaseSection>
    </DetailsCard>
  );
}
