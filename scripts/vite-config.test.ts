// `npm run dev`: Vite's dev server must proxy to the port the API server listens on (PORT), or
// every API call answers 502 through it when PORT is set.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserConfig } from 'vite';

const saved = process.env.PORT;
afterEach(() => {
  if (saved === undefined) delete process.env.PORT;
  else process.env.PORT = saved;
});

async function proxyOf(port: string | undefined): Promise<Record<string, unknown>> {
  if (port === undefined) delete process.env.PORT;
  else process.env.PORT = port;
  // A fresh evaluation of the config file per case (it reads PORT when loaded).
  vi.resetModules();
  const config = (await import('../vite.config.ts')).default as UserConfig;
  return config.server!.proxy as Record<string, unknown>;
}

describe('the dev server proxy', () => {
  it('follows PORT', async () => {
    const proxy = await proxyOf('9137');
    expect(proxy['/api']).toBe('http://127.0.0.1:9137');
    expect(proxy['/tiles']).toBe('http://127.0.0.1:9137');
    expect(proxy['/socket.io']).toEqual({ target: 'http://127.0.0.1:9137', ws: true });
  });

  it('uses the server default 8080 without PORT', async () => {
    expect((await proxyOf(undefined))['/api']).toBe('http://127.0.0.1:8080');
  });
});
