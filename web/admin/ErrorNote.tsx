// The server's reason for a refused request, shown where the admin is looking.
import { useT } from '../i18n/index.ts';

export function ErrorNote({ error }: { error: string | null }) {
  const { t } = useT();
  if (!error) return null;
  return <div className="admin-error" role="alert" data-testid="admin-error">{t('admin.error', { reason: error })}</div>;
}
