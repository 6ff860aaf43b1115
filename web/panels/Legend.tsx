// What the colours and sizes mean, drawn from the same palette the layers use.
import { CAMERA_STATES, INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../../server/wire/index.ts';
import { useT } from '../i18n/index.ts';
import { CAMERA_COLORS, CATEGORY_COLORS, HEAT_RAMP, PRIORITY_RADIUS, css } from '../layers/palette.ts';

export function Legend() {
  const { t } = useT();
  return (
    <section className="panel legend" aria-label={t('legend.title')}>
      <h2 className="panel-title">{t('legend.title')}</h2>
      <div className="legend-group">
        <div className="legend-caption">{t('legend.categories')}</div>
        <ul className="legend-grid">
          {INCIDENT_CATEGORIES.map((c) => (
            <li key={c}><span className="dot" style={{ background: css(CATEGORY_COLORS[c]) }} />{t(`category.${c}`)}</li>
          ))}
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-caption">{t('legend.priority')}</div>
        <ul className="legend-row">
          {INCIDENT_PRIORITIES.map((p) => (
            <li key={p}>
              <span className="dot hollow" style={{ width: PRIORITY_RADIUS[p] * 2, height: PRIORITY_RADIUS[p] * 2 }} />
              {t(`priority.${p}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-caption">{t('legend.cameras')}</div>
        <ul className="legend-row">
          {CAMERA_STATES.map((s) => (
            <li key={s}><span className="dot small" style={{ background: css(CAMERA_COLORS[s]) }} />{t(`camera.${s}`)}</li>
          ))}
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-caption">{t('legend.heat')}</div>
        <div className="ramp" style={{ background: `linear-gradient(90deg, ${HEAT_RAMP.map((c) => css(c)).join(', ')})` }} />
        <div className="ramp-ends"><span>{t('legend.few')}</span><span>{t('legend.many')}</span></div>
      </div>
    </section>
  );
}
