// The admin page (系统管理), over the map at #/admin: accounts, display links, API keys and the audit
// log. Only an admin sees it; the server checks every request anyway, and refuses API keys and the
// audit log to an admin of less than the county, so those tabs are shown to county admins only.
import { useMemo, useState } from 'react';
import { useStatic } from '../api/static-context.ts';
import type { Me } from '../auth/session.ts';
import { setLang, useT, type MessageKey } from '../i18n/index.ts';
import { AccountsSection } from './AccountsSection.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { AuditSection } from './AuditSection.tsx';
import { DisplayLinksSection } from './DisplayLinksSection.tsx';
import { jurisdictionNamer, jurisdictionOptions, type AdminAreas } from './jurisdiction-options.ts';
import { closeAdmin, useAdminRoute } from './route.ts';
import './admin.css';

type Tab = 'accounts' | 'links' | 'keys' | 'audit';
const TABS: { id: Tab; label: MessageKey; countyOnly: boolean }[] = [
  { id: 'accounts', label: 'admin.tab.accounts', countyOnly: false },
  { id: 'links', label: 'admin.tab.links', countyOnly: false },
  { id: 'keys', label: 'admin.tab.keys', countyOnly: true },
  { id: 'audit', label: 'admin.tab.audit', countyOnly: true },
];

/** Mount once inside the app: renders the admin page while the URL says #/admin and the user is an admin. */
export function AdminPage({ me }: { me: Me }) {
  const open = useAdminRoute();
  if (!open || me.kind !== 'account' || me.role !== 'admin') return null;
  return <AdminScreen me={me} />;
}

function AdminScreen({ me }: { me: Me }) {
  const { t, lang } = useT();
  const jurisdiction = useStatic((d) => d.jurisdiction);
  const scope = me.jurisdiction;
  const county = scope.level === 'county';
  const [tab, setTab] = useState<Tab>('accounts');
  const areas = useMemo<AdminAreas>(() => ({
    scopeCode: scope.code,
    options: jurisdiction ? jurisdictionOptions(jurisdiction, scope.code) : [],
    name: jurisdictionNamer(jurisdiction),
  }), [jurisdiction, scope.code]);

  return (
    <div className="admin-page" data-testid="admin-page" role="dialog" aria-label={t('admin.title')}>
      <header className="admin-header">
        <div className="brand-mark" aria-hidden="true">图</div>
        <h1>{t('admin.title')}</h1>
        <span className="muted">{t('admin.scope', { name: areas.name(scope.code) })}</span>
        <nav className="admin-tabs" role="tablist">
          {TABS.filter((x) => county || !x.countyOnly).map((x) => (
            <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={tab === x.id ? 'active' : undefined}
              onClick={() => setTab(x.id)} data-testid={`admin-tab-${x.id}`}>{t(x.label)}</button>
          ))}
        </nav>
        <button type="button" className="lang-switch" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('header.language')}</button>
        <button type="button" className="admin-btn primary" onClick={closeAdmin} data-testid="admin-close">{t('admin.back')}</button>
      </header>
      <main className="admin-body">
        {/* The jurisdiction loads with the map; the forms need it to offer townships and villages. */}
        {!jurisdiction && <div className="muted">{t('map.loading')}</div>}
        {jurisdiction && tab === 'accounts' && <AccountsSection areas={areas} selfId={me.user?.id ?? null} />}
        {jurisdiction && tab === 'links' && <DisplayLinksSection areas={areas} />}
        {county && tab === 'keys' && <ApiKeysSection />}
        {county && tab === 'audit' && <AuditSection />}
      </main>
    </div>
  );
}
