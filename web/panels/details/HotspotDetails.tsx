// Details of a hotspot: where it is, its rank, count against what the area's households predict,
// the Gi* z-score, the trend against the previous window, its top categories and member grids.
import { hotspotsStore } from '../../hotspots/hotspots-api.ts';
import { useStatic } from '../../api/static-context.ts';
import { translateOptional, useT } from '../../i18n/index.ts';
import { useSmallStore } from '../../state/small-store.ts';
import { jurisdictionIndex } from '../lookup.ts';
import { Fields } from './Fields.tsx';
import { DetailsCard, NotFound } from './DetailsCard.tsx';
import { hotspotPlace } from '../../hotspots/hotspot-place.ts';

export function HotspotDetails({ id }: { id: string }) {
  const { t } = useT();
  const hotspot = useSmallStore(hotspotsStore, (s) => s.hotspots.find((h) => h.id === id));
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const kind = t('details.hotspot');
  if (!hotspot) return <NotFound kind={kind} />;
  const change = hotspot.changeVsPrevious;
  const changeText = change === null ? '' : ` (${change >= 0 ? '+' : ''}${Math.round(change * 100)}%)`;
  return (
    <DetailsCard kind={kind} title={t('details.hotspotRank', { rank: hotspot.rank })} accent="rgb(255 40 150)">
      <Fields rows={[
        jurisdiction && { label: t('details.hotspotPlace'), value: hotspotPlace(hotspot, jurisdictionIndex(jurisdiction)) },
        { label: t('details.hotspotCount'), value: <><strong className="big-count">{hotspot.count}</strong> / {hotspot.expected.toFixed(1)}</>, testId: 'details-count' },
        { label: t('details.hotspotZ'), value: hotspot.z.toFixed(2) },
        { label: t('details.hotspotTrend'), value: `${t(`trend.${hotspot.trend}`)}${changeText}` },
        hotspot.topCategories.length > 0 && {
          label: t('details.hotspotTop'),
          value: hotspot.topCategories.map((c) => `${translateOptional(t, `category.${c.category}`, c.category)} ${c.count}`).join(' · '),
        },
        { label: t('details.hotspotGrids'), value: hotspot.gridCodes.length },
      ]} />
    </DetailsCard>
  );
}
