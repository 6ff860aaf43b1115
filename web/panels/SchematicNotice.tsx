// The notice every schematic (synthetic) jurisdiction must carry: its lines are not legal boundaries.
import { useStatic } from '../api/static-context.ts';
import { useT } from '../i18n/index.ts';

export function SchematicNotice() {
  const { t } = useT();
  const schematic = useStatic((d) => d.jurisdiction?.county.properties.schematic ?? false);
  if (!schematic) return null;
  return (
    <div className="schematic-notice" role="note" data-testid="schematic-notice">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        <path d="M8 6v4M8 11.6v.8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      {t('notice.schematic')}
    </div>
  );
}
