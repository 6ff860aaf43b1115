// Accounts: create one (the generated first password shown once), change its role or jurisdiction,
// disable or enable it, reset its password (both clear its login throttle), delete it; each shows its
// recent failed logins and how many addresses are throttled for it. The server refuses what an admin may not do
// (their own account, the last county admin, outside their jurisdiction) and says why.
import { useState, type FormEvent } from 'react';
import { translateOptional, useT } from '../i18n/index.ts';
import { formatDateTime, formatTime } from '../i18n/format.ts';
import {
  ACCOUNT_ROLES, createAccount, deleteAccount, listAccounts, updateAccount,
  type Account, type AccountRole,
} from './admin-api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { JurisdictionSelect } from './JurisdictionSelect.tsx';
import { OneTimeSecret, type Secret } from './OneTimeSecret.tsx';
import type { AdminAreas } from './jurisdiction-options.ts';
import { useAdminList } from './use-admin-list.ts';

function RoleSelect({ value, onChange, label }: { value: AccountRole; onChange: (r: AccountRole) => void; label: string }) {
  const { t } = useT();
  return (
    <select name="role" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as AccountRole)}>
      {ACCOUNT_ROLES.map((r) => <option key={r} value={r}>{translateOptional(t, `role.${r}`, r)}</option>)}
    </select>
  );
}

export function AccountsSection({ areas, selfId }: { areas: AdminAreas; selfId: number | null }) {
  const { t, lang } = useT();
  const { items, error, run } = useAdminList(listAccounts);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<AccountRole>('duty-officer');
  const [jurisdiction, setJurisdiction] = useState(areas.scopeCode);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const name = username.trim();
    void run(() => createAccount({ username: name, role, jurisdictionCode: jurisdiction })).then((r) => {
      if (!r) return;
      setUsername('');
      if (r.password) setSecret({ title: t('admin.accounts.created', { username: r.account.username }), value: r.password });
    });
  };
  const change = (a: Account, patch: Parameters<typeof updateAccount>[1]) => {
    void run(() => updateAccount(a.id, patch)).then((r) => {
      if (r?.password) setSecret({ title: t('admin.accounts.resetDone', { username: a.username }), value: r.password });
    });
  };
  const status = (a: Account) => {
    const until = a.loginThrottle.allAddressesUntil;
    if (a.disabled) return t('admin.status.disabled');
    if (until !== null && until > Date.now()) return t('admin.status.locked', { time: formatTime(lang, new Date(until).toISOString()) });
    if (a.mustChangePassword) return t('admin.status.mustChange');
    return t('admin.status.active');
  };
  // Failed password attempts of the last window, and the addresses refused for this username (not the owner elsewhere).
  const attempts = ({ loginThrottle: l }: Account) => [
    l.recentFailures > 0 ? t('admin.accounts.recentFailures', { n: l.recentFailures }) : '',
    l.throttledAddresses > 0 ? t('admin.accounts.throttledAddresses', { n: l.throttledAddresses }) : '',
  ].filter(Boolean).join(' · ');

  return (
    <section className="admin-section" data-testid="admin-accounts">
      <form className="admin-form" onSubmit={create} data-testid="account-form">
        <label><span>{t('admin.col.username')}</span>
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" /></label>
        <label><span>{t('admin.col.role')}</span>
          <RoleSelect value={role} onChange={setRole} label={t('admin.col.role')} /></label>
        <label><span>{t('admin.col.jurisdiction')}</span>
          <JurisdictionSelect name="jurisdiction" label={t('admin.col.jurisdiction')} options={areas.options} value={jurisdiction} onChange={setJurisdiction} /></label>
        <button type="submit" className="admin-btn primary">{t('admin.accounts.create')}</button>
      </form>
      <ErrorNote error={error} />
      {secret && <OneTimeSecret secret={secret} onDismiss={() => setSecret(null)} />}
      <table className="admin-table">
        <thead><tr>
          <th>{t('admin.col.username')}</th><th>{t('admin.col.role')}</th><th>{t('admin.col.jurisdiction')}</th>
          <th>{t('admin.col.status')}</th><th>{t('admin.col.createdAt')}</th><th>{t('admin.col.actions')}</th>
        </tr></thead>
        <tbody>
          {items === null && <tr><td colSpan={6} className="muted">{t('admin.loading')}</td></tr>}
          {items?.map((a) => (
            <tr key={a.id} data-testid={`account-${a.username}`} className={a.disabled ? 'dim' : undefined}>
              <td>{a.username}{a.id === selfId && <span className="muted"> {t('admin.accounts.you')}</span>}</td>
              <td><RoleSelect value={a.role} label={t('admin.col.role')} onChange={(r) => change(a, { role: r })} /></td>
              <td><JurisdictionSelect options={areas.options} label={t('admin.col.jurisdiction')} value={a.jurisdictionCode} onChange={(c) => change(a, { jurisdictionCode: c })} /></td>
              <td>{status(a)}{attempts(a) && <div className="muted" data-testid="login-throttle">{attempts(a)}</div>}</td>
              <td className="nowrap">{formatDateTime(lang, a.createdAt)}</td>
              <td className="admin-actions">
                <button type="button" className="admin-btn" onClick={() => change(a, { disabled: !a.disabled })}>
                  {a.disabled ? t('admin.accounts.enable') : t('admin.accounts.disable')}
                </button>
                <button type="button" className="admin-btn" onClick={() => change(a, { resetPassword: true })}>{t('admin.accounts.reset')}</button>
                <ConfirmButton label={t('admin.accounts.delete')} onConfirm={() => void run(() => deleteAccount(a.id))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
