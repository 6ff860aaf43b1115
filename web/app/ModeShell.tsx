// The thin shell over the signed-in page: picks the mode by URL and role (see mode.ts) and loads
// only that mode's code, so a phone never downloads the console's map layers.
import { lazy, Suspense, useState } from 'react';
import type { Me } from '../auth/session.ts';
import { useT } from '../i18n/index.ts';
import { FIELD_PATH, modeFor } from './mode.ts';

const App = lazy(() => import('./App.tsx').then((m) => ({ default: m.App })));
const FieldPage = lazy(() => import('../field/FieldPage.tsx').then((m) => ({ default: m.FieldPage })));

export function ModeShell({ me }: { me: Me }) {
  const { t } = useT();
  const [mode] = useState(() => {
    const m = modeFor(location.pathname, me);
    // A grid worker's / is the field page: say so in the address bar, so reloads and links agree.
    if (m === 'field' && location.pathname === '/') history.replaceState(null, '', `${FIELD_PATH}${location.search}${location.hash}`);
    return m;
  });
  return (
    <Suspense fallback={<div className="auth-screen"><div className="auth-card auth-status">{t('auth.checking')}</div></div>}>
      {mode === 'field' ? <FieldPage me={me} /> : <App me={me} />}
    </Suspense>
  );
}
