// The top bar: what this is, whose county, the live connection and how fresh the data is, the demo
// label, the key figures, and the language switch.
import { useStatic } from '../api/static-context.ts';
import { useLive } from '../live/hooks.ts';
import { setLang, useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { Kpis } from './Kpis.tsx';
import { useClock } from './use-clock.ts';
import { UserMenu } from './UserMenu.tsx';
import type { Me } from '../auth/session.ts';

/** No message for this long while connected means the picture may be out of date. */
const STALE_AFTER_MS = 10_000;

export function Header({ me }: { me: Me }) {
  const { t, lang } = useT();
  const county = useStatic((d) => d.jurisdiction?.county.properties ?? null);
  const demoFeed = useLive((s) => s.demoFeed);
  const asOf = useLive((s) => s.asOf);
  const connection = useLive((s) => s.connection);
  const receivedAtMs = useLive((s) => s.receivedAtMs);
  const now = useClock(1000);
  // The server ticks at least every few seconds even when idle: silence means the data is stale.
  const silent = receivedAtMs !== null && now - receivedAtMs > STALE_AFTER_MS;
  const stale = asOf !== null && (connection !== 'connected' || silent);

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
        <UserMenu me={me} />
        <button type="button" className="lang-switch" title={t('header.languageHint')}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('header.language')}</button>
      </div>
    </header>
  );
}
