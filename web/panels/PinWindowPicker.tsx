// Chooses how far back incident pins go: last hour, last 6 hours, or the whole counting window.
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { PIN_WINDOWS, pinWindowStore } from '../state/pin-window.ts';

export function PinWindowPicker() {
  const { t } = useT();
  const current = useSmallStore(pinWindowStore, (w) => w);
  return (
    <div className="segmented" role="radiogroup" aria-label={t('pins.title')}>
      {PIN_WINDOWS.map((w) => (
        <button key={w} type="button" role="radio" aria-checked={w === current}
          className={w === current ? 'on' : ''} onClick={() => pinWindowStore.set(w)} data-testid={`pins-${w}`}>
          {t(`pins.${w}`)}
        </button>
      ))}
    </div>
  );
}
