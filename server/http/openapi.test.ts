// The OpenAPI document describes exactly the API the server has.
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApp, tempDir } from '../test-fixtures/app.ts';
import { routeDeclarations } from './route-declarations.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const t = tempDir('yzt-openapi-');
  cleanups.push(t.remove);
  const server = await createFixtureApp(t.dir);
  cleanups.push(() => server.close());
  const doc = (await server.app.inject({ url: '/api/v1/openapi.json' })).json();
  return { app: server.app, doc };
}

type Paths = Record<string, Record<string, unknown>>;

/** Every $ref in a JSON value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    const { doc } = await setup();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
  });

  it('documents every API route, and every documented route exists', async () => {
    const { app, doc } = await setup();
    const documented = Object.entries(doc.paths as Paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(
      [
        'GET /health',
        'POST /events',
        'GET /jurisdiction',
        'GET /cameras',
        'GET /routes',
        'GET /units',
        'GET /incidents',
        'GET /incidents/{id}',
        'GET /counts',
        'GET /hotspots',
        'GET /incidents.arrow',
        'GET /heat.arrow',
        'GET /openapi.json',
        'POST /auth/login',
        'POST /auth/logout',
        'GET /auth/me',
        'POST /auth/password',
        'GET /accounts',
        'POST /accounts',
        'PATCH /accounts/{id}',
        'DELETE /accounts/{id}',
        'GET /display-links',
        'POST /display-links',
        'DELETE /display-links/{id}',
        'GET /api-keys',
        'POST /api-keys',
        'DELETE /api-keys/{id}',
        'GET /audit',
        'GET /audit/export',
        'GET /audit/verify',
        'GET /incidents/export',
        'GET /cases',
        'GET /cases/{id}',
        'POST /cases/{id}/commands',
        'POST /cases/commands',
        'POST /cases/{id}/photos',
        'GET /cases/{id}/photos/{photoId}',
        'GET /units/status',
        'POST /units/{id}/commands',
        'GET /cases/{id}/recommendation',
        'POST /cases/{id}/dispatch',
        'GET /cases/{id}/cameras',
        'POST /units/{id}/fixes',
        'GET /units/{id}/track',
      ].sort(),
    );
    // And the other way round, from what the app registered: a route added without its
    // documentation (a case route, say) fails here, whatever the list above says.
    await app.ready();
    const registered = routeDeclarations(app)
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.filter((r) => !documented.includes(r)), 'registered but not documented').toEqual([]);
    expect(documented.filter((d) => !registered.includes(d)), 'documented but not registered').toEqual([]);
    for (const entry of documented) {
      const [method, p] = entry.split(' ') as [string, string];
      const url = `/api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(app.hasRoute({ method: method as 'GET', url }), entry).toBe(true);
    }
  });

  it('resolves every schema reference', async () => {
    const { doc } = await setup();
    for (const ref of refs(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });

  it('describes the incident body from the zod schema the server validates with', async () => {
    const { doc } = await setup();
    const input = doc.components.schemas.IncidentInput;
    expect(input.required).toEqual(['source', 'sourceId', 'category', 'priority', 'lng', 'lat', 'occurredAt']);
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.lat).toMatchObject({ minimum: -90, maximum: 90 });
  });

  it('lists the query parameters of /incidents', async () => {
    const { doc } = await setup();
    const names = (doc.paths['/incidents'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['since', 'until', 'township', 'category', 'limit']));
  });
});
