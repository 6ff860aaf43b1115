// Display links (大屏链接): a read-only wall display for one jurisdiction, opened without a login.
// The link's address is shown once at creation; revoking it disconnects the walls using it.
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { createDisplayLink, listDisplayLinks, revokeDisplayLink, type DisplayLink } from './admin-api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import type { AdminAreas } from './jurisdiction-options.ts';
import { JurisdictionSelect } from './JurisdictionSelect.tsx';
import { OneTimeSecret, type Secret } from './OneTimeSecret.tsx';
import { useAdminList } from './use-admin-list.ts';

export function DisplayLinksSection({ areas }: { areas: AdminAreas }) {
  const { t, lang } = useT();
  const { items, error, run } = useAdminList(listDisplayLinks);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [label, setLabel] = useState('');
  const [jurisdiction, setJurisdiction] = useState(areas.scopeCode);
  const [hours, setHours] = useState('');

  const create = (e: FormEvent) => {
    e.preventDefault();
    const expiresInHours = hours.trim() === '' ? undefined : Number(hours);
    void run(() => createDisplayLink({ label: label.trim(), jurisdictionCode: jurisdiction, expiresInHours })).then((r) => {
      if (!r) return;
      setLabel('');
      // Same host as this page: the link works wherever the admin page does (air-gapped, no other host).
      setSecret({ title: t('admin.links.created', { label: r.displayLink.label }), value: `${window.location.origin}${r.url}` });
    });
  };
  const status = (l: DisplayLink) => {
    if (l.revokedAt) return t('admin.status.revoked');
    if (l.expiresAt !== null && l.expiresAt <= Date.now()) return t('admin.status.expired');
    return t('admin.status.active');
  };

  return (
    <section className="admin-section" data-testid="admin-links">
      <form className="admin-form" onSubmit={create}>
        <label><span>{t('admin.col.label')}</span>
          <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={100} /></label>
        <label><span>{t('admin.col.jurisdiction')}</span>
          <JurisdictionSelect name="jurisdiction" label={t('admin.col.jurisdiction')} options={areas.options} value={jurisdiction} onChange={setJurisdiction} /></label>
        <label><span>{t('admin.links.expiresIn')}</span>
          <input name="hours" type="number" min={1} max={9600} step={1} value={hours} onChange={(e) => setHours(e.target.value)} placeholder={t('admin.links.never')} /></label>
        <button type="submit" className="admin-btn primary">{t('admin.links.create')}</button>
      </form>
      <ErrorNote error={error} />
      {secret && <OneTimeSecret secret={secret} onDismiss={() => setSecret(null)} />}
      <table className="admin-table">
        <thead><tr>
          <th>{t('admin.col.label')}</th><th>{t('admin.col.jurisdiction')}</th><th>{t('admin.col.createdBy')}</th>
          <th>{t('admin.col.createdAt')}</th><th>{t('admin.col.expiresAt')}</th><th>{t('admin.col.status')}</th><th>{t('admin.col.actions')}</th>
        </tr></thead>
        <tbody>
          {items === null && <tr><td colSpan={7} className="muted">{t('admin.loading')}</td></tr>}
          {items?.length === 0 && <tr><td colSpan={7} className="muted">{t('admin.empty')}</td></tr>}
          {items?.map((l) => (
            <tr key={l.id} data-testid={`link-${l.label}`} className={l.revokedAt ? 'dim' : undefined}>
              <td>{l.label}</td>
              <td>{areas.name(l.jurisdictionCode)}</td>
              <td>{l.createdBy}</td>
              <td className="nowrap">{formatDateTime(lang, l.createdAt)}</td>
              <td className="nowrap">{l.expiresAt ? formatDateTime(lang, new Date(l.expiresAt).toISOString()) : t('admin.links.never')}</td>
              <td data-testid="status">{status(l)}</td>
              <td className="admin-actions">
                {!l.revokedAt && <ConfirmButton label={t('admin.revoke')} onConfirm={() => void run(() => revokeDisplayLink(l.id))} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
