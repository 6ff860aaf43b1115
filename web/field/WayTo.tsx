// How far and which way a place is from the phone, and a link that opens it in the phone's own
// map or navigation app (geo: URI, WGS-84).
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { bearingDeg, compassPoint, distanceM, geoUri, type Place } from './geo-nav.ts';
import { formatDistance } from './field-format.ts';
import type { PositionStore } from './position.ts';

export function WayTo({ to, label, position, link = false }: { to: Place; label: string; position: PositionStore; link?: boolean }) {
  const { t } = useT();
  const here = useSmallStore(position, (p) => p);
  let text: string;
  if (here.state === 'ok') {
    text = t('field.nav.away', { distance: formatDistance(t, distanceM(here, to)), dir: t(`field.dir.${compassPoint(bearingDeg(here, to))}`) });
  } else {
    text = t(`field.nav.${here.state}`);
  }
  return (
    <span className="field-way" data-testid="way-to">
      <span className="field-way-text">{text}</span>
      {link && <a className="field-btn field-btn-ghost" href={geoUri(to, label)} data-testid="navigate">{t('field.nav.open')}</a>}
    </span>
  );
}
