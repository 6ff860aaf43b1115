// How an audit entry reads in a table: who did it, and what changed from before to after — only the
// fields that differ, so an account update shows "role: grid-worker → duty-officer", not two blobs.
import type { MessageKey } from '../i18n/index.ts';
import type { AuditEntry, ChainVerdict } from './admin-api.ts';

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

/** One line of a verdict: a message key and its values. */
export type VerdictLine = [MessageKey, Record<string, string | number>?];

/**
 * What the chain check says, in order of weight: the headline (intact, broken at an entry, or
 * intact but its end unchecked because the checkpoint is missing or invalid), then what it covers
 * — which entries predate the key, when a start had to begin a new checkpoint.
 */
export function verdictView(v: ChainVerdict): { tone: 'ok' | 'warn' | 'bad'; headline: VerdictLine; notes: VerdictLine[] } {
  const cp = v.checkpoint;
  let tone: 'ok' | 'warn' | 'bad' = 'ok';
  let headline: VerdictLine = ['admin.audit.ok', { n: v.entries }];
  if (v.firstBroken) {
    tone = 'bad';
    headline = ['admin.audit.broken', { seq: v.firstBroken.seq, reason: v.firstBroken.reason }];
  } else if (cp.status === 'missing' || cp.status === 'invalid') {
    tone = 'warn';
    headline = [cp.status === 'missing' ? 'admin.audit.checkpointMissing' : 'admin.audit.checkpointInvalid', { n: v.entries }];
  }
  const notes: VerdictLine[] = [];
  if (v.keyedSince === null) {
    if (v.entries > 0) notes.push(['admin.audit.unkeyed']);
  } else if (v.keyedSince > 1) {
    notes.push(['admin.audit.legacy', { last: v.keyedSince - 1, since: v.keyedSince }]);
  }
  if (cp.status === 'behind') notes.push(['admin.audit.behind', { seq: cp.seq ?? '?' }]);
  if (cp.reestablishedAt.length > 0) notes.push(['admin.audit.reestablished', { seqs: cp.reestablishedAt.join(', ') }]);
  return { tone, headline, notes };
}
