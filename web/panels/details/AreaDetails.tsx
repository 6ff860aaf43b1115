// Details of a township, village or grid: name, code, parents, incidents in the pin window (the
// same number as its count label on the map), and for a grid its responsible grid worker (网格员).
import type { GridWorker, Incident } from '../../../server/wire/index.ts';
import { useStatic } from '../../api/static-context.ts';
import { useLive } from '../../live/hooks.ts';
import { useAreaRollup } from '../../history/use-area-rollup.ts';
import { pinWindowStore } from '../../state/pin-window.ts';
import { useSmallStore } from '../../state/small-store.ts';
import { useT } from '../../i18n/index.ts';
import type { AreaLevel } from '../../layers/area-boundary-layer.ts';
import { jurisdictionIndex, type JurisdictionIndex } from '../lookup.ts';
import { Fields } from './Fields.tsx';
import { DetailsCard, NotFound } from './DetailsCard.tsx';

const CODE_FIELD: Record<AreaLevel, 'townshipCode' | 'villageCode' | 'gridCode'> = {
  township: 'townshipCode', village: 'villageCode', grid: 'gridCode',
};

interface FoundArea {
  area: { code: string; name: string; households: number };
  townshipCode?: string;
  villageCode?: string;
  worker?: GridWorker;
}

function findArea(idx: JurisdictionIndex, level: AreaLevel, code: string): FoundArea | undefined {
  if (level === 'township') {
    const t = idx.townships.get(code);
    return t && { area: t };
  }
  if (level === 'village') {
    const v = idx.villages.get(code);
    return v && { area: v, townshipCode: v.townshipCode };
  }
  const g = idx.grids.get(code);
  return g && { area: g, townshipCode: g.townshipCode, villageCode: g.villageCode, worker: g.worker };
}

function countIn(incidents: readonly Incident[], level: AreaLevel, code: string): number {
  const field = CODE_FIELD[level];
  let n = 0;
  for (const i of incidents) if (i[field] === code) n++;
  return n;
}

export function AreaDetails({ level, code }: { level: AreaLevel; code: string }) {
  const { t } = useT();
  const jurisdiction = useStatic((d) => d.jurisdiction);
  // The count the map labels show (the 30-day history rolled up for the pin window); until the
  // history has loaded, the server's window counts for townships and the live store's for the rest.
  const rollup = useAreaRollup();
  const pinWindow = useSmallStore(pinWindowStore, (w) => w);
  const serverCount = useLive((s) => (level === 'township' ? s.townshipCounts[code] ?? 0 : null));
  const localCount = useLive((s) => (level === 'township' || rollup ? null : countIn(s.incidents.newestFirst, level, code)));
  const count = rollup ? rollup[level].get(code) ?? 0 : serverCount ?? localCount ?? 0;
  const countLabel = rollup && pinWindow !== 'all' ? t('details.countSince', { window: t(`pins.${pinWindow}`) }) : t('details.countWindow');
  const idx = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const kind = t(`details.${level}`);
  const found = idx ? findArea(idx, level, code) : undefined;
  if (!idx || !found) return <NotFound kind={kind} />;

  const { area, villageCode, townshipCode, worker } = found;
  const village = villageCode ? idx.villages.get(villageCode) : undefined;
  const township = townshipCode ? idx.townships.get(townshipCode) : undefined;
  const parents = [township?.name, village?.name].filter(Boolean).join(' · ');

  return (
    <DetailsCard kind={kind} title={area.name}>
      <Fields rows={[
        { label: level === 'grid' ? t('details.gridCode') : t('details.code'), value: <code>{area.code}</code> },
        parents !== '' && { label: t('details.parent'), value: parents },
        { label: countLabel, value: <strong className="big-count">{count}</strong>, testId: 'details-count' },
        { label: t('details.households'), value: area.households.toLocaleString() },
        worker && { label: t('details.worker'), value: worker.name, testId: 'details-worker' },
        worker && { label: t('details.phone'), value: worker.phone },
      ]} />
    </DetailsCard>
  );
}
