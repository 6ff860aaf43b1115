// Admin API for the audit log: page through it, export it (CSV or NDJSON, itself audited), and
// verify its hash chain. County admins only: the log spans every jurisdiction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry } from '../audit/audit-log.ts';
import type { Access } from '../auth/access.ts';
import { actorOf } from '../auth/principal.ts';
import { deny } from './access-guard.ts';
import { auditExportQuerySchema, auditQuerySchema } from './access-schemas.ts';
import { toCsv } from './csv.ts';
import { parseQuery } from './queries.ts';

const MANAGE = { config: { access: 'manage' as const } };

const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'before', 'after', 'details', 'ip', 'prevHash', 'hash'] as const;

/** One audit entry as a CSV row: nested values as JSON text. */
function auditRow(e: AuditEntry): unknown[] {
  return AUDIT_CSV_COLUMNS.map((c) => {
    const v = e[c];
    return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  });
}

export function registerAuditRoutes(api: FastifyInstance, access: Access): void {
  /** The log spans the whole county: a township admin is refused (and that is audited). */
  const countyAdmin = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const p = request.principal;
    if (p?.kind === 'account' && p.scope.code === access.scopes.county.code) return true;
    deny(access, request, reply, 'forbidden: the audit log is for county admins', 'audit log needs a county admin');
    return false;
  };

  api.get('/audit', MANAGE, async (request, reply) => {
    if (!countyAdmin(request, reply)) return reply;
    const q = parseQuery(auditQuerySchema, request.query);
    const entries = access.audit.list(q);
    const last = entries.at(-1);
    return { entries, nextBeforeSeq: entries.length === q.limit && last ? last.seq : null };
  });

  api.get('/audit/export', MANAGE, async (request, reply) => {
    if (!countyAdmin(request, reply)) return reply;
    const q = parseQuery(auditExportQuerySchema, request.query);
    const entries = [...access.audit.iterate({ since: q.since, until: q.until })];
    access.audit.append({ actor: actorOf(request.principal), action: 'audit.exported', details: { format: q.format, since: q.since ?? null, until: q.until ?? null, entries: entries.length }, ip: request.ip });
    const stamp = new Date(access.now()).toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
    if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(AUDIT_CSV_COLUMNS, entries.map(auditRow)));
    return reply.type('application/x-ndjson; charset=utf-8').send(entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''));
  });

  api.get('/audit/verify', MANAGE, async (request, reply) => {
    if (!countyAdmin(request, reply)) return reply;
    return access.audit.verify();
  });
}
