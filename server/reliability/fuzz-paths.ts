// Spellings of every path of the OpenAPI document, generated from a seed: the same route asked for
// with percent-encoded characters (the router decodes them), doubled slashes, dot segments
// (/./, /x/../, /%2e%2e/), case changes, a trailing slash, a backslash, an encoded slash, a
// fragment or an empty query, alone and combined. Each variant must be answered like the path as
// documented — or 404 when it names no route — never with less protection.
import type { PRNG } from 'seedrandom';

/** One operation of the document, its path parameters filled with real ids. */
export interface Operation {
  method: string;
  /** The documented path, e.g. /api/v1/accounts/{id}. */
  template: string;
  /** The path as sent canonically. */
  path: string;
}

/** A spelling of an operation's path, and how it was made. */
export interface Variant {
  kind: string;
  path: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The operations of an OpenAPI document; `fill` gives a real value per path parameter, by template. */
export function operationsOf(doc: { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> }, fill: Record<string, string>): Operation[] {
  const prefix = doc.servers?.[0]?.url ?? '';
  const out: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const template = `${prefix}${p}`;
    let path = template;
    if (template.includes('{')) {
      const value = fill[template];
      // A new route with a parameter needs a real id here, or its variants would test a 404.
      if (value === undefined) throw new Error(`no value to fill the parameters of ${template}`);
      path = template.replace(/\{[^}]+\}/g, value);
    }
    for (const m of METHODS) if (m in item) out.push({ method: m.toUpperCase(), template, path });
  }
  return out;
}

/** One character (or escape) of a path being respelled; `literal` is false inside a parameter value. */
interface Unit {
  s: string;
  literal: boolean;
}

const pick = <T>(rng: PRNG, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const hex = (rng: PRNG, c: string) => {
  const h = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${rng() < 0.5 ? h.toUpperCase() : h}`;
};
/** An escape (%2e) is one unit, so that a later respelling never cuts it in two. */
const units = (s: string, literal = true): Unit[] => (s.match(/%[0-9A-Fa-f]{2}|[^]/gu) ?? []).map((c) => ({ s: c, literal }));
/** Indexes of the path's slashes, the leading one first. */
const slashes = (u: Unit[]) => u.flatMap((x, i) => (x.s === '/' ? [i] : []));
/** Indexes of single characters that may be respelled (never the leading slash). */
const plain = (u: Unit[], f: (x: Unit) => boolean = () => true) => u.flatMap((x, i) => (i > 0 && x.s.length === 1 && f(x) ? [i] : []));

type Respell = (rng: PRNG, u: Unit[]) => Unit[] | undefined;

const encodeAt = (rng: PRNG, u: Unit[], i: number): Unit[] => u.map((x, k) => (k === i ? { ...x, s: hex(rng, x.s) } : x));
const insertAfter = (u: Unit[], i: number, s: string): Unit[] => [...u.slice(0, i + 1), ...units(s), ...u.slice(i + 1)];

/** The respellings, by kind; each returns undefined when it does not apply to the path. */
const RESPELL: Record<string, Respell> = {
  'encode-one': (rng, u) => {
    const at = plain(u);
    return at.length ? encodeAt(rng, u, pick(rng, at)) : undefined;
  },
  'encode-several': (rng, u) => {
    let v = u;
    for (let n = 2 + Math.floor(rng() * 5); n > 0; n--) {
      const at = plain(v, (x) => x.s !== '/');
      if (at.length) v = encodeAt(rng, v, pick(rng, at));
    }
    return v;
  },
  'encode-segment': (rng, u) => {
    const bounds = [...slashes(u), u.length];
    const k = Math.floor(rng() * (bounds.length - 1));
    return u.map((x, i) => (i > bounds[k]! && i < bounds[k + 1]! && x.s.length === 1 ? { ...x, s: hex(rng, x.s) } : x));
  },
  'double-encode': (rng, u) => {
    const at = plain(u, (x) => x.s !== '/');
    const i = pick(rng, at);
    return u.map((x, k) => (k === i ? { ...x, s: `%25${hex(rng, x.s).slice(1)}` } : x));
  },
  'double-slash': (rng, u) => insertAfter(u, pick(rng, slashes(u)), '/'),
  'dot-segment': (rng, u) => insertAfter(u, pick(rng, slashes(u)), './'),
  'dot-dot-segment': (rng, u) => insertAfter(u, pick(rng, slashes(u)), `${pick(rng, ['x', 'api', 'v1', 'tiles', 'assets'])}/../`),
  'encoded-dot-segment': (rng, u) => insertAfter(u, pick(rng, slashes(u)), pick(rng, ['%2e/', '%2E/', 'x/%2e%2e/', 'x/.%2e/', 'x/%2E./'])),
  case: (rng, u) => {
    const at = plain(u, (x) => x.literal && x.s.toLowerCase() !== x.s.toUpperCase());
    if (!at.length) return undefined;
    let v = u;
    for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
      const i = pick(rng, at);
      v = v.map((x, k) => (k === i ? { ...x, s: x.s === x.s.toUpperCase() ? x.s.toLowerCase() : x.s.toUpperCase() } : x));
    }
    return v;
  },
  'trailing-slash': (_rng, u) => [...u, ...units('/')],
  backslash: (rng, u) => {
    const at = slashes(u).slice(1);
    const i = pick(rng, at);
    return u.map((x, k) => (k === i ? { ...x, s: '\\' } : x));
  },
  'encoded-slash': (rng, u) => {
    const at = slashes(u).slice(1);
    const i = pick(rng, at);
    return u.map((x, k) => (k === i ? { ...x, s: pick(rng, ['%2F', '%2f']) } : x));
  },
};
/** Endings, applied last: what follows the path is no part of it. */
const ENDINGS: Record<string, (rng: PRNG) => string> = {
  fragment: (rng) => pick(rng, ['#', '#x', '#/admin']),
  'empty-query': () => '?',
};

/** Units of an operation's path, marking which characters belong to a parameter value. */
function unitsOf(op: Operation): Unit[] {
  const out: Unit[] = [];
  const parts = op.template.split(/(\{[^}]+\})/);
  let at = 0;
  parts.forEach((part, k) => {
    if (!part.startsWith('{')) {
      out.push(...units(part));
      at += part.length;
      return;
    }
    // The value runs up to the next literal part (or the end).
    const next = parts[k + 1] ?? '';
    const end = next ? op.path.indexOf(next, at) : op.path.length;
    out.push(...units(op.path.slice(at, end), false));
    at = end;
  });
  return out;
}

/** `n` distinct spellings of an operation's path (never the canonical one), from the seed. */
export function pathVariants(rng: PRNG, op: Operation, n: number): Variant[] {
  const kinds = Object.keys(RESPELL);
  const seen = new Set([op.path]);
  const out: Variant[] = [];
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const combined = rng() < 0.3;
    const chosen = combined ? [pick(rng, kinds), pick(rng, kinds)] : [pick(rng, kinds)];
    let u: Unit[] | undefined = unitsOf(op);
    for (const k of chosen) u = u && RESPELL[k]!(rng, u);
    if (!u) continue;
    let path = u.map((x) => x.s).join('');
    const ending = rng() < 0.12 ? pick(rng, Object.keys(ENDINGS)) : undefined;
    if (ending) path += ENDINGS[ending]!(rng);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ kind: [...chosen, ...(ending ? [ending] : [])].join('+'), path });
  }
  return out;
}
