// Changing a one-time password before the first use of an account.
import { useState, type FormEvent } from 'react';
import { changePassword } from '../api/auth.ts';
import { HttpError } from '../api/http.ts';
import { useT } from '../i18n/index.ts';
import { AuthFrame } from './AuthFrame.tsx';

export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setError(t('auth.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    changePassword(current, next).then(onChanged, (err: unknown) => {
      setBusy(false);
      setError(t('auth.changeFailed', { reason: err instanceof HttpError ? err.message : String(err) }));
    });
  };

  return (
    <AuthFrame title={t('auth.change')} subtitle={t('auth.mustChange')}>
      <form className="auth-form" onSubmit={submit}>
        <label><span>{t('auth.current')}</span>
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required autoFocus /></label>
        <label><span>{t('auth.new')}</span>
          <input type="password" autoComplete="new-password" minLength={12} value={next} onChange={(e) => setNext(e.target.value)} required /></label>
        <label><span>{t('auth.repeat')}</span>
          <input type="password" autoComplete="new-password" minLength={12} value={repeat} onChange={(e) => setRepeat(e.target.value)} required /></label>
        {error && <div className="auth-error" role="alert">{error}</div>}
        <button type="submit" className="auth-submit" disabled={busy}>{t('auth.change')}</button>
      </form>
    </AuthFrame>
  );
}
