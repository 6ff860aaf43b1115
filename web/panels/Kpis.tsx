// Key figures for the wall: incidents in the window (server counts), units on duty, cameras online.
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import { useT } from '../i18n/index.ts';
import { cameraPoints } from '../map/derive.ts';
import type { TownshipCounts, UnitFix, CameraStateChange } from '../../server/wire/index.ts';
import type { CameraPoint } from '../layers/camera-layer.ts';

function total(counts: TownshipCounts): number {
  let n = 0;
  for (const v of Object.values(counts)) n += v;
  return n;
}

function onDuty(units: ReadonlyMap<string, UnitFix>): number {
  let n = 0;
  for (const u of units.values()) if (u.state !== 'off-duty') n++;
  return n;
}

function online(cameras: readonly CameraPoint[], states: ReadonlyMap<string, CameraStateChange>): number {
  let n = 0;
  for (const c of cameras) if ((states.get(c.id)?.state ?? c.state) === 'online') n++;
  return n;
}

export function Kpis() {
  const { t } = useT();
  const incidents = useLive((s) => total(s.townshipCounts));
  const windowHours = useLive((s) => Math.round(s.windowMs / 3600_000));
  const units = useLive((s) => onDuty(s.units));
  const unitCount = useLive((s) => s.units.size);
  const cameraCollection = useStatic((d) => d.cameras);
  const states = useLive((s) => s.cameraStates);
  const cameras = cameraCollection ? cameraPoints(cameraCollection) : [];

  return (
    <div className="kpis">
      <div className="kpi" data-testid="kpi-incidents">
        <div className="kpi-value">{incidents.toLocaleString()}</div>
        <div className="kpi-label">{t('kpi.incidents')} · {t('kpi.window', { hours: windowHours })}</div>
      </div>
      <div className="kpi">
        <div className="kpi-value">{units}<span className="kpi-of">/{unitCount}</span></div>
        <div className="kpi-label">{t('kpi.units')}</div>
      </div>
      <div className="kpi">
        <div className="kpi-value">{online(cameras, states)}<span className="kpi-of">/{cameras.length}</span></div>
        <div className="kpi-label">{t('kpi.cameras')}</div>
      </div>
    </div>
  );
}
