// API keys of source systems (12345 hotline, 110 alarms, camera platforms): each valid only for its
// source name. Issued keys are shown once and can be revoked; configured keys (API_KEYS) are listed
// but can only be removed from the configuration.
import { useState, type FormEvent } from 'react';
import { translateOptional, useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { issueApiKey, listApiKeys, revokeApiKey, type ApiKey } from './admin-api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { OneTimeSecret, type Secret } from './OneTimeSecret.tsx';
import { useAdminList } from './use-admin-list.ts';
import { isReservedSource, KNOWN_SOURCES } from '../../server/wire/index.ts';

/** Source names offered as suggestions (any slug is accepted): the well-known ones but the reserved (people's, demo). */
const KEY_SOURCES = KNOWN_SOURCES.filter((s) => !isReservedSource(s));

export function ApiKeysSection() {
  const { t, lang } = useT();
  const { items, error, run } = useAdminList(listApiKeys);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [source, setSource] = useState('');
  const [label, setLabel] = useState('');

  const issue = (e: FormEvent) => {
    e.preventDefault();
    const l = label.trim();
    void run(() => issueApiKey({ source: source.trim(), ...(l ? { label: l } : {}) })).then((r) => {
      if (!r) return;
      setSource('');
      setLabel('');
      setSecret({ title: t('admin.keys.issued', { source: r.apiKey.source }), value: r.key });
    });
  };
  const status = (k: ApiKey) => (k.revokedAt ? t('admin.status.revoked') : t('admin.status.active'));

  return (
    <section className="admin-section" data-testid="admin-keys">
      <form className="admin-form" onSubmit={issue}>
        <label><span>{t('admin.col.source')}</span>
          <input name="source" list="admin-known-sources" value={source} onChange={(e) => setSource(e.target.value)} required
            placeholder="hotline-12345" title={t('admin.keys.sourceHint')} autoComplete="off" /></label>
        <datalist id="admin-known-sources">{KEY_SOURCES.map((s) => <option key={s} value={s} />)}</datalist>
        <label><span>{t('admin.col.label')} {t('admin.optional')}</span>
          <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} /></label>
        <button type="submit" className="admin-btn primary">{t('admin.keys.issue')}</button>
      </form>
      <ErrorNote error={error} />
      {secret && <OneTimeSecret secret={secret} onDismiss={() => setSecret(null)} />}
      <table className="admin-table">
        <thead><tr>
          <th>ID</th><th>{t('admin.col.source')}</th><th>{t('admin.col.label')}</th><th>{t('admin.col.origin')}</th>
          <th>{t('admin.col.createdAt')}</th><th>{t('admin.col.lastUsed')}</th><th>{t('admin.col.status')}</th><th>{t('admin.col.actions')}</th>
        </tr></thead>
        <tbody>
          {items === null && <tr><td colSpan={8} className="muted">{t('admin.loading')}</td></tr>}
          {items?.length === 0 && <tr><td colSpan={8} className="muted">{t('admin.empty')}</td></tr>}
          {items?.map((k) => (
            <tr key={k.id} data-testid={`key-${k.id}`} className={k.revokedAt ? 'dim' : undefined}>
              <td><code>{k.id}</code></td>
              <td>{translateOptional(t, `source.${k.source}`, k.source)} <code>{k.source}</code></td>
              <td>{k.label}</td>
              <td>{k.origin === 'config' ? t('admin.keys.fromConfig') : t('admin.keys.fromAdmin')}</td>
              <td className="nowrap">{formatDateTime(lang, k.createdAt)}</td>
              <td className="nowrap">{formatDateTime(lang, k.lastUsedAt)}</td>
              <td>{status(k)}</td>
              <td className="admin-actions">
                {k.origin === 'config'
                  ? <span className="muted" title={t('admin.keys.configHint')}>{t('admin.keys.configOnly')}</span>
                  : !k.revokedAt && <ConfirmButton label={t('admin.revoke')} onConfirm={() => void run(() => revokeApiKey(k.id))} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
