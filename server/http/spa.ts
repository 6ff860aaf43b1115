// Serves the built single-page app (dist/web) and answers unknown paths: API paths get a JSON 404,
// page paths get index.html so client-side routes survive a reload.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';
import { declareRoutesOf } from './route-declarations.ts';
import { API_PREFIX } from './routes.ts';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>一张图 Yizhangtu</title>
<p>The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is up: <a href="${API_PREFIX}/openapi.json">${API_PREFIX}/openapi.json</a></p>`;

/** Registers static serving of `webDir` (when it holds a build) and the not-found handling. */
export function registerSpa(app: FastifyInstance, webDir: string): void {
  const built = existsSync(path.join(webDir, 'index.html'));
  if (built) {
    // The files of the build are public; the plugin's routes get that declaration here.
    app.register(async (files) => {
      declareRoutesOf(files, 'public');
      await files.register(fastifyStatic, {
        root: webDir,
        // index.html must be revalidated so a new build is picked up; hashed assets never change.
        setHeaders(reply, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
        cacheControl: false,
      });
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/api' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send(errorBody(404, `no route ${request.method} ${url}`));
    }
    // A missing file with an extension (a stale asset) is a real 404, not the app.
    if (path.extname(url) !== '' && url !== '/index.html') {
      return reply.code(404).send(errorBody(404, `no file ${url}`));
    }
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    // The static plugin lives in its own scope: its reply.sendFile is not this one's.
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(createReadStream(path.join(webDir, 'index.html')));
  });
}
