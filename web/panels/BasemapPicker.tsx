// Chooses the basemap style: day (duty console) or dark (wall display).
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { BASEMAP_THEMES, basemapThemeStore, setBasemapTheme } from '../state/basemap-theme.ts';

export function BasemapPicker() {
  const { t } = useT();
  const current = useSmallStore(basemapThemeStore, (v) => v);
  return (
    <div className="basemap-picker">
      <span className="layer-name">{t('basemap.title')}</span>
      <div className="segmented" role="radiogroup" aria-label={t('basemap.title')}>
        {BASEMAP_THEMES.map((theme) => (
          <button key={theme} type="button" role="radio" aria-checked={theme === current}
            className={theme === current ? 'on' : ''} onClick={() => setBasemapTheme(theme)} data-testid={`basemap-${theme}`}>
            {t(`basemap.${theme}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
