// Malformed POST /api/v1/events requests, generated deterministically from a seed. Every case is
// malformed by construction (each item carries at least one defect that no valid incident has), so
// the only right answer is a 4xx that names the reason. Bodies are written as text here, not with
// JSON.stringify, so they can hold what JSON.stringify cannot: bare NaN / Infinity tokens,
// `__proto__` keys, repeated keys, invalid UTF-8 bytes.
import type { PRNG } from 'seedrandom';
import { TEST_SOURCE } from './client.ts';
import type { Point } from './incidents.ts';

/** A token written into the JSON text as is (NaN, 1e400, …). */
export class Raw {
  constructor(readonly text: string) {}
}
/** A JSON object as ordered key/value pairs (keys may repeat, may be `__proto__`). */
export type Pairs = [string, JsonLike][];
export type JsonLike = null | boolean | number | string | Raw | JsonLike[] | { pairs: Pairs };

export function jsonText(v: JsonLike): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${v.pairs.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

export interface HttpCase {
  kind: string;
  method: 'GET' | 'POST';
  route: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  headers?: Record<string, string>;
}

const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Values no valid incident has, per field (raw tokens make the whole body invalid JSON). */
const BAD: Record<string, JsonLike[]> = {
  lng: ['NaN', 'Infinity', '-Infinity', null, true, '119.9', 181, -180.000001, 1e308, -1e308, [], { pairs: [] }, [119.9, 32.4], new Raw('NaN'), new Raw('Infinity'), new Raw('-Infinity'), new Raw('1e400'), new Raw('-1e400'), new Raw('0x1F'), new Raw('+1'), new Raw('.5'), new Raw('01'), new Raw('1.'), new Raw('undefined')],
  lat: [91, -91, 90.000001, 'NaN', 'Infinity', null, false, '32.48', 1e308, new Raw('NaN'), new Raw('Infinity'), new Raw('1e400'), new Raw('-0x5A'), [32.48], { pairs: [['value', 32.48]] }],
  source: ['', 'UPPER', 'has space', 'x'.repeat(65), '-leading', '源', 'a/b', 1, null, [], { pairs: [] }, true],
  sourceId: ['', ' ', '   ', '\u0000', 'id\u0000', '\t', 'a\nb', '\u007f', '\u0085', 'x'.repeat(129), '😀'.repeat(129), 1, null, [], { pairs: [] }, true],
  category: ['', 'FIRE', 'fire ', 'unknown', '消防', 0, null, ['fire'], { pairs: [] }],
  priority: ['', 'URGENT', 'critical', 'normal ', 1, null, ['high'], { pairs: [] }],
  occurredAt: ['', 'yesterday', '2026-13-01T00:00:00Z', '2026-11-22T08:00:00', '2026-11-22', '2999-01-01T00:00:00Z', '2026-02-30T08:00:00Z', '2026-11-22T25:00:00Z', '2026-11-22T08:00:00+25:00', 0, 1.7e12, null, [], true],
  description: ['x'.repeat(2001), '消'.repeat(2001), '😀'.repeat(2001), 1, null, [], { pairs: [] }, true, new Raw(deepArray(10_000))],
};
// Not source: it may be left out, the credential names it.
const REQUIRED = ['sourceId', 'category', 'priority', 'lng', 'lat', 'occurredAt'];
const STRAY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'lat ', 'Lat', 'a'.repeat(1000), 'id', 'seq'];
const STRAY_VALUES: JsonLike[] = [{ pairs: [['polluted', 'yes']] }, { pairs: [['prototype', { pairs: [['polluted', 'yes']] }]] }, 1, null, 'x'];

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Generates the cases; `valid(n)` gives the fields of a valid incident for the n-th case. */
export function bodyCases(rng: PRNG, point: Point, nowMs: number, counts: Record<string, number>): HttpCase[] {
  let n = 0;
  const valid = (): Pairs => [
    ['source', TEST_SOURCE],
    ['sourceId', `fz-${n++}`],
    ['category', 'dispute'],
    ['priority', 'normal'],
    ['lng', point.lng],
    ['lat', point.lat],
    ['occurredAt', new Date(nowMs - 3_600_000).toISOString()],
    ['description', '模糊测试'],
  ];
  const set = (p: Pairs, key: string, v: JsonLike) => p.map(([k, x]): [string, JsonLike] => [k, k === key ? v : x]);

  /** One item with 1–3 defects. */
  function badItem(): Pairs {
    let p = valid();
    const defects = 1 + Math.floor(rng() * 3);
    let swapped = false;
    for (let d = 0; d < defects; d++) {
      let how = rng();
      if (swapped && how >= 0.55 && how < 0.65) how = 0; // swapping twice would undo it
      swapped ||= how >= 0.55 && how < 0.65;
      if (how < 0.55) {
        const field = pick(rng, Object.keys(BAD));
        p = set(p, field, pick(rng, BAD[field]!));
      } else if (how < 0.65) {
        const lng = p.find(([k]) => k === 'lng')?.[1] ?? null, lat = p.find(([k]) => k === 'lat')?.[1] ?? null;
        p = set(set(p, 'lng', lat), 'lat', lng); // swapped: lat becomes ~119.9
      } else if (how < 0.72) {
        p = set(set(p, 'lng', pick(rng, [0, 179.9, -120, 116.4])), 'lat', pick(rng, [0, 89.9, 39.9, -33.9])); // in range, outside the county
      } else if (how < 0.82) {
        const gone = pick(rng, REQUIRED);
        p = p.filter(([k]) => k !== gone);
      } else if (how < 0.95) {
        p.splice(Math.floor(rng() * (p.length + 1)), 0, [pick(rng, STRAY_KEYS), pick(rng, STRAY_VALUES)]);
      } else {
        const field = pick(rng, ['lng', 'lat', 'category']);
        p.push([field, pick(rng, BAD[field]!)]); // repeated key, the bad one last (JSON.parse keeps the last)
      }
    }
    return p;
  }

  const json = (kind: string, text: string | Uint8Array<ArrayBuffer>, contentType = 'application/json', headers?: Record<string, string>): HttpCase => ({
    kind, method: 'POST', route: '/api/v1/events', body: text, contentType, ...(headers && { headers }),
  });
  const validText = () => jsonText({ pairs: valid() });
  const enc = (s: string) => new TextEncoder().encode(s);
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of parts) {
      out.set(x, at);
      at += x.length;
    }
    return out;
  };

  const makers: Record<string, () => HttpCase> = {
    field: () => {
      const items = Array.from({ length: 1 + Math.floor(rng() * 5) }, () => ({ pairs: badItem() }));
      return json('field', jsonText(items.length === 1 && rng() < 0.5 ? items[0]! : items));
    },
    'body-type': () => json('body-type', pick(rng, ['null', '0', '-1', '1e400', '"incident"', 'true', 'false', '[]', '[1]', '[null]', '[[]]', '[true]', '["x"]', '{}', '[{}]', '[[{}]]', `"${'x'.repeat(1000)}"`])),
    syntax: () => {
      const text = validText();
      const broken = pick(rng, [
        () => text.slice(0, 1 + Math.floor(rng() * (text.length - 1))), // truncated: never a whole value
        () => `${text}x`, () => `${text}${text}`, () => `${text},`, () => `[${text},]`,
        () => text.replace(/"/g, "'"), () => `/* c */${text}`, () => text.replace('"source"', 'source'),
        () => text.replace('模糊测试', '模糊\n测试'), () => `\ufeff${text}`, () => text.replace('{', '{\u0000'), () => `{"a":1}}`,
      ])();
      return json('syntax', broken);
    },
    deep: () => json('deep', pick(rng, [
      () => deepArray(10_000), () => deepObject(10_000), () => deepArray(100_000),
      () => validText().replace('"模糊测试"', deepArray(10_000)), () => validText().replace(/"lat":[^,]+/, `"lat":${deepObject(10_000)}`),
    ])()),
    'huge-array': () => json('huge-array', pick(rng, [
      () => `[${Array.from({ length: 1001 }, validText).join(',')}]`, () => `[${new Array(100_000).fill('0').join(',')}]`,
      () => `[${new Array(1000).fill('{}').join(',')}]`, () => `[${new Array(1000).fill(null).map(() => jsonText({ pairs: badItem() })).join(',')}]`,
    ])()),
    '5mb': () => json('5mb', pick(rng, [
      () => validText().replace('模糊测试', 'x'.repeat(5_000_000)), () => `[${new Array(2_500_000).fill('0').join(',')}]`, () => ' '.repeat(5_000_000), () => deepArray(2_500_000),
    ])()),
    utf8: () => {
      const [before, after] = validText().split('模糊测试') as [string, string];
      const bad = pick(rng, [[0xff], [0xfe], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe4, 0xb8], [0x80], [0xf4, 0x90, 0x80, 0x80]]);
      if (rng() < 0.3) return json('utf8', before + pick(rng, ['\\ud800', '\\udfff', '\\ud83d', 'ok\\udc00ok']) + after); // escaped lone surrogate
      return json('utf8', concat(enc(before), Uint8Array.from(bad), enc(after)));
    },
    'content-type': () => {
      if (rng() < 0.2) {
        const enc = pick(rng, ['gzip', 'br', 'deflate', 'snappy', 'gzip, gzip', 'identity;q=x']);
        return json('content-encoding', validText(), 'application/json', { 'content-encoding': enc });
      }
      const type = pick(rng, ['text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', undefined, 'application/json-patch+json', 'application/jsonx', 'application/json5', 'json', 'application/', '*/*', 'text/json', 'application/x-ndjson']);
      return { kind: 'content-type', method: 'POST', route: '/api/v1/events', body: enc(validText()), ...(type !== undefined && { contentType: type }) };
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
