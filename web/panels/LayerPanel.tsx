// Layer switches: each map layer can be shown or hidden (hidden layers stay loaded, just not drawn).
import { useT, type MessageKey } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { PinWindowPicker } from './PinWindowPicker.tsx';
import { BasemapPicker } from './BasemapPicker.tsx';
import { LAYER_TOGGLES, layerVisibilityStore, setLayerVisible, type LayerToggle } from '../state/layer-visibility.ts';

const LABELS: Record<LayerToggle, MessageKey> = {
  grid: 'layers.grid',
  cameras: 'layers.cameras',
  routes: 'layers.routes',
  units: 'layers.units',
  incidents: 'layers.incidents',
  choropleth: 'layers.choropleth',
  heatmap: 'layers.heatmap',
  hotspots: 'layers.hotspots',
  stuck: 'layers.stuck',
};

/** Small glyph beside each switch, in the layer's own colours. */
const SWATCH: Record<LayerToggle, string> = {
  grid: 'swatch-grid',
  cameras: 'swatch-cameras',
  routes: 'swatch-routes',
  units: 'swatch-units',
  incidents: 'swatch-incidents',
  choropleth: 'swatch-choropleth',
  heatmap: 'swatch-heatmap',
  hotspots: 'swatch-hotspots',
  stuck: 'swatch-stuck',
};

export function LayerPanel() {
  const { t } = useT();
  const visible = useSmallStore(layerVisibilityStore, (v) => v);
  return (
    <section className="panel layer-panel" aria-label={t('layers.title')}>
      <h2 className="panel-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {LAYER_TOGGLES.map((layer) => (
          <li key={layer}>
            <label className="layer-toggle" data-testid={`layer-${layer}`}>
              <span className={`swatch ${SWATCH[layer]}`} aria-hidden="true" />
              <span className="layer-name">{t(LABELS[layer])}</span>
              <input type="checkbox" checked={visible[layer]} onChange={(e) => setLayerVisible(layer, e.target.checked)} />
              <span className="switch" aria-hidden="true" />
            </label>
            {layer === 'incidents' && <PinWindowPicker />}
          </li>
        ))}
      </ul>
      <BasemapPicker />
    </section>
  );
}
