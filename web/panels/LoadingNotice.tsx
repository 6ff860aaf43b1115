// Says so while the jurisdiction is loading, or retrying after a failure, instead of an empty map.
import { useStatic } from '../api/static-context.ts';
import { useT } from '../i18n/index.ts';

export function LoadingNotice() {
  const { t } = useT();
  const loaded = useStatic((d) => d.jurisdiction !== null);
  const error = useStatic((d) => d.error);
  if (loaded) return null;
  return (
    <div className={`loading-notice${error ? ' error' : ''}`} role="status" title={error ?? undefined}>
      {error ? t('map.loadFailed') : t('map.loading')}
    </div>
  );
}
