// The field page's header: who is signed in, whether the live channel is up, language, sign-out.
// It takes its own row (no overlay), so at 390 px nothing sits on top of it or under it.
import { logout } from '../api/auth.ts';
import { sessionStore, type Me } from '../auth/session.ts';
import { setLang, translateOptional, useT } from '../i18n/index.ts';
import { useLive } from '../live/hooks.ts';

export function FieldHeader({ me }: { me: Me }) {
  const { t, lang } = useT();
  const connection = useLive((s) => s.connection);
  const signOut = () => {
    // The next account on this phone starts from its own landing page, not this one's.
    history.replaceState(null, '', '/');
    void logout().catch(() => undefined).finally(() => sessionStore.set({ state: 'anonymous' }));
  };
  return (
    <header className="field-header" data-testid="field-header">
      <div className="field-brand">
        <span className="field-logo" aria-hidden="true">图</span>
        <span className="field-who">
          <b>{me.user?.username}</b>
          <small>{translateOptional(t, `role.${me.role}`, me.role)} · {me.jurisdiction.name}</small>
        </span>
      </div>
      <span className={`field-conn conn-${connection}`} data-testid="connection" data-state={connection} role="status" title={t(`conn.${connection}`)}>
        <span className="conn-dot" aria-hidden="true" />{t(`conn.${connection}`)}
      </span>
      <button type="button" className="field-small-btn" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} title={t('header.languageHint')}>
        {lang === 'en' ? '中' : 'EN'}
      </button>
      <button type="button" className="field-small-btn" onClick={signOut}>{t('auth.logout')}</button>
    </header>
  );
}
