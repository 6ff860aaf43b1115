// The hotspot ranking (热点排名), shown while the hotspot layer is on: the significant hotspots of
// the counting window in rank order, each with its place, count against expectation and trend.
// Clicking one selects it and fits the map to it; "巡航" tours them all by itself (wall display,
// briefings) until stopped.
import { useState } from 'react';
import type { Hotspot } from '../../server/wire/index.ts';
import { useStatic } from '../api/static-context.ts';
import { hotspotsStore } from '../hotspots/hotspots-api.ts';
import { hotspotPlace } from '../hotspots/hotspot-place.ts';
import { useHotspotTour } from '../hotspots/use-hotspot-tour.ts';
import { useT } from '../i18n/index.ts';
import { flyToExtent } from '../map/map-handle.ts';
import { select, selectionStore } from '../state/selection.ts';
import { useSmallStore } from '../state/small-store.ts';
import { layerVisibilityStore } from '../state/layer-visibility.ts';
import { jurisdictionIndex } from './lookup.ts';

/** Rows shown: the ranking a leader reads, not every significant cluster. */
const RANKING_LENGTH = 10;

const TREND_MARK: Record<Hotspot['trend'], string> = { new: '★', rising: '▲', steady: '■', falling: '▼' };

export function HotspotRanking() {
  const on = useSmallStore(layerVisibilityStore, (v) => v.hotspots);
  return on ? <Ranking /> : null;
}

function Ranking() {
  const { t } = useT();
  const { hotspots, window, error } = useSmallStore(hotspotsStore, (s) => s);
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const index = jurisdiction ? jurisdictionIndex(jurisdiction) : null;
  const selectedId = useSmallStore(selectionStore, (s) => (s?.kind === 'hotspot' ? s.id : null));
  const [touring, setTouring] = useState(false);
  useHotspotTour(touring && hotspots.length > 0);

  return (
    <section className="panel hotspot-ranking" aria-label={t('hotspots.title')} data-testid="hotspot-ranking">
      <h2 className="panel-title">
        {t('hotspots.title')}
        <button type="button" className="tour-button" aria-pressed={touring} disabled={hotspots.length === 0} onClick={() => setTouring(!touring)} data-testid="hotspot-tour">
          {touring ? t('hotspots.tourStop') : t('hotspots.tour')}
        </button>
      </h2>
      {window && <p className="muted small">{t('hotspots.window', { window: window.name })}</p>}
      {error && <p className="error-note" role="alert">{t('hotspots.loadFailed', { reason: error })}</p>}
      {hotspots.length === 0 ? (
        <div className="empty">{t('hotspots.empty')}</div>
      ) : (
        <ol className="hotspot-rows">
          {hotspots.slice(0, RANKING_LENGTH).map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={`hotspot-row${h.id === selectedId ? ' selected' : ''}`}
                data-hotspot-id={h.id}
                aria-pressed={h.id === selectedId}
                onClick={() => {
                  select({ kind: 'hotspot', id: h.id });
                  flyToExtent(h.extent);
                }}
              >
                <span className="hotspot-rank">{h.rank}</span>
                <span className="row-main">
                  <span className="row-place">{index ? hotspotPlace(h, index) : h.townshipCodes.join('、')}</span>
                  <span className="row-desc">
                    {t('hotspots.countVsExpected', { count: h.count, expected: h.expected.toFixed(1) })}
                    {' · '}
                    <span className={`trend trend-${h.trend}`}>{TREND_MARK[h.trend]} {t(`trend.${h.trend}`)}</span>
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
