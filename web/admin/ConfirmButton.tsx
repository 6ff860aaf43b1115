// A button for an irreversible change (delete, revoke): the first click arms it, the second within a
// few seconds acts. No blocking browser dialog, so a wall of open sockets keeps running meanwhile.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.ts';

const ARMED_MS = 4000;

export function ConfirmButton({ label, onConfirm, disabled, testId }: { label: string; onConfirm: () => void; disabled?: boolean; testId?: string }) {
  const { t } = useT();
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), ARMED_MS);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button type="button" className={`admin-btn danger${armed ? ' armed' : ''}`} disabled={disabled} data-testid={testId}
      onClick={() => {
        if (!armed) return setArmed(true);
        setArmed(false);
        onConfirm();
      }}>
      {armed ? t('admin.confirm', { action: label }) : label}
    </button>
  );
}
