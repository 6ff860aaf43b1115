// How an audit entry reads in a table: who did it, and what changed from before to after — only the
// fields that differ, so an account update shows "role: grid-worker → duty-officer", not two blobs.
import type { AuditEntry } from './admin-api.ts';

export interface FieldChange {
  /** The field name; '' when before/after are not objects. */
  field: string;
  before: string;
  after: string;
}

/** Short text of any recorded value: strings bare, null/undefined as a dash, the rest as compact JSON. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that differ between `before` and `after` (all fields of a creation or deletion). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  if (!(isRecord(before) || before == null) || !(isRecord(after) || after == null)) {
    return [{ field: '', before: valueText(before), after: valueText(after) }];
  }
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: valueText(b[field]), after: valueText(a[field]) }));
}

/** "zhang" for an account, "hotline-12345 (api-key)" for a key, "cli" for the command line. */
export function actorText(actor: AuditEntry['actor']): string {
  const who = actor.name ?? actor.id;
  if (actor.type === 'account') return who ?? 'account';
  return who ? `${who} (${actor.type})` : actor.type;
}
