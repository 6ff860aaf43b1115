// The longitude/latitude under the cursor (WGS-84, also on a GCJ-02 basemap), updated at most once per frame.
import { useEffect, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ToDisplay } from './basemap-style.ts';
import { useT } from '../i18n/index.ts';
import { formatLngLat } from '../i18n/format.ts';

/** `fromDisplay`: the basemap's display → WGS-84 transform (a stable function per CRS). */
export function CursorReadout({ map, fromDisplay }: { map: MapLibreMap; fromDisplay: ToDisplay }) {
  const { t } = useT();
  const [pos, setPos] = useState<[number, number] | null>(null);

  useEffect(() => {
    let frame = 0;
    let latest: [number, number] | null = null;
    const onMove = (e: { lngLat: { lng: number; lat: number } }) => {
      latest = fromDisplay(e.lngLat.lng, e.lngLat.lat);
      if (!frame) frame = requestAnimationFrame(() => {
        frame = 0;
        setPos(latest);
      });
    };
    map.on('mousemove', onMove);
    return () => {
      map.off('mousemove', onMove);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [map, fromDisplay]);

  return (
    <div className="cursor-readout" aria-live="off">
      <span className="muted">{t('map.cursor')}</span> {pos ? formatLngLat(pos[0], pos[1]) : '—'}
    </div>
  );
}
