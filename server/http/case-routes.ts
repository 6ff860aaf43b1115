// The case API (案件): the queue, one case with its timeline, and the commands that move it through
// the closed loop — one at a time from the console and the phone, or in batches from an
// integration. Every answer is cut to the caller's jurisdiction; an id outside it is a 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionPrincipal } from '../auth/principal.ts';
import { availableCommands } from '../cases/index.ts';
import type { CaseBook } from '../casework/case-book.ts';
import { createdEventOf, toCaseEvent } from '../casework/case-log.ts';
import { casesChangedAfter, listCases } from '../casework/case-queries.ts';
import type { CaseQuery } from '../casework/case-queries.ts';
import { caseActorOf } from '../casework/case-service.ts';
import type { CaseService, CommandAnswer } from '../casework/case-service.ts';
import type { IncidentStore } from '../store/types.ts';
import { CASE_COMMAND_TYPES, CASE_STAGES, CASE_TABS, caseCommandSchema, INCIDENT_CATEGORIES } from '../wire/index.ts';
import type { CaseBatchItemResult, CaseCommand, CaseDetailResponse, CaseListResponse } from '../wire/index.ts';
import { errorBody, HttpError } from './errors.ts';
import { parseQuery } from './queries.ts';

export interface CaseRouteDeps {
  store: IncidentStore;
  book: CaseBook;
  service: CaseService;
  now(): number;
}

/** Most commands one batch may carry. */
export const MAX_COMMAND_BATCH = 500;
/** Most cases one GET /cases returns. */
export const MAX_CASE_LIMIT = 1000;

export const casesQuerySchema = z.strictObject({
  tab: z.enum(CASE_TABS, { error: `tab must be one of ${CASE_TABS.join(', ')}` }).optional().describe('new 待受理, open 处置中, overdue 超时, verifying 待核查, mine 我的.'),
  stage: z.enum(CASE_STAGES, { error: `stage must be one of ${CASE_STAGES.join(', ')}` }).optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue must be true or false' }).optional().describe('Only cases past (true) or within (false) their limits.'),
  assignee: z.literal('me', { error: 'assignee must be "me"' }).optional().describe('Only the cases you own or are assigned.'),
  township: z.string().regex(/^\d{9}$/, 'township must be a 9-digit township code').optional(),
  category: z.enum(INCIDENT_CATEGORIES, { error: `category must be one of ${INCIDENT_CATEGORIES.join(', ')}` }).optional(),
  source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'source must be a lower-case slug').optional(),
  // Digits only: z.coerce would read an empty value (and " ", "0x1f") as a number, and answer "changed after 0".
  changedAfterSeq: z.string().regex(/^\d{1,15}$/, 'changedAfterSeq must be a log position: an integer ≥ 0 (the lastSeq of your previous answer)').transform(Number).optional()
    .describe('Only cases changed after this log position, read from the log, in the order of change; answer.lastSeq is where to poll from next.'),
  sort: z.enum(['due', 'newest'], { error: 'sort must be due or newest' }).default('due'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be an integer').min(1, 'limit must be at least 1').max(MAX_CASE_LIMIT, `limit must be at most ${MAX_CASE_LIMIT}`).default(200),
});

const expectedVersion = z.int({ error: 'expectedVersion must be the version of the case you saw (an integer ≥ 1)' }).min(1, 'expectedVersion must be at least 1');
const caseIdField = z.string({ error: 'caseId must be a case id' }).min(1, 'caseId must not be empty').max(128, 'caseId must be at most 128 characters');

/** Each command's schema with more fields beside its own (strict, like the command's). */
function commandsWith<F extends z.ZodRawShape>(fields: F) {
  const [first, ...rest] = caseCommandSchema.options.map((o) => o.extend(fields));
  return z.discriminatedUnion('type', [first!, ...rest], { error: `type must be one of ${CASE_COMMAND_TYPES.join(', ')}` });
}

/**
 * The body of POST /cases/{id}/commands: one command's own fields, its type and the version the
 * sender saw, validated in one pass by one strict schema per command. (Reading expectedVersion
 * first and the rest after loses what the first pass does not copy: an own `__proto__` key that
 * JSON.parse made became the prototype of the copy, and the command went through without it.)
 */
export const commandBodySchema = commandsWith({ expectedVersion });
/** One item of POST /cases/commands: a command body and the case it is for. */
export const batchItemSchema = commandsWith({ caseId: caseIdField, expectedVersion });

function sessionOf(request: FastifyRequest): SessionPrincipal {
  const p = request.principal;
  if (!p || p.kind === 'api-key') throw new HttpError(403, 'cases are worked by people: this needs a login session, not an API key');
  return p;
}

type Refusal = { status: 422; reason: string; field: string };

/** The first issue of a failed parse as a 422 naming the field (an unknown key by its name). */
function refusalOf(error: z.ZodError): Refusal {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].join('.');
    return { status: 422, reason: `${field} is not a field of this command`, field };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : 'type';
  return { status: 422, reason: issue.message.startsWith(field) ? issue.message : `${field} ${issue.message}`, field };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The command of a body ({type, expectedVersion, …fields}), or why it is not one. */
function commandOf(body: unknown): { expectedVersion: number; command: CaseCommand } | Refusal {
  if (!isObject(body)) return { status: 422, reason: 'the body must be a JSON object {type, expectedVersion, …}', field: '(body)' };
  const parsed = commandBodySchema.safeParse(body);
  if (!parsed.success) return refusalOf(parsed.error);
  const { expectedVersion: version, ...command } = parsed.data;
  return { expectedVersion: version, command: command as CaseCommand };
}

/** A batch item: its case and command, or why it is not one. */
function batchItemOf(item: unknown): { caseId: string; expectedVersion: number; command: CaseCommand } | Refusal {
  if (!isObject(item)) return { status: 422, reason: 'each item must be a JSON object {caseId, type, expectedVersion, …}', field: '(item)' };
  // The case first: an item without one cannot be told apart from another.
  const id = caseIdField.safeParse(item.caseId);
  if (!id.success) return { ...refusalOf(id.error), field: 'caseId' };
  const parsed = batchItemSchema.safeParse(item);
  if (!parsed.success) return refusalOf(parsed.error);
  const { caseId, expectedVersion: version, ...command } = parsed.data;
  return { caseId, expectedVersion: version, command: command as CaseCommand };
}

async function run(deps: CaseRouteDeps, id: string, parsed: ReturnType<typeof commandOf>, p: SessionPrincipal, ip: string): Promise<CommandAnswer> {
  if ('status' in parsed) return { ok: false, ...parsed };
  return deps.service.execute(id, parsed.expectedVersion, parsed.command, p, ip);
}

function send(reply: FastifyReply, answer: CommandAnswer): FastifyReply {
  if (answer.ok) return reply.send({ case: answer.case, events: answer.events });
  return reply.code(answer.status).send({ ...errorBody(answer.status, answer.reason, answer.field), ...(answer.case ? { case: answer.case } : {}) });
}

export function registerCaseRoutes(api: FastifyInstance, deps: CaseRouteDeps): void {
  const { book } = deps;

  api.get('/cases', { config: { access: 'read' } }, async (request): Promise<CaseListResponse> => {
    const p = sessionOf(request);
    const raw = parseQuery(casesQuerySchema, request.query);
    const q: CaseQuery = {
      ...(raw.tab ? { tab: raw.tab } : {}),
      ...(raw.stage ? { stage: raw.stage } : {}),
      ...(raw.overdue ? { overdue: raw.overdue === 'true' } : {}),
      ...(raw.assignee ? { assignee: raw.assignee } : {}),
      ...(raw.township ? { township: raw.township } : {}),
      ...(raw.category ? { category: raw.category } : {}),
      ...(raw.source ? { source: raw.source } : {}),
      sort: raw.sort,
      limit: raw.limit,
    };
    const asker = { scopeCode: p.scope.code, actor: caseActorOf(p) as Extract<ReturnType<typeof caseActorOf>, { type: 'account' }> };
    const now = deps.now();
    if (raw.changedAfterSeq !== undefined) return casesChangedAfter(deps.store, deps.service, book, raw.changedAfterSeq, q, asker, now);
    return listCases(book, q, asker, now, await deps.store.lastSeq());
  });

  api.get<{ Params: { id: string } }>('/cases/:id', { config: { access: 'read' } }, async (request, reply) => {
    const p = sessionOf(request);
    const record = await deps.service.read(request.params.id, p.scope);
    if (!record) return reply.code(404).send(errorBody(404, `no case with id ${request.params.id}`));
    const events = await deps.store.eventsOf('case', record.state.id);
    const incident = await deps.store.getById(record.state.id);
    const now = deps.now();
    const detail: CaseDetailResponse = {
      case: book.view(record, now),
      events: [createdEventOf(incident!), ...events.map(toCaseEvent)],
      commands: availableCommands(record.state, caseActorOf(p)),
      asOf: new Date(now).toISOString(),
    };
    return detail;
  });

  api.post<{ Params: { id: string } }>('/cases/:id/commands', { config: { access: 'report' } }, async (request, reply) => {
    const p = sessionOf(request);
    return send(reply, await run(deps, request.params.id, commandOf(request.body), p, request.ip));
  });

  api.post('/cases/commands', { config: { access: 'report' } }, async (request, reply) => {
    const p = sessionOf(request);
    const body = request.body;
    if (!Array.isArray(body)) throw new HttpError(400, 'the body must be an array of commands [{caseId, type, expectedVersion, …}]');
    if (body.length === 0) throw new HttpError(400, 'the array of commands is empty');
    if (body.length > MAX_COMMAND_BATCH) throw new HttpError(413, `a batch may hold at most ${MAX_COMMAND_BATCH} commands, got ${body.length}: split it`);
    // Commands on different cases run together (they share group commits); on one case, in order.
    const chains = new Map<string, Promise<unknown>>();
    const results = await Promise.all(
      body.map(async (item, index): Promise<CaseBatchItemResult> => {
        const parsed = batchItemOf(item);
        const caseId = 'caseId' in parsed ? parsed.caseId : isObject(item) && typeof item.caseId === 'string' ? item.caseId : '';
        if ('status' in parsed) return { index, caseId, ok: false, status: parsed.status, reason: parsed.reason, field: parsed.field };
        const previous = chains.get(caseId) ?? Promise.resolve();
        const mine = previous.then(() => run(deps, caseId, parsed, p, request.ip));
        chains.set(caseId, mine.catch(() => undefined));
        const a = await mine;
        return a.ok ? { index, caseId, ok: true, case: a.case, events: a.events } : { index, caseId, ok: false, status: a.status, reason: a.reason, ...(a.field ? { field: a.field } : {}), ...(a.case ? { case: a.case } : {}) };
      }),
    );
    return reply.code(results.some((r) => r.ok) ? 200 : 422).send({ results });
  });
}
