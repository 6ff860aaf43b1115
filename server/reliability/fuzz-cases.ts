// Malformed requests to the case API, generated deterministically from a seed against real cases:
// commands with wrong field types, missing or stray fields (`__proto__` among them), unknown types,
// stale and future versions, another jurisdiction's case, the wrong person, a stage that forbids the
// command, huge notes and bodies, broken JSON, batches of junk, junk queries and ids, and non-image
// photos. Every case is refused by construction — each carries at least one defect that no
// accepted request has — so the only right answer is a 4xx that names the reason.
import type { PRNG } from 'seedrandom';
import { jsonText, Raw } from './fuzz-bodies.ts';
import type { HttpCase, JsonLike, Pairs } from './fuzz-bodies.ts';

/** A case of the fuzz server as the generators know it: where it stands. */
export interface KnownCase {
  id: string;
  version: number;
  stage: 'intake' | 'accepted' | 'dispatched' | 'archived';
}

/** The cases and principals of the fuzz server. */
export interface CaseFuzzWorld {
  /** Cases in the officer's jurisdiction; the `dispatched` ones are assigned to the worker's grid. */
  mine: KnownCase[];
  /** A case of another township. */
  other: KnownCase;
  /** Header sets: the officer is the client's default session. */
  worker: Record<string, string>;
  display: Record<string, string>;
  apiKey: Record<string, string>;
  anonymous: Record<string, string>;
  /** A grid inside the cases' centre. */
  grid: string;
  images: Record<'image/jpeg' | 'image/png' | 'image/webp', Uint8Array<ArrayBuffer>>;
}

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: PRNG, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const obj = (o: Record<string, JsonLike>): JsonLike => ({ pairs: Object.entries(o) });
const enc = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

/** A valid body of each command (format only: the stage may still refuse it). */
function template(type: string, w: CaseFuzzWorld): Pairs {
  const fields: Record<string, Pairs> = {
    accept: [], assign: [['assignee', obj({ kind: 'grid', gridCode: w.grid })]], feedback: [['note', '已到现场']], handle: [['note', '已处置']],
    verify: [['note', '属实']], reject: [['reason', '未整改']], archive: [['satisfaction', 'satisfied'], ['disposition', 'resolved'], ['note', '']],
    escalate: [['reason', '需镇里协调']], 'hand-down': [['to', 'village'], ['reason', '']], merge: [['into', w.other.id]], reopen: [['reason', '群众再次来电']], note: [['text', '补充']],
  };
  return [['type', type], ...fields[type]!];
}
const TYPES = ['accept', 'assign', 'feedback', 'handle', 'verify', 'reject', 'archive', 'escalate', 'hand-down', 'merge', 'reopen', 'note'];
/** Commands only a centre may give (a grid worker is refused them on any case). */
const CENTRE_ONLY = ['assign', 'verify', 'reject', 'archive', 'escalate', 'hand-down', 'merge', 'reopen'];
/** Commands the stage refuses (409), by stage; none of them is allowed there. */
const FORBIDDEN: Record<KnownCase['stage'], string[]> = {
  // archive as resolved (the template's disposition) needs a verified case; hand-down needs a level below village.
  intake: ['assign', 'feedback', 'handle', 'verify', 'reject', 'reopen', 'archive', 'hand-down'],
  accepted: ['accept', 'feedback', 'handle', 'verify', 'reject', 'reopen', 'archive', 'hand-down'],
  dispatched: ['verify', 'reject', 'reopen', 'archive', 'hand-down'],
  archived: ['accept', 'assign', 'feedback', 'handle', 'verify', 'reject', 'escalate', 'hand-down', 'merge', 'archive'],
};
/** A command its stage allows, for the officer (note is allowed in every stage). */
const ALLOWED: Record<KnownCase['stage'], string[]> = { intake: ['accept', 'note'], accepted: ['assign', 'note'], dispatched: ['feedback', 'note'], archived: ['reopen', 'note'] };

const TEXT_BAD: JsonLike[] = [null, 1, true, [], obj({}), 'x'.repeat(2001), '消'.repeat(2001), '😀'.repeat(2001), new Raw('NaN')];
const BLANK: JsonLike[] = ['', '   ', '\t\n'];
/** Field values no command accepts (schema level) or the server's records refuse (world level). */
const BAD: Record<string, JsonLike[]> = {
  expectedVersion: [0, -1, 1.5, '1', null, true, [], obj({}), 2 ** 53, -0, new Raw('NaN'), new Raw('Infinity'), new Raw('1e400'), new Raw('0x1'), new Raw('01')],
  photos: ['x', 1, null, obj({}), ['a', 'b', 'c', 'd'], ['../photo'], [''], [1], ['x'.repeat(129)], ['photo id'], ['0190f2a1-7c3e-7a11-8b2c-3d4e5f607182']],
  assignee: [null, 'grid', obj({}), obj({ kind: 'grid' }), obj({ kind: 'grid', gridCode: '32120200100200' }), obj({ kind: 'grid', gridCode: 321202001002001 }), obj({ kind: 'team', id: 'x' }),
    obj({ kind: 'account', accountId: -1, name: 'x' }), obj({ kind: 'account', accountId: '1', name: 'x' }), obj({ kind: 'account', accountId: 1.5, name: 'x' }), obj({ kind: 'unit', unitId: '', name: 'x' }),
    obj({ kind: 'account', accountId: 999_999, name: 'x' }), obj({ kind: 'unit', unitId: 'no-such-unit', name: 'x' }), obj({ kind: 'grid', gridCode: '999999999999999' }),
    { pairs: [['kind', 'grid'], ['gridCode', '321202001002001'], ['__proto__', obj({ polluted: 'yes' })]] }],
  satisfaction: ['', 'SATISFIED', 'happy', 1, null, ['satisfied'], '满意'],
  disposition: ['', 'RESOLVED', 'fixed', 0, null, obj({})],
  to: ['county', 'grid', '', null, 1, 'VILLAGE'],
  into: ['', 1, null, 'x'.repeat(129), [], 'no-such-case'],
};
const STRAY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'caseId', 'command', 'version', 'expectedversion', 'Type', '', 'a'.repeat(1000)];
const STRAY_VALUES: JsonLike[] = [obj({ polluted: 'yes' }), obj({ prototype: obj({ polluted: 'yes' }) }), 1, null, 'x'];
const UNKNOWN_TYPES: JsonLike[] = ['', 'ACCEPT', 'fly', 'accept ', ' note', 'Note', null, 1, [], obj({}), true, '__proto__', 'constructor', 'toString', 'hasOwnProperty', '受理', 'created', 'archived'];
const REQUIRED: Record<string, string[]> = { assign: ['assignee'], feedback: ['note'], handle: ['note'], reject: ['reason'], archive: ['satisfaction', 'disposition'], escalate: ['reason'], 'hand-down': ['to'], merge: ['into'], reopen: ['reason'], note: ['text'] };
const OPTIONAL_TEXT: Record<string, string> = { verify: 'note', archive: 'note', 'hand-down': 'reason' };
const REQUIRED_TEXT: Record<string, string> = { feedback: 'note', handle: 'note', reject: 'reason', escalate: 'reason', reopen: 'reason', note: 'text' };

/** A body with one to three defects, each of which alone gets the command refused. */
function defective(rng: PRNG, c: KnownCase, w: CaseFuzzWorld): Pairs {
  const type = pick(rng, TYPES);
  let p: Pairs = [...template(type, w), ['expectedVersion', c.version]];
  const set = (key: string, v: JsonLike) => {
    p = p.some(([k]) => k === key) ? p.map(([k, x]): [string, JsonLike] => [k, k === key ? v : x]) : [...p, [key, v]];
  };
  for (let d = int(rng, 1, 3); d > 0; d--) {
    const how = rng();
    if (how < 0.25) set('expectedVersion', pick(rng, BAD.expectedVersion!));
    else if (how < 0.5) {
      const text = REQUIRED_TEXT[type] ?? OPTIONAL_TEXT[type];
      const field = pick(rng, [...(text ? [text] : []), ...Object.keys(BAD).filter((k) => k !== 'expectedVersion' && p.some(([x]) => x === k)), ...(type === 'feedback' || type === 'handle' ? ['photos'] : [])]);
      if (field === undefined) set('expectedVersion', pick(rng, BAD.expectedVersion!));
      else if (field === text) set(field, pick(rng, REQUIRED_TEXT[type] ? [...TEXT_BAD, ...BLANK] : TEXT_BAD));
      else set(field, pick(rng, BAD[field]!));
    } else if (how < 0.65 && (REQUIRED[type] ?? []).length > 0) {
      const gone = pick(rng, [...REQUIRED[type]!, 'expectedVersion', 'type']);
      p = p.filter(([k]) => k !== gone);
    } else if (how < 0.9) {
      p.splice(int(rng, 0, p.length), 0, [pick(rng, STRAY_KEYS), pick(rng, STRAY_VALUES)]);
    } else {
      p.push(['expectedVersion', pick(rng, BAD.expectedVersion!)]); // repeated: JSON.parse keeps the last
    }
  }
  return p;
}

const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Generates the cases, `counts` per kind. */
export function caseCases(rng: PRNG, w: CaseFuzzWorld, counts: Record<string, number>): HttpCase[] {
  const commands = (id: string) => `/api/v1/cases/${id}/commands`;
  const post = (kind: string, route: string, body: string | Uint8Array<ArrayBuffer>, headers?: Record<string, string>, contentType = 'application/json'): HttpCase => ({
    kind, method: 'POST', route, body, contentType, ...(headers && { headers }),
  });
  const anyCase = () => pick(rng, w.mine);
  const valid = (c: KnownCase, type = pick(rng, ALLOWED[c.stage])): Pairs => [...template(type, w), ['expectedVersion', c.version]];
  const wrongVersion = (c: KnownCase) => (c.version > 1 && rng() < 0.5 ? int(rng, 1, c.version - 1) : pick(rng, [c.version + 1, c.version + int(rng, 2, 100), 2 ** 31, Number.MAX_SAFE_INTEGER]));
  const text = (p: Pairs) => jsonText({ pairs: p });

  const makers: Record<string, () => HttpCase> = {
    'cmd-field': () => {
      const c = anyCase();
      return post('cmd-field', commands(c.id), text(defective(rng, c, w)));
    },
    'cmd-type': () => {
      const c = anyCase();
      const p: Pairs = [...template(pick(rng, TYPES), w).slice(1), ['expectedVersion', c.version]];
      if (rng() < 0.85) p.splice(int(rng, 0, p.length), 0, ['type', pick(rng, UNKNOWN_TYPES)]);
      return post('cmd-type', commands(c.id), text(p));
    },
    'cmd-version': () => {
      const c = anyCase();
      return post('cmd-version', commands(c.id), text(valid(c).map(([k, v]): [string, JsonLike] => [k, k === 'expectedVersion' ? wrongVersion(c) : v])));
    },
    'cmd-jurisdiction': () => {
      const c = anyCase();
      return pick(rng, [
        () => post('cmd-jurisdiction', commands(w.other.id), text(valid(w.other, 'note'))), // another township's case: 404
        () => post('cmd-jurisdiction', commands(c.id), text(valid(c, pick(rng, CENTRE_ONLY))), w.worker), // not the centre: 403
        () => post('cmd-jurisdiction', commands(w.other.id), text(valid(w.other, 'note')), w.worker),
        () => post('cmd-jurisdiction', commands(c.id), text(valid(c)), w.display), // a wall display only watches
        () => post('cmd-jurisdiction', commands(c.id), text(valid(c)), w.apiKey), // an API key posts incidents only
        () => post('cmd-jurisdiction', commands(c.id), text(valid(c)), w.anonymous),
        () => ({ kind: 'cmd-jurisdiction', method: 'GET', route: `/api/v1/cases/${w.other.id}` }),
        () => ({ kind: 'cmd-jurisdiction', method: 'GET', route: `/api/v1/cases/${c.id}`, headers: w.apiKey }),
      ] as (() => HttpCase)[])();
    },
    'cmd-stage': () => {
      const c = anyCase();
      return post('cmd-stage', commands(c.id), text(valid(c, pick(rng, FORBIDDEN[c.stage]))));
    },
    'cmd-huge': () => {
      const c = anyCase();
      const size = pick(rng, [2001, 10_000, 100_000, 900_000, 1_100_000, 5_000_000]);
      const field = pick(rng, [['text', 'note'], ['reason', 'escalate'], ['note', 'feedback'], ['photos', 'feedback']] as const);
      // `size` code points: one more than a text may have, or far more (a body past the limit too).
      const value: JsonLike = field[0] === 'photos' ? Array.from({ length: Math.ceil(size / 40) }, (_, k) => `p${k}`) : pick(rng, ['x', '消', '😀']).repeat(size);
      return post('cmd-huge', commands(c.id), text([['type', field[1]], [field[0], value], ['expectedVersion', c.version]]));
    },
    'cmd-body': () => {
      const c = anyCase();
      const good = text(valid(c));
      const note = text(valid(c, 'note'));
      return pick(rng, [
        () => post('cmd-body', commands(c.id), good.slice(0, int(rng, 1, good.length - 1))),
        () => post('cmd-body', commands(c.id), `${good}x`),
        () => post('cmd-body', commands(c.id), pick(rng, ['', ' ', 'null', '0', '"note"', 'true', '[]', '[1]', `[${good}]`, '{}', '\ufeff{}'])),
        () => post('cmd-body', commands(c.id), good, undefined, pick(rng, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json5', 'image/jpeg'])),
        () => post('cmd-body', commands(c.id), note.replace('补充', pick(rng, ['\\udfff', '补\\ud800充', '\\ud83d']))),
        () => post('cmd-body', commands(c.id), new Uint8Array([...enc(good.slice(0, -2)), 0xff, 0xfe, ...enc('"}')])),
        () => post('cmd-body', commands(c.id), note.replace('"补充"', deepArray(int(rng, 1000, 100_000)))),
        () => post('cmd-body', commands(c.id), good, { 'content-encoding': pick(rng, ['gzip', 'br', 'deflate', 'x']) }),
      ] as (() => HttpCase)[])();
    },
    batch: () => {
      const junkItem = (): JsonLike => {
        const c = anyCase();
        return pick(rng, [
          () => null, () => 1, () => 'x', () => [], () => obj({}), () => obj({ caseId: 1, type: 'accept', expectedVersion: 1 }), () => obj({ caseId: '', type: 'accept', expectedVersion: 1 }),
          () => obj({ caseId: 'x'.repeat(129), type: 'note', text: 'x', expectedVersion: 1 }), () => obj({ caseId: 'no-such-case', type: 'accept', expectedVersion: 1 }),
          () => ({ pairs: [['caseId', c.id], ...valid(c).map(([k, v]): [string, JsonLike] => [k, k === 'expectedVersion' ? wrongVersion(c) : v])] }),
          () => ({ pairs: [['caseId', c.id], ...defective(rng, c, w)] }),
          () => ({ pairs: [['caseId', w.other.id], ...valid(w.other, 'note')] }),
          () => ({ pairs: [['__proto__', obj({ caseId: c.id })], ...valid(c)] }),
          () => ({ pairs: [['caseId', '__proto__'], ...valid(c, 'note')] }),
        ] as (() => JsonLike)[])();
      };
      const route = '/api/v1/cases/commands';
      return pick(rng, [
        () => post('batch', route, pick(rng, ['{}', `{"caseId":"${anyCase().id}","type":"note","text":"x","expectedVersion":1}`, 'null', '"x"', '1', 'true', '[]', '', '[', '[1,]'])),
        () => post('batch', route, jsonText(Array.from({ length: 501 }, junkItem))),
        () => post('batch', route, jsonText(Array.from({ length: int(rng, 1, 40) }, junkItem))),
        () => post('batch', route, jsonText(Array.from({ length: int(rng, 1, 40) }, junkItem))),
        () => post('batch', route, jsonText(Array.from({ length: int(rng, 1, 40) }, junkItem))),
        () => post('batch', route, jsonText([junkItem()]), pick(rng, [w.worker, w.display, w.apiKey, w.anonymous])),
        () => post('batch', route, jsonText([junkItem()]), undefined, 'text/plain'),
      ] as (() => HttpCase)[])();
    },
    'case-query': () => {
      const bad: Record<string, string[]> = {
        tab: ['', 'later', 'NEW', 'new ', '%ff', '待受理'], stage: ['', 'done', 'INTAKE', '%ff'], overdue: ['', 'yes', '1', 'TRUE', 'false '],
        assignee: ['', 'you', 'ME', '1', '%ff'], township: ['', '12345678', '1234567890', 'abcdefghi', '３２１２０２００１'], category: ['', 'FIRE', 'x'],
        source: ['', 'UPPER', 'has space', '-x', 'x'.repeat(65), '%ff'], changedAfterSeq: ['-1', '1.5', 'abc', 'NaN', 'Infinity', '1e400', '', ' ', '0x1f', '%ff', '１', '1e3'],
        sort: ['', 'oldest', 'DUE'], limit: ['0', '-1', '1001', '1.5', 'x', 'NaN', 'Infinity', '', '%ff'],
      };
      const good: Record<string, string> = { tab: 'open', stage: 'intake', overdue: 'true', township: '321202001', limit: '10', sort: 'newest' };
      const q = (k: string, v: string) => `${/%/.test(k) ? k : encodeURIComponent(k)}=${/^%|%$/.test(v) ? v : encodeURIComponent(v)}`;
      const parts = Object.entries(good).filter(() => rng() < 0.3).map(([k, v]) => q(k, v));
      const how = rng();
      if (how < 0.65) {
        const name = pick(rng, Object.keys(bad));
        return { kind: 'case-query', method: 'GET', route: `/api/v1/cases?${[...parts.filter((x) => !x.startsWith(`${name}=`)), q(name, pick(rng, bad[name]!))].join('&')}` };
      }
      if (how < 0.8) return { kind: 'case-query', method: 'GET', route: `/api/v1/cases?${[...parts, q(pick(rng, ['foo', '__proto__', 'constructor', 'prototype', 'tab[]', '__proto__[polluted]', 'LIMIT', 'changedafterseq']), pick(rng, ['1', '', 'x']))].join('&')}` };
      if (how < 0.9) return { kind: 'case-query', method: 'GET', route: `/api/v1/cases?${q('tab', 'new')}&${q('tab', 'open')}` };
      return { kind: 'case-query', method: 'GET', route: `/api/v1/cases/${pick(rng, ['x', '0', 'null', '%2e%2e', '%ff', 'a'.repeat(200), '01a200ef-0000-7000-8000-000000000000', '案件', '%00', '__proto__', 'constructor', 'toString', 'hasOwnProperty', w.other.id])}` };
    },
    'cmd-id': () => {
      const c = anyCase();
      const id = pick(rng, ['x', '0', '__proto__', 'constructor', 'prototype', 'toString', '%00', 'a'.repeat(200), '01a200ef-0000-7000-8000-000000000000', '案件', `${c.id}x`, c.id.toUpperCase(), 'commands']);
      return post('cmd-id', commands(id), text(valid(c)));
    },
    'photo-real': () => {
      const c = anyCase();
      const route = `/api/v1/cases/${c.id}/photos`;
      const junk = pick(rng, ['hello', '<svg xmlns="http://www.w3.org/2000/svg"/>', '<html><body>x</body></html>', 'GIF89a\u0001\u0000\u0001\u0000', '%PDF-1.4\n', 'PK\u0003\u0004', '{"photo":1}', '']);
      const type = pick(rng, ['image/jpeg', 'image/png', 'image/webp'] as const);
      return pick(rng, [
        () => ({ kind: 'photo-real', method: 'POST', route, body: enc(junk), contentType: type }),
        () => ({ kind: 'photo-real', method: 'POST', route, body: w.images[type], contentType: pick(rng, ['text/plain', 'image/gif', 'image/svg+xml', 'application/octet-stream']) }),
        () => ({ kind: 'photo-real', method: 'POST', route: `/api/v1/cases/${w.other.id}/photos`, body: w.images[type], contentType: type }),
        () => ({ kind: 'photo-real', method: 'POST', route, body: w.images[type], contentType: type, headers: pick(rng, [w.display, w.apiKey, w.anonymous]) }),
        () => ({ kind: 'photo-real', method: 'GET', route: `${route}/${pick(rng, ['0190f2a1-7c3e-7a11-8b2c-3d4e5f607182', '..%2F..%2Faccess.sqlite', 'x'])}` }),
      ] as (() => HttpCase)[])();
    },
  };
  const cases: HttpCase[] = [];
  for (const [kind, count] of Object.entries(counts)) {
    const make = makers[kind];
    if (!make) throw new Error(`no generator for ${kind}`);
    for (let i = 0; i < count; i++) cases.push(make());
  }
  return cases;
}
