// The case API answers as the OpenAPI document says: a case taken through every command the loop
// has (every event type on its timeline), the refusals (403, 404, 409 with and without the current
// state, 422), batches applied and refused, the queue and the poll by log position — each answer
// checked against the schema the document gives for its route and status, field by field (no field
// missing, none undocumented). Checked able to fail: a field added to CaseView on the wire but not
// to the document (or one renamed) fails every case answer here.
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, incidentAt, tempDir } from '../test-fixtures/app.ts';
import { keyHeaders, sessionFor } from '../test-fixtures/auth.ts';
import { FIXTURE_POINTS } from '../test-fixtures/index.ts';
import { canvasImage } from '../test-fixtures/photos.ts';
import { CASE_EVENT_TYPES } from '../wire/index.ts';

type Schema = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** Where a value departs from a schema (the subset of JSON Schema the document uses); [] when it conforms. */
function departures(doc: Doc, value: unknown, schema: Schema, at = '$'): string[] {
  if (typeof schema.$ref === 'string') return departures(doc, value, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!, at);
  if (Array.isArray(schema.oneOf)) {
    const tries = (schema.oneOf as Schema[]).map((s) => departures(doc, value, s, at));
    const fits = tries.filter((t) => t.length === 0).length;
    if (fits === 1) return [];
    return fits > 1 ? [`${at}: fits ${fits} branches of a oneOf`] : tries.reduce((a, b) => (b.length < a.length ? b : a));
  }
  const out: string[] = [];
  if ('const' in schema && value !== schema.const) out.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined) {
    const types = [schema.type].flat() as string[];
    if (!types.some((t) => TYPES[t]!(value))) return [...out, `${at}: ${JSON.stringify(value)?.slice(0, 60)} is not ${types.join(' | ')}`];
  }
  if (schema.format === 'date-time' && typeof value === 'string' && Number.isNaN(Date.parse(value))) out.push(`${at}: ${value} is not a date-time`);
  if (Array.isArray(value) && schema.items) value.forEach((v, k) => out.push(...departures(doc, v, schema.items as Schema, `${at}[${k}]`)));
  if (TYPES.object!(value) && schema.properties) {
    const props = schema.properties as Record<string, Schema>;
    for (const k of (schema.required as string[] | undefined) ?? []) if (!(k in (value as object))) out.push(`${at}.${k}: missing`);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (props[k]) out.push(...departures(doc, v, props[k], `${at}.${k}`));
      else if (schema.additionalProperties === false || schema.additionalProperties === undefined) out.push(`${at}.${k}: not documented`);
    }
  }
  return out;
}

describe('the case API as documented', () => {
  it('answers every command, refusal, batch, queue and poll with the documented shape', async () => {
    const t = tempDir('yzt-openapi-cases-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir);
    cleanups.push(() => server.close());
    const doc = (await server.app.inject({ url: '/api/v1/openapi.json' })).json() as Doc;

    const seen: string[] = [];
    const eventTypes = new Set<string>();
    /** Sends a request and checks its answer against the document's schema for the route and status. */
    const ask = async (method: 'GET' | 'POST', template: string, url: string, cookie: string, body?: unknown) => {
      const res = await server.app.inject({ method, url: `/api/v1${url}`, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
      const documented = doc.paths[template]![method.toLowerCase()]!.responses[String(res.statusCode)];
      expect(documented, `${method} ${template} → ${res.statusCode} is not documented: ${res.body.slice(0, 200)}`).toBeDefined();
      const schema = documented!.content!['application/json']!.schema;
      const answer = res.json() as Record<string, unknown>;
      expect(departures(doc, answer, schema), `${method} ${url} → ${res.statusCode}`).toEqual([]);
      seen.push(`${method} ${template} ${res.statusCode}`);
      for (const e of [answer.events ?? [], ((answer.results ?? []) as { events?: unknown[] }[]).flatMap((r) => r.events ?? [])].flat() as { type: string }[]) eventTypes.add(e.type);
      return answer as { case: { version: number }; results: unknown[] };
    };

    const report = async (sourceId: string) => (await server.app.inject({ method: 'POST', url: '/api/v1/events', headers: keyHeaders(), payload: JSON.stringify(incidentAt(FIXTURE_POINTS['321202001002001'], sourceId)) })).json().accepted[0].id as string;
    const [a, b, c] = [await report('doc-a'), await report('doc-b'), await report('doc-c')];
    const officer = (await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' })).cookie;
    const checker = (await sessionFor(server, { role: 'duty-officer', jurisdictionCode: '321202' })).cookie;
    const { cookie: worker, accountId: workerId } = await sessionFor(server, { role: 'grid-worker', jurisdictionCode: '321202001002' });
    const photo = await server.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/photos`, headers: { cookie: worker, 'content-type': 'image/jpeg' }, payload: Buffer.from(await canvasImage('image/jpeg')) });
    const photoId = photo.json().photo.id as string;

    const cmd = (id: string, cookie: string, body: Record<string, unknown>) => ask('POST', '/cases/{id}/commands', `/cases/${id}/commands`, cookie, body);
    let v = 1;
    const step = async (cookie: string, body: Record<string, unknown>) => {
      const r = await cmd(a, cookie, { ...body, expectedVersion: v });
      expect(r.case?.version, JSON.stringify(r).slice(0, 300)).toBe(v + 1);
      v += 1;
    };
    await step(officer, { type: 'accept' });
    await step(officer, { type: 'assign', assignee: { kind: 'grid', gridCode: '321202001002001' } });
    await step(worker, { type: 'accept' });
    await step(worker, { type: 'feedback', note: '已到现场', photos: [photoId] });
    await step(worker, { type: 'handle', note: '已调解' });
    await step(checker, { type: 'reject', reason: '未回访' });
    await step(worker, { type: 'handle', note: '已回访', photos: [photoId] });
    await step(checker, { type: 'verify', note: '属实' });
    await step(checker, { type: 'archive', satisfaction: 'satisfied', disposition: 'resolved', note: '' });
    await step(officer, { type: 'reopen', reason: '群众再次来电' });
    await step(officer, { type: 'escalate', reason: '需镇里协调' });
    await step(officer, { type: 'hand-down', to: 'village', reason: '村里处理' });
    await step(officer, { type: 'accept' });
    await step(officer, { type: 'assign', assignee: { kind: 'account', accountId: workerId, name: 'the server takes the name from the account' } });
    await step(officer, { type: 'note', text: '备注' });
    await cmd(b, officer, { type: 'merge', expectedVersion: 1, into: a });

    await cmd(a, officer, { type: 'note', expectedVersion: 1, text: '旧版本' }); // 409 with the current case
    await cmd(c, officer, { type: 'verify', expectedVersion: 1 }); // 409 by stage
    await cmd(c, officer, { type: 'note', expectedVersion: 1, text: 3 }); // 422
    await cmd(c, worker, { type: 'assign', expectedVersion: 1, assignee: { kind: 'grid', gridCode: '321202001002001' } }); // 403
    await cmd('no-such-case', officer, { type: 'accept', expectedVersion: 1 }); // 404
    await ask('POST', '/cases/commands', '/cases/commands', officer, [{ caseId: c, type: 'accept', expectedVersion: 1 }, { caseId: c, type: 'note', expectedVersion: 2, text: '批量' }, { caseId: 'nope', type: 'accept', expectedVersion: 1 }, { type: 'accept' }]);
    await ask('POST', '/cases/commands', '/cases/commands', officer, [{ caseId: c, type: 'accept', expectedVersion: 1 }, 7]);
    await ask('GET', '/cases/{id}', `/cases/${a}`, officer);
    await ask('GET', '/cases/{id}', `/cases/${b}`, worker);
    await ask('GET', '/cases/{id}', '/cases/nope', officer);
    await ask('GET', '/cases', '/cases?tab=open&sort=newest', officer);
    await ask('GET', '/cases', '/cases?changedAfterSeq=0&limit=2', officer);
    await ask('GET', '/cases', '/cases?tab=later', officer);

    console.log(`[openapi cases] ${seen.length} answers conform: ${[...new Set(seen)].join(', ')}; event types ${[...eventTypes].sort().join(', ')}`);
    expect([...eventTypes].sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(new Set(seen)).toEqual(new Set([
      'POST /cases/{id}/commands 200', 'POST /cases/{id}/commands 403', 'POST /cases/{id}/commands 404', 'POST /cases/{id}/commands 409', 'POST /cases/{id}/commands 422',
      'POST /cases/commands 200', 'POST /cases/commands 422', 'GET /cases/{id} 200', 'GET /cases/{id} 404', 'GET /cases 200', 'GET /cases 400',
    ]));
  });
});
