// A display link is redeemed at /display/<token> and at a page of the app with ?display=<token>
// (/?display=… is the address handed out): no other spelling of a path redeems it, and no spelling
// serves the app with the token left unredeemed in the address bar.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { displayCookie } from '../test-fixtures/auth.ts';
import { rawRequest } from '../test-fixtures/raw-http.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('display link redemption', () => {
  it('happens at its addresses only, and no spelling shows the app with the token unredeemed', async () => {
    const t = tempDir('yzt-display-');
    cleanups.push(t.remove);
    const webDir = path.join(t.dir, 'web');
    mkdirSync(webDir, { recursive: true });
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const server = await createFixtureApp(path.join(t.dir, 'data'), { webDir });
    cleanups.push(() => server.close());
    const { url } = await server.listen(0, '127.0.0.1');
    const { token } = displayCookie(server, '321202001');

    const answers: Record<string, string> = {};
    const probes: [string, string][] = [
      ['GET', `/?display=${token}`],
      ['GET', `/display/${token}`],
      ['GET', `/%64isplay/${token}`], // the same route, decoded by the router: redeemed like it
      ['GET', `/%3Fdisplay=${token}`],
      ['GET', `//?display=${token}`],
      ['GET', `/./?display=${token}`],
      ['GET', `/%2F?display=${token}`],
      ['GET', `/api/v1/health?display=${token}`],
      ['GET', `/wall?display=${token}`],
      ['POST', `/?display=${token}`],
      ['HEAD', `/?display=${token}`],
    ];
    for (const [method, target] of probes) {
      const res = await rawRequest(url, method, target);
      const redeemed = String(res.headers['set-cookie'] ?? '').includes('yzt_session=');
      answers[`${method} ${target.replace(token, '<token>')}`] = `${res.status}${redeemed ? ' redeemed' : ''}`;
    }
    console.log(`[display link] ${JSON.stringify(answers)}`);
    expect(answers).toEqual({
      'GET /?display=<token>': '303 redeemed',
      'GET /display/<token>': '303 redeemed',
      'GET /%64isplay/<token>': '303 redeemed',
      'GET /%3Fdisplay=<token>': '404',
      'GET //?display=<token>': '404',
      'GET /./?display=<token>': '404',
      'GET /%2F?display=<token>': '404',
      'GET /api/v1/health?display=<token>': '200',
      // Any page of the app redeems it: none is shown with the token in its address.
      'GET /wall?display=<token>': '303 redeemed',
      'POST /?display=<token>': '404',
      'HEAD /?display=<token>': '200',
    });
  });

  it('puts wrong links on record without letting a flood of them flood the audit log', async () => {
    const t = tempDir('yzt-display-flood-');
    cleanups.push(t.remove);
    const server = await createFixtureApp(t.dir);
    cleanups.push(() => server.close());
    const before = server.access.audit.count();
    for (let k = 0; k < 50; k++) {
      const res = await server.app.inject({ url: `/display/yzd_wrong-${k}`, remoteAddress: '10.1.2.3' });
      expect(res.statusCode).toBe(404);
    }
    const entries = server.access.audit.list({ action: 'display.refused', limit: 100 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ ip: '10.1.2.3', details: { reason: expect.stringContaining('display link') } });
    expect(server.access.audit.count() - before).toBe(1);
  });
});
