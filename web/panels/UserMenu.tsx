// Who is signed in, and signing out.
import { logout } from '../api/auth.ts';
import { sessionStore, type Me } from '../auth/session.ts';
import { translateOptional, useT } from '../i18n/index.ts';
import { openAdmin } from '../admin/route.ts';

export function UserMenu({ me }: { me: Me }) {
  const { t } = useT();
  const name = me.user?.username ?? me.displayLink?.label ?? t('auth.display');
  const signOut = () => {
    // Whatever the server says, this page is signed out.
    void logout().catch(() => undefined).finally(() => sessionStore.set({ state: 'anonymous' }));
  };
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name" title={name}>{name}</span>
      <span className="user-role">{translateOptional(t, `role.${me.role}`, String(me.role))}</span>
      {me.kind === 'account' && me.role === 'admin' && <button type="button" className="lang-switch" onClick={openAdmin} data-testid="admin-link">{t('admin.open')}</button>}
      {me.kind === 'account' && <button type="button" className="lang-switch" onClick={signOut}>{t('auth.logout')}</button>}
    </div>
  );
}
