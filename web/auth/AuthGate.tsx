// Shows the app only to a signed-in session (an account or a wall-display link); otherwise the
// login form, or the password change a one-time password requires.
import { useEffect, useState, type ReactNode } from 'react';
import { fetchMe } from '../api/auth.ts';
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { sessionStore, type Me } from './session.ts';
import { LoginForm } from './LoginForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';

const RETRY_MS = 3000;

export function AuthGate({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useT();
  const session = useSmallStore(sessionStore, (s) => s);
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    if (session.state !== 'checking') return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      fetchMe().then(
        (me) => {
          if (cancelled) return;
          setUnreachable(false);
          sessionStore.set(me ? { state: 'signed-in', me } : { state: 'anonymous' });
        },
        () => {
          if (cancelled) return;
          setUnreachable(true);
          timer = setTimeout(check, RETRY_MS);
        },
      );
    };
    check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [session.state]);

  if (session.state === 'checking') {
    return <div className="auth-screen"><div className="auth-card auth-status">{unreachable ? t('auth.unreachable') : t('auth.checking')}</div></div>;
  }
  if (session.state === 'anonymous') {
    return <LoginForm expired={session.reason === 'expired'} onSignedIn={(me) => sessionStore.set({ state: 'signed-in', me })} />;
  }
  if (session.me.mustChangePassword) {
    return <PasswordForm onChanged={() => sessionStore.set({ state: 'checking' })} />;
  }
  return <>{children(session.me)}</>;
}
