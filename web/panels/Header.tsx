// The top bar: what this is, whose county, the live connection and how fresh the data is, the demo
// label, the key figures, and the language switch.
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import { setLang, useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { Kpis } from './Kpis.tsx';

export function Header() {
  const { t, lang } = useT();
  const county = useStatic((d) => d.jurisdiction?.county.properties ?? null);
  const demoFeed = useLive((s) => s.demoFeed);
  const asOf = useLive((s) => s.asOf);
  const connection = useLive((s) => s.connection);
  const stale = connection !== 'connected' && asOf !== null;

  return (
    <header className="header">
      <div className="brand">
        <div className="brand-mark" aria-hidden="true">图</div>
        <div className="brand-text">
          <div className="brand-title">{t('app.title')}</div>
          <div className="brand-sub">{t('app.subtitle')}</div>
        </div>
        {county && <div className="county-name">{county.city}{lang === 'en' ? ' · ' : ''}{county.name}</div>}
      </div>
      <Kpis />
      <div className="header-right">
        {demoFeed && <div className="demo-badge" title={t('header.demoHint')} data-testid="demo-badge">{t('header.demo')}</div>}
        <ConnectionBadge state={connection} />
        <div className={`as-of${stale ? ' stale' : ''}`} data-testid="as-of" title={stale ? t('conn.stale') : undefined}>
          <span className="muted">{t('header.asOf')}</span> <time dateTime={asOf ?? undefined}>{formatDateTime(lang, asOf)}</time>
          {stale && <span className="stale-flag">{t('conn.stale')}</span>}
        </div>
        <button type="button" className="lang-switch" title={t('header.languageHint')}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('header.language')}</button>
      </div>
    </header>
  );
}
