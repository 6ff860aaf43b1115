// Details of one patrol unit: call sign, team, state, latest fix.
import { useStatic } from '../../api/static-context.ts';
import { useLive } from '../../live/hooks.ts';
import { useT } from '../../i18n/index.ts';
import { formatDateTime, formatLngLat } from '../../i18n/format.ts';
import { css } from '../../layers/palette.ts';
import { routeColors, unitInfoById } from '../../map/derive.ts';
import { jurisdictionIndex } from '../lookup.ts';
import { Fields } from './Fields.tsx';
import { DetailsCard, NotFound } from './DetailsCard.tsx';

export function UnitDetails({ id }: { id: string }) {
  const { t, lang } = useT();
  const units = useStatic((d) => d.units);
  const routes = useStatic((d) => d.routes);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const fix = useLive((s) => s.units.get(id));
  const info = units ? unitInfoById(units).get(id) : undefined;
  if (!info && !fix) return <NotFound kind={t('details.unit')} />;
  const route = routes?.features.find((f) => f.properties.id === info?.routeId)?.properties;
  const color = info && routes ? routeColors(routes).get(info.routeId) : undefined;
  const township = info && jurisdiction ? jurisdictionIndex(jurisdiction).townships.get(info.townshipCode)?.name : undefined;

  return (
    <DetailsCard kind={t('details.unit')} title={info?.callsign ?? id} accent={color ? css(color) : undefined}
      badge={fix && <span className={`state-tag unit-${fix.state}`}>{t(`unitState.${fix.state}`)}</span>}>
      <Fields rows={[
        info && { label: t('details.team'), value: info.team },
        info && { label: t('details.kind'), value: t(`unitKind.${info.kind}`) },
        route && { label: t('details.route'), value: route.name },
        township !== undefined && { label: t('details.township'), value: township },
        fix
          ? { label: t('details.lastFix'), value: formatDateTime(lang, fix.at) }
          : { label: t('details.lastFix'), value: t('details.noFix') },
        fix && { label: t('details.speed'), value: `${(fix.speed * 3.6).toFixed(1)} ${t('unit.kmh')}` },
        fix && { label: t('details.heading'), value: `${Math.round(fix.heading)}${t('unit.deg')}` },
        fix && { label: t('details.location'), value: formatLngLat(fix.lng, fix.lat) },
      ]} />
    </DetailsCard>
  );
}
