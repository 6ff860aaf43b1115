// "Zoom to county": back to the whole jurisdiction in one click, north up.
import { useT } from '../i18n/index.ts';
import { zoomToCounty } from './map-handle.ts';

export function ZoomToCountyButton() {
  const { t } = useT();
  return (
    <button type="button" className="zoom-county" onClick={() => zoomToCounty(true)} title={t('map.zoomToCounty')}>
      <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
        <path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <circle cx="10" cy="10" r="2.2" fill="currentColor" />
      </svg>
      <span>{t('map.zoomToCounty')}</span>
    </button>
  );
}
