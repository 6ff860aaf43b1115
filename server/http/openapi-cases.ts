// The OpenAPI paths of the case API (案件): the queue, one case with its timeline, commands one at a
// time and in batches, and how an external system (the 12345 platform) follows cases by polling.
// Query parameters and command bodies come from the zod schemas the server validates with.
import { CASE_PHOTOS_MAX, CASE_TEXT_MAX } from '../wire/index.ts';
import { casesQuerySchema, MAX_CASE_LIMIT, MAX_COMMAND_BATCH } from './case-routes.ts';
import { BODY_LIMIT_BYTES, queryParameters } from './openapi-schemas.ts';

type Doc = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const answer = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => answer(description, ref('Error'));
const refusal = (description: string) => answer(description, ref('CaseRefusal'));
const caseId = { name: 'id', in: 'path', required: true, description: 'the case: the id of its incident', schema: { type: 'string' } };

const common = {
  401: error('not logged in'),
  429: error('rate limit per account: see Retry-After'),
};

const POLLING =
  'External systems (the 12345 platform, a 110 dispatch system) read a case\'s state with GET /cases/{id} and receive its changes by polling ' +
  '`GET /cases?changedAfterSeq=N`: start from 0 (everything the log holds) or from the `lastSeq` of a first full read, then poll again ' +
  'with changedAfterSeq = the `lastSeq` of each answer. An answer lists every case of your jurisdiction that changed after N — created, or ' +
  'given any event — once, in the order of its first change, as it is now (its current state, version and stage; the steps in between are ' +
  'its timeline in GET /cases/{id}, each event with its seq). `truncated: true` means more cases changed than `limit`: poll again at once. ' +
  'The other filters apply to the current state, and `tabs` are not counted on this path. `seq` is the server\'s one gapless log position, ' +
  'shared with incidents: positions of other jurisdictions\' cases are skipped, so a scoped poller sees gaps. Such a system signs in as an ' +
  'account of its own (POST /auth/login: a leader or duty officer with the jurisdiction it may follow; API keys only post incidents) and ' +
  'logs in again when a poll answers 401 (sessions last SESSION_HOURS). A browser gets the same changes pushed over the live channel.';

/** Paths under /api/v1 of the case API. */
export const casePaths: Record<string, Doc> = {
  '/cases': {
    get: {
      summary: 'The case queue (待受理 / 处置中 / 超时 / 待核查 / 我的), filtered, or the cases changed after a log position',
      description:
        `The cases of your jurisdiction the server keeps at hand — every open case and those closed in the last 24 h — by tab and filters, ` +
        `sorted by the current step's due time (sort=due) or newest change first (sort=newest), at most limit (≤ ${MAX_CASE_LIMIT}); ` +
        `\`overdue\` by the server's clock at the answer. With changedAfterSeq the cases come from the log instead, closed ones included.\n\n${POLLING}`,
      security: [{ session: [] }],
      parameters: queryParameters(casesQuerySchema),
      responses: {
        200: answer('the cases', ref('CaseList')),
        400: error('a query parameter is invalid or unknown; `field` names it'),
        ...common,
        403: error('an API key (cases need a login session), or a session that must change its password'),
      },
    },
  },
  '/cases/{id}': {
    get: {
      summary: 'One case: its state, its timeline, and the commands you may give it now',
      description: 'A closed case that is no longer kept at hand is folded from the log. A wall display may read; the commands it gets are none.',
      security: [{ session: [] }],
      parameters: [caseId],
      responses: {
        200: answer('the case', ref('CaseDetail')),
        ...common,
        403: error('an API key: cases need a login session'),
        404: error('no such case in your jurisdiction (another jurisdiction\'s case is answered the same way)'),
      },
    },
  },
  '/cases/{id}/commands': {
    post: {
      summary: 'Give a case a command: { type, expectedVersion, …its fields } → its new state',
      description:
        'Optimistic concurrency: expectedVersion is the version of the case you saw. If the case is at another version — someone acted ' +
        'first, or you sent a version it never had — nothing is written and the answer is 409 with the case as it is now; decide again on ' +
        'that state. Two officers pressing at once: exactly one is applied, the other gets 409. The rules (who may give which command in ' +
        'which stage, at which level) are the domain\'s (server/cases); each command\'s schema says them. The body is validated in one pass ' +
        `by the command's strict schema: a field it does not have (\`__proto__\` and \`constructor\` too) is a 422 naming it; texts are at ` +
        `most ${CASE_TEXT_MAX} characters; feedback and handle carry at most ${CASE_PHOTOS_MAX} photo ids, each uploaded to this case ` +
        'first (POST /cases/{id}/photos). Answered after the events are committed (ack after commit): an answered command is durable. ' +
        'Every applied command is on the audit log with its before and after.',
      security: [{ session: [] }],
      parameters: [caseId],
      requestBody: { required: true, ...json(ref('CaseCommand')) },
      responses: {
        200: answer('applied: the new state and the events appended', ref('CaseCommandResult')),
        400: error('the body is not JSON, or empty'),
        ...common,
        403: refusal('your role or jurisdiction may not give this command to this case (the reason says which), a wall display, or an API key'),
        404: refusal('no such case in your jurisdiction'),
        409: refusal('the case is not at expectedVersion (`case` is its current state), or its stage or level does not allow the command'),
        413: error(`the body exceeds ${BODY_LIMIT_BYTES} bytes`),
        415: error('Content-Type is not application/json'),
        422: refusal('the body is not a command: an unknown type, a missing or wrong field, an unknown field; `field` names it'),
        500: error('not completed: read the case (its version says whether it was applied) before sending again'),
      },
    },
  },
  '/cases/commands': {
    post: {
      summary: `Give up to ${MAX_COMMAND_BATCH} commands at once (integrations), each answered on its own`,
      description:
        'An array of commands, each `{caseId, type, expectedVersion, …}`. Each is validated, decided and committed like a single command, ' +
        'with its own answer in `results` (same index): applied with the new state, or refused with its status and reason. Commands on ' +
        'different cases run together and share group commits; those on one case run in the order sent, so a batch may carry a case\'s ' +
        'next steps with versions counted up. Answered once every command is committed or refused. 200 when at least one was applied, ' +
        '422 when none was.',
      security: [{ session: [] }],
      requestBody: { required: true, ...json({ type: 'array', items: ref('CaseBatchCommand'), minItems: 1, maxItems: MAX_COMMAND_BATCH }) },
      responses: {
        200: answer('at least one command was applied', ref('CaseBatchResult')),
        400: error('the body is not JSON, not an array, or empty'),
        ...common,
        403: error('an API key (cases need a login session), a wall display, or a role that may not report'),
        413: error(`more than ${MAX_COMMAND_BATCH} commands, or the body exceeds ${BODY_LIMIT_BYTES} bytes: split it`),
        415: error('Content-Type is not application/json'),
        422: answer('no command was applied; `results` says why for each', ref('CaseBatchResult')),
        500: error('not completed: some commands may have been applied; read the cases before sending again'),
      },
    },
  },
};
