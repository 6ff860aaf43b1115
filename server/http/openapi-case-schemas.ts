// JSON Schemas of the case API's bodies and answers (案件). The command bodies come from the zod
// schemas the server validates with (one strict schema per command), with what zod cannot say —
// text lengths, who may give each command in which stage — added from the same constants and
// tables the server decides with; the answers are written out from the wire types in
// server/wire/case.ts and case-api.ts (openapi.test.ts checks real answers against them).
import { COMMAND_STAGES } from '../cases/index.ts';
import { ASSIGNEE_COMMANDS } from '../cases/authority.ts';
import {
  CASE_COMMAND_TYPES, CASE_DISPOSITIONS, CASE_EVENT_TYPES, CASE_LEVELS, CASE_SATISFACTIONS, CASE_STAGE_NAMES,
  CASE_STAGES, CASE_TABS, CASE_TEXT_MAX, INCIDENT_CATEGORIES, INCIDENT_PRIORITIES,
} from '../wire/index.ts';
import type { CaseCommandType } from '../wire/index.ts';
import { batchItemSchema, commandBodySchema } from './case-routes.ts';
import { fromZod } from './openapi-schemas.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const time = (description: string): Schema => ({ type: 'string', format: 'date-time', description });
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const nullableTime = (description: string): Schema => ({ type: ['string', 'null'], format: 'date-time', description });
const obj = (properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});

/** What each command does (the closed loop's words). */
const COMMAND_MEANINGS: Record<CaseCommandType, string> = {
  accept: '受理 at intake (the acceptor becomes the owner, 首问负责); 接单 when the assignee takes a dispatched task',
  assign: '派遣 to the grid\'s worker, a named account or a patrol unit (names are taken from the server\'s records, not the body)',
  feedback: '反馈 progress; the assignee\'s first feedback on a dispatched task starts the handling',
  handle: '处置完毕: recorded handled, waiting for verification',
  verify: '核查 passed (by someone other than who recorded it handled)',
  reject: '核查 failed: back to handling (返工) with the reason and a fresh handling limit',
  archive: '评价归档 with an evaluation; before verification only as unfounded, duplicate or transferred',
  escalate: '上报 to the level above (village → township → county), with the reason',
  'hand-down': '下派 to a lower level',
  merge: '合并 into another open case (the duplicate\'s timeline points to the survivor)',
  reopen: '重新办理 an archived case',
  note: '备注: a note on the timeline, in any stage',
};

const TEXT_FIELDS = new Set(['note', 'reason', 'text']);

/** A command schema from zod, with the length limits and the rules of who and when added. */
function documented(schema: Schema): Schema {
  const branches = (schema.oneOf as Schema[]).map((b) => {
    const props = b.properties as Record<string, Schema>;
    const type = (props.type as { const: CaseCommandType }).const;
    const properties = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, TEXT_FIELDS.has(k) ? { ...p, maxLength: CASE_TEXT_MAX, description: `at most ${CASE_TEXT_MAX} characters${(b.required as string[]).includes(k) ? ', not blank' : ''}` } : p]));
    const who = ASSIGNEE_COMMANDS.has(type) ? 'the centre (admin, leader, duty officer of a jurisdiction containing the case\'s centre) or the case\'s assignee' : 'the centre (admin, leader, duty officer of a jurisdiction containing the case\'s centre)';
    const when = COMMAND_STAGES[type].map((s) => `${s} ${CASE_STAGE_NAMES[s]}`).join(', ');
    return { ...b, title: type, description: `${COMMAND_MEANINGS[type]}. Who: ${who}. In stages: ${when}.`, properties };
  });
  return { ...schema, oneOf: branches, discriminator: { propertyName: 'type' } };
}

const accountRef = obj({ id: int('account id'), name: str('the account\'s name at the time') });
const assignee: Schema = {
  oneOf: [
    obj({ kind: { const: 'grid' }, gridCode: str('15-digit grid code: the grid\'s worker (网格员)') }),
    obj({ kind: { const: 'account' }, accountId: int(), name: str() }),
    obj({ kind: { const: 'unit' }, unitId: str(), name: str('patrol unit callsign') }),
  ],
};
const actor: Schema = {
  oneOf: [
    obj({ type: { const: 'account' }, id: int(), name: str(), role: str(), jurisdictionCode: str() }),
    obj({ type: { const: 'source' }, name: str('the source system that posted the incident') }),
    obj({ type: { const: 'system' } }),
  ],
};
const level = { enum: [...CASE_LEVELS] };
const transfer = obj({ reason: str(), from: level, to: level, centreCode: str('the responsible centre at the new level'), stepDueAt: time('accept limit there') });

/** What each event type records (server/wire/case.ts CaseEventPayloads). */
const EVENT_PAYLOADS: Record<(typeof CASE_EVENT_TYPES)[number], Schema> = {
  created: obj({
    incidentId: str(), category: { enum: [...INCIDENT_CATEGORIES] }, priority: { enum: [...INCIDENT_PRIORITIES] }, townshipCode: str(), villageCode: str(),
    gridCode: str(), source: str(), receivedAt: time('when the server committed the incident'), level, centreCode: str(),
    stepDueAt: nullableTime('accept limit (null for incidents stored before cases existed)'), caseDueAt: nullableTime('whole-case limit'),
    reporterAccountId: int('the account whose session reported it (grid-report, console); absent for a source system\'s report'),
  }, ['reporterAccountId']),
  accepted: obj({ stage: { enum: ['accepted', 'handling'] }, owner: nullable(accountRef), stepDueAt: nullableTime('the next step\'s limit') }),
  assigned: obj({ assignee }),
  feedback: obj({ note: str(), photos: { type: 'array', items: str('photo id') }, stage: { enum: [...CASE_STAGES] } }),
  handled: obj({ note: str(), photos: { type: 'array', items: str('photo id') }, stepDueAt: time('verification limit') }),
  verified: obj({ note: str() }),
  rejected: obj({ reason: str(), stepDueAt: time('the fresh handling limit') }),
  archived: obj({ satisfaction: { enum: [...CASE_SATISFACTIONS] }, disposition: { enum: [...CASE_DISPOSITIONS] }, note: str() }),
  escalated: transfer,
  'handed-down': transfer,
  merged: obj({ into: str('the surviving case') }),
  reopened: obj({ reason: str(), stepDueAt: time('handling limit'), caseDueAt: time('the fresh whole-case limit') }),
  note: obj({ text: str(), photos: { type: 'array', items: str('photo id'), description: 'photos it records (the reporter\'s photos of a 发现上报); absent when none' } }, ['photos']),
};

const caseState: Record<string, Schema> = {
  id: str('the case id: the id of its incident'),
  incidentId: str(),
  category: { enum: [...INCIDENT_CATEGORIES] },
  priority: { enum: [...INCIDENT_PRIORITIES] },
  townshipCode: str(),
  villageCode: str(),
  gridCode: str(),
  source: str(),
  receivedAt: time('when the server committed the incident'),
  reporterAccountId: { type: ['integer', 'null'], description: 'the account whose session reported it (发现上报 by a grid worker, a call taken at the console): it may add notes with photos to it while it is open; null for a source system\'s report' },
  version: int('1 after created, +1 per event: send it back as expectedVersion'),
  lastSeq: int('log position of the case\'s latest event'),
  stage: { enum: [...CASE_STAGES], description: CASE_STAGES.map((s) => `${s} ${CASE_STAGE_NAMES[s]}`).join(', ') },
  level,
  centreCode: str('the responsible centre: village (12 digits), township (9) or county (6)'),
  owner: { ...nullable(accountRef), description: '首问负责: the first account that accepted it at its current level' },
  assignee: nullable(assignee),
  handledBy: { ...nullable(accountRef), description: 'who recorded it handled (the verifier must be someone else)' },
  evaluation: nullable(obj({ satisfaction: { enum: [...CASE_SATISFACTIONS] }, disposition: { enum: [...CASE_DISPOSITIONS] }, note: str(), by: nullable(accountRef), at: time('when archived') })),
  mergedInto: { type: ['string', 'null'] },
  stepDueAt: nullableTime('when the current step is due; null once closed'),
  caseDueAt: nullableTime('when the whole case is due'),
  milestones: obj(Object.fromEntries(['acceptedAt', 'dispatchedAt', 'handlingAt', 'handledAt', 'verifiedAt', 'archivedAt'].map((k) => [k, nullableTime('first time, write-once')]))),
  createdAt: time('created'),
  updatedAt: time('last event'),
};

const results = (description: string): Schema => ({ type: 'array', items: ref('CaseBatchItemResult'), description });

/** Component schemas of the case API. */
export const caseSchemas: Record<string, Schema> = {
  CaseCommand: documented(fromZod(commandBodySchema)),
  CaseBatchCommand: documented(fromZod(batchItemSchema)),
  CaseView: obj({
    ...caseState,
    lng: { type: 'number' },
    lat: { type: 'number' },
    occurredAt: time('when it happened'),
    description: str(),
    overdue: obj({ step: { type: 'boolean' }, case: { type: 'boolean' } }, [], 'which limits have passed, by the server\'s clock when the view was made'),
    duplicates: {
      type: 'array',
      description: '可能重复: open cases it may report the same event as, best first (a suggestion: merged only by an officer)',
      items: obj({ caseId: str(), score: { type: 'number', description: '0–1' }, distanceM: { type: 'number' }, secondsApart: { type: 'number' } }),
    },
  }),
  CaseEvent: {
    description: 'One event of a case\'s log: `seq` its place in the one gapless log, `version` the case\'s version after it.',
    oneOf: CASE_EVENT_TYPES.map((type) => ({
      ...obj({ seq: int(), caseId: str(), version: int(), type: { const: type }, at: time('when'), actor, payload: EVENT_PAYLOADS[type] }),
      title: type,
    })),
  },
  CaseList: obj({
    cases: { type: 'array', items: ref('CaseView') },
    tabs: { ...obj(Object.fromEntries(CASE_TABS.map((t) => [t, int()]))), description: 'cases of your scope under each tab, whatever the filters (all 0 with changedAfterSeq)' },
    truncated: { type: 'boolean', description: 'more cases matched than limit' },
    lastSeq: int('the log position the answer is current to: poll again with changedAfterSeq = lastSeq'),
    asOf: time('server time of the answer'),
  }),
  CaseDetail: obj({
    case: ref('CaseView'),
    events: { type: 'array', items: ref('CaseEvent'), description: 'the timeline, created first, in version order' },
    commands: { type: 'array', items: { enum: [...CASE_COMMAND_TYPES] }, description: 'the commands you may give now (the payload can still be refused)' },
    asOf: time('server time of the answer'),
  }),
  CaseCommandResult: obj({ case: ref('CaseView'), events: { type: 'array', items: ref('CaseEvent'), description: 'the events it appended, as stored' } }),
  CaseRefusal: obj(
    { statusCode: int(), error: str(), message: str('why, for a person to act on'), field: str('the field at fault (422)'), case: ref('CaseView') },
    ['field', 'case'],
    'A refused command: on 409 `case` is the case as it is now.',
  ),
  CaseBatchItemResult: {
    oneOf: [
      obj({ index: int('position in the posted array'), caseId: str(), ok: { const: true }, case: ref('CaseView'), events: { type: 'array', items: ref('CaseEvent') } }),
      obj({ index: int(), caseId: str('as sent ("" when missing)'), ok: { const: false }, status: { enum: [403, 404, 409, 422] }, reason: str(), field: str(), case: ref('CaseView') }, ['field', 'case']),
    ],
  },
  CaseBatchResult: obj({ results: results('one per command, in the order sent') }),
};
