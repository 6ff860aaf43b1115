// The rule that decides which pages may act with a session cookie, table-tested: Origin against
// the request's own origin (scheme, host and port) or ALLOWED_ORIGINS; without Origin,
// Sec-Fetch-Site; with neither, not a browser.
import { describe, expect, it } from 'vitest';
import { originOf, originRefusal } from './origin.ts';

const OWN = originOf('http', '127.0.0.1:8080');

describe('originOf', () => {
  it('normalises scheme, host and default port, and refuses a malformed Host', () => {
    expect(OWN).toBe('http://127.0.0.1:8080');
    expect(originOf('HTTPS', 'Wall.Example.org:443')).toBe('https://wall.example.org');
    expect(originOf('http', '[::1]:3000')).toBe('http://[::1]:3000');
    expect(originOf('http', 'evil.example/x')).toBeNull();
    expect(originOf('http', '')).toBeNull();
    expect(originOf('ftp', 'host')).toBeNull();
    expect(originOf('https, http', 'host')).toBeNull();
  });
});

describe('originRefusal', () => {
  const cases: [string, Record<string, string>, readonly string[], boolean][] = [
    ['own origin', { origin: 'http://127.0.0.1:8080' }, [], true],
    ['https page on an http request', { origin: 'https://127.0.0.1:8080' }, [], false],
    ['other port', { origin: 'http://127.0.0.1:8081' }, [], false],
    ['other host', { origin: 'http://evil.example:8080' }, [], false],
    ['"null" (sandboxed frame, file://)', { origin: 'null' }, [], false],
    ['garbage', { origin: 'not an origin' }, [], false],
    ['a configured origin', { origin: 'https://wall.example.org' }, ['https://wall.example.org'], true],
    ['own origin when others are configured', { origin: 'http://127.0.0.1:8080' }, ['https://wall.example.org'], false],
    ['no Origin, same-origin fetch', { 'sec-fetch-site': 'same-origin' }, [], true],
    ['no Origin, typed by the user', { 'sec-fetch-site': 'none' }, [], true],
    ['no Origin, same-site page', { 'sec-fetch-site': 'same-site' }, [], false],
    ['no Origin, cross-site page', { 'sec-fetch-site': 'cross-site' }, [], false],
    ['no Origin, cross-site page, allowlist set', { 'sec-fetch-site': 'cross-site' }, ['https://wall.example.org'], false],
    ['neither header: not a browser', {}, [], true],
    ['Origin decides over Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, [], false],
  ];
  it.each(cases)('%s', (_name, headers, allowlist, allowed) => {
    const why = originRefusal(headers, OWN, allowlist);
    expect(why === undefined, why).toBe(allowed);
    if (!allowed) expect(why).toMatch(/^(origin .* not allowed|sec-fetch-site .* without an Origin header)$/);
  });

  it('compares origins, not spellings: a default port spelled out is the same origin', () => {
    expect(originRefusal({ origin: 'https://wall.example.org:443' }, originOf('https', 'wall.example.org'), [])).toBeUndefined();
    expect(originRefusal({ origin: 'https://wall.example.org:443' }, null, ['https://wall.example.org'])).toBeUndefined();
  });

  it('refuses every Origin when the request\'s own origin is unknown (malformed Host)', () => {
    expect(originRefusal({ origin: 'http://127.0.0.1:8080' }, null, [])).toBe('origin http://127.0.0.1:8080 not allowed');
  });
});
