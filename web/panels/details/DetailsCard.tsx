// The frame of a details card: kind, title, close button, body.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { select } from '../../state/selection.ts';

interface Props {
  kind: string;
  title: string;
  accent?: string;
  badge?: ReactNode;
  children: ReactNode;
}

export function DetailsCard({ kind, title, accent, badge, children }: Props) {
  const { t } = useT();
  return (
    <section className="panel details" data-testid="details" aria-label={`${kind} ${title}`}>
      <header className="details-head" style={accent ? { borderColor: accent } : undefined}>
        <div>
          <div className="details-kind">{kind}</div>
          <h2 className="details-title" data-testid="details-title">{title}{badge}</h2>
        </div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('details.close')} title={t('details.close')}>×</button>
      </header>
      <div className="details-body">{children}</div>
    </section>
  );
}

/** Shown when the selected object left the data (e.g. an incident aged out of the window). */
export function NotFound({ kind }: { kind: string }) {
  const { t } = useT();
  return <DetailsCard kind={kind} title="—"><p className="muted">{t('details.notFound')}</p></DetailsCard>;
}
