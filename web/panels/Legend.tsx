// What the colours and sizes mean, drawn from the same palette the layers use. It folds to its
// title on a click (remembered), so the console's left column has room for the live list.
import { useState } from 'react';
import { CAMERA_STATES, INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../../server/wire/index.ts';
import { useT } from '../i18n/index.ts';
import { CAMERA_COLORS, CATEGORY_COLORS, HEAT_RAMP, OVERDUE_RED, PRIORITY_RADIUS, STAGE_GROUPS, STAGE_OUTLINE, css } from '../layers/palette.ts';

const STORAGE_KEY = 'yizhangtu.legend';

function savedOpen(fallback: boolean): boolean {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'open' ? true : v === 'closed' ? false : fallback;
  } catch {
    return fallback;
  }
}

/** `startFolded`: folded until the user opens it (the console's default). */
export function Legend({ startFolded = false }: { startFolded?: boolean }) {
  const { t } = useT();
  const [open, setOpen] = useState(() => savedOpen(!startFolded));
  const toggle = () => {
    setOpen(!open);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, open ? 'closed' : 'open');
    } catch {
      // Not remembering is fine.
    }
  };
  return (
    <section className={`panel legend${open ? '' : ' folded'}`} aria-label={t('legend.title')}>
      <h2 className="panel-title">
        <button type="button" className="fold" aria-expanded={open} data-testid="legend-toggle" onClick={toggle}>
          {t('legend.title')}<span className="fold-mark" aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
      </h2>
      {open && <LegendBody />}
    </section>
  );
}

function LegendBody() {
  const { t } = useT();
  return (
    <>
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
        <div className="legend-caption">{t('legend.stage')}</div>
        <ul className="legend-row" data-testid="legend-stages">
          {STAGE_GROUPS.map((g) => {
            const [r, gr, b] = STAGE_OUTLINE[g.stage];
            return <li key={g.key}><span className="dot outlined" style={{ boxShadow: `0 0 0 2px ${css([r, gr, b])}` }} />{t(`legend.stage.${g.key}`)}</li>;
          })}
          <li><span className="dot ringed" style={{ boxShadow: `0 0 0 2px var(--panel-solid), 0 0 0 4px ${css(OVERDUE_RED)}` }} />{t('legend.overdue')}</li>
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
    </>
  );
}
