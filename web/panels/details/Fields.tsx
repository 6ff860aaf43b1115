// A definition list of label/value rows, the common body of every details card.
import type { ReactNode } from 'react';

export interface FieldRow {
  label: string;
  value: ReactNode;
  testId?: string;
}

export function Fields({ rows }: { rows: readonly (FieldRow | false | null | undefined)[] }) {
  return (
    <dl className="fields">
      {rows.filter((r): r is FieldRow => !!r).map((r) => (
        <div className="field" key={r.label} data-testid={r.testId}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
