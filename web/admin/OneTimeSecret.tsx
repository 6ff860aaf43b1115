// A secret the server shows exactly once (a generated password, a display link, an API key): in a
// read-only field to select, with a copy button, until the admin says it is saved.
import { useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';

export interface Secret {
  title: string;
  value: string;
}

async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    // Only in a secure context (https or localhost); a plain-http intranet host falls back below.
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand('copy');
  }
}

export function OneTimeSecret({ secret, onDismiss }: { secret: Secret; onDismiss: () => void }) {
  const { t } = useT();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="admin-secret" role="status" data-testid="one-time-secret">
      <div className="admin-secret-title">{secret.title}</div>
      <div className="admin-secret-row">
        <input ref={field} readOnly value={secret.value} onFocus={(e) => e.target.select()} data-testid="secret-value" spellCheck={false} />
        <button type="button" className="admin-btn" onClick={() => field.current && void copyText(field.current).then(setCopied)}>
          {copied ? t('admin.secret.copied') : t('admin.secret.copy')}
        </button>
        <button type="button" className="admin-btn" onClick={onDismiss}>{t('admin.secret.dismiss')}</button>
      </div>
      <div className="admin-secret-note">{t('admin.secret.once')}</div>
    </div>
  );
}
