// Details of one camera: name, live state, where it looks.
import { useStatic } from '../../api/static-context.ts';
import { useLive } from '../../live/hooks.ts';
import { useT } from '../../i18n/index.ts';
import { formatLngLat } from '../../i18n/format.ts';
import { CAMERA_COLORS, css } from '../../layers/palette.ts';
import { cameraPoints } from '../../map/derive.ts';
import { jurisdictionIndex } from '../lookup.ts';
import { Fields } from './Fields.tsx';
import { DetailsCard, NotFound } from './DetailsCard.tsx';

export function CameraDetails({ id }: { id: string }) {
  const { t } = useT();
  const cameras = useStatic((d) => d.cameras);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const live = useLive((s) => s.cameraStates.get(id));
  const camera = cameras ? cameraPoints(cameras).find((c) => c.id === id) : undefined;
  if (!camera) return <NotFound kind={t('details.camera')} />;
  const state = live?.state ?? camera.state;
  const idx = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const grid = idx?.grids.get(camera.gridCode);
  const area = [idx?.townships.get(camera.townshipCode)?.name, grid?.name].filter(Boolean).join(' · ');

  return (
    <DetailsCard kind={t('details.camera')} title={camera.name} accent={css(CAMERA_COLORS[state])}
      badge={<span className={`state-tag state-${state}`}>{t(`camera.${state}`)}</span>}>
      <Fields rows={[
        { label: t('details.state'), value: t(`camera.${state}`) },
        { label: t('details.bearing'), value: `${Math.round(camera.bearing)}${t('unit.deg')}` },
        { label: t('details.fov'), value: `${Math.round(camera.fov)}${t('unit.deg')}` },
        { label: t('details.range'), value: `${Math.round(camera.range)} ${t('unit.m')}` },
        { label: t('details.area'), value: area || camera.gridCode },
        { label: t('details.location'), value: formatLngLat(camera.position[0], camera.position[1]) },
        { label: 'ID', value: <code>{camera.id}</code> },
      ]} />
    </DetailsCard>
  );
}
