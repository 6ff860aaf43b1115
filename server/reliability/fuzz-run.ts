// Sends fuzz cases to a real server and tallies the answers: every malformed request must be a
// 4xx with a JSON body that names the reason (shared by the fuzz suites).
import { STATUS_CODES } from 'node:http';
import type { ApiClient } from './client.ts';
import type { HttpCase } from './fuzz-bodies.ts';

/**
 * A 4xx JSON body that says why: `message`, per-item `rejected[].reason` (POST /events, none
 * accepted), per-command `results[].reason` (a case batch, none applied), or an `error` beyond the
 * status text.
 */
export function namesReason(status: number, text: string): boolean {
  let body: { message?: unknown; error?: unknown; accepted?: unknown[]; rejected?: { reason?: unknown }[]; results?: { ok?: unknown; reason?: unknown }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return false;
  }
  if (typeof body.message === 'string' && body.message.trim() !== '') return true;
  const said = (r: { reason?: unknown }) => typeof r.reason === 'string' && r.reason.trim() !== '';
  if (Array.isArray(body.rejected) && body.rejected.length > 0) return body.accepted?.length === 0 && body.rejected.every(said);
  if (Array.isArray(body.results) && body.results.length > 0) return body.results.every((r) => r.ok === false && said(r));
  return typeof body.error === 'string' && body.error.trim() !== '' && body.error !== STATUS_CODES[status];
}

export interface Tally {
  refused: number;
  ignored: number;
  failures: string[];
  byStatus: Record<number, number>;
}

/** Sends the cases, `concurrency` at a time; `ignorable` cases may also be answered 2xx. */
export async function runCases(api: ApiClient, cases: HttpCase[], ignorable: boolean, concurrency = 6): Promise<Tally> {
  const t: Tally = { refused: 0, ignored: 0, failures: [], byStatus: {} };
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < cases.length; k = next++) {
      const c = cases[k]!;
      const label = `${c.kind} ${c.method} ${c.route.slice(0, 120)} [${c.contentType ?? 'no content-type'}] ${typeof c.body === 'string' ? c.body.slice(0, 80) : c.body ? `${c.body.length} bytes` : ''}`;
      try {
        const headers = c.headers ?? {};
        const a = await api.raw(c.method, c.route, c.body, c.contentType, headers);
        t.byStatus[a.status] = (t.byStatus[a.status] ?? 0) + 1;
        if (ignorable && a.status >= 200 && a.status < 300) t.ignored += 1;
        else if (a.status >= 400 && a.status < 500 && a.contentType.startsWith('application/json') && namesReason(a.status, a.text)) t.refused += 1;
        else t.failures.push(`${label} → ${a.status} ${a.contentType} ${a.text.slice(0, 200)}`);
      } catch (err) {
        t.failures.push(`${label} → no answer: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return t;
}

/** The first few failures of each kind: one kind of defect should not hide the others. */
export function failuresByKind(failures: string[]): string {
  const byKind = new Map<string, string[]>();
  for (const f of failures) {
    const kind = f.split(' ').slice(0, 2).join(' ');
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  return [...byKind].map(([kind, fs]) => `${kind}: ${fs.length} failures, e.g.\n  ${fs.slice(0, 4).join('\n  ')}`).join('\n');
}
