// The audit log (审计日志): newest first, paged backwards; each entry's who, when, what and the
// fields it changed. Export links download the whole log (the export itself is audited), and the
// chain check recomputes every hash with the audit key, compares the log's end with its checkpoint,
// and names the first broken entry — or says that the end could not be checked.
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { auditExportUrl, listAudit, reasonOf, verifyAudit, type AuditEntry, type ChainVerdict } from './admin-api.ts';
import { actorText, fieldChanges, verdictView } from './audit-view.ts';
import { ErrorNote } from './ErrorNote.tsx';

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = fieldChanges(entry.before, entry.after);
  if (changes.length === 0) return entry.details == null ? null : <code className="admin-details">{JSON.stringify(entry.details)}</code>;
  return (
    <ul className="admin-changes">
      {changes.map((c) => (
        <li key={c.field}>{c.field && <span className="muted">{c.field}: </span>}<s>{c.before}</s> → <b>{c.after}</b></li>
      ))}
    </ul>
  );
}

function Verdict({ verdict }: { verdict: ChainVerdict }) {
  const { t } = useT();
  const { tone, headline, notes } = verdictView(verdict);
  return (
    <div className={`admin-verdict ${tone}`} role="status" data-testid="audit-verdict">
      {t(...headline)}
      {notes.map(([key, vars]) => <div key={key} className="muted">{t(key, vars)}</div>)}
      <div className="muted">{t('admin.audit.head')} <code>{verdict.headHash}</code> — {t('admin.audit.headHint')}</div>
    </div>
  );
}

export function AuditSection() {
  const { t, lang } = useT();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [verifying, setVerifying] = useState(false);

  /** Loads the newest page (replacing the list) or the page before `beforeSeq` (appending to it). */
  const load = useCallback((beforeSeq?: number) => {
    setError(null);
    listAudit(beforeSeq).then((page) => {
      setEntries((old) => (beforeSeq && old ? [...old, ...page.entries] : page.entries));
      setNext(page.nextBeforeSeq);
    }, (err: unknown) => setError(reasonOf(err)));
  }, []);
  useEffect(() => load(), [load]);

  const verify = () => {
    setVerifying(true);
    setVerdict(null);
    verifyAudit().then(setVerdict, (err: unknown) => setError(reasonOf(err))).finally(() => setVerifying(false));
  };

  return (
    <section className="admin-section" data-testid="admin-audit">
      <div className="admin-toolbar">
        <button type="button" className="admin-btn" onClick={() => load()}>{t('admin.audit.refresh')}</button>
        <button type="button" className="admin-btn primary" onClick={verify} disabled={verifying} data-testid="audit-verify">
          {verifying ? t('admin.audit.verifying') : t('admin.audit.verify')}
        </button>
        <span className="admin-toolbar-gap" />
        <span className="muted">{t('admin.audit.export')}</span>
        <a className="admin-btn" href={auditExportUrl('csv')} download data-testid="audit-csv">CSV</a>
        <a className="admin-btn" href={auditExportUrl('ndjson')} download data-testid="audit-ndjson">NDJSON</a>
      </div>
      <ErrorNote error={error} />
      {verdict && <Verdict verdict={verdict} />}
      <table className="admin-table">
        <thead><tr>
          <th>#</th><th>{t('admin.col.time')}</th><th>{t('admin.col.actor')}</th><th>{t('admin.col.action')}</th>
          <th>{t('admin.col.target')}</th><th>{t('admin.col.changes')}</th><th>IP</th>
        </tr></thead>
        <tbody data-testid="audit-rows">
          {entries === null && !error && <tr><td colSpan={7} className="muted">{t('admin.loading')}</td></tr>}
          {entries?.map((e) => (
            <tr key={e.seq} data-action={e.action}>
              <td className="nowrap">{e.seq}</td>
              <td className="nowrap">{formatDateTime(lang, e.at)}</td>
              <td>{actorText(e.actor)}</td>
              <td><code>{e.action}</code></td>
              <td>{e.target ?? '—'}</td>
              <td><Changes entry={e} /></td>
              <td className="nowrap muted">{e.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next !== null && <button type="button" className="admin-btn admin-more" onClick={() => load(next)}>{t('admin.audit.more')}</button>}
    </section>
  );
}
