// The login form: username and password, with a clear reason when it fails.
import { useState, type FormEvent } from 'react';
import { login } from '../api/auth.ts';
import { HttpError } from '../api/http.ts';
import { useT, type Translate } from '../i18n/index.ts';
import type { Me } from './session.ts';
import { AuthFrame } from './AuthFrame.tsx';

function reasonOf(err: unknown, t: Translate): string {
  if (err instanceof HttpError) {
    if (err.status === 401) return t('auth.wrong');
    if (err.status === 423) return t('auth.locked');
    if (err.status === 429) return t('auth.tooMany');
    return t('auth.failed', { reason: err.message });
  }
  return t('auth.unreachable');
}

export function LoginForm({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t('auth.expired') : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    login(username.trim(), password).then(onSignedIn, (err: unknown) => {
      setBusy(false);
      setError(reasonOf(err, t));
    });
  };

  return (
    <AuthFrame title={t('auth.title')}>
      <form className="auth-form" onSubmit={submit} data-testid="login-form">
        <label>
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <div className="auth-error" role="alert">{error}</div>}
        <button type="submit" className="auth-submit" disabled={busy}>{busy ? t('auth.busy') : t('auth.submit')}</button>
      </form>
    </AuthFrame>
  );
}
